import { DEMO_PASSWORD } from "../../app/utils/demo-personas";
import { expect, test } from "./fixtures";

test("an administrator deactivates an account, which can no longer sign in, then reactivates it", async ({ page, pageAs, signInAs, checkA11y }) => {
  const parent = await pageAs("Gareth Evans");
  await signInAs("admin@redress.example.org.uk");
  await page.goto("/admin/users?role=family");
  await checkA11y();
  await page.getByRole("button", { name: "Deactivate Gareth Evans" }).click();
  await expect(page.getByText("Gareth Evans deactivated")).toBeVisible();
  await expect(page).toHaveURL(/role=family/);

  // Signed out everywhere at once, and the password no longer works.
  await parent.goto("/cases");
  await expect(parent).toHaveURL(/\/sign-in/);
  await parent.getByLabel("Email address").fill("gareth.evans@example.com");
  await parent.getByLabel("Password").fill(DEMO_PASSWORD);
  await parent.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(parent.getByRole("alert")).toContainText("Enter a correct email address and password");

  await page.getByRole("button", { name: "Reactivate Gareth Evans" }).click();
  await expect(page.getByText("Gareth Evans reactivated")).toBeVisible();
  await parent.getByLabel("Password").fill(DEMO_PASSWORD); // never echoed back after a failure
  await parent.getByRole("button", { name: "Sign in", exact: true }).click();
  // Back where they were going when they were signed out.
  await expect(parent).toHaveURL(/\/cases$/);
  await expect(parent.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();
});

test("the account status form refuses bad input, the administrator's own account, and signed-out requests", async ({ page, signInAs, request }) => {
  await signInAs("admin@redress.example.org.uk");
  const bad = await page.request.post("/admin/users?_data=routes%2Fadmin.users", { form: { userId: "", active: "maybe" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).errors).toMatchObject({ userId: ["Choose an account"], active: ["Choose whether the account is active"] });
  await expect(page.getByRole("button", { name: /Deactivate Alex Morgan/ })).toHaveCount(0);
  const anonymous = await request.post("/admin/users", { form: { userId: "x", active: "false" }, maxRedirects: 0 });
  expect(anonymous.status()).toBe(302);
});

test("an administrator downloads everything held about a person; the person can download their own", async ({ page, pageAs, signInAs, checkA11y }) => {
  await signInAs("admin@redress.example.org.uk");
  await page.goto("/admin/users?role=family");
  await checkA11y();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export data held about Amira Hussain" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^redress-subject-access-.+\.json$/);
  const exported = JSON.parse(await (await import("node:fs/promises")).readFile((await download.path())!, "utf8"));
  expect(exported.account.name).toBe("Amira Hussain");
  expect(exported.concernsRaised.length).toBeGreaterThan(0);

  const amira = await pageAs("Amira Hussain");
  await amira.goto("/privacy");
  const [own] = await Promise.all([amira.waitForEvent("download"), amira.getByRole("link", { name: "download everything we hold about you" }).click()]);
  const mine = JSON.parse(await (await import("node:fs/promises")).readFile((await own.path())!, "utf8"));
  expect(mine.account.email).toBe("amira.hussain@example.com");
  expect(mine.auditEntries.map((a: { action: string }) => a.action)).toContain("export.subject-access");
  // Not for anyone else's account.
  const other = await amira.request.get(`/admin/users/${exported.account.id}/export`, { maxRedirects: 0 });
  expect(other.status()).toBe(403);
});

test("an administrator erases a person's data on request, giving a reason", async ({ page, signInAs, checkA11y }) => {
  await signInAs("admin@redress.example.org.uk");
  await page.goto("/admin/users?role=family&page=2");
  const row = page.getByRole("row").filter({ hasText: "@example.com" }).first();
  const name = (await row.getByRole("cell").first().textContent())!.trim();
  await row.getByRole("link", { name: `Erase ${name}’s personal data` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Erase ${name}’s personal data`);
  const erasePage = page.url();
  await checkA11y();
  await page.getByRole("button", { name: "Erase personal data" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter why this person's data is being erased");
  await checkA11y();
  await page.getByLabel("Why are you erasing this data?").fill("Erasure request by email on 27 November 2026");
  await page.getByRole("button", { name: "Erase personal data" }).click();
  await expect(page.getByText("Personal data erased")).toBeVisible();
  await page.goto(erasePage);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Erase Erased person [0-9a-f]{8}’s personal data$/);
  await expect(page.getByText("This person’s data has already been erased.")).toBeVisible();
});
