import { BANK_HOLIDAY_YEARS, ENGLAND_AND_WALES_BANK_HOLIDAYS } from "./bank-holidays";
import { dayNumber, isIsoDate, isoFromDayNumber, InvalidDateError, weekday } from "./iso-date";

/**
 * Working-day arithmetic for deadlines. Every function takes and returns ISO
 * dates (YYYY-MM-DD) and throws for malformed input or dates outside the
 * calendar's table, so a deadline is never computed from a guess.
 *
 * Counting rule: `addWorkingDays(start, n)` returns the n-th working day
 * AFTER `start` (start itself never counts, whatever day it is);
 * `addWorkingDays(start, 0)` returns `start` unchanged.
 */
export type Term = { start: string; end: string };
export type CalendarSpec = { kind: "england-and-wales" } | { kind: "school"; settingId: string; terms: Term[] };

export interface WorkingCalendar {
  /** Recorded on every deadline: "england-and-wales" or "school:<settingId>". */
  readonly id: string;
  isWorkingDay(date: string): boolean;
  addWorkingDays(start: string, days: number): string;
  /** Working days d with from < d <= to (negative when `to` is before `from`). */
  workingDaysBetween(from: string, to: string): number;
  /**
   * The day a clock started on `date` counts from: `date` itself when it is a
   * working day, otherwise the next working day (a concern received in a
   * school holiday starts on the first school day).
   */
  clockStart(date: string): string;
}

export class CalendarRangeError extends RangeError {
  constructor(calendarId: string, date: string, range: string) {
    super(`${date} is outside the ${calendarId} calendar (${range})`);
    this.name = "CalendarRangeError";
  }
}

const BANK_HOLIDAYS = new Map(ENGLAND_AND_WALES_BANK_HOLIDAYS.map(([date, name]) => [dayNumber(date), name]));
const TABLE_FIRST = dayNumber(`${BANK_HOLIDAY_YEARS.first}-01-01`);
const TABLE_LAST = dayNumber(`${BANK_HOLIDAY_YEARS.last}-12-31`);

const ENGLAND_AND_WALES = "england-and-wales";

export function bankHolidayName(date: string): string | undefined {
  return BANK_HOLIDAYS.get(inBankHolidayTable(ENGLAND_AND_WALES, date));
}

function inBankHolidayTable(calendarId: string, date: string): number {
  const day = dayNumber(date);
  if (day < TABLE_FIRST || day > TABLE_LAST) {
    throw new CalendarRangeError(calendarId, date, `bank holidays are known for ${BANK_HOLIDAY_YEARS.first}–${BANK_HOLIDAY_YEARS.last}`);
  }
  return day;
}

function isEnglandAndWalesWorkingDay(day: number): boolean {
  const dow = weekday(day);
  return dow !== 0 && dow !== 6 && !BANK_HOLIDAYS.has(day);
}

