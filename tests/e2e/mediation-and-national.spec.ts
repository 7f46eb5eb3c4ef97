import type { Page } from "@playwright/test";
import { expect, fillDate, raiseConcern, signInWithPassword, test } from "./fixtures";
import { fillRemedy } from "./remedy-rows";

async function openAction(page: Page, label: string) {
  await page.getByRole("button", { name: label }).click();
  await expect(page.getByRole("heading", { level: 1, name: label })).toBeVisible();
}

async function submit(page: Page, label: string) {
  await page.getByRole("button", { name: label }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Success" })).toBeVisible();
}

async function act(page: Page, label: string) {
  await openAction(page, label);
  await submit(page, label);
}

/** A date in England, `days` from today (the server dates every action by London's calendar). */
function isoInDays(days: number) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date(Date.now() + days * 86_400_000));
}

test("mediation: offered by the family, arranged by the setting, run by the assigned mediator who alone can see it", async ({ page, pageAs, signInAs, checkA11y }) => {
  test.setTimeout(60_000); // four people and a dozen steps, with the session's place checked on the family's page
  await signInAs("amira.hussain@example.com");
  const { caseUrl } = await raiseConcern(page, { substance: ["Support when moving between settings"], summary: "There was no plan for Yusuf's move to the junior building." });

  const mediator = await pageAs("Sam Okafor");
  expect((await mediator.goto(caseUrl))?.status()).toBe(404); // not assigned yet

  const setting = await pageAs("Helen Clarke");
  await setting.goto(caseUrl);
  await act(setting, "Acknowledge the concern");

  await page.goto(caseUrl);
  await act(page, "Ask for mediation");
  await expect(page.getByText("the family is owed information").first()).toBeVisible();

  await setting.goto(caseUrl);
  await act(setting, "Send mediation information");
  await page.goto(caseUrl);
  await act(page, "Accept mediation");

  await setting.goto(caseUrl);
  await openAction(setting, "Assign a mediator");
  await checkA11y(setting);
  await setting.getByLabel("Mediator").selectOption({ label: "Sam Okafor" });
  await submit(setting, "Assign a mediator");

  await mediator.goto("/cases?show=all");
  await mediator.getByRole("link", { name: /-S$/ }).first().click();
  await expect(mediator.getByText("Mediator assigned: a session is being arranged")).toBeVisible();
  await openAction(mediator, "Schedule a mediation session");
  await fillDate(mediator, "Session date", isoInDays(60)); // outside the 30-day window
  await mediator.getByRole("button", { name: "Schedule a mediation session" }).click();
  await expect(mediator.getByRole("alert")).toContainText("This cannot be done");
  // The session is today: it is recorded as held (which stops the session clock), then its outcome.
  await fillDate(mediator, "Session date", isoInDays(0));
  await mediator.getByLabel("Start time (optional)").fill("14:30");
  await mediator.getByLabel(/Where it will be held/).fill("Room 2, Beckett Park Primary School");
  await submit(mediator, "Schedule a mediation session");
  // The family and the mediator see when and where; the outcome is offered only once the session is held.
  await expect(mediator.getByRole("button", { name: "Record the mediation outcome" })).toHaveCount(0);
  await page.goto(caseUrl);
  await expect(page.getByRole("heading", { name: "Mediation" })).toBeVisible();
  await expect(page.getByText("Room 2, Beckett Park Primary School")).toBeVisible();
  await expect(page.getByText(/at 14:30/).first()).toBeVisible();
  await openAction(mediator, "Record that the session was held");
  // One session: stated, not offered as a lone radio.
  await expect(mediator.getByRole("radio")).toHaveCount(0);
  await expect(mediator.getByText(/Session held: \d{1,2} \w+ \d{4}/)).toBeVisible();
  await submit(mediator, "Record that the session was held");

  await openAction(mediator, "Record the mediation outcome");
  await checkA11y(mediator);
  await mediator.getByLabel("Support when moving between settings").check();
  await mediator.getByLabel("Summary of the agreement (optional)").fill("The school will write a transition plan with the family.");
  await submit(mediator, "Record the mediation outcome");
  await act(mediator, "Issue the mediation certificate");
  // The mediation has ended, and with it the mediator's access to the case.
  await expect(mediator).toHaveURL(/\/cases$/);
  await expect(mediator.getByText("The mediation has ended")).toBeVisible();
  expect((await mediator.goto(caseUrl))?.status()).toBe(404);
  await page.goto(caseUrl);
  await expect(page.getByText("Settled by agreement in mediation")).toBeVisible();
});

