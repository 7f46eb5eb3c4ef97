import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { fillRemedy, remedyRow } from "./remedy-rows";

// The case forms' GOV.UK patterns: add another remedy (without JavaScript and with it), the amount
// revealed only for a payment, and withdrawal on its own confirmation page naming the linked case.
// Seeded demo cases only, and nothing here is saved: the forms are left with an error or unsent.

async function personaWithoutJavaScript(browser: Browser, persona: string): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Sign in as ${persona}` }).click();
  await page.waitForURL(/\/dashboard$/);
  return page;
}

/** Helen's respond form on Amira's process case (seeded, acknowledged, not yet answered). */
async function openRespondForm(page: Page) {
  await page.goto("/cases");
  await page.getByRole("link", { name: /RC-\d{4}-D00001-P/ }).click();
  await page.getByRole("button", { name: "Send the response" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Send the response" })).toBeVisible();
}

/** The day, month and year boxes of remedy row `n`'s due date. */
async function expectDue(page: Page, n: number, [day, month, year]: [string, string, string]) {
  const due = remedyRow(page, n).getByRole("group", { name: /^Due date/ });
  await expect(due.getByLabel("Day")).toHaveValue(day);
  await expect(due.getByLabel("Month")).toHaveValue(month);
  await expect(due.getByLabel("Year")).toHaveValue(year);
}

async function expectRows(page: Page, descriptions: string[]) {
  await expect(page.getByRole("group", { name: /^Remedy \d+$/ })).toHaveCount(descriptions.length);
  for (const [i, description] of descriptions.entries()) await expect(remedyRow(page, i + 1).getByLabel("What must be done")).toHaveValue(description);
}

test("without JavaScript: add three remedies, remove one, and everything typed is kept", async ({ browser }) => {
  const staff = await personaWithoutJavaScript(browser, "Helen Clarke");
  await openRespondForm(staff);
  await staff.getByLabel("Reasons for the decision").fill("Reviews were missed this year.");
  await fillRemedy(staff, 1, { kind: "apology", description: "Written apology" });
  await staff.getByRole("button", { name: "Add another remedy" }).click();
  await expect(staff).toHaveURL(/#field-remedy-2$/);
  // Without JavaScript every conditional answer is on show, the amount included.
  await fillRemedy(staff, 2, { kind: "payment", description: "For the time and trouble", amount: "250" });
  await staff.getByRole("button", { name: "Add another remedy" }).click();
  await fillRemedy(staff, 3, { kind: "action", description: "Hold the annual review", dueOn: "2027-02-26" });
  await expectRows(staff, ["Written apology", "For the time and trouble", "Hold the annual review"]);
  await remedyRow(staff, 2).getByRole("button", { name: "Remove remedy 2" }).click();
  await expectRows(staff, ["Written apology", "Hold the annual review"]);
  await expect(remedyRow(staff, 2).getByLabel("Action to be taken")).toBeChecked();
  await expectDue(staff, 2, ["26", "2", "2027"]);
  await expect(staff.getByLabel("Reasons for the decision")).toHaveValue("Reviews were missed this year.");
  // Nothing was sent: adding and removing rows saves nothing, and no error is shown.
  await expect(staff).not.toHaveTitle(/^Error/);
  // A real submission with a mistake comes back from the server with the rows as typed, the message on the right row.
  const due = remedyRow(staff, 2).getByRole("group", { name: /^Due date/ });
  await due.getByLabel("Day").fill("30");
  await staff.getByRole("button", { name: "Send the response" }).click();
  await expect(staff).toHaveTitle(/^Error: /);
  await staff.getByRole("link", { name: "Enter the due date for remedy 2 as a real date, for example 27 3 2027" }).click();
  await expect(due.getByLabel("Day")).toBeFocused();
  await expect(due).toContainText("Error: Enter the due date for remedy 2 as a real date");
  await expectDue(staff, 2, ["30", "2", "2027"]);
  for (const box of ["Day", "Month", "Year"]) await due.getByLabel(box).fill("");
  await staff.getByRole("button", { name: "Send the response" }).click();
  await expect(staff.getByRole("link", { name: "Enter the date action 2 is due" })).toBeVisible();
  await expectRows(staff, ["Written apology", "Hold the annual review"]);
  await staff.goto("/cases");
  await staff.getByRole("link", { name: /RC-\d{4}-D00001-P/ }).click();
  await expect(staff.getByText("Response sent")).toHaveCount(0);
});

test("with JavaScript: rows are added and removed in the browser, the amount is revealed for a payment, and focus follows", async ({ pageAs, checkA11y }) => {
  const staff = await pageAs("Helen Clarke");
  await openRespondForm(staff);
  const posts: string[] = [];
  staff.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  // The amount is hidden until "Payment" is chosen.
  await expect(remedyRow(staff, 1).getByLabel("Amount in pounds")).toBeHidden();
  await fillRemedy(staff, 1, { kind: "payment", description: "For the time and trouble", amount: "250" });
  await staff.getByRole("button", { name: "Add another remedy" }).click();
  await expect(remedyRow(staff, 2).getByLabel("Apology", { exact: true })).toBeFocused();
  await fillRemedy(staff, 2, { kind: "apology", description: "Written apology" });
  await staff.getByRole("button", { name: "Add another remedy" }).click();
  await fillRemedy(staff, 3, { kind: "action", description: "Hold the annual review", dueOn: "2027-02-26" });
  await checkA11y(staff);
  await remedyRow(staff, 1).getByRole("button", { name: "Remove remedy 1" }).click();
  await expect(staff.getByRole("heading", { name: "Remedies" })).toBeFocused();
  await expectRows(staff, ["Written apology", "Hold the annual review"]);
  await expectDue(staff, 2, ["26", "2", "2027"]);
  expect(posts).toEqual([]);
  // Checked in the browser with the action's own schema: the messages name the renumbered rows.
  await remedyRow(staff, 1).getByLabel("What must be done").fill("");
  await remedyRow(staff, 2)
    .getByRole("group", { name: /^Due date/ })
    .getByLabel("Month")
    .fill("13");
  await staff.getByRole("button", { name: "Send the response", exact: true }).click();
  await expect(staff.getByRole("link", { name: "Describe remedy 1" })).toBeVisible();
  await expect(staff.getByRole("link", { name: "Enter the due date for remedy 2 as a real date, for example 27 3 2027" })).toBeVisible();
  expect(posts).toEqual([]);
});

test("withdrawing is a link on the case page and a confirmation page naming the linked case it also closes", async ({ page, signInAs, checkA11y }) => {
  await signInAs("amira.hussain@example.com");
  await page.goto("/cases");
  await page.getByRole("link", { name: /RC-\d{4}-D00001-P/ }).click();
  // No red button on the case page.
  await expect(page.locator(".govuk-button--warning")).toHaveCount(0);
  await page.getByRole("link", { name: "Withdraw this concern" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Are you sure you want to withdraw your concern?" })).toBeFocused();
  await expect(page.locator(".govuk-warning-text")).toContainText(
    /This also closes the linked case:\s*RC-\d{4}-D00001-S, about level and quality of support \(The amount of support\)/,
  );
  await expect(page.getByRole("button", { name: "Withdraw the concern" })).toHaveClass(/govuk-button--warning/);
  await checkA11y();
});

test("completed stages are said in words, not by colour alone", async ({ page, signInAs }) => {
  await signInAs("gareth.evans@example.com");
  await page.goto("/cases");
  await page.getByRole("link", { name: /RC-\d{4}-D00044-S/ }).click();
  const ladder = page.getByRole("list", { name: "Stages of the concern" });
  await expect(ladder.getByRole("listitem").nth(0)).toContainText("Completed");
  await expect(ladder.getByRole("listitem").nth(1)).toContainText("Completed");
  await expect(ladder.getByRole("listitem").nth(2)).toContainText("Current stage");
});