/** Builds the shared API from one predicate, which must also range-check the date it is given. */
function workingCalendar(id: string, isWorking: (date: string) => boolean): WorkingCalendar {
  const calendar: WorkingCalendar = {
    id,
    isWorkingDay: isWorking,
    addWorkingDays(start, days) {
      if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${days}`);
      isWorking(start);
      let day = dayNumber(start);
      for (let counted = 0; counted < days;) {
        day += 1;
        if (isWorking(isoFromDayNumber(day))) counted += 1;
      }
      return isoFromDayNumber(day);
    },
    workingDaysBetween(from, to) {
      const [a, b] = [dayNumber(from), dayNumber(to)];
      if (b < a) return -calendar.workingDaysBetween(to, from);
      isWorking(from);
      let count = 0;
      for (let day = a + 1; day <= b; day += 1) if (isWorking(isoFromDayNumber(day))) count += 1;
      return count;
    },
    clockStart(date) {
      let day = dayNumber(date);
      while (!isWorking(isoFromDayNumber(day))) day += 1;
      return isoFromDayNumber(day);
    },
  };
  return calendar;
}

/**
 * England and Wales, precomputed over the bank-holiday table (docs/decisions/028): RANK[i] is the
 * number of working days from the table's first day to TABLE_FIRST + i, WORKING the working days
 * in order. Same answers and the same errors as the day-by-day loops of `workingCalendar`
 * (tests/unit/machines cover both), in constant time: every deadline of every case uses it.
 */
const SPAN = TABLE_LAST - TABLE_FIRST + 1;
const RANK = new Int32Array(SPAN);
const WORKING: number[] = [];
for (let i = 0; i < SPAN; i++) {
  if (isEnglandAndWalesWorkingDay(TABLE_FIRST + i)) WORKING.push(TABLE_FIRST + i);
  RANK[i] = WORKING.length;
}

function englandAndWalesCalendar(): WorkingCalendar {
  const isWorking = (date: string) => isEnglandAndWalesWorkingDay(inBankHolidayTable(ENGLAND_AND_WALES, date));
  /** Throws the error the loops would have thrown on stepping past the table. */
  const pastTheTable = (): never => {
    isWorking(isoFromDayNumber(TABLE_LAST + 1));
    throw new CalendarRangeError(ENGLAND_AND_WALES, isoFromDayNumber(TABLE_LAST + 1), "past the table");
  };
  const loops = workingCalendar(ENGLAND_AND_WALES, isWorking);
  const calendar: WorkingCalendar = {
    ...loops,
    addWorkingDays(start, days) {
      if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${days}`);
      isWorking(start);
      if (days === 0) return isoFromDayNumber(dayNumber(start));
      const day = WORKING[RANK[dayNumber(start) - TABLE_FIRST]! + days - 1];
      return day === undefined ? pastTheTable() : isoFromDayNumber(day);
    },
    workingDaysBetween(from, to) {
      const [a, b] = [dayNumber(from), dayNumber(to)];
      if (b < a) return -calendar.workingDaysBetween(to, from);
      isWorking(from);
      if (b > TABLE_LAST) pastTheTable();
      return RANK[b - TABLE_FIRST]! - RANK[a - TABLE_FIRST]!;
    },
    clockStart(date) {
      if (isWorking(date)) return isoFromDayNumber(dayNumber(date));
      const day = WORKING[RANK[dayNumber(date) - TABLE_FIRST]!];
      return day === undefined ? pastTheTable() : isoFromDayNumber(day);
    },
  };
  return calendar;
}

export const englandAndWales: WorkingCalendar = englandAndWalesCalendar();

export const isWorkingDay = englandAndWales.isWorkingDay;
export const addWorkingDays = englandAndWales.addWorkingDays;
export const workingDaysBetween = englandAndWales.workingDaysBetween;

/** School days: inside a term, Monday to Friday, and not a bank holiday. */
export function schoolCalendar(termDates: Term[], settingId = "unknown"): WorkingCalendar {
  const id = `school:${settingId}`;
  if (termDates.length === 0) throw new RangeError(`${id}: at least one term is needed`);
  const terms = termDates
    .map(({ start, end }) => {
      if (!isIsoDate(start) || !isIsoDate(end)) throw new InvalidDateError({ start, end }, "a term {start, end} of ISO dates");
      if (dayNumber(end) < dayNumber(start)) throw new RangeError(`${id}: term ${start}–${end} ends before it starts`);
      return { start: dayNumber(start), end: dayNumber(end) };
    })
    .sort((x, y) => x.start - y.start);
  const first = terms[0]!.start;
  const last = terms.reduce((max, term) => Math.max(max, term.end), first);
  const range = `term dates are known from ${isoFromDayNumber(first)} to ${isoFromDayNumber(last)}`;
  return workingCalendar(id, (date) => {
    const day = inBankHolidayTable(id, date);
    if (day < first || day > last) throw new CalendarRangeError(id, date, range);
    return isEnglandAndWalesWorkingDay(day) && terms.some((term) => day >= term.start && day <= term.end);
  });
}

export function calendarFor(spec: CalendarSpec): WorkingCalendar {
  return spec.kind === "school" ? schoolCalendar(spec.terms, spec.settingId) : englandAndWales;
}

export function addCalendarDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`calendar days must be a whole number, got ${days}`);
  return isoFromDayNumber(dayNumber(date) + days);
}

/** Same day-of-month `months` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addCalendarMonths(date: string, months: number): string {
  dayNumber(date);
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
