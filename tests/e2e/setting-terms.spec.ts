import type { Page } from "@playwright/test";
import { expect, fillDate, test } from "./fixtures";

// A setting's term dates (app/utils/term-forms.ts): each term a first and a last school day as
// GOV.UK date inputs, "Add another term" and "Remove" without JavaScript, and mistakes answered
// on the row they are in. A new setting, so the seeded calendars are left alone.

const term = (page: Page, n: number) => page.getByRole("group", { name: `Term ${n}`, exact: true });

test("without JavaScript: an administrator adds a school-day setting's terms, fixes an overlap and saves", async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const admin = await context.newPage();
  await admin.goto("/sign-in");
  await admin.getByRole("button", { name: "Sign in as Alex Morgan" }).click();
  await admin.waitForURL(/\/dashboard$/);
  await admin.goto("/admin/settings/new");
  const name = `Larch Tree Primary ${Date.now() % 100000}`;
  await admin.getByLabel("Name", { exact: true }).fill(name);
  await admin.getByLabel("Unique reference number (URN)").fill(String(10_000_000 + Math.floor(Math.random() * 89_999_999)).slice(0, 8));
  await admin.getByLabel("Primary school").check();
  await admin.getByLabel("Local area").selectOption({ label: "Leeds" });
  await admin.getByLabel("School days").check();
  await fillDate(term(admin, 1), "First school day", "2026-09-03");
  await fillDate(term(admin, 1), "Last school day", "2026-10-23");
  await admin.getByRole("button", { name: "Add another term" }).click();
  await expect(admin).toHaveURL(/#field-term-2$/);
  await fillDate(term(admin, 2), "First school day", "2026-10-20");
  await fillDate(term(admin, 2), "Last school day", "2026-12-18");
  await admin.getByRole("button", { name: "Add another term" }).click();
  await fillDate(term(admin, 3), "First school day", "2027-01-05");
  await term(admin, 3).getByRole("group", { name: "Last school day" }).getByLabel("Day").fill("31");
  await term(admin, 3).getByRole("group", { name: "Last school day" }).getByLabel("Month").fill("2");
  await term(admin, 3).getByRole("group", { name: "Last school day" }).getByLabel("Year").fill("2027");
  // Everything typed survives the round trips, and nothing was saved yet.
  await expect(admin.getByLabel("Name", { exact: true })).toHaveValue(name);
  await expect(term(admin, 1).getByRole("group", { name: "Last school day" }).getByLabel("Day")).toHaveValue("23");

  await admin.getByRole("button", { name: "Save setting" }).click();
  await expect(admin).toHaveTitle(/^Error: /);
  const summary = admin.getByRole("alert");
  await expect(summary).toContainText("Term 2 overlaps term 1, which ends on 23 October 2026: change the dates so that they do not overlap");
  await expect(summary).toContainText("The last day of term 3 must be a real date");
  await summary.getByRole("link", { name: /Term 2 overlaps term 1/ }).click();
  await expect(term(admin, 2).getByRole("group", { name: "First school day" }).getByLabel("Day")).toBeFocused();

  // Remove the overlapping term; the third moves up and keeps what was typed.
  await term(admin, 2).getByRole("button", { name: "Remove term 2" }).click();
  await expect(admin.getByRole("group", { name: /^Term \d+$/ })).toHaveCount(2);
  await expect(term(admin, 2).getByRole("group", { name: "First school day" }).getByLabel("Month")).toHaveValue("1");
  await fillDate(term(admin, 2), "Last school day", "2027-02-12");
  await admin.getByRole("button", { name: "Save setting" }).click();
  await expect(admin.getByText(`${name} saved`)).toBeVisible();

  await admin.getByRole("link", { name }).click();
  await expect(admin.getByRole("group", { name: /^Term \d+$/ })).toHaveCount(2);
  await expect(term(admin, 2).getByRole("group", { name: "Last school day" }).getByLabel("Day")).toHaveValue("12");
  await expect(admin.getByLabel("School days")).toBeChecked();
  await context.close();
});
