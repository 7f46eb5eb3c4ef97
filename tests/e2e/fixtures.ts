import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../app/utils/demo-personas";

// Fixtures shared by every browser test: sign in as a persona, and an axe check that fails on
// any WCAG 2.2 A/AA violation. A console error on a page fails the test that caused it.

export const test = base.extend<{
  signInAs: (email: string) => Promise<void>;
  checkA11y: (page?: Page) => Promise<void>;
  /** A second person in their own browser context, signed in with the demo persona picker. */
  pageAs: (personaName: string) => Promise<Page>;
}>({
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await use(page);
    expect(errors, "console errors on the page").toEqual([]);
  },
  signInAs: async ({ page }, use) => {
    await use(async (email: string) => {
      await page.goto("/sign-in");
      await page.getByLabel("Email address").fill(email);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
    });
  },
  pageAs: async ({ browser }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async (personaName: string) => {
      const context = await browser.newContext();
      contexts.push(context);
      const other = await context.newPage();
      await other.goto("/sign-in");
      await other.getByRole("button", { name: `Sign in as ${personaName}` }).click();
      await other.waitForURL(/\/dashboard$/);
      return other;
    });
    for (const context of contexts) await context.close();
  },
  checkA11y: async ({ page }, use) => {
    await use(async (target = page) => {
      const results = await new AxeBuilder({ page: target }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
      expect(summary, `axe violations on ${target.url()}`).toEqual([]);
    });
  },
});

/** Someone who is not a demo persona (a SENCo, a local officer), signed in with the demo password in their own browser context. */
export async function signInWithPassword(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/dashboard$/);
  return page;
}

export { expect };
