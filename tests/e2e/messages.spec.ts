import { expect, test } from "./fixtures";

// Messages and internal notes on the case file (docs/decisions/023), on Yusuf's seeded process
// case at Beckett Park: the family writes, the school replies, the school keeps a note that the
// family never sees (and cannot post), and the new pages pass axe.

const CASE_LINK = /RC-\d{4}-D00001-P/;

test("a family message and a staff reply; an internal note the family cannot see or post", async ({ page, pageAs, signInAs, checkA11y }) => {
  test.setTimeout(120_000);
  await signInAs("amira.hussain@example.com");
  await page.goto("/cases");
  await page.getByRole("link", { name: CASE_LINK }).first().click();
  await page.waitForURL(/\/cases\/[^/]+$/);
  const caseUrl = page.url();
  const messages = page.getByRole("region", { name: "Messages" });
  await expect(messages.getByText("Could we meet before half term?")).toBeVisible();
  // Nothing of the school's internal notes reaches the family's page, not even that there are some.
  await expect(page.getByRole("heading", { name: "Internal notes" })).toHaveCount(0);
  await expect(page.getByText("annual review was last booked")).toHaveCount(0);
  await checkA11y();

  await messages.getByRole("button", { name: "Send a message" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Send a message" })).toBeVisible();
  await checkA11y();
  await page.getByRole("button", { name: "Send a message" }).click();
  await expect(page).toHaveTitle(/^Error:/);
  await page.getByLabel("Your message").fill("Tuesday is fine. Yusuf's grandmother will come with me.");
  await page.getByRole("button", { name: "Send a message" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Message sent" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Messages" }).getByText("Tuesday is fine. Yusuf's grandmother will come with me.")).toBeVisible();

  // The school reads it, replies, and keeps an internal note.
  const school = await pageAs("Helen Clarke");
  await school.goto(caseUrl);
  const thread = school.getByRole("region", { name: "Messages" });
  await expect(thread.getByText("Tuesday is fine. Yusuf's grandmother will come with me.")).toBeVisible();
  await expect(thread.getByText("Amira Hussain (The family)").last()).toBeVisible();
  await thread.getByRole("button", { name: "Send the family a message" }).click();
  await school.getByLabel("Your message").fill("Thank you: we have booked the meeting room for Tuesday at 3:30pm.");
  await school.getByRole("button", { name: "Send a message" }).click();
  await expect(school.getByRole("alert").filter({ hasText: "Message sent" })).toBeVisible();
  const notes = school.getByRole("region", { name: "Internal notes" });
  await expect(notes.getByText("annual review was last booked")).toBeVisible();
  await notes.getByRole("button", { name: "Add an internal note" }).click();
  await expect(school.getByText("internal notes about them are part of what they receive")).toBeVisible();
  await checkA11y(school);
  await school.getByLabel("Your note").fill("Grandmother attending: book the larger room.");
  await school.getByRole("button", { name: "Add an internal note" }).click();
  await expect(school.getByRole("alert").filter({ hasText: "Internal note added" })).toBeVisible();
  await expect(school.getByRole("region", { name: "Internal notes" }).getByText("Grandmother attending: book the larger room.")).toBeVisible();
  await checkA11y(school);

  // The family sees the reply, never the note: not on the case page, the history or the messages page.
  await page.goto(caseUrl);
  await expect(page.getByRole("region", { name: "Messages" }).getByText("we have booked the meeting room")).toBeVisible();
  for (const url of [caseUrl, `${caseUrl}/history`, `${caseUrl}/messages`]) {
    await page.goto(url);
    await expect(page.getByText("book the larger room")).toHaveCount(0);
    await expect(page.getByText(/Internal note/)).toHaveCount(0);
  }
  await expect(page.getByRole("heading", { level: 1, name: /^Messages:/ })).toBeVisible();
  await checkA11y();

  // Posting a note as the family is refused (403), and opening the note form is too.
  const refusal = "“Add an internal note” is not something you can do on this case at the moment.";
  const form = await page.request.get(`${caseUrl}/add-internal-note`);
  expect(form.status()).toBe(403);
  const origin = new URL(caseUrl).origin;
  const posted = await page.request.post(`${caseUrl}/add-internal-note`, { form: { version: "1", note: "Let me in" }, headers: { Origin: origin, Referer: caseUrl } });
  expect(posted.status()).toBe(403);
  expect(await posted.text()).toContain(refusal);
});
