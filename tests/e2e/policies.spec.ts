import { expect, fillDate, test } from "./fixtures";

// Publishing a new timeline policy version (docs/decisions/027): administrators only; bad input is
// answered field by field; a published version is listed with its effective date in words.

test("an administrator publishes a new timeline policy version after fixing a mistake", async ({ page, signInAs, checkA11y }) => {
  test.setTimeout(90_000); // a long form, checked by axe twice
  await signInAs("admin@redress.example.org.uk");
  await page.goto("/admin/policies");
  await expect(page.getByRole("heading", { level: 1, name: "Timeline policies" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Version 2026-11: in force" })).toBeVisible();
  await checkA11y();

  // A version name next year (inside the form's two-year limit); the e2e database is fresh each run.
  const year = new Date().getUTCFullYear() + 1;
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, "0");
  await page.getByLabel("Version").fill(`${year}-${month}`);
  await fillDate(page, "Date it takes effect", "2026-02-30");
  await page.getByLabel("What changes and why").fill("Settings acknowledge concerns sooner.");
  await page.getByLabel("Time to acknowledge a concern").fill("0");
  await page.getByRole("button", { name: "Publish this version" }).click();
  await expect(page).toHaveTitle(/^Error: /);
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("The date it takes effect must be a real date");
  await expect(summary).toContainText("The time to acknowledge a concern must be between 1 and 260 working days");
  // The other answers are kept.
  await expect(page.getByLabel("What changes and why")).toHaveValue("Settings acknowledge concerns sooner.");
  await checkA11y();

  // The boxes keep what was typed; the error is beside them.
  const effective = page.getByRole("group", { name: "Date it takes effect" });
  await expect(effective.getByLabel("Day")).toHaveValue("30");
  await expect(effective).toContainText("Error: The date it takes effect must be a real date");
  await fillDate(page, "Date it takes effect", `${year}-${month}-01`);
  await page.getByLabel("Time to acknowledge a concern").fill("3");
  await page.getByRole("button", { name: "Publish this version" }).click();
  await expect(page.getByText(`Timeline policy ${year}-${month} published`)).toBeVisible();
  await expect(page.getByRole("heading", { name: `Version ${year}-${month}: takes effect later` })).toBeVisible();
  await expect(page.getByText("Cases already open keep the policy they started with.").first()).toBeVisible();
});

test("nobody but an administrator reaches the timeline policies", async ({ page, signInAs }) => {
  await signInAs("helen.clarke@beckettpark.example.com");
  const response = await page.goto("/admin/policies");
  expect(response?.status()).toBe(403);
  const post = await page.request.post("/admin/policies", { form: { policyVersion: "2030-01" }, maxRedirects: 0 });
  expect(post.status()).toBe(403);
});
