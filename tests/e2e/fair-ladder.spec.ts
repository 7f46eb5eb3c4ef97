import type { Page } from "@playwright/test";
import { expect, fillDate, signInWithPassword, test } from "./fixtures";

// The fair-ladder rules as a family and a late body meet them on the case page: a missed
// deadline owes the family a dated delay notice, and after the local service's response the
// route to the national body stays open for 12 months, with the date on the page.

async function act(page: Page, label: string, fill?: (page: Page) => Promise<void>) {
  await page.getByRole("button", { name: label }).click();
  await expect(page.getByRole("heading", { level: 1, name: label })).toBeVisible();
  await fill?.(page);
  await page.getByRole("button", { name: label }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Success" })).toBeVisible();
}

const london = (date: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(date);
const longDate = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }).format(new Date(`${iso}T12:00:00Z`));

/** The same day 12 months on (clamped to the month's end), as the machines count it. */
function twelveMonthsOn(iso: string) {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

test("a late college gives Tyler a dated delay notice; after the local service responds, his route to the national body stays open 12 months", async ({
  page,
  signInAs,
  browser,
  checkA11y,
}) => {
  const today = london(new Date());
  const college = await signInWithPassword(browser, "senco@aston-vale-college.example.com");
  await college.goto("/cases");
  await college.getByRole("link", { name: /D00003/ }).click();
  await college.waitForURL(/\/cases\/[a-z0-9]+$/);
  const caseUrl = college.url();
  await expect(college.getByText("The setting’s deadline to acknowledge the concern was missed")).toBeVisible();
  await expect(college.getByText(/No delay notice has been given yet/)).toBeVisible();
  const expectedOn = london(new Date(Date.now() + 7 * 86_400_000));
  await act(college, "Give a delay notice", async (form) => {
    await form.getByLabel("Why is it late?").fill("Our SENCo was away and nobody picked up the concern.");
    await fillDate(form, "When do you expect to finish?", expectedOn);
  });

  await signInAs("tyler.brown@example.com");
  await page.goto(caseUrl);
  const notice = page.getByTestId("delay-notice");
  await expect(notice).toContainText(`Delay notice given on ${longDate(today)}: Our SENCo was away and nobody picked up the concern.`);
  await expect(notice).toContainText(`Expected by ${longDate(expectedOn)}`);
  await checkA11y();
  // The breach stands: Tyler may take his concern further now, delay notice or not.
  await act(page, "Take the concern to the next stage");

  const officer = await signInWithPassword(browser, "send.officer@birmingham.example.gov.uk");
  await officer.goto(caseUrl);
  await act(officer, "Acknowledge the concern");
  await act(officer, "Send the response", async (form) => {
    await form
      .getByRole("group", { name: /Finding:/ })
      .first()
      .getByLabel("Partly upheld", { exact: true })
      .check();
    await form.getByLabel("Reasons for the decision").fill("Some of the transition support was put in place late.");
    await form.getByLabel("National Framework standards relied on").fill("NF-4.2");
  });

  await page.goto(caseUrl);
  const facts = page.getByTestId("fairness-facts");
  await expect(facts).toContainText(`You can ask the national practice body to look at your concern until ${longDate(twelveMonthsOn(today))}.`);
  await expect(page.getByRole("button", { name: "Take the concern to the next stage" })).toBeVisible();
  await checkA11y();
});
