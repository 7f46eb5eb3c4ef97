import { expect, raiseConcern, test } from "./fixtures";

// Raising a concern as GOV.UK question pages (docs/decisions/025): one question a page, saved in a
// draft after every page, check your answers with Change links, a confirmation with the reference
// and the date the setting must acknowledge by; with and without JavaScript.

test("the whole journey, with axe on every page: the answers are checked, one changed, and the concern sent once", async ({ page, signInAs, checkA11y }) => {
  test.setTimeout(120_000); // axe on eleven pages
  await signInAs("amira.hussain@example.com");
  await page.goto("/concerns/new");
  await checkA11y();
  await page.getByRole("button", { name: "Start now" }).click();
  // Amira has one child: no "who is it about" page with a single choice.
  await expect(page).toHaveURL(/\/concerns\/new\/[^/]+\/about$/);
  await expect(page).toHaveTitle("What is your concern about? – Raise a concern – Redress");
  await checkA11y();
  await page.getByRole("checkbox", { name: "The amount of support", exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  // Yusuf has register decisions: is it about one of them?
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Is your concern about one of these register decisions?");
  await checkA11y();
  await page.getByRole("radio", { name: "No, it is not about one decision" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Describe your concern");
  await checkA11y();
  await page.getByLabel("Describe your concern").fill("Yusuf's one-to-one hours were cut from ten to four without a review.");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What would you like to happen? (optional)");
  await checkA11y();
  // A fresh field: the previous page's answer is not carried into this one (one route serves every step).
  await expect(page.getByLabel("What would you like to happen? (optional)")).toHaveValue("");
  await page.getByLabel("What would you like to happen? (optional)").fill("Put the ten hours back until the review is held.");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Are health services involved in your child's support?");
  await checkA11y();
  await page.getByRole("radio", { name: "No" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("When did you first find out about this? (optional)");
  await checkA11y();
  await page.getByLabel("Day").fill("3");
  await page.getByLabel("Month").fill("11");
  await page.getByLabel("Year").fill("2026");
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your answers before sending your concern");
  await checkA11y();
  const answers = page.locator(".govuk-summary-list");
  await expect(answers).toContainText("Yusuf Hussain");
  await expect(answers).toContainText("The amount of support");
  await expect(answers).toContainText("Put the ten hours back until the review is held.");
  await expect(answers).toContainText("3 November 2026");

  // Change one answer: back to check your answers, not on through the pages.
  await page.getByRole("link", { name: "Change when you found out" }).click();
  await expect(page.getByLabel("Day")).toHaveValue("3");
  await page.getByLabel("Day").fill("4");
  await page.getByRole("button", { name: "Save and return to your answers" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your answers before sending your concern");
  await expect(answers).toContainText("4 November 2026");
  await page.getByRole("link", { name: "Change whether it is about how a decision was made" }).click();
  await page.getByRole("checkbox", { name: "I was left out of decisions", exact: true }).check();
  await page.getByRole("button", { name: "Save and return to your answers" }).click();
  await expect(answers).toContainText("I was left out of decisions");

  const checkUrl = page.url();
  await page.getByRole("button", { name: "Send concern" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Concern sent" })).toBeVisible();
  await checkA11y();
  const ref = await page.locator(".govuk-panel__body strong").textContent();
  expect(ref).toMatch(/^RC-\d{4}-[A-Z0-9]{6}$/);
  await expect(page.getByText(/must acknowledge your concern by \d{1,2} \w+ \d{4}/)).toBeVisible();
  await expect(page.getByText("split into two linked cases")).toBeVisible();

  // Sending again (a second click, a resubmitted form) sends nothing more: the same confirmation.
  await page.goto("/cases");
  const rows = await page.getByRole("row").count();
  const again = await page.request.post(checkUrl, { form: {}, maxRedirects: 0 });
  expect(again.status()).toBe(302);
  expect(again.headers().location).toMatch(/\/sent$/);
  await page.goto(checkUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Concern sent" })).toBeVisible();
  await expect(page.locator(".govuk-panel__body strong")).toHaveText(ref ?? "");
  await page.goto("/cases");
  expect(await page.getByRole("row").count()).toBe(rows);
  await expect(page.getByText(ref ?? "-").first()).toBeVisible();
});

test("save and come back later: the draft survives signing out, is offered on the home page, and can be deleted", async ({ page, signInAs, checkA11y }) => {
  test.setTimeout(60_000);
  await signInAs("amira.hussain@example.com");
  await page.goto("/concerns/new");
  await page.getByRole("button", { name: "Start now" }).click();
  await page.getByRole("checkbox", { name: "Health support", exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("radio", { name: "No, it is not about one decision" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Describe your concern").fill("The speech and language sessions stopped in October.");
  await page.getByRole("button", { name: "Save and come back later" }).click();
  await expect(page.getByText("Your answers are saved")).toBeVisible();
  // Other tests may have left Amira's drafts too: hers is the newest, listed first.
  await expect(page.getByTestId("concern-drafts")).toContainText(/You have (a concern|\d+ concerns) you have not sent yet/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await signInAs("amira.hussain@example.com");
  const drafts = page.getByTestId("concern-drafts");
  await expect(drafts).toContainText("About Yusuf Hussain");
  await checkA11y();
  await drafts
    .getByRole("link", { name: /^Continue/ })
    .first()
    .click();
  // On at the first question not yet answered, with the saved answers kept.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What would you like to happen? (optional)");
  await page.getByRole("link", { name: "Back", exact: true }).click();
  await expect(page.getByLabel("Describe your concern")).toHaveValue("The speech and language sessions stopped in October.");

  await page.goto("/dashboard");
  await drafts
    .getByRole("link", { name: /^delete it/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Delete this concern?");
  await checkA11y();
  await expect(page.getByText("About Yusuf Hussain")).toBeVisible();
  const deleted = /\/concerns\/new\/([^/]+)\/delete$/.exec(page.url())?.[1];
  await page.getByRole("button", { name: "Delete concern" }).click();
  await expect(page.getByText("Concern deleted")).toBeVisible();
  expect((await page.goto(`/concerns/new/${deleted}/details`))?.status()).toBe(404);
});

test("a draft is only its author's; unknown pages and sent drafts are answered plainly", async ({ page, signInAs, pageAs }) => {
  await signInAs("amira.hussain@example.com");
  await page.goto("/concerns/new");
  await page.getByRole("button", { name: "Start now" }).click();
  await expect(page).toHaveURL(/\/about$/);
  const draftUrl = page.url();
  expect((await page.goto(draftUrl.replace(/about$/, "no-such-question")))?.status()).toBe(404);
  // Not before every question is answered.
  await page.goto(draftUrl.replace(/about$/, "sent"));
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Concern sent");

  const nadia = await pageAs("Nadia Rahman");
  for (const step of ["about", "check", "delete", "sent"]) {
    const response = await nadia.goto(draftUrl.replace(/about$/, step));
    expect(response?.status(), step).toBe(404);
  }
  const post = await nadia.request.post(draftUrl, { form: { categories: "support-level" }, maxRedirects: 0 });
  expect(post.status()).toBe(404);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the whole journey works as plain forms, every page a POST and a redirect", async ({ page, signInAs }) => {
    await signInAs("amira.hussain@example.com");
    const { ref, caseUrl } = await raiseConcern(page, {
      substance: ["Support when moving between settings"],
      summary: "Nobody planned Yusuf's move to the junior building with us.",
      outcome: "A transition plan written with us before January.",
      health: "No",
      foundOut: ["2", "9", "2026"],
    });
    expect(caseUrl).toMatch(/\/cases\/[a-z0-9]+$/);
    await expect(page.getByText(ref).first()).toBeVisible();
    await expect(page.getByText("A transition plan written with us before January.")).toBeVisible();
  });
});
