import { describe, expect, it } from "vitest";
import { z } from "zod";
import { dateProblem } from "../../../app/utils/case-forms";
import { dateField, datePartsProblem, joinDate, joinDateParts, partsInError, splitDate } from "../../../app/utils/date-input";
import { checkForm } from "../../../app/utils/form-check";

// The GOV.UK date input: three boxes joined by the forms' first gate, and the design system's messages.

const posted = (day: string, month: string, year: string) => {
  const data = new FormData();
  data.append("when-day", day);
  data.append("when-month", month);
  data.append("when-year", year);
  return data;
};

describe("joining the three boxes", () => {
  it.each([
    [["14", "9", "2026"], "2026-09-14"],
    [["01", "02", "2024"], "2024-02-01"],
    [[" 3 ", "Mar", "2026"], "2026-03-03"],
    [["3", "september", "2026"], "2026-09-03"],
    [["", "", ""], ""],
    [["14", "", "2026"], "!month"],
    [["", "", "2026"], "!day,month"],
    [["14", "9", ""], "!year"],
    [["30", "2", "2026"], "!real"],
    [["29", "2", "2024"], "2024-02-29"],
    [["29", "2", "2025"], "!real"],
    [["14", "13", "2026"], "!real"],
    [["14", "9", "26"], "!year"],
    [["1e1", "9", "2026"], "!real"],
    [["14", "Smarch", "2026"], "!real"],
  ] as const)("%j → %s", ([day, month, year], expected) => {
    expect(joinDate({ day, month, year })).toBe(expected);
  });

  it("joins only complete triples and leaves every other field alone", () => {
    expect(joinDateParts({ "a-day": "1", "a-month": "2", "a-year": "2026", "b-day": "5", other: "x" })).toEqual({ a: "2026-02-01", "b-day": "5", other: "x" });
  });

  it("puts a saved date back into the boxes", () => {
    expect(splitDate("2026-09-04")).toEqual({ day: "4", month: "9", year: "2026" });
    expect(splitDate(null)).toEqual({ day: "", month: "", year: "" });
    expect(splitDate("not a date")).toEqual({ day: "", month: "", year: "" });
  });
});

describe("the design system's messages", () => {
  it.each([
    ["!month", "The date you found out must include a month"],
    ["!day,month", "The date you found out must include a day and month"],
    ["!day,month,year", "The date you found out must include a day, month and year"],
    ["!year", "The date you found out must include a year with 4 numbers, like 2026"],
    ["!real", "The date you found out must be a real date"],
    ["2026-02-30", "The date you found out must be a real date"],
    ["yesterday", "The date you found out must be a real date"],
  ])("%s → %s", (value, message) => {
    expect(datePartsProblem(value, "the date you found out")).toBe(message);
  });

  it("marks in red only the box that is missing", () => {
    expect(partsInError("The date must include a month")).toEqual(["month"]);
    expect(partsInError("The date must include a day and month")).toEqual(["day", "month"]);
    expect(partsInError("The date must be a real date")).toEqual(["day", "month", "year"]);
    expect(partsInError(undefined)).toEqual([]);
  });

  it("a date field: required or optional, today or in the past, after the earliest date", () => {
    const schema = z.object({ when: dateField({ what: "the date it was received", required: true, notAfter: () => "2026-11-27" }) });
    const check = (day: string, month: string, year: string) => {
      const result = checkForm(schema, posted(day, month, year));
      return result.ok ? result.data : result.errors;
    };
    expect(check("27", "11", "2026")).toEqual({ when: "2026-11-27" });
    expect(check("", "", "")).toEqual({ when: ["Enter the date it was received"] });
    expect(check("28", "11", "2026")).toEqual({ when: ["The date it was received must be today or in the past"] });
    expect(check("31", "12", "1999")).toEqual({ when: ["The date it was received must be on or after 1 January 2000"] });
    expect(check("31", "", "2026")).toEqual({ when: ["The date it was received must include a month"] });
    const optional = z.object({ when: dateField({ what: "the date" }) });
    const empty = checkForm(optional, posted("", "", ""));
    expect(empty.ok && empty.data).toEqual({ when: undefined });
  });

  it("the case forms' dates say the same (dateProblem)", () => {
    expect(dateProblem("", "2026-11-27", "the session date")).toBe("Enter the session date");
    expect(dateProblem("!month", "2026-11-27", "the session date")).toBe("The session date must include a month");
    expect(dateProblem("2026-02-30", "2026-11-27", "the session date")).toBe("The session date must be a real date");
    expect(dateProblem("2026-12-01", "2026-11-27", "the session date")).toBeUndefined();
  });
});
