import { DEMO_PASSWORD } from "../../app/utils/demo-personas";
import { expect, test } from "./fixtures";

test("a person changes their password: mistakes are explained, other sessions end, the new password works", async ({ page, pageAs, signInAs, checkA11y }) => {
  const elsewhere = await pageAs("Dr Owen Price");
  await signInAs("owen.price@leeds-icb.example.nhs.uk");
  await page.getByRole("link", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Change your password" })).toBeVisible();
  await checkA11y();

  await page.getByLabel("Current password", { exact: true }).fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("Confirm new password").fill("different");
  await page.getByRole("button", { name: "Change password" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("at least 12 characters");
  await expect(alert).toContainText("The passwords do not match");

  const next = "walrus violin harbour 42";
  await page.getByLabel("Current password", { exact: true }).fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("Confirm new password").fill(next);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("alert")).toContainText("Your current password is not right");

  await page.getByLabel("Current password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("Confirm new password").fill(next);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password has been changed")).toBeVisible();

  // The other browser was signed out; this one was not.
  await elsewhere.goto("/cases");
  await expect(elsewhere).toHaveURL(/\/sign-in/);
  await page.goto("/cases");
  await expect(page.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();

  // Put the demo password back so the persona stays usable.
  await page.goto("/account/password");
  await page.getByLabel("Current password", { exact: true }).fill(next);
  await page.getByLabel("New password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel("Confirm new password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password has been changed")).toBeVisible();
});
