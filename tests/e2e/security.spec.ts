import { DEMO_PASSWORD } from "../../app/utils/demo-personas";
import { expect, test } from "./fixtures";

// HTTP-level protections, through a real browser and the real server (docs/decisions/009).

test("pages carry a nonce CSP that the page's own scripts satisfy, and are never cached", async ({ page, signInAs }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const response = await page.goto("/sign-in");
  const headers = response!.headers();
  const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "")?.[1];
  expect(nonce).toBeTruthy();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["cache-control"]).toBe("no-store");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  // GOV.UK Frontend's body-class snippet ran before paint, allowed by the nonce.
  await expect(page.locator("body")).toHaveClass(/js-enabled/);
  await signInAs("amira.hussain@example.com");
  const data = await page.request.get("/dashboard?_data=routes%2Fdashboard");
  expect(data.headers()["cache-control"]).toBe("no-store");
  expect(violations).toEqual([]);
});

test("a form on another site cannot sign the visitor in as someone else (login CSRF)", async ({ page, baseURL }) => {
  // A page that is not ours (about:blank has an opaque origin) with a form aimed at our sign-in.
  await page.goto("about:blank");
  await page.setContent(
    `<form method="post" action="${baseURL}/sign-in?_data=routes%2Fsign-in"><input name="email" value="admin@redress.example.org.uk"><input name="password" value="${DEMO_PASSWORD}"><button>Go</button></form>`,
  );
  const [response] = await Promise.all([page.waitForResponse(/\/sign-in/), page.getByRole("button", { name: "Go" }).click()]);
  expect(response.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This form must be sent from Redress");
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/); // still signed out
});

test("a cross-site ?_data= post cannot withdraw a family's case", async ({ page, signInAs }) => {
  await signInAs("amira.hussain@example.com");
  await page.goto("/cases");
  // A case of hers that she could withdraw herself.
  let href = "";
  let before: { view: { stateValue: string }; actions: { type: string }[] } | undefined;
  for (const link of await page.getByRole("link", { name: /^RC-/ }).all()) {
    href = (await link.getAttribute("href")) ?? "";
    before = await (await page.request.get(`${href}?_data=routes%2Fcases.%24caseId._index`)).json();
    if (before?.actions.some((a) => a.type === "WITHDRAW")) break;
  }
  expect(before?.actions.map((a) => a.type)).toContain("WITHDRAW");
  const data = `${href}?_data=routes%2Fcases.%24caseId._index`;
  const attack = await page.request.post(`${href}/withdraw?_data=routes%2Fcases.%24caseId.%24action`, {
    headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    form: { version: "0", reason: "forged" },
  });
  expect(attack.status()).toBe(403);
  expect(await attack.text()).toContain("nothing was changed");
  const after = (await (await page.request.get(data)).json()) as { view: { stateValue: string } };
  expect(after.view.stateValue).toBe(before!.view.stateValue);
});

test("a hostile redirectTo after sign-in stays on this site", async ({ page }) => {
  // A tab (which browsers drop, making "//evil.example") is refused at the door.
  expect((await page.goto("/sign-in?redirectTo=%2F%09%2Fevil.example"))?.status()).toBe(400);
  await page.goto("/sign-in?redirectTo=%2F%5Cevil.example");
  await page.getByLabel("Email address").fill("tyler.brown@example.com");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("oversized, non-form and NUL-carrying requests get readable 4xx answers", async ({ page }) => {
  const big = await page.request.post("/sign-in", { form: { email: "a".repeat(200_000), password: "x" } });
  expect(big.status()).toBe(413);
  expect(await big.text()).toContain("too large");
  const json = await page.request.post("/sign-in", { data: { email: "a@b.c" } });
  expect(json.status()).toBe(415);
  expect((await page.request.get("/cases/abc%00def")).status()).toBe(400);
  const nul = await page.request.post("/sign-in", { form: { email: "a\u0000@b.c", password: "x" } });
  expect(nul.status()).toBe(400);
});

test("a person sees where else they are signed in and signs that session out", async ({ page, pageAs, signInAs, checkA11y }) => {
  const elsewhere = await pageAs("Gareth Evans");
  await signInAs("gareth.evans@example.com");
  await page.getByRole("link", { name: "Your sessions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Where you are signed in" })).toBeVisible();
  const rows = page.getByRole("table", { name: "Your sessions" }).getByRole("row");
  const count = await rows.count();
  expect(count).toBeGreaterThanOrEqual(3); // header + this device + the other browser (+ earlier tests')
  await expect(page.getByText("This device")).toBeVisible();
  await checkA11y();
  // Newest first: the first other session is the browser that signed in just before this one.
  await page
    .getByRole("button", { name: /^Sign out Chrome on/ })
    .first()
    .click();
  await expect(page.getByText("Session signed out")).toBeVisible();
  await expect(rows).toHaveCount(count - 1);
  await elsewhere.goto("/cases");
  await expect(elsewhere).toHaveURL(/\/sign-in/);
});