test("the ombudsman acknowledges and accepts an escalated process case; the practice body cannot see it", async ({ pageAs, checkA11y }) => {
  const ombudsman = await pageAs("Ruth Adeyemi");
  // Her default queue ("needing your action"): the national body owes the acknowledgement.
  await ombudsman.goto("/cases");
  await expect(ombudsman.getByTestId("work-queue").locator("tbody tr", { hasText: /RC-\d{4}-D00002-P/ })).toContainText(
    /Acknowledge (by \d{1,2} \w+ \d{4}|today|– \d+ days? overdue)/,
  );
  await ombudsman.getByRole("link", { name: /RC-\d{4}-D00002-P/ }).click();
  await expect(ombudsman.getByText("Waiting for the national body to acknowledge")).toBeVisible();
  await checkA11y(ombudsman);
  await act(ombudsman, "Acknowledge the concern");
  await expect(ombudsman.getByText("assessing whether it can investigate")).toBeVisible();
  await openAction(ombudsman, "Accept for investigation");
  await ombudsman.getByLabel("Reasons (optional)").fill("Within jurisdiction: a register decision by a maintained school.");
  await submit(ombudsman, "Accept for investigation");
  await expect(ombudsman.getByText("The national body is investigating")).toBeVisible();

  // The practice body (substance route) cannot see this process case at all.
  const practice = await pageAs("Daniel Moore");
  expect((await practice.goto(ombudsman.url()))?.status()).toBe(404);
});

test("the national stage: draft decision, comments from everyone involved, final decision with a payment remedy", async ({ pageAs, browser, checkA11y }) => {
  const ombudsman = await pageAs("Ruth Adeyemi");
  // Under investigation, her default queue shows the step she owes (the draft decision).
  await ombudsman.goto("/cases");
  await ombudsman.getByRole("link", { name: /RC-\d{4}-D00002-P/ }).click();
  await ombudsman.waitForURL(/\/cases\/[a-z0-9]+$/);
  const caseUrl = ombudsman.url();
  // Earlier tests may already have taken it this far; walk on from wherever it is.
  if (await ombudsman.getByRole("button", { name: "Acknowledge the concern" }).isVisible()) await act(ombudsman, "Acknowledge the concern");
  if (await ombudsman.getByRole("button", { name: "Accept for investigation" }).isVisible()) await act(ombudsman, "Accept for investigation");

  await openAction(ombudsman, "Issue a draft decision");
  await ombudsman
    .getByRole("group", { name: /Finding:/ })
    .getByLabel("Upheld", { exact: true })
    .check();
  await ombudsman.getByLabel("Reasons for the decision").fill("The family should have been invited to the meeting that changed the plan.");
  await ombudsman.getByLabel("National Framework standards relied on").fill("NF-1.3");
  await submit(ombudsman, "Issue a draft decision");
  await expect(ombudsman.getByText("Draft decision issued: everyone involved may comment")).toBeVisible();

  const family = await pageAs("Gareth Evans");
  await family.goto(caseUrl);
  await openAction(family, "Comment on the draft decision");
  await family.getByLabel("Your comments on the draft decision").fill("We agree and would like an apology.");
  await submit(family, "Comment on the draft decision");

  // Every body complained about comments too: the Cornwall local service and Megan's school
  // (each signed in with its password); the window closes once everyone has commented.
  for (const [email, words] of [
    ["send.officer@cornwall.example.gov.uk", "We accept the draft decision."],
    ["senco@truro-bay-community-school.example.com", "The school accepts the findings and will invite the family next time."],
  ] as const) {
    const body = await signInWithPassword(browser, email);
    await body.goto(caseUrl);
    await openAction(body, "Comment on the draft decision");
    await body.getByLabel("Your comments on the draft decision").fill(words);
    await submit(body, "Comment on the draft decision");
    await body.context().close();
  }

  await ombudsman.goto(caseUrl);
  await expect(ombudsman.getByText("The national body is preparing its final decision")).toBeVisible();
  // Every comment is on the file for the decision-maker to read.
  await expect(ombudsman.getByRole("heading", { name: "Comments on the draft decision" })).toBeVisible();
  await expect(ombudsman.getByText("We agree and would like an apology.")).toBeVisible();
  await expect(ombudsman.getByText(/Gareth Evans \(the family\)/)).toBeVisible(); // who wrote it, and when
  await expect(ombudsman.getByText("The school accepts the findings and will invite the family next time.")).toBeVisible();
  await openAction(ombudsman, "Issue the final decision");
  await checkA11y(ombudsman);
  await ombudsman
    .getByRole("group", { name: /Finding:/ })
    .getByLabel("Upheld", { exact: true })
    .check();
  await ombudsman.getByLabel("Reasons for the decision").fill("Upheld: the family was left out of a decision about their child.");
  await ombudsman.getByLabel("National Framework standards relied on").fill("NF-1.3");
  await fillRemedy(ombudsman, 1, { kind: "payment", description: "Payment to the family for time and trouble", amount: "250" });
  await submit(ombudsman, "Issue the final decision");
  await expect(ombudsman.getByRole("table", { name: "Remedies" })).toContainText("(£250.00)");
  await expect(ombudsman.getByText("Remedies monitored").first()).toBeVisible();
  // The ladder has ended, but the ombudsman keeps the case to monitor its remedy: the remedy is
  // owed by the bodies, not by her, so it is under "all cases", not in her queue of actions.
  await ombudsman.goto("/cases?show=all");
  await expect(ombudsman.getByRole("link", { name: /RC-\d{4}-D00002-P/ })).toBeVisible();
});
