// Look at what you built: signs in as a demo persona (or "-" for signed out), visits each path
// (or "click:<link>", "button:<name>") and saves a full-page PNG per step.
//   node scripts/screenshot.mjs http://localhost:3000 "Amira Hussain" /tmp/amira.png /dashboard /cases
// NOJS=1 takes them with JavaScript off; WIDTH=320 sets the viewport width (default 1280).
import { chromium } from "@playwright/test";
const [, , base, persona, out, ...paths] = process.argv;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: Number(process.env.WIDTH ?? 1280), height: 900 }, javaScriptEnabled: !process.env.NOJS });
if (persona !== "-") {
  await page.goto(base + "/sign-in");
  await page.getByRole("button", { name: `Sign in as ${persona}` }).click();
  await page.waitForURL(/dashboard/);
}
let i = 0;
for (const p of paths) {
  if (p.startsWith("click:")) {
    await page
      .getByRole("link", { name: p.slice(6) })
      .first()
      .click();
    await page.waitForTimeout(800);
  } else if (p.startsWith("button:")) {
    await page
      .getByRole("button", { name: p.slice(7) })
      .first()
      .click();
    await page.waitForTimeout(800);
  } else {
    await page.goto(base + p);
  }
  await page.screenshot({ path: out.replace(".png", `-${i++}.png`), fullPage: true });
  console.log(page.url(), await page.locator("h1").first().textContent());
}
await browser.close();
