import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Browser, type Locator, type Page } from "@playwright/test";
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

/** Answers for raiseConcern: labels as the pages show them. */
export interface ConcernAnswers {
  /** The child's full name, when the person has more than one child. */
  child?: string;
  process?: string[];
  substance?: string[];
  /** A register decision's label, or omitted for "not about one decision" (asked only when the child has decisions). */
  decision?: string;
  summary: string;
  outcome?: string;
  health?: "Yes" | "No";
  /** When they found out: [day, month, year]. */
  foundOut?: [string, string, string];
  /** Called on every page of the journey (axe, screenshots). */
  onPage?: (page: Page) => Promise<void>;
  /** Start from the page already open (a link from the register page that names the child and decision). */
  startHere?: boolean;
}

/**
 * Raises a concern through the question pages (docs/decisions/025): Start, each question, check
 * your answers, Send. Works with and without JavaScript. Returns the concern's reference and the
 * URL of its (first) case, and leaves the page on that case.
 */
export async function raiseConcern(page: Page, answers: ConcernAnswers): Promise<{ ref: string; caseUrl: string }> {
  if (!answers.startHere) await page.goto("/concerns/new");
  await expect(page.getByRole("heading", { level: 1, name: "Raise a concern" })).toBeVisible();
  await answers.onPage?.(page);
  const start = page.url();
  await page.getByRole("button", { name: "Start now" }).click();
  await expect(page).not.toHaveURL(start);
  for (let guard = 0; guard < 12; guard++) {
    await page.waitForURL(/\/concerns\/new\/[^/]+\/(child|about|decision|details|outcome|health|aware|check)(\?.*)?$/);
    const step = /\/concerns\/new\/[^/]+\/(\w+)/.exec(page.url())?.[1];
    await answers.onPage?.(page);
    if (step === "check") break;
    if (step === "child")
      await page
        .getByRole("radio", { name: answers.child ?? /./ })
        .first()
        .check();
    if (step === "about") for (const label of [...(answers.process ?? []), ...(answers.substance ?? [])]) await page.getByRole("checkbox", { name: label, exact: true }).check();
    if (step === "decision" && (answers.decision || !(await page.getByRole("radio", { checked: true }).count()))) {
      await page.getByRole("radio", { name: answers.decision ?? "No, it is not about one decision" }).check();
    }
    if (step === "details") await page.getByLabel("Describe your concern").fill(answers.summary);
    if (step === "outcome" && answers.outcome) await page.getByLabel("What would you like to happen? (optional)").fill(answers.outcome);
    if (step === "health") await page.getByRole("radio", { name: answers.health ?? "No" }).check();
    if (step === "aware" && answers.foundOut) {
      const [day, month, year] = answers.foundOut;
      await page.getByLabel("Day").fill(day);
      await page.getByLabel("Month").fill(month);
      await page.getByLabel("Year").fill(year);
    }
    // On to the next page: wait until it is there before reading which question it asks.
    const asked = page.url();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).not.toHaveURL(asked);
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your answers before sending your concern");
  await page.getByRole("button", { name: "Send concern" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Concern sent" })).toBeVisible();
  await answers.onPage?.(page);
  const ref = (await page.locator(".govuk-panel__body strong").textContent()) ?? "";
  expect(ref).toMatch(/^RC-\d{4}-[A-Z0-9]{6}$/);
  await page
    .getByRole("link", { name: /^See your concern/ })
    .first()
    .click();
  await page.waitForURL(/\/cases\/[a-z0-9]+$/);
  return { ref, caseUrl: page.url() };
}

/** Fills a GOV.UK date input (day, month, year boxes) found by its legend, with a YYYY-MM-DD date. */
export async function fillDate(page: Page | Locator, legend: string | RegExp, iso: string) {
  const [year, month, day] = iso.split("-");
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(String(Number(day)));
  await group.getByLabel("Month").fill(String(Number(month)));
  await group.getByLabel("Year").fill(year ?? "");
}
