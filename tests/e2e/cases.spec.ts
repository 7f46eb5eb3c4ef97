import type { Page } from "@playwright/test";
import { expect, raiseConcern as raise, test } from "./fixtures";
import { fillRemedy, remedyRow } from "./remedy-rows";

// A concern walked up the ladder through the browser, by the people who would really do it.

/** Raises a concern through the question pages (fixtures.ts) and returns its case's URL. */
async function raiseConcern(page: Page, options: { process?: string[]; substance?: string[]; summary: string }) {
  return (await raise(page, options)).caseUrl;
}

/** Opens an action from the case page, waits for its form, and submits it as it stands. */
async function act(page: Page, label: string) {
  await page.getByRole("button", { name: label }).click();
  await expect(page.getByRole("heading", { level: 1, name: label })).toBeVisible();
  await page.getByRole("button", { name: label }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Success" })).toBeVisible();
}

test("a parent raises a mixed concern: it is split into two linked cases with deadlines", async ({ page, signInAs, checkA11y }) => {
  test.setTimeout(120_000); // axe on every page of the journey
  await signInAs("amira.hussain@example.com");
  const { caseUrl: url } = await raise(page, {
    process: ["I was left out of decisions"],
    substance: ["The quality of support"],
    summary: "The school changed Yusuf's timetable without asking us and the new support is not working.",
    onPage: () => checkA11y(),
  });
  expect(url).toMatch(/\/cases\/[a-z0-9]+$/);
  await expect(page.getByText("Linked case:")).toBeVisible();
  await expect(page.getByRole("table", { name: "Deadlines" })).toContainText("acknowledge");
  await checkA11y();
  // The confirmation page says so, and can be read again.
  await page.goBack();
  await expect(page.getByText("split into two linked cases")).toBeVisible();
  await expect(page.getByRole("link", { name: /^See your concern/ })).toHaveCount(2);
});

test("raising a concern with nothing filled in explains every problem on each page, and sends nothing", async ({ page, signInAs, checkA11y }) => {
  test.setTimeout(90_000);
  await signInAs("gareth.evans@example.com");
  await page.goto("/cases");
  const before = await page.getByRole("row").count();
  await page.goto("/concerns/new");
  await page.getByRole("button", { name: "Start now" }).click();
  if (/\/child$/.test(page.url())) {
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("alert")).toContainText("Select the child or young person");
    await page.getByRole("radio").first().check();
    await page.getByRole("button", { name: "Continue" }).click();
  }
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("Select what your concern is about");
  await checkA11y();
  const draft = /\/concerns\/new\/([^/]+)\//.exec(page.url())?.[1];
  await page.goto(`/concerns/new/${draft}/details`);
  await page.getByLabel("Describe your concern").fill("too short");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("at least 20 characters");
  await page.goto(`/concerns/new/${draft}/aware`);
  await page.getByLabel("Day").fill("1");
  await page.getByLabel("Month").fill("1");
  await page.getByLabel("Year").fill("2099");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("The date you found out must be today or in the past");
  await checkA11y();
  // Check your answers will not open with questions unanswered: it sends you to the first.
  await page.goto(`/concerns/new/${draft}/check`);
  await expect(page).toHaveURL(/\/(child|about)$/);
  await page.goto("/cases");
  expect(await page.getByRole("row").count()).toBe(before);
});

test("a concern climbs the ladder: acknowledged, answered, escalated to the local service", async ({ page, pageAs, signInAs, checkA11y }) => {
  await signInAs("amira.hussain@example.com");
  const caseUrl = await raiseConcern(page, { substance: ["The amount of support"], summary: "Yusuf's speech and language sessions stopped in October." });
  await expect(page.getByRole("button", { name: "Take the concern to the next stage" })).toHaveCount(0); // premature

  const staff = await pageAs("Helen Clarke");
  await staff.goto(caseUrl);
  await staff.getByRole("button", { name: "Acknowledge the concern" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: "Acknowledge the concern" })).toBeVisible();
  await checkA11y(staff);
  await staff.getByRole("button", { name: "Acknowledge the concern" }).click();
  await expect(staff.getByText("Concern acknowledged", { exact: true })).toBeVisible();
  await expect(staff.getByRole("table", { name: "Deadlines" })).toContainText("respond");

  await staff.getByRole("button", { name: "Send the response" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: "Send the response" })).toBeVisible();
  await staff
    .getByRole("group", { name: /Finding:/ })
    .getByLabel("Partly upheld")
    .check();
  await staff.getByLabel("Reasons for the decision").fill("Sessions were missed while the therapist was on leave.");
  await staff.getByLabel("National Framework standards relied on").fill("NF-3.2");
  await fillRemedy(staff, 1, { kind: "action", description: "Make up the missed sessions", dueOn: "2027-02-26" });
  await staff.getByRole("button", { name: "Send the response" }).click();
  await expect(staff.getByText("Response sent", { exact: true })).toBeVisible();
  await expect(staff.getByRole("table", { name: "Remedies" })).toContainText("Make up the missed sessions");
  await checkA11y(staff);

  await page.goto(caseUrl);
  await expect(page.getByText("The setting has responded")).toBeVisible();
  await act(page, "Take the concern to the next stage");
  await expect(page.getByText("Waiting for the local service to acknowledge")).toBeVisible();
});

