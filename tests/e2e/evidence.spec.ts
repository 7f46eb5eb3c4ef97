import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { HTML_AS_PDF, PDF, PNG } from "../support/evidence-files";
import { expect, test } from "./fixtures";

// Evidence on the case file (docs/decisions/022), as each party meets it: attach a file, see it
// listed, download it; a private file reaches only the organisation handling the concern; nobody
// outside the case gets a byte; a forged file is refused on the form.

const CASE = /RC-\d{4}-D00001-S/;

async function openCase(page: Page): Promise<string> {
  await page.goto("/cases");
  await page.getByRole("link", { name: CASE }).first().click();
  await page.waitForURL(/\/cases\/[a-z0-9]+$/);
  return page.url();
}

async function attach(page: Page, file: { name: string; mimeType: string; buffer: Buffer }, description: string, who: RegExp) {
  await page.getByRole("link", { name: "Add evidence to this concern" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add evidence" })).toBeVisible();
  await page.getByLabel("Upload a file").setInputFiles(file);
  await page.getByLabel("What is the file?").fill(description);
  await page.getByRole("radio", { name: who }).check();
  await page.getByRole("button", { name: "Add evidence" }).click();
}

test("the family and the setting attach and download files; a private file reaches only the organisation handling the concern; nobody else gets one", async ({
  page,
  signInAs,
  pageAs,
  checkA11y,
}) => {
  await signInAs("amira.hussain@example.com");
  const caseUrl = await openCase(page);
  await page.getByRole("link", { name: "Add evidence to this concern" }).click();
  await checkA11y();
  await page.goBack();
  await attach(page, { name: "SALT report.pdf", mimeType: "application/pdf", buffer: Buffer.from(PDF) }, "Speech and language report", /Everyone involved/);
  await expect(page.getByRole("alert").filter({ hasText: "Evidence added" })).toBeVisible();
  const list = page.getByTestId("evidence-list");
  await expect(list).toContainText("Speech and language report");
  await expect(list).toContainText("Added by Amira Hussain");
  await expect(list).toContainText("Who can see it: Everyone involved");
  await checkA11y();
  const [own] = await Promise.all([page.waitForEvent("download"), list.getByRole("link", { name: /Speech and language report/ }).click()]);
  expect(own.suggestedFilename()).toBe("SALT report.pdf");
  expect(new Uint8Array(await readFile((await own.path())!))).toEqual(PDF);
  await expect(page.getByText(/Evidence added: Speech and language report \(PDF, \d+ bytes\)/)).toBeVisible();

  // The setting handling the concern downloads it and adds a file for itself and the bodies after it.
  const helen = await pageAs("Helen Clarke");
  await helen.goto(caseUrl);
  const fromFamily = helen.getByTestId("evidence-list").getByRole("link", { name: /Speech and language report/ });
  const familyFile = new URL((await fromFamily.getAttribute("href"))!, caseUrl).href;
  const [theirs] = await Promise.all([helen.waitForEvent("download"), fromFamily.click()]);
  expect(new Uint8Array(await readFile((await theirs.path())!))).toEqual(PDF);
  await attach(helen, { name: "attendance.png", mimeType: "image/png", buffer: Buffer.from(PNG) }, "Attendance chart", /Only the organisation handling the concern/);
  await expect(helen.getByTestId("evidence-list")).toContainText("Attendance chart");
  const privateFile = new URL(
    (await helen
      .getByTestId("evidence-list")
      .getByRole("link", { name: /Attendance chart/ })
      .getAttribute("href"))!,
    caseUrl,
  ).href;
  const download = await helen.request.get(privateFile);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("image/png");
  expect(download.headers()["content-disposition"]).toMatch(/^attachment; filename="attendance.png"/);
  // The route sets it and so does the server for every response: sent once (http-security.ts copyResponseHeaders).
  expect(download.headersArray().filter(({ name }) => name.toLowerCase() === "x-content-type-options")).toEqual([{ name: expect.any(String), value: "nosniff" }]);

  // The family reads everything on the case; the private file is not theirs to read (the setting added it).
  expect((await page.request.get(familyFile)).status()).toBe(200);
  expect((await page.request.get(privateFile)).status()).toBe(403);
  // The health partner on the case reads the file for everyone, not the setting's private one.
  const owen = await pageAs("Dr Owen Price");
  expect((await owen.request.get(familyFile)).status()).toBe(200);
  expect((await owen.request.get(privateFile)).status()).toBe(403);
  await owen.goto(caseUrl);
  await expect(owen.getByTestId("evidence-list")).not.toContainText("Attendance chart");
  // Outside the case: another family, the analyst and the administrator never learn the files exist.
  // Another family is told the file is not there; people with no access to any case are refused before any case is looked up.
  for (const [persona, status] of [
    ["Gareth Evans", 404],
    ["Grace Liu", 403],
    ["Alex Morgan", 403],
  ] as const) {
    const other = await pageAs(persona);
    for (const url of [familyFile, privateFile]) expect((await other.request.get(url)).status()).toBe(status);
  }
});

test("a file whose content is not what its name and type claim is refused on the form, and nothing is kept", async ({ page, signInAs }) => {
  await signInAs("amira.hussain@example.com");
  await openCase(page);
  const before = await page.getByTestId("evidence-list").count();
  await attach(page, { name: "report.pdf", mimeType: "application/pdf", buffer: Buffer.from(HTML_AS_PDF) }, "Report from school", /Everyone involved/);
  await expect(page).toHaveTitle(/^Error: Add evidence/);
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toContainText("The selected file must be a PDF, Word, OpenDocument text, JPEG, PNG, GIF or WebP file");
  await summary.getByRole("link").first().click();
  await expect(page.getByLabel("Upload a file")).toBeFocused();
  await expect(page.getByLabel("What is the file?")).toHaveValue("Report from school");
  await page.getByRole("link", { name: /^Back to/ }).click();
  if (before) await expect(page.getByTestId("evidence-list")).not.toContainText("Report from school");
});
