import type { Page } from "@playwright/test";
import { expect, raiseConcern, test } from "./fixtures";
import { fillRemedy, remedyRow } from "./remedy-rows";

// The case page as the complete file: what the family must decide comes first, every rung's
// outcome stays, the reasons people gave are on the page for the next rung, and the final
// decision starts from the draft, with the comments on it readable by the decision-maker.

async function open(page: Page, label: string) {
  await page.getByRole("button", { name: label }).click();
  await expect(page.getByRole("heading", { level: 1, name: label })).toBeVisible();
}

async function submit(page: Page, label: string, banner: string) {
  await page.getByRole("button", { name: label }).click();
  await expect(page.getByRole("alert").filter({ hasText: banner })).toBeVisible();
}

async function respond(page: Page, label: string, finding: string, reasons: string) {
  await open(page, label);
  await page
    .getByRole("group", { name: /Finding:/ })
    .getByLabel(finding, { exact: true })
    .check();
  await page.getByLabel("Reasons for the decision").fill(reasons);
}

test("a concern to the Ombudsman: reasons at every rung, a draft with its remedy, comments read, the final decision prefilled from the draft", async ({
  page,
  pageAs,
  signInAs,
  checkA11y,
}) => {
  test.setTimeout(120_000);
  await signInAs("amira.hussain@example.com");
  const { caseUrl } = await raiseConcern(page, { process: ["I was left out of decisions"], summary: "Yusuf's plan was changed at a meeting we were not told about." });

  // Rung 1: the setting extends (with a reason the family sees) and responds.
  const setting = await pageAs("Helen Clarke");
  await setting.goto(caseUrl);
  await open(setting, "Acknowledge the concern");
  await submit(setting, "Acknowledge the concern", "Concern acknowledged");
  await open(setting, "Extend the response deadline");
  await setting.getByLabel("Extend by how many working days?").fill("5");
  await setting.getByLabel("Reason for the extension").fill("The SENCo who chaired the meeting is away until next week.");
  await submit(setting, "Extend the response deadline", "Response deadline extended");
  await respond(setting, "Send the response", "Not upheld", "The meeting followed the usual process.");
  await setting.getByLabel("Reasons for this finding (optional)").fill("Invitations went to the address on file.");
  await setting.getByLabel("National Framework standards relied on").fill("NF-1.3");
  await submit(setting, "Send the response", "Response sent");

  // The family reads the extension reason and the per-issue reasons, and must decide by a date.
  await page.goto(caseUrl);
  await expect(page.getByText("The SENCo who chaired the meeting is away until next week.")).toBeVisible();
  await expect(page.getByText("Invitations went to the address on file.")).toBeVisible();
  await expect(page.getByTestId("family-prompts")).toContainText(/You need to decide by \d{1,2} \w+ \d{4} whether to accept the outcome or take it to the local service/);
  await page.goto("/dashboard");
  await expect(page.getByTestId("family-prompts")).toContainText("You need to decide by");
  await page.goto(caseUrl);
  await open(page, "Take the concern to the next stage");
  await page.getByLabel("Reason (optional)").fill("Nobody has explained why the invitation never reached us.");
  await submit(page, "Take the concern to the next stage", "taken to the next stage");

  // Rung 2 sees why the family escalated; the setting's outcome stays on the file.
  const local = await pageAs("Priya Sharma");
  await local.goto(caseUrl);
  await expect(local.getByTestId("escalation-reason")).toContainText("Nobody has explained why the invitation never reached us.");
  await expect(local.getByText("Setting: response", { exact: false })).toBeVisible();
  await checkA11y(local);
  await open(local, "Acknowledge the concern");
  await submit(local, "Acknowledge the concern", "Concern acknowledged");
  await respond(local, "Send the response", "Not upheld", "The school acted reasonably.");
  await local.getByLabel("National Framework standards relied on").fill("NF-1.3");
  await submit(local, "Send the response", "Response sent");
  await expect(local.getByText("Invitations went to the address on file.")).toBeVisible(); // rung 1's reasons did not vanish

  await page.goto(caseUrl);
  await open(page, "Take the concern to the next stage");
  await submit(page, "Take the concern to the next stage", "taken to the next stage");

  // Rung 3: the Ombudsman drafts a decision with a payment remedy.
  const ombudsman = await pageAs("Ruth Adeyemi");
  await ombudsman.goto(caseUrl);
  await expect(ombudsman.getByTestId("escalation-reason").first()).toContainText("Nobody has explained");
  await open(ombudsman, "Acknowledge the concern");
  await submit(ombudsman, "Acknowledge the concern", "Concern acknowledged");
  await open(ombudsman, "Accept for investigation");
  await submit(ombudsman, "Accept for investigation", "Accepted for investigation");
  await respond(ombudsman, "Issue a draft decision", "Upheld", "The family should have been invited to the meeting that changed the plan.");
  await ombudsman.getByLabel("Reasons for this finding (optional)").fill("No record shows the invitation was sent.");
  await ombudsman.getByLabel("National Framework standards relied on").fill("NF-1.3, NF-2.1");
  await fillRemedy(ombudsman, 1, { kind: "payment", description: "Payment for time and trouble", amount: "1250" });
  await submit(ombudsman, "Issue a draft decision", "Draft decision issued");

  // Everyone sees the draft as a draft, with its proposed remedy.
  await page.goto(caseUrl);
  const draft = page.getByTestId("draft-decision");
  await expect(draft).toContainText("Draft");
  await expect(draft).toContainText("not the final decision");
  await expect(draft).toContainText("Payment of £1,250.00: Payment for time and trouble");
  await expect(page.getByTestId("family-prompts")).toContainText("Comments on the draft decision are open until");
  await checkA11y(page);
  await open(page, "Comment on the draft decision");
  await page.getByLabel("Your comments on the draft decision").fill("We agree, and ask that the school apologises too.");
  await submit(page, "Comment on the draft decision", "Your comments have been sent");
  for (const body of [setting, local]) {
    await body.goto(caseUrl);
    await open(body, "Comment on the draft decision");
    await body.getByLabel("Your comments on the draft decision").fill(`Comment from ${body === setting ? "the school" : "the local service"}.`);
    await submit(body, "Comment on the draft decision", "Your comments have been sent");
  }

  // The decision-maker reads every comment, with who wrote it and when.
  await ombudsman.goto(caseUrl);
  await expect(ombudsman.getByText("The national body is preparing its final decision")).toBeVisible();
  await expect(ombudsman.getByRole("heading", { name: "Comments on the draft decision" })).toBeVisible();
  await expect(ombudsman.getByText("We agree, and ask that the school apologises too.").first()).toBeVisible();
  await expect(ombudsman.getByText(/Amira Hussain \(the family\), \d{1,2} \w+ \d{4}/)).toBeVisible();
  await expect(ombudsman.getByText("Comment from the school.").first()).toBeVisible();

  // The final decision starts from the draft: findings, reasons, standards and the remedy.
  await open(ombudsman, "Issue the final decision");
  await checkA11y(ombudsman);
  await expect(ombudsman.getByRole("group", { name: /Finding:/ }).getByLabel("Upheld", { exact: true })).toBeChecked();
  await expect(ombudsman.getByLabel("Reasons for this finding (optional)")).toHaveValue("No record shows the invitation was sent.");
  await expect(ombudsman.getByLabel("Reasons for the decision")).toHaveValue("The family should have been invited to the meeting that changed the plan.");
  await expect(ombudsman.getByLabel("National Framework standards relied on")).toHaveValue("NF-1.3, NF-2.1");
  const finalRemedy = remedyRow(ombudsman, 1);
  await expect(finalRemedy.getByLabel("Payment", { exact: true })).toBeChecked();
  await expect(finalRemedy.getByLabel("What must be done")).toHaveValue("Payment for time and trouble");
  await expect(finalRemedy.getByLabel("Amount in pounds")).toHaveValue("1250.00");
  await submit(ombudsman, "Issue the final decision", "Final decision issued");
  await expect(ombudsman.getByRole("table", { name: "Remedies" })).toContainText("Payment for time and trouble (£1,250.00)");
  await expect(ombudsman.getByRole("table", { name: "Remedies" })).toContainText("Ordered by the Ombudsman");

  // Every rung's outcome is still on the file, the draft marked as one.
  await page.goto(caseUrl);
  await expect(page.getByTestId("outcome")).toHaveCount(4); // two responses, the assessment, the final decision
  await expect(page.getByTestId("draft-decision")).toHaveCount(1);
  await expect(page.getByText(/\d{4}-\d{2}-\d{2}/)).toHaveCount(0); // no raw dates anywhere a person reads
  await checkA11y(page);
});

test("a missed deadline is shown, never a calm page: the young person can take it further now", async ({ pageAs, checkA11y }) => {
  const tyler = await pageAs("Tyler Brown");
  await tyler.goto("/cases");
  await tyler
    .getByRole("link", { name: /RC-\d{4}-D00003/ })
    .first()
    .click();
  await expect(tyler.getByTestId("family-prompts")).toContainText(/missed its deadline to acknowledge the concern on \d{1,2} \w+ \d{4}: you can take this further now/);
  await expect(tyler.getByText("There are no deadlines running")).toHaveCount(0);
  await expect(tyler.getByText("Redress (automatic)").first()).toBeVisible();
  await expect(tyler.getByText(/Reminder sent/)).toHaveCount(0); // reminders are for the people who owe them
  await checkA11y(tyler);
});