test("the response form rejects bad input with field messages and keeps what was typed", async ({ page, pageAs, signInAs }) => {
  await signInAs("amira.hussain@example.com");
  const caseUrl = await raiseConcern(page, { substance: ["Health support"], summary: "No occupational therapy assessment since the summer." });
  const staff = await pageAs("Helen Clarke");
  await staff.goto(caseUrl);
  await act(staff, "Acknowledge the concern");
  await staff.getByRole("button", { name: "Send the response" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: "Send the response" })).toBeVisible();
  await staff.getByLabel("National Framework standards relied on").fill("standard three");
  await remedyRow(staff, 1).getByLabel("Payment", { exact: true }).check();
  // With JavaScript the browser checks the form with the action's own schema: nothing is sent.
  const posts: string[] = [];
  staff.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  await staff.getByRole("button", { name: "Send the response" }).click();
  const alert = staff.getByRole("alert");
  await expect(alert).toContainText("Select a finding for this issue");
  await expect(alert).toContainText("Give the reasons for your decision");
  await expect(alert).toContainText('"standard three" is not a National Framework standard reference');
  await expect(alert).toContainText("Describe remedy 1");
  await expect(alert).toContainText("Enter remedy 1's amount in pounds");
  await expect(staff.getByLabel("National Framework standards relied on")).toHaveValue("standard three");
  await expect(staff).toHaveTitle(/^Error: /);
  expect(posts).toEqual([]);
  await staff.goto(caseUrl);
  await expect(staff.getByText("The setting is considering the concern")).toBeVisible();
});

test("two people acting on the same case at once: the second is told, nothing is overwritten", async ({ page, pageAs, signInAs }) => {
  await signInAs("amira.hussain@example.com");
  const caseUrl = await raiseConcern(page, { process: ["Reviews that have not been held"], summary: "No review meeting has been held this year at all." });
  const staff = await pageAs("Helen Clarke");
  await staff.goto(`${caseUrl}/acknowledge`);
  await page.goto(`${caseUrl}/withdraw`);
  await page.getByRole("button", { name: "Withdraw the concern" }).click();
  await expect(page.getByText("Concern withdrawn", { exact: true })).toBeVisible();
  await staff.getByRole("button", { name: "Acknowledge the concern" }).click();
  await expect(staff.getByRole("alert")).toContainText("Someone else updated this case");
  await staff.goto(caseUrl);
  await expect(staff.getByText("Closed").first()).toBeVisible();
});

test("people outside a case cannot open it or act on it", async ({ page, pageAs, signInAs }) => {
  await signInAs("gareth.evans@example.com");
  const caseUrl = await raiseConcern(page, { substance: ["Support when moving between settings"], summary: "Megan's move to year 9 had no transition plan at all." });
  for (const persona of ["Helen Clarke", "Priya Sharma", "Amira Hussain", "Sam Okafor", "Ruth Adeyemi"]) {
    const other = await pageAs(persona);
    expect((await other.goto(caseUrl))?.status(), `${persona} opening the case`).toBe(404);
    const post = await other.request.post(`${caseUrl}/withdraw`, { form: { version: "1" } });
    expect(post.status(), `${persona} acting on the case`).toBe(404);
  }
  // The family itself may not act for the setting.
  expect((await page.goto(`${caseUrl}/acknowledge`))?.status()).toBe(403);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a concern is raised and acknowledged with plain HTML forms", async ({ page, signInAs }) => {
    await signInAs("amira.hussain@example.com");
    const caseUrl = await raiseConcern(page, { process: ["The health lead was left out"], summary: "The school nurse was not invited to the register meeting." });
    await page.getByRole("button", { name: "Sign out" }).click();
    await signInAs("helen.clarke@beckettpark.example.com");
    await page.goto(caseUrl);
    await act(page, "Acknowledge the concern");
    await expect(page.getByText("The setting is considering the concern")).toBeVisible();
  });
});

test("a young person raising their own concern is spoken to as themselves", async ({ page, signInAs, checkA11y }) => {
  await signInAs("tyler.brown@example.com");
  await page.goto("/concerns/new");
  await page.getByRole("button", { name: "Start now" }).click();
  await expect(page).toHaveURL(/\/about$/);
  await expect(page.getByLabel("The decision to place me on the register")).toBeVisible();
  await expect(page.getByText("my child")).toHaveCount(0);
  await checkA11y();
  await page.goto(page.url().replace(/about$/, "health"));
  await expect(page.getByRole("group", { name: "Are health services involved in your support?" })).toBeVisible();
  await expect(page.getByText("my child")).toHaveCount(0);
  await checkA11y();
});
