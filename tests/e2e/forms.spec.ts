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
  await page.getByRole("button", { name: "Start now" }).click();
  await expect(page).toHaveURL(/\/about$/);
  const draft = page.url().replace(/\/about$/, "");
  const posts = countPosts(page);
  await page.getByRole("button", { name: "Continue" }).click();
  expect(await summaryLinks(page)).toEqual(["Select what your concern is about"]);
  await expect(page).toHaveTitle("Error: What is your concern about? – Raise a concern – Redress");
  expect(posts).toEqual([]);
  await checkA11y();
  await page.getByRole("alert").getByRole("link", { name: "Select what your concern is about" }).click();
  await expect(page.locator("#field-categories")).toBeFocused();
  await expect(page.locator("#field-categories")).toHaveAttribute("type", "checkbox");

  // The date input: the message names the missing part, links to the first box, and only that box is marked.
  await page.goto(`${draft}/aware`);
  await page.getByLabel("Day").fill("31");
  await page.getByLabel("Year").fill("2026");
  await page.getByRole("button", { name: "Continue" }).click();
  expect(await summaryLinks(page)).toEqual(["The date you found out must include a month"]);
  expect(posts).toEqual([]);
  await expect(page.getByLabel("Month")).toHaveClass(/govuk-input--error/);
  await expect(page.getByLabel("Day")).not.toHaveClass(/govuk-input--error/);
  await page.getByLabel("Month").fill("2");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect.poll(() => summaryLinks(page)).toEqual(["The date you found out must be a real date"]);
  await page.getByRole("alert").getByRole("link").click();
  await expect(page.getByLabel("Day")).toBeFocused();
  await checkA11y();

  // The character count counts down as you type, and says when there are too many.
  await page.goto(`${draft}/details`);
  await page.getByLabel("Describe your concern").fill("Twelve chars");
  await expect(page.locator(".govuk-character-count__status")).toHaveText("You have 4,988 characters remaining");
  await page.getByLabel("Describe your concern").fill("x".repeat(5003));
  await expect(page.locator(".govuk-character-count__status")).toHaveText("You have 3 characters too many");
  await page.getByRole("button", { name: "Continue" }).click();
  expect(await summaryLinks(page)).toEqual(["This answer must be 5,000 characters or fewer"]);
  expect(posts).toEqual([]);
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
    await page.getByRole("button", { name: "Start now" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    expect(await summaryLinks(page)).toEqual(["Select what your concern is about"]);
    await expect(page).toHaveTitle("Error: What is your concern about? – Raise a concern – Redress");
    await page.getByRole("checkbox", { name: "Reviews that have not been held" }).check();
    await page.getByRole("button", { name: "Continue" }).click();
    // Yusuf has register decisions: the next page asks whether it is about one of them.
    await page.getByRole("button", { name: "Continue" }).click();
    expect(await summaryLinks(page)).toEqual(["Select the decision your concern is about, or that it is not about one decision"]);
    await page.getByRole("radio", { name: "No, it is not about one decision" }).check();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Describe your concern").fill("Too short");
    await page.getByRole("button", { name: "Continue" }).click();
    expect(await summaryLinks(page)).toEqual(["Describe your concern in at least 20 characters"]);
    await expect(page).toHaveTitle("Error: Describe your concern – Raise a concern – Redress");
    await expect(page.getByLabel("Describe your concern")).toHaveValue("Too short");
    // Without the script the character count says the limit.
    await expect(page.getByText("You can enter up to 5,000 characters")).toBeVisible();
    // Going back, the saved choices are still there.
    await page.getByRole("link", { name: "Back", exact: true }).click();
    await expect(page.getByRole("radio", { name: "No, it is not about one decision" })).toBeChecked();
    await page.getByRole("link", { name: "Back", exact: true }).click();
    await expect(page.getByRole("checkbox", { name: "Reviews that have not been held" })).toBeChecked();
    await page.goto(page.url().replace(/about$/, "aware"));
    await page.getByLabel("Day").fill("30");
    await page.getByLabel("Month").fill("2");
    await page.getByLabel("Year").fill("2026");
    await page.getByRole("button", { name: "Continue" }).click();
    expect(await summaryLinks(page)).toEqual(["The date you found out must be a real date"]);
    await expect(page.getByLabel("Month")).toHaveValue("2");
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
