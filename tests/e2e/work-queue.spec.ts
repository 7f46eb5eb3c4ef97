import { expect, signInWithPassword, test } from "./fixtures";

// Work queues, the complaints lead and urgent concerns (docs/decisions/024).

test.describe("the work queue without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("filters, searches and pages with plain GET forms and links", async ({ page, signInAs }) => {
    await signInAs("priya.sharma@leeds.example.gov.uk");
    await page.goto("/cases");
    await expect(page.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();
    await expect(page.getByText("Cases needing your action.")).toBeVisible();
    // What needs Priya's action: overdue first, each saying what is owed.
    const firstAction = page.getByTestId("work-queue").locator("tbody tr").first().locator("td").nth(1);
    await expect(firstAction).toContainText("Overdue");
    await expect(firstAction).toContainText(/(Acknowledge|Respond) – \d+ days? overdue/);

    // Everything she can see, 10 a page: GOV.UK pagination, plain links.
    await page.getByLabel("Show").selectOption("all");
    await page.getByLabel("Cases per page").selectOption("10");
    await page.getByRole("button", { name: "Apply filters" }).click();
    const count = page.getByTestId("queue-count");
    await expect(count).toHaveText(/^Showing 1 to 10 of (\d+) cases$/);
    const total = Number((await count.textContent())!.match(/of (\d+)/)![1]);
    expect(total).toBeGreaterThan(10);
    await expect(page.getByTestId("work-queue").locator("tbody tr")).toHaveCount(10);
    await page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: /Next/ }).click();
    await expect(page).toHaveURL(/show=all/);
    await expect(page).toHaveURL(/perPage=10/);
    await expect(page).toHaveURL(/page=2/);
    await expect(count).toHaveText(new RegExp(`^Showing 11 to ${Math.min(20, total)} of ${total} cases$`));
    await expect(page.getByRole("link", { name: "Page 2" })).toHaveAttribute("aria-current", "page");

    // Search by child, then filter by status: every row matches.
    await page.getByLabel("Search").fill("Theo");
    await page.getByRole("button", { name: "Apply filters" }).click();
    const rows = page.getByTestId("work-queue").locator("tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);
    for (const text of await rows.allTextContents()) expect(text).toContain("Theo");
    await page.getByLabel("Search").fill("");
    await page.getByLabel("Status").selectOption("closed");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/status=closed/);
    for (const text of await rows.allTextContents()) expect(text).toContain("Closed");
    await page.getByLabel("Search").fill("no such child anywhere");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByText("No cases match these filters.")).toBeVisible();
    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/cases$/);
    // A page number that is not one is refused plainly.
    expect((await page.goto("/cases?page=abc"))?.status()).toBe(400);
  });
});

test("the queue passes axe, urgent cases first with their tag", async ({ pageAs, checkA11y }) => {
  const helen = await pageAs("Helen Clarke");
  await helen.goto("/cases");
  const first = helen.getByTestId("work-queue").locator("tbody tr").first();
  await expect(first.getByText("Urgent", { exact: true })).toBeVisible();
  await checkA11y(helen);
});

test("the family is told what urgent means on the case page", async ({ pageAs, checkA11y }) => {
  const amira = await pageAs("Amira Hussain");
  await amira.goto("/cases");
  await amira.getByRole("link", { name: /D00001-S/ }).click();
  const notice = amira.getByTestId("urgent-notice");
  await expect(notice).toContainText("Marked urgent by the setting");
  await expect(notice).toContainText("the child’s place is at risk");
  await expect(notice).toContainText("The deadlines have not changed");
  await expect(notice).toContainText("call 999");
  await expect(amira.getByText("Marked urgent: the child’s place is at risk")).toBeVisible();
  await checkA11y(amira);
});

test("the complaints lead assigns and reassigns the handler; a person the concern is about is refused", async ({ browser, checkA11y }) => {
  const priya = await signInWithPassword(browser, "priya.sharma@leeds.example.gov.uk");
  // A Leeds case waiting for the local service to acknowledge it.
  await priya.goto("/cases?q=Aisha");
  await priya.getByTestId("work-queue").locator("tbody tr").filter({ hasText: "Acknowledge" }).first().getByRole("link").first().click();
  await priya.waitForURL(/\/cases\/[a-z0-9]+$/);
  const caseUrl = new URL(priya.url()).pathname;
  await expect(priya.getByTestId("handled-by")).toHaveText("Not yet assigned");

  await priya.getByRole("button", { name: "Assign who handles the concern" }).click();
  await expect(priya.getByRole("heading", { level: 1 })).toContainText("Assign who handles the concern");
  await checkA11y(priya);
  await priya.getByLabel("Marcus Reid").check();
  await priya.getByRole("button", { name: "Assign who handles the concern" }).click();
  await expect(priya.getByText("Handler assigned")).toBeVisible();
  await expect(priya.getByTestId("handled-by")).toHaveText("Marcus Reid");
  await expect(priya.getByText("Priya Sharma assigned the concern to Marcus Reid")).toBeVisible();

  // Reassigned by the lead to herself.
  await priya.goto(`${caseUrl}/assign-handler`);
  await priya.getByLabel("Priya Sharma").check();
  await priya.getByRole("button", { name: "Assign who handles the concern" }).click();
  await expect(priya.getByTestId("handled-by")).toHaveText("Priya Sharma");

  // The concern turns out to be about Marcus: he can no longer be assigned, and the form says why.
  await priya.getByRole("button", { name: "Record who the concern is about" }).click();
  await priya.getByLabel("Marcus Reid").check();
  await priya.getByRole("button", { name: "Record who the concern is about" }).click();
  await expect(priya.getByText("Recorded who the concern is about", { exact: true })).toBeVisible();
  await priya.goto(`${caseUrl}/assign-handler`);
  await priya.getByLabel("Marcus Reid").check();
  await priya.getByRole("button", { name: "Assign who handles the concern" }).click();
  await expect(priya).toHaveTitle(/^Error:/);
  await expect(priya.locator(".govuk-error-summary")).toContainText("Marcus Reid cannot handle this concern: it is about them. Choose someone else.");
  await priya.goto(caseUrl);
  await expect(priya.getByTestId("handled-by")).toHaveText("Priya Sharma");
  await priya.context().close();
});
