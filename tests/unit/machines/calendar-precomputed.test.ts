import { describe, expect, it } from "vitest";
import { BANK_HOLIDAY_YEARS } from "../../../machines/bank-holidays";
import { englandAndWales, schoolCalendar } from "../../../machines/calendar";
import { prng } from "../../../app/utils/prng";

// The England and Wales calendar answers from precomputed ranks (docs/decisions/028). A school
// calendar whose one term spans the whole bank-holiday table is the same calendar counted day by
// day, so every answer must agree with it, and past the table both must refuse.
describe("precomputed England and Wales calendar", () => {
  const first = `${BANK_HOLIDAY_YEARS.first}-01-01`;
  const last = `${BANK_HOLIDAY_YEARS.last}-12-31`;
  const loops = schoolCalendar([{ start: first, end: last }], "whole-table");
  const firstDay = Date.parse(first) / 86_400_000;
  const lastDay = Date.parse(last) / 86_400_000;
  const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
  const r = prng(28);
  const dates = Array.from({ length: 400 }, () => iso(firstDay + Math.floor(r() * (lastDay - firstDay - 400))));

  it("adds working days, counts them and starts clocks exactly as the day-by-day loops do", () => {
    for (const date of dates) {
      for (const n of [0, 1, 2, 3, 5, 10, 20, 40, 60, 130]) expect(englandAndWales.addWorkingDays(date, n)).toBe(loops.addWorkingDays(date, n));
      const other = iso(Date.parse(date) / 86_400_000 + Math.floor(r() * 300) - 150);
      if (other >= first) expect(englandAndWales.workingDaysBetween(date, other)).toBe(loops.workingDaysBetween(date, other));
      expect(englandAndWales.clockStart(date)).toBe(loops.clockStart(date));
      expect(englandAndWales.isWorkingDay(date)).toBe(loops.isWorkingDay(date));
    }
  });

  it("refuses to step past the table, as before", () => {
    expect(() => englandAndWales.addWorkingDays(iso(lastDay - 3), 10)).toThrow(/outside the england-and-wales calendar/);
    expect(() => englandAndWales.workingDaysBetween(iso(lastDay - 3), iso(lastDay + 3))).toThrow(/outside the england-and-wales calendar/);
    expect(() => englandAndWales.addWorkingDays(iso(lastDay + 1), 1)).toThrow(/outside the england-and-wales calendar/);
    expect(() => englandAndWales.addWorkingDays("2026-02-30", 1)).toThrow(/not an ISO date/);
  });
});
