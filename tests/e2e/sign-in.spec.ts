import { DEMO_PASSWORD } from "../../app/utils/demo-personas";
import { expect, test } from "./fixtures";

test("a parent signs in with email and password, sees their home page, and signs out", async ({ page, signInAs, checkA11y }) => {
  await signInAs("amira.hussain@example.com");
  await expect(page.getByRole("heading", { name: "Welcome, Amira Hussain" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Yusuf Hussain – Beckett Park Primary School" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Open cases with the soonest deadlines" })).toBeVisible();
  await checkA11y();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "You have signed out" })).toBeVisible();
  await checkA11y();
  // The session is gone on the server, not just the cookie: protected pages send you to sign in.
  await page.goto("/cases");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fcases/);
});

test("sign-in errors follow the GOV.UK error summary pattern and do not reveal which part was wrong", async ({ page, checkA11y }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("There is a problem");
  await expect(summary.getByRole("link", { name: "Enter your email address" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Enter your password" })).toBeVisible();
  await checkA11y();

  await page.getByLabel("Email address").fill("not-an-email");
  await page.getByLabel("Password").fill("x");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Enter an email address in the correct format");

  await page.getByLabel("Email address").fill("helen.clarke@beckettpark.example.com");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Enter a correct email address and password");
  await expect(page.getByLabel("Email address")).toHaveValue("helen.clarke@beckettpark.example.com");
});

test("sign-in returns 400 with field messages to a plain form post", async ({ request }) => {
  const response = await request.post("/sign-in?_data=routes%2Fsign-in", { form: { email: "", password: "" } });
  expect(response.status()).toBe(400);
  const body = await response.json();
  expect(body.errors.email).toEqual(["Enter your email address"]);
  expect(body.errors.password).toEqual(["Enter your password"]);
});

test("after sign-in you land where you were going", async ({ page }) => {
  await page.goto("/analytics");
  await expect(page).toHaveURL(/redirectTo=%2Fanalytics/);
  await page.getByLabel("Email address").fill("grace.liu@practice.example.org.uk");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/analytics$/);
  await expect(page.getByRole("heading", { name: "Patterns across settings and areas" })).toBeVisible();
});

test("the session cookie is HttpOnly and SameSite=Lax", async ({ page, context, signInAs }) => {
  await signInAs("priya.sharma@leeds.example.gov.uk");
  const cookie = (await context.cookies()).find((c) => c.name === "__redress_session");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  await expect(page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Cases" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("signing in with a demo persona and signing out work as plain HTML forms", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in as Helen Clarke" }).click();
    await expect(page.getByRole("heading", { name: "Welcome, Helen Clarke" })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "You have signed out" })).toBeVisible();
  });
});
