import type { Page } from "@playwright/test";
import { expect, fillDate, raiseConcern, test } from "./fixtures";
import { fillRemedy } from "./remedy-rows";

// The register as records (docs/decisions/021), walked by the people who would do it: a family asks
// the setting to consider their child; the setting decides not to place, with the family and the
// health lead recorded; the family challenges that decision; the concern is upheld with a remedy
// to retake the decision, and the new decision closes the remedy.

const part = (page: Page, who: string, how: string) => page.getByRole("group", { name: who, exact: true }).getByLabel(how, { exact: true }).check();

async function decide(staff: Page, outcome: string, criterion: string, reason: string, options: { review?: string; remedy?: string } = {}) {
  await staff.getByRole("radio", { name: outcome, exact: true }).check();
  if (options.review) await fillDate(staff, "Date of the next review", options.review);
  await part(staff, "Parent or carer", "Took part in a meeting");
  await staff.getByLabel("Name of the parent or carer (optional)").fill("Joanne Walker");
  await part(staff, "The child or young person", "Gave written views");
  await part(staff, "Health lead", "Gave written views");
  await staff.getByLabel("Name of the health lead (optional)").fill("Dr Owen Price");
  await part(staff, "Setting (SENCo or lead)", "Took part in a meeting");
  await part(staff, "Local service", "Not applicable");
  await part(staff, "Social care", "Not applicable");
  await staff.getByLabel("Evidence considered").fill("Class observations over a term, Joanne's account and the health lead's letter.");
  await staff.getByRole("group", { name: "Reason 1" }).getByLabel("Register criterion").selectOption({ label: criterion });
  await staff.getByRole("group", { name: "Reason 1" }).getByLabel("Reason").fill(reason);
  if (options.remedy) await staff.getByRole("group", { name: "Does this decision carry out a remedy?" }).getByLabel(options.remedy).check();
  await staff.getByRole("button", { name: "Record the decision" }).click();
  await expect(staff.getByText(/Decision RD-\d{4}-[A-Z0-9]{6} recorded/)).toBeVisible();
}

test("a family asks for consideration, the setting decides not to place, the family challenges it, and the retaken decision closes the remedy", async ({
  page,
  pageAs,
  signInAs,
  checkA11y,
}) => {
  test.setTimeout(90_000);
  await signInAs("joanne.walker@example.com");
  await page.getByRole("link", { name: "Register" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "The additional needs register" })).toBeVisible();
  await checkA11y();
  await page.getByRole("link", { name: "Leah Walker" }).click();
  await expect(page.getByText("Not on the register", { exact: true })).toBeVisible();
  await checkA11y();
  await page.getByRole("link", { name: "Ask the setting to consider the register" }).click();
  await checkA11y();
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByRole("alert")).toContainText("Say why you are asking");
  await checkA11y();
  await page.getByLabel("Why do you think Leah needs extra support?").fill("Leah finds it very hard to make herself understood and is upset after school every day.");
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByText(/Request RQ-\d{4}-[A-Z0-9]{6} sent to Beckett Park Primary School/)).toBeVisible();
  await expect(page.getByText(/The setting must decide by/).first()).toBeVisible();
  const leahUrl = page.url();

  const staff = await pageAs("Helen Clarke");
  await staff.goto("/register?show=requests");
  await checkA11y(staff);
  await staff.getByRole("link", { name: "Leah Walker" }).click();
  await staff.getByRole("link", { name: "Record a register decision" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: "Record a register decision" })).toBeVisible();
  await checkA11y(staff);
  await staff.getByRole("button", { name: "Record the decision" }).click();
  await expect(staff.getByRole("alert")).toContainText("Select the decision");
  await checkA11y(staff);
  await decide(staff, "Not to place on the register", "NF-R8 Needs are met by the universal offer", "Her needs are met well by the support every child in her class gets.");

  await page.goto(leahUrl);
  await expect(page.getByText("Considered, not placed")).toBeVisible();
  const decisionCard = page.locator(".govuk-summary-card", { hasText: "Not placed on the register" });
  await expect(decisionCard).toContainText("Parent or carer (Joanne Walker): took part in a meeting");
  await expect(decisionCard).toContainText("Health lead (Dr Owen Price): gave written views");
  await expect(decisionCard).toContainText("NF-R8 Needs are met by the universal offer");
  await expect(page.getByText(/Decided: see RD-/)).toBeVisible();
  await decisionCard.getByRole("link", { name: /Raise a concern about this decision/ }).click();
  // The link names the child, the decision and what the concern is about: the journey starts from them.
  const { caseUrl } = await raiseConcern(page, {
    startHere: true,
    summary: "The decision was made after one term, without the speech and language assessment we asked for.",
    onPage: async (journey) => {
      if (journey.url().endsWith("/about")) await expect(journey.getByLabel("The decision not to place my child on the register")).toBeChecked();
      if (journey.url().endsWith("/decision")) await expect(journey.getByRole("radio", { checked: true })).not.toHaveAccessibleName("No, it is not about one decision");
      if (/\/(about|decision|check)$/.test(journey.url())) await checkA11y();
    },
  });
  await page.goto(leahUrl);
  await expect(page.getByText(/Challenged by/)).toBeVisible();

  // The setting upholds it and orders the decision retaken.
  await staff.goto(caseUrl);
  await staff.getByRole("button", { name: "Acknowledge the concern" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: "Acknowledge the concern" })).toBeVisible();
  await staff.getByRole("button", { name: "Acknowledge the concern" }).click();
  await expect(staff.getByText("Concern acknowledged", { exact: true })).toBeVisible();
  await staff.getByRole("button", { name: "Send the response" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: "Send the response" })).toBeVisible();
  await staff
    .getByRole("group", { name: /Finding:/ })
    .getByLabel("Upheld", { exact: true })
    .check();
  await staff.getByLabel("Reasons for the decision").fill("We decided before the speech and language assessment was done.");
  await staff.getByLabel("National Framework standards relied on").fill("NF-1.1, NF-R4");
  await fillRemedy(staff, 1, { kind: "register-review", description: "Retake the register decision with the assessment" });
  await staff.getByRole("button", { name: "Send the response" }).click();
  await expect(staff.getByText("Response sent", { exact: true })).toBeVisible();

  await staff.goto(leahUrl);
  await staff.getByRole("link", { name: "Record a register decision" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: "Record a register decision" })).toBeVisible();
  await decide(staff, "Place on the register", "NF-R4 Communication and interaction", "The assessment shows expressive language well below her age.", {
    review: "2027-11-01",
    remedy: "Retake the register decision with the assessment",
  });

  await page.goto(leahUrl);
  await expect(page.getByText("On the register", { exact: true })).toBeVisible();
  await expect(page.locator(".govuk-summary-card").first()).toContainText("The result changed.");
  await page.goto(caseUrl);
  await expect(page.getByRole("table", { name: "Remedies" })).toContainText(/done/i);
});

