import { expect, type Page } from "@playwright/test";
import { fillDate } from "./fixtures";

/** One remedy row of a decision form ("Remedy 2"), by its legend. */
export const remedyRow = (page: Page, n: number, noun: "Remedy" | "Action" = "Remedy") => page.getByRole("group", { name: `${noun} ${n}`, exact: true });

const KIND_LABELS = {
  apology: "Apology",
  action: "Action to be taken",
  "register-review": "Retake the register decision",
  "record-revision": "Revise the development record",
  payment: "Payment",
} as const;

/** Fills remedy row `n` (`dueOn` as YYYY-MM-DD, typed into the day, month and year boxes) (it must be on the page: the form starts with one row; "Add another remedy" adds more). */
export async function fillRemedy(page: Page, n: number, remedy: { kind: keyof typeof KIND_LABELS; description: string; dueOn?: string; amount?: string }) {
  const row = remedyRow(page, n);
  await row.getByLabel(KIND_LABELS[remedy.kind], { exact: true }).check();
  await row.getByLabel("What must be done").fill(remedy.description);
  if (remedy.dueOn) await fillDate(row, /^Due date/, remedy.dueOn);
  if (remedy.amount) {
    await expect(row.getByLabel("Amount in pounds")).toBeVisible();
    await row.getByLabel("Amount in pounds").fill(remedy.amount);
  }
}
