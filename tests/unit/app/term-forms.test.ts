import { describe, expect, it } from "vitest";
import { nestFields } from "../../../app/utils/nested-fields";
import { applyTermIntent, termDatesSchema, termFields, termIntent, termRowCount } from "../../../app/utils/term-forms";

// A setting's term dates as rows of two GOV.UK date inputs (app/utils/term-forms.ts): read strictly,
// each message on its own row's box, saved as the same { start, end } list the calendar reads.

/** What the browser posts for these terms (day, month, year boxes), through the forms' first gate. */
function posted(terms: Array<[string, string]>, extra: Record<string, string> = {}) {
  const fields: Record<string, string> = { calendar: "school-days", termRows: String(terms.length), ...extra };
  terms.forEach(([start, end], i) => {
    for (const [field, date] of [
      ["start", start],
      ["end", end],
    ] as const) {
      const [day = "", month = "", year = ""] = date ? date.split(" ") : [];
      Object.assign(fields, { [`term-${i + 1}-${field}-day`]: day, [`term-${i + 1}-${field}-month`]: month, [`term-${i + 1}-${field}-year`]: year });
    }
  });
  return nestFields(fields);
}
const errorsOf = (input: unknown) => {
  const result = termDatesSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe("term dates", () => {
  it("reads the rows into terms in date order, skipping empty rows", () => {
    expect(
      termDatesSchema.parse(
        posted([
          ["2 11 2026", "18 12 2026"],
          ["", ""],
          ["3 9 2026", "23 10 2026"],
        ]),
      ),
    ).toEqual([
      { start: "2026-09-03", end: "2026-10-23" },
      { start: "2026-11-02", end: "2026-12-18" },
    ]);
    // Working days: the rows are not read at all.
    expect(termDatesSchema.parse(posted([["30 2 2026", ""]], { calendar: "working-days" }))).toBeNull();
  });

  it("puts each problem on its own row's box, in words", () => {
    expect(errorsOf(posted([["3 9 2026", "30 2 2027"]]))).toEqual({ "term-1-end": "The last day of term 1 must be a real date" });
    expect(errorsOf(posted([["3 9 2026", ""]]))).toEqual({ "term-1-end": "Enter the last day of term 1" });
    expect(errorsOf(posted([["3  2026", "23 10 2026"]]))).toEqual({ "term-1-start": "The first day of term 1 must include a month" });
    expect(errorsOf(posted([["3 9 1999", "23 10 1999"]]))).toEqual({
      "term-1-start": "The first day of term 1 must be between 2000 and 2100",
      "term-1-end": "The last day of term 1 must be between 2000 and 2100",
    });
    expect(errorsOf(posted([["23 10 2026", "3 9 2026"]]))).toEqual({ "term-1-end": "The last day of term 1 must be the same as or after its first day" });
    expect(
      errorsOf(
        posted([
          ["3 9 2026", "23 10 2026"],
          ["20 10 2026", "18 12 2026"],
        ]),
      ),
    ).toEqual({ "term-2-start": "Term 2 overlaps term 1, which ends on 23 October 2026: change the dates so that they do not overlap" });
    expect(errorsOf(posted([["", ""]]))).toEqual({ "term-1-start": "Enter the first and last day of each term, or choose working days" });
  });

  it("adds and removes rows without JavaScript, keeping what was typed", () => {
    const fields = { name: "Elmwood", termRows: "2", "term-1-start-day": "3", "term-2-start-day": "2", "term-2-end-year": "2026", intent: "remove-term-1" };
    expect(termIntent(fields.intent)).toEqual({ remove: 1 });
    expect(applyTermIntent(fields, { remove: 1 })).toEqual({ name: "Elmwood", "term-1-start-day": "2", "term-1-end-year": "2026", termRows: "1" });
    expect(applyTermIntent({ termRows: "1" }, termIntent("add-term")!)).toEqual({ termRows: "2" });
    expect(termIntent("delete-everything")).toBeUndefined();
    expect(termRowCount({ termRows: "9999" })).toBe(60);
  });

  it("puts saved terms back into the form, one row each", () => {
    expect(termFields([{ start: "2026-09-03", end: "2026-10-23" }])).toEqual({ termRows: "1", "term-1-start": "2026-09-03", "term-1-end": "2026-10-23" });
    expect(termFields(null)).toEqual({ termRows: "1" });
  });
});