test("the National Framework catalogue is public, marked illustrative, and only the practice body publishes a version", async ({ page, pageAs, checkA11y }) => {
  await page.goto("/framework");
  await expect(page.getByText(/This version is illustrative/)).toBeVisible();
  await expect(page.getByRole("table", { name: "Register criteria" })).toContainText("NF-R4");
  await checkA11y();
  await page.goto("/framework/publish");
  await expect(page).toHaveURL(/sign-in/);

  const reviewer = await pageAs("Daniel Moore");
  await reviewer.goto("/framework");
  await reviewer.getByRole("link", { name: "Publish a new version" }).click();
  await checkA11y(reviewer);
  await reviewer.getByLabel("The catalogue, one item a line").fill("criterion | NF-R1 | Needs persist | Needs remain after good ordinary provision.\nnonsense line");
  await reviewer.getByRole("button", { name: "Publish this version" }).click();
  await expect(reviewer.getByRole("alert")).toContainText('Line 2: start with "criterion" or "standard"');
  await checkA11y(reviewer);
});

test("every persona sees what they should of a child's register entry, and the record pages are accessible", async ({ page, pageAs, signInAs, checkA11y }) => {
  test.setTimeout(90_000);
  await signInAs("amira.hussain@example.com");
  await page.goto("/register");
  await page.getByRole("link", { name: "Yusuf Hussain" }).click();
  await expect(page.getByText(/has not been held/)).toBeVisible();
  await expect(page.getByRole("table", { name: "Support each partner provides" })).toContainText("Not yet");
  await checkA11y();
  await page.getByRole("link", { name: "Add or change the views in the record" }).click();
  await expect(page.getByLabel("Needs")).toHaveCount(0); // the family writes views, not the whole record
  await checkA11y();
  const yusufUrl = page.url().replace(/\/record$/, "");

  const owen = await pageAs("Dr Owen Price");
  await owen.goto(yusufUrl);
  await owen.getByRole("link", { name: "Confirm your service's part" }).click();
  await checkA11y(owen);
  await owen.getByRole("button", { name: "Confirm our part" }).click();
  await expect(owen.getByText("Your part of the development record is confirmed")).toBeVisible();
  await expect(owen.getByRole("table", { name: "Support each partner provides" })).toContainText("Yes, by Dr Owen Price");

  const staff = await pageAs("Helen Clarke");
  await staff.goto(`${yusufUrl}/record`);
  await checkA11y(staff);

  for (const name of ["Grace Liu", "Alex Morgan", "Ruth Adeyemi"]) {
    const other = await pageAs(name);
    const response = await other.goto(yusufUrl);
    expect(response?.status(), `${name} on a child's register page`).toBe(403);
  }
});
