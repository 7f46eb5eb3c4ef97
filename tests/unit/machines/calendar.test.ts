import { describe, expect, it } from "vitest";
import { englandAndWalesBankHolidays, easterSunday } from "../../../machines/bank-holiday-rules";
import { BANK_HOLIDAY_YEARS, ENGLAND_AND_WALES_BANK_HOLIDAYS } from "../../../machines/bank-holidays";
import {
  addCalendarDays,
  addCalendarMonths,
  addWorkingDays,
  bankHolidayName,
  CalendarRangeError,
  englandAndWales,
  isWorkingDay,
  schoolCalendar,
  workingDaysBetween,
} from "../../../machines/calendar";
import { dateOf, InvalidDateError } from "../../../machines/iso-date";

const holidaysIn = (year: number) => ENGLAND_AND_WALES_BANK_HOLIDAYS.filter(([date]) => date.startsWith(`${year}-`)).map(([date]) => date);

describe("England & Wales bank holiday table", () => {
  it.each([
    [2024, ["2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"]],
    [2025, ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"]],
    [2026, ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"]],
    [2027, ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"]],
  ])("matches gov.uk for %i", (year, expected) => {
    expect(holidaysIn(year)).toEqual(expected);
  });

  it("carries the one-off changes of 2020, 2022 and 2023", () => {
    expect(holidaysIn(2020)).toContain("2020-05-08");
    expect(holidaysIn(2020)).not.toContain("2020-05-04");
    expect(holidaysIn(2022)).toEqual(expect.arrayContaining(["2022-06-02", "2022-06-03", "2022-09-19"]));
    expect(holidaysIn(2022)).not.toContain("2022-05-30");
    expect(holidaysIn(2023)).toEqual(expect.arrayContaining(["2023-05-01", "2023-05-08", "2023-05-29"]));
  });

  it("names substitute days", () => {
    expect(bankHolidayName("2026-12-28")).toBe("Boxing Day (substitute day)");
    expect(bankHolidayName("2022-12-27")).toBe("Christmas Day (substitute day)");
    expect(bankHolidayName("2022-12-26")).toBe("Boxing Day");
    expect(bankHolidayName("2028-01-03")).toBe("New Year’s Day (substitute day)");
    expect(bankHolidayName("2026-06-01")).toBeUndefined();
  });

  it("is exactly what the rules generate for every year it covers", () => {
    const generated = [];
    for (let year = BANK_HOLIDAY_YEARS.first; year <= BANK_HOLIDAY_YEARS.last; year += 1) {
      generated.push(...englandAndWalesBankHolidays(year).map(({ date, name }) => [date, name]));
    }
    expect(BANK_HOLIDAY_YEARS).toEqual({ first: 2020, last: 2035 });
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS).toEqual(generated);
  });

  it("computes Easter Sunday", () => {
    expect([2024, 2025, 2026, 2027, 2028, 2035].map(easterSunday)).toEqual(["2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2035-03-25"]);
  });
});

describe("working days (England & Wales)", () => {
  it("skips weekends and counts from the day after the start", () => {
    expect(addWorkingDays("2026-01-09", 1)).toBe("2026-01-12"); // Fri → Mon
    expect(addWorkingDays("2026-01-10", 1)).toBe("2026-01-12"); // Sat → Mon
    expect(addWorkingDays("2026-01-05", 5)).toBe("2026-01-12");
    expect(addWorkingDays("2026-01-05", 10)).toBe("2026-01-19");
  });

  it("returns the start unchanged for zero days, even on a weekend", () => {
    expect(addWorkingDays("2026-01-10", 0)).toBe("2026-01-10");
  });

  it.each([
    ["Christmas 2026 (Boxing Day substitute Mon 28th)", "2026-12-23", 3, "2026-12-30"],
    ["New Year 2027", "2026-12-31", 1, "2027-01-04"],
    ["Christmas 2027 (both substitutes)", "2027-12-23", 2, "2027-12-29"],
    ["New Year 2028 (substitute Mon 3rd)", "2027-12-31", 1, "2028-01-04"],
    ["Easter 2026", "2026-04-02", 1, "2026-04-07"],
    ["Easter 2027", "2027-03-25", 1, "2027-03-30"],
    ["Easter 2028", "2028-04-13", 1, "2028-04-18"],
    ["a 20-day response over Christmas 2026", "2026-12-15", 20, "2027-01-15"],
  ])("crosses %s", (_, start, days, expected) => {
    expect(addWorkingDays(start, days)).toBe(expected);
  });

  it("knows weekends, bank holidays and substitute days are not working days", () => {
    expect(isWorkingDay("2026-04-03")).toBe(false);
    expect(isWorkingDay("2026-12-28")).toBe(false);
    expect(isWorkingDay("2027-12-27")).toBe(false);
    expect(isWorkingDay("2026-01-10")).toBe(false);
    expect(isWorkingDay("2026-01-12")).toBe(true);
  });

  it("counts working days between two dates as the inverse of addWorkingDays", () => {
    expect(workingDaysBetween("2026-12-23", "2026-12-30")).toBe(3);
    expect(workingDaysBetween("2026-12-30", "2026-12-23")).toBe(-3);
    expect(workingDaysBetween("2026-04-02", "2026-04-02")).toBe(0);
    for (const [start, days] of [
      ["2026-03-30", 7],
      ["2027-12-20", 9],
      ["2028-04-10", 12],
    ] as const) {
      expect(workingDaysBetween(start, addWorkingDays(start, days))).toBe(days);
    }
  });

  it("starts a clock on the next working day when an event falls on a non-working day", () => {
    expect(englandAndWales.clockStart("2026-04-04")).toBe("2026-04-07");
    expect(englandAndWales.clockStart("2026-04-07")).toBe("2026-04-07");
  });

  it("refuses malformed dates, bad counts and dates outside the table", () => {
    expect(() => addWorkingDays("2026-02-30", 1)).toThrow(InvalidDateError);
    expect(() => addWorkingDays("5 Jan 2026", 1)).toThrow(/not an ISO date/);
    expect(() => addWorkingDays("2026-01-05", -1)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-01-05", 1.5)).toThrow(RangeError);
    expect(() => isWorkingDay("2019-12-31")).toThrow(CalendarRangeError);
    expect(() => addWorkingDays("2035-12-28", 5)).toThrow(/2036-01-0\d is outside the england-and-wales calendar/);
  });
});

describe("calendar days and months", () => {
  it("adds calendar days across months and years", () => {
    expect(addCalendarDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addCalendarDays("2026-09-14", 30)).toBe("2026-10-14");
    expect(addCalendarDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("adds months, clamping to the end of shorter months", () => {
    expect(addCalendarMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addCalendarMonths("2027-01-31", 13)).toBe("2028-02-29");
    expect(addCalendarMonths("2025-06-15", 12)).toBe("2026-06-15");
  });
});

describe("school-day calendar", () => {
  const terms = [
    { start: "2026-01-05", end: "2026-02-13" },
    { start: "2026-02-23", end: "2026-03-27" },
    { start: "2026-04-13", end: "2026-05-22" },
  ];
  const school = schoolCalendar(terms, "URN-1");

  it("records which setting's calendar it is", () => {
    expect(school.id).toBe("school:URN-1");
  });

  it("counts only term-time weekdays that are not bank holidays", () => {
    expect(school.isWorkingDay("2026-02-16")).toBe(false); // half-term
    expect(school.isWorkingDay("2026-05-04")).toBe(false); // bank holiday in term
    expect(school.isWorkingDay("2026-05-05")).toBe(true);
    expect(school.addWorkingDays("2026-02-12", 2)).toBe("2026-02-23"); // 13th, then after half-term
    expect(school.addWorkingDays("2026-04-30", 2)).toBe("2026-05-05"); // 1st, then skips the bank holiday
    expect(school.workingDaysBetween("2026-03-26", "2026-04-14")).toBe(3);
  });

  it("starts a concern received in the holidays on the first school day", () => {
    expect(school.clockStart("2026-04-01")).toBe("2026-04-13");
    expect(school.addWorkingDays(school.clockStart("2026-04-01"), 5)).toBe("2026-04-20");
  });

  it("refuses dates beyond the term dates it knows", () => {
    expect(() => school.addWorkingDays("2026-05-20", 5)).toThrow(/outside the school:URN-1 calendar/);
    expect(() => school.isWorkingDay("2025-12-19")).toThrow(CalendarRangeError);
  });

  it("refuses malformed terms", () => {
    expect(() => schoolCalendar([], "x")).toThrow(/at least one term/);
    expect(() => schoolCalendar([{ start: "2026-03-01", end: "2026-02-01" }], "x")).toThrow(/ends before it starts/);
    expect(() => schoolCalendar([{ start: "2026-13-01", end: "2026-14-01" }], "x")).toThrow(InvalidDateError);
  });
});

describe("dates of events", () => {
  it("reads datetimes on the London clock", () => {
    expect(dateOf("2026-06-30T23:30:00Z")).toBe("2026-07-01"); // BST
    expect(dateOf("2026-01-30T23:30:00Z")).toBe("2026-01-30"); // GMT
    expect(dateOf("2026-06-30T23:30:00+02:00")).toBe("2026-06-30");
    expect(dateOf("2026-06-30T23:30")).toBe("2026-06-30");
    expect(dateOf("2026-06-30")).toBe("2026-06-30");
    expect(() => dateOf("2026-06-31T10:00:00Z")).toThrow(InvalidDateError);
  });
});
