import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// Forms are checked twice with one schema: in the browser before anything is sent (react-hook-form
// with the server's zod schema), and on the server. The messages and the page are the same.

/** Counts form posts the page sends (Remix posts with ?_data=… or as a document). */
function countPosts(page: Page) {
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  return posts;
}

async function summaryLinks(page: Page) {
  return page.getByRole("alert").getByRole("link").allTextContents();
}

test("with JavaScript, a wrong form is answered in the page without sending it", async ({ page, checkA11y }) => {
  await page.goto("/sign-in");
  await expect(page).toHaveTitle("Sign in – Redress");
  const posts = countPosts(page);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("There is a problem");
  expect(await summaryLinks(page)).toEqual(["Enter your email address", "Enter your password"]);
  await expect(page.getByRole("alert").locator("..")).toBeFocused();
  await expect(page).toHaveTitle("Error: Sign in – Redress");
  await expect(page.locator("#field-email-error")).toHaveText("Error: Enter your email address");
  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  expect(posts).toEqual([]);
  await checkA11y();

  // The summary's link takes you to the field.
  await page.getByRole("alert").getByRole("link", { name: "Enter your password" }).click();
  await expect(page.getByLabel("Password")).toBeFocused();

  // Fixed fields lose their message on the next try; only what is still wrong is listed.
  await page.getByLabel("Email address").fill("not-an-email");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect.poll(() => summaryLinks(page)).toEqual(["Enter an email address in the correct format, like name@example.com", "Enter your password"]);
  expect(posts).toEqual([]);

  // A form the browser accepts is sent; what only the server knows comes back from it.
  await page.getByLabel("Email address").fill("helen.clarke@beckettpark.example.com");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Enter a correct email address and password");
  expect(posts).toHaveLength(1);
  expect(await summaryLinks(page)).toEqual(["Enter a correct email address and password"]);
  await expect(page).toHaveTitle("Error: Sign in – Redress");
});

test("raising a concern: the browser's messages link to the first input of each question", async ({ page, signInAs, checkA11y }) => {
  await signInAs("amira.hussain@example.com");
  await page.goto("/concerns/new");
  const posts = countPosts(page);
  await page.getByLabel("Describe your concern").fill("Too short");
  await page.getByRole("button", { name: "Send concern" }).click();
  expect(await summaryLinks(page)).toEqual(["Select what your concern is about", "Describe your concern in at least 20 characters", "Select yes if health services are involved"]);
  expect(posts).toEqual([]);
  await checkA11y();
  await page.getByRole("alert").getByRole("link", { name: "Select what your concern is about" }).click();
  await expect(page.locator("#field-categories")).toBeFocused();
  await expect(page.locator("#field-categories")).toHaveAttribute("type", "checkbox");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server gives the same messages, the title starts with Error:, and choices are kept", async ({ page, signInAs }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    expect(await summaryLinks(page)).toEqual(["Enter your email address", "Enter your password"]);
    await expect(page).toHaveTitle("Error: Sign in – Redress");

    await signInAs("amira.hussain@example.com");
    await page.goto("/concerns/new");
    await expect(page).toHaveTitle("Raise a concern – Redress");
    await page.getByRole("checkbox", { name: "Reviews that have not been held" }).check();
    await page.getByLabel("Describe your concern").fill("Too short");
    await page.getByRole("button", { name: "Send concern" }).click();
    expect(await summaryLinks(page)).toEqual(["Describe your concern in at least 20 characters", "Select yes if health services are involved"]);
    await expect(page).toHaveTitle("Error: Raise a concern – Redress");
    await expect(page.getByRole("checkbox", { name: "Reviews that have not been held" })).toBeChecked();
    await expect(page.getByLabel("Describe your concern")).toHaveValue("Too short");
  });
});

test("tables scroll inside a labelled region on a 320 px screen instead of widening the page", async ({ page, signInAs, checkA11y }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto("/privacy");
  const region = page.getByRole("region", { name: "Essential cookies" });
  await expect(region).toBeVisible();
  await region.focus();
  await expect(region).toBeFocused();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await checkA11y();
  // A wide table, with visually hidden text in its last column, still scrolls inside its region.
  await signInAs("admin@redress.example.org.uk");
  await page.goto("/admin/users");
  const accounts = page.getByRole("region", { name: /\d+ accounts/ });
  await expect(accounts).toBeVisible();
  expect(await accounts.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await checkA11y();
});
