import type { Page } from "@playwright/test";
import { expect, fillDate, raiseConcern, signInWithPassword, test } from "./fixtures";

// A way in for everyone (docs/decisions/020), through the browser: a family signs up and is linked
// by the setting, an advocate acts within and outside consent, staff log a phone concern with the
// true receipt date, an administrator invites someone and changes a role. axe on every new page.

const PASSWORD = "kettle lantern orchard 7";
const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** The newest account email for an address, read from the outbox through the demo mailbox; opens its link. */
async function openEmailLink(page: Page, to: string, subject: string, checkA11y?: (page?: Page) => Promise<void>) {
  await page.goto(`/demo/mailbox?to=${encodeURIComponent(to)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Demo mailbox" })).toBeVisible();
  if (checkA11y) await checkA11y(page);
  await page
    .getByRole("link", { name: new RegExp(`Open the link in this email\\s*: ${subject}`) })
    .first()
    .click();
}

/** Yusuf's date of birth as his setting sees it (the family knows it; the test reads it from the SENCo's list). */
async function yusufBorn(helen: Page): Promise<string> {
  await helen.goto("/setting/concerns/new");
  const label = await helen.locator("option", { hasText: "Yusuf Hussain" }).textContent();
  const [, day, month, year] = /born (\d{1,2}) (\w+) (\d{4})/.exec(label ?? "") ?? [];
  return `${year}-${String(MONTHS.indexOf(month!) + 1).padStart(2, "0")}-${day!.padStart(2, "0")}`;
}

test("a family member signs up, confirms their email, asks to be linked, the setting confirms, and they raise a concern", async ({ page, browser, checkA11y }) => {
  const email = `lena.${Date.now()}@example.com`;
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create an account" })).toBeVisible();
  await checkA11y();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter your full name");
  await page.getByLabel("Full name").fill("Lena Hussain");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Create a password").fill(PASSWORD);
  await page.getByLabel("Confirm your password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await checkA11y();

  // Not yet confirmed: signing in says so.
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Confirm your email address first");

  await openEmailLink(page, email, "Confirm your email address", checkA11y);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your email address" })).toBeVisible();
  await checkA11y();
  const verifyUrl = page.url();
  await page.getByRole("button", { name: "Confirm email address" }).click();
  await expect(page.getByText("Your email address is confirmed")).toBeVisible();
  // The link works once.
  await page.goto(verifyUrl);
  await expect(page.getByRole("heading", { level: 1, name: "This link has expired or has already been used" })).toBeVisible();

  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome, Lena Hussain");

  const helen = await signInWithPassword(browser, "helen.clarke@beckettpark.example.com");
  const born = await yusufBorn(helen);
  await page.getByRole("link", { name: "Your children" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your children" })).toBeVisible();
  await checkA11y();
  await page.getByLabel("Child's first name").fill("Yusuf");
  await page.getByLabel("Child's last name").fill("Hussain");
  await fillDate(page, "Child's date of birth", born);
  await page.getByLabel("Their nursery, school or college").selectOption({ label: "Beckett Park Primary School (Leeds)" });
  await page.getByLabel("Grandparent").check();
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("Request sent to the setting")).toBeVisible();
  await expect(page.getByText("Waiting for the setting")).toBeVisible();
  // Nothing of the child until the setting confirms.
  await page.goto("/concerns/new");
  await expect(page.getByText("There is no child or young person linked to your account yet")).toBeVisible();

  await helen.goto("/setting/link-requests");
  await checkA11y(helen);
  await helen.getByRole("link", { name: "Lena Hussain asking about Yusuf Hussain" }).click();
  await expect(helen.getByRole("heading", { level: 1, name: "Link request from Lena Hussain" })).toBeVisible();
  await checkA11y(helen);
  await helen.getByLabel("Link to Yusuf Hussain").check();
  await helen.getByRole("button", { name: "Save decision" }).click();
  await expect(helen.getByText("Link confirmed")).toBeVisible();

  await page.goto("/account/children");
  await expect(page.getByText("Linked to your account")).toBeVisible();
  await raiseConcern(page, { substance: ["The quality of support"], summary: "Yusuf's grandmother here: his reading support stopped after half term." });
  await expect(page.getByText("Lena Hussain").first()).toBeVisible();
});

test("an advocate acts within the family's consent and sees nothing outside it; withdrawn consent ends access", async ({ page, pageAs, checkA11y }) => {
  const gareth = await pageAs("Gareth Evans");
  await gareth.goto("/cases");
  const meganCase = await gareth.locator("a[href^='/cases/']").first().getAttribute("href");

  const nadia = await pageAs("Nadia Rahman");
  await nadia.goto("/cases");
  await expect(nadia.getByText("Yusuf Hussain").first()).toBeVisible();
  await expect(nadia.getByText("Megan Evans")).toHaveCount(0);
  const yusufCase = await nadia.locator("a[href^='/cases/']").first().getAttribute("href");
  const outside = await nadia.goto(meganCase!);
  expect(outside?.status()).toBe(404);
  await nadia.goto("/account/representatives");
  await expect(nadia.getByText("People you represent")).toBeVisible();
  await checkA11y(nadia);

  // Within consent: she raises a concern for Yusuf.
  await raiseConcern(nadia, { substance: ["The quality of support"], summary: "On behalf of Amira Hussain: the agreed speech and language sessions have not happened." });

  // Amira withdraws her consent: from then on Nadia sees nothing.
  const amira = await pageAs("Amira Hussain");
  await amira.goto("/account/representatives");
  await expect(amira.getByRole("heading", { level: 1, name: "Representatives and advocates" })).toBeVisible();
  await checkA11y(amira);
  await amira.getByRole("button", { name: /Withdraw consent – Nadia Rahman/ }).click();
  await expect(amira.getByText("Consent withdrawn")).toBeVisible();
  const after = await nadia.goto(yusufCase!);
  expect(after?.status()).toBe(404);
  await nadia.goto("/cases");
  await expect(nadia.getByText("Yusuf Hussain")).toHaveCount(0);
  void page;
});

test("the setting logs a phone concern with a back-dated receipt: the clock starts then, and the family sees it", async ({ browser, pageAs, checkA11y }) => {
  const helen = await signInWithPassword(browser, "helen.clarke@beckettpark.example.com");
  await helen.getByRole("link", { name: "Log a concern" }).click();
  await expect(helen.getByRole("heading", { level: 1, name: "Log a concern for a family" })).toBeVisible();
  await checkA11y(helen);
  await helen.getByLabel("Which child or young person is it about?").selectOption({ label: (await helen.locator("option", { hasText: "Yusuf Hussain" }).textContent()) ?? "" });
  await helen.getByRole("button", { name: "Continue" }).click();
  await expect(helen.getByText("About Yusuf Hussain")).toBeVisible();
  await checkA11y(helen);
  await helen.getByLabel("Amira Hussain (mother)").check();
  await helen.getByLabel("Phone call").check();
  await fillDate(helen, "Date received", isoDaysAgo(-3));
  await helen.getByLabel("The quality of support").check();
  await helen.getByLabel("The concern, as the family put it").fill("Mrs Hussain phoned: Yusuf's one-to-one support has been cut to two mornings.");
  await helen
    .getByRole("group", { name: /health services involved/ })
    .getByLabel("No")
    .check();
  await helen.getByRole("button", { name: "Log concern" }).click();
  await expect(helen.getByRole("alert")).toContainText("must be today or in the past");

  const receivedOn = isoDaysAgo(7);
  await fillDate(helen, "Date received", receivedOn);
  await helen.getByRole("button", { name: "Log concern" }).click();
  await expect(helen.getByText(/Concern RC-\d{4}-[A-Z0-9]{6} logged/)).toBeVisible();
  const [y, m, d] = receivedOn.split("-").map(Number) as [number, number, number];
  const shown = `${d} ${MONTHS[m - 1]} ${y}`;
  await expect(helen.getByText("By phone, logged by the setting")).toBeVisible();
  await expect(helen.locator("dd", { hasText: shown }).first()).toBeVisible();
  const caseUrl = new URL(helen.url()).pathname;

  // The young person's views, recorded by staff in his words.
  await helen.getByRole("link", { name: "Record Yusuf Hussain's views" }).click();
  await checkA11y(helen);
  await helen.getByLabel("Yusuf Hussain's views").fill("I liked having Miss Shah every morning. Now I get lost after lunch.");
  await helen.getByRole("button", { name: "Record views" }).click();
  await expect(helen.getByText("Now I get lost after lunch.")).toBeVisible();

  const amira = await pageAs("Amira Hussain");
  await amira.goto(caseUrl);
  await expect(amira.getByText("By phone, logged by the setting")).toBeVisible();
  await expect(amira.getByText("Now I get lost after lunch.")).toBeVisible();
});

test("an administrator invites someone, changes their role, sends a reset link; the invitation link works once", async ({ page, pageAs, checkA11y }) => {
  test.setTimeout(60_000); // many pages, and axe checks a setting with 36 terms of date inputs
  const email = `ravi.${Date.now()}@beckettpark.example.com`;
  const admin = await pageAs("Alex Morgan");
  await admin.goto("/admin/users");
  await admin
    .getByRole("button", { name: "Invite someone" })
    .or(admin.getByRole("link", { name: "Invite someone" }))
    .click();
  await expect(admin.getByRole("heading", { level: 1, name: "Invite someone" })).toBeVisible();
  await checkA11y(admin);
  await admin.getByLabel("Full name").fill("Ravi Patel");
  await admin.getByLabel("Email address").fill(email);
  await admin.getByLabel("Setting staff", { exact: true }).check();
  await admin.getByRole("button", { name: "Send invitation" }).click();
  await expect(admin.getByRole("alert")).toContainText("Select the setting they work at");
  await admin.getByLabel("Setting (for setting staff)").selectOption({ label: "Beckett Park Primary School (Leeds)" });
  await admin.getByRole("button", { name: "Send invitation" }).click();
  await expect(admin.getByText(`Invitation sent to ${email}`)).toBeVisible();
  await expect(admin.getByRole("heading", { level: 1, name: "Ravi Patel" })).toBeVisible();
  await checkA11y(admin);

  await admin.getByLabel("Local service officer", { exact: true }).check();
  await admin.getByLabel("Setting staff", { exact: true }).uncheck();
  await admin.getByLabel("Local area (for local service officers and health partners)").selectOption({ label: "Leeds" });
  await admin.getByRole("button", { name: "Save roles" }).click();
  await expect(admin.getByText("Roles of Ravi Patel changed")).toBeVisible();

  for (const path of ["/admin/settings", "/admin/areas"]) {
    await admin.goto(path);
    await checkA11y(admin);
  }
  await admin.getByRole("link", { name: "Back to settings" }).click();
  await admin.getByRole("link", { name: "Elmwood Special School" }).click();
  // The saved terms, one row each, as date inputs (the seed's autumn 2026 term is its 13th).
  const autumn = admin.getByRole("group", { name: "Term 13", exact: true });
  await expect(autumn.getByRole("group", { name: "First school day" }).getByLabel("Day")).toHaveValue("3");
  await expect(autumn.getByRole("group", { name: "First school day" }).getByLabel("Month")).toHaveValue("9");
  await expect(autumn.getByRole("group", { name: "Last school day" }).getByLabel("Day")).toHaveValue("24");
  await expect(autumn.getByRole("group", { name: "Last school day" }).getByLabel("Year")).toHaveValue("2026");
  await checkA11y(admin);

  await openEmailLink(page, email, "You have been invited to Redress");
  await expect(page.getByRole("heading", { level: 1, name: "Accept your invitation" })).toBeVisible();
  await checkA11y();
  const inviteUrl = page.url();
  await page.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm new password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create password" }).click();
  await expect(page.getByText("Your account is ready")).toBeVisible();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome, Ravi Patel");
  await expect(page.getByText(/Local service officer/).first()).toBeVisible();
  await page.goto(inviteUrl);
  await expect(page.getByRole("heading", { level: 1, name: "This link has expired or has already been used" })).toBeVisible();

  // A forgotten password: the page never says whether the address has an account.
  await page.context().clearCookies();
  await page.goto("/forgotten-password");
  await checkA11y();
  await page.getByLabel("Email address").fill("nobody-here@example.com");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("If there is a Redress account for nobody-here@example.com")).toBeVisible();
  await page.goto("/forgotten-password");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText(`If there is a Redress account for ${email}`)).toBeVisible();
  await openEmailLink(page, email, "Reset your password");
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await checkA11y();
});
