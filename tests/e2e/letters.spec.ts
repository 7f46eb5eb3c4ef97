import { readFile } from "node:fs/promises";
import { strFromU8, unzipSync } from "fflate";
import { pdfText } from "../support/pdf-text";
import { expect, test } from "./fixtures";

// Letters as a family and a national body meet them: from the case page to a printable letter,
// its PDF, and the whole case bundle.

test("a family reads a letter and downloads it as a PDF holding the reference and the findings", async ({ page, signInAs, checkA11y }) => {
  await signInAs("gareth.evans@example.com");
  await page.goto("/cases");
  await page.getByRole("link", { name: /RC-\d{4}-D00002-P/ }).click();
  await page.waitForURL(/\/cases\/[a-z0-9]+$/);
  const ref = (await page.locator(".govuk-caption-l").first().textContent())!.trim();
  await page.getByRole("link", { name: /^Letters/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Letters" })).toBeVisible();
  await checkA11y();
  await page.getByRole("link", { name: "Outcome of the concern at stage 1", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Outcome of the concern at stage 1" })).toBeVisible();
  await expect(page.getByText("Dear Gareth Evans,")).toBeVisible();
  await expect(page.getByText(ref, { exact: true })).toBeVisible();
  await checkA11y();
  const body = await page.locator("main").innerText();
  expect(body).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b|issue-\d/);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download this letter as a PDF" }).click()]);
  expect(download.suggestedFilename()).toBe(`${ref}-response-1.pdf`);
  const text = await pdfText(new Uint8Array(await readFile((await download.path())!)));
  expect(text).toContain(ref);
  expect(text).toContain("Outcome of the concern at stage 1");
  expect(text).toMatch(/Finding: (Upheld|Partly upheld|Not upheld)/);
  expect(text).toContain("Megan Evans");
});

test("the national body downloads the case bundle; an analyst and a family outside the case get nothing", async ({ pageAs, checkA11y }) => {
  const ombudsman = await pageAs("Ruth Adeyemi");
  await ombudsman.goto("/cases");
  await ombudsman.getByRole("link", { name: /RC-\d{4}-D00002-P/ }).click();
  await ombudsman.waitForURL(/\/cases\/[a-z0-9]+$/);
  const caseUrl = ombudsman.url();
  await ombudsman.goto(`${caseUrl}/letters`);
  await checkA11y(ombudsman);
  const [download] = await Promise.all([ombudsman.waitForEvent("download"), ombudsman.getByRole("link", { name: "Download the case bundle (ZIP)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^RC-\d{4}-D00002-P-case-bundle-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  const names = Object.keys(files);
  expect(names).toEqual(
    expect.arrayContaining([
      "contents.txt",
      "case-history.pdf",
      "evidence-list.pdf",
      "letters/01-outcome-of-the-concern-at-stage-1.pdf",
      "letters/02-outcome-of-the-concern-at-stage-2.pdf",
    ]),
  );
  expect(strFromU8(files["contents.txt"]!)).toContain("Made on");
  expect(await pdfText(files["case-history.pdf"]!)).toContain("Concern raised");

  // The analyst reads no case file at all; a family outside the case never learns it exists.
  const analyst = await pageAs("Grace Liu");
  expect((await analyst.request.get(`${caseUrl}/bundle.zip`, { maxRedirects: 0 })).status()).toBe(403);
  expect((await analyst.request.get(`${caseUrl}/letters/response-1/pdf`, { maxRedirects: 0 })).status()).toBe(403);
  const otherFamily = await pageAs("Amira Hussain");
  expect((await otherFamily.goto(`${caseUrl}/letters`))?.status()).toBe(404);
});

test("an analyst downloads an annual review letter as a PDF with the page's figures", async ({ page, signInAs }) => {
  await signInAs("grace.liu@practice.example.org.uk");
  await page.goto("/analytics/letters");
  await page.getByRole("link", { name: "Leeds", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Leeds");
  const received = (
    await page
      .getByRole("row", { name: /^Cases received/ })
      .getByRole("cell")
      .allInnerTexts()
  ).map((t) => t.trim());
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download this letter as a PDF" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^annual-review-letter-\d{4}-leeds\.pdf$/);
  const text = await pdfText(new Uint8Array(await readFile((await download.path())!)));
  expect(text).toContain("Leeds");
  expect(text).toContain("Counts are rounded to the nearest 5");
  expect(text.replace(/\s+/g, " ")).toContain(`Cases received ${received.join(" ")}`);
});
