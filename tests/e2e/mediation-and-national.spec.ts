import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

async function openAction(page: Page, label: string) {
  await page.getByRole("button", { name: label }).click();
  await expect(page.getByRole("heading", { level: 1, name: label })).toBeVisible();
}

async function submit(page: Page, label: string) {
  await page.getByRole("button", { name: label }).click();
  await expect(page.getByText(`${label}: done`)).toBeVisible();
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
  await signInAs("amira.hussain@example.com");
  await page.goto("/concerns/new");
  await page.getByLabel("Support when moving between settings").check();
  await page.getByLabel("Describe your concern").fill("There was no plan for Yusuf's move to the junior building.");
  await page.getByRole("group", { name: /Are health services involved/ }).getByLabel("No").check();
  await page.getByRole("button", { name: "Send concern" }).click();
  await expect(page.getByText(/Concern RC-\d{4}-[A-Z0-9]{6} sent/)).toBeVisible();
  const caseUrl = page.url();

  const mediator = await pageAs("Sam Okafor");
  expect((await mediator.goto(caseUrl))?.status()).toBe(404); // not assigned yet

  const setting = await pageAs("Helen Clarke");
  await setting.goto(caseUrl);
  await act(setting, "Acknowledge the concern");

  await page.goto(caseUrl);
  await act(page, "Ask for mediation");
  await expect(page.getByText("the family is owed information")).toBeVisible();

  await setting.goto(caseUrl);
  await act(setting, "Send mediation information");
  await page.goto(caseUrl);
  await act(page, "Accept mediation");

  await setting.goto(caseUrl);
  await openAction(setting, "Assign a mediator");
  await checkA11y(setting);
  await setting.getByLabel("Mediator").selectOption({ label: "Sam Okafor" });
  await submit(setting, "Assign a mediator");

  await mediator.goto("/cases");
  await mediator.getByRole("link", { name: /-S$/ }).first().click();
  await expect(mediator.getByText("Mediator assigned: a session is being arranged")).toBeVisible();
  await openAction(mediator, "Schedule a mediation session");
  await mediator.getByLabel("Session date").fill(isoInDays(60)); // outside the 30-day window
  await mediator.getByRole("button", { name: "Schedule a mediation session" }).click();
  await expect(mediator.getByRole("alert")).toContainText("This cannot be done");
  // The session is today, so its outcome can be recorded straight away (never before it is held).
  await mediator.getByLabel("Session date").fill(isoInDays(0));
  await submit(mediator, "Schedule a mediation session");

  await openAction(mediator, "Record the mediation outcome");
  await checkA11y(mediator);
  await mediator.getByLabel("Support when moving between settings").check();
  await mediator.getByLabel("Summary of the agreement (optional)").fill("The school will write a transition plan with the family.");
  await submit(mediator, "Record the mediation outcome");
  await act(mediator, "Issue the mediation certificate");
  await expect(mediator.getByText("Settled by agreement in mediation")).toBeVisible();
});

test("the ombudsman acknowledges and accepts an escalated process case; the practice body cannot see it", async ({ pageAs, checkA11y }) => {
  const ombudsman = await pageAs("Ruth Adeyemi");
  await ombudsman.goto("/cases");
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
