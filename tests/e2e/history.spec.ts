import { expect, test } from "./fixtures";

// The full history of a case, a page at a time (docs/decisions/017), and the probes.

test("a case's full history opens from the case page, pages with the GOV.UK pagination, and passes axe", async ({ page, pageAs, checkA11y }) => {
  const staff = await pageAs("Helen Clarke");
  await staff.goto("/cases");
  await staff.locator('table a.govuk-link[href^="/cases/"]').first().click();
  await staff.waitForURL(/\/cases\/[^/]+$/);
  const caseUrl = new URL(staff.url()).pathname;
  await staff.goto(`${caseUrl}/history`);
  await expect(staff.getByRole("heading", { level: 1 })).toContainText("History:");
  await expect(staff.getByText(/newest first/)).toBeVisible();
  await expect(staff.locator(".redress-timeline li").first()).toBeVisible();
  await expect(staff.locator(".redress-timeline").getByText("Concern raised", { exact: true })).toBeVisible();
  await checkA11y(staff);
  // A page that is not a number is a clear 400, never a crash; past the last page is not found.
  const bad = await staff.goto(`${caseUrl}/history?page=abc`);
  expect(bad?.status()).toBe(400);
  const past = await staff.goto(`${caseUrl}/history?page=999`);
  expect(past?.status()).toBe(404);
  // Back to the case from the history.
  await staff.goto(`${caseUrl}/history`);
  await staff.getByRole("link", { name: "Back to the case" }).click();
  await expect(staff).toHaveURL(new RegExp(`${caseUrl}$`));
  await page.goto("/healthz");
  await expect(page.locator("body")).toContainText('"status":"alive"');
});
