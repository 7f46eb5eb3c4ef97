/**
 * ISO calendar dates as whole UTC day numbers. Pure: `Date` is only used with
 * explicit arguments, never to read the clock.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;
const MS_PER_DAY = 86_400_000;

const londonDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

export class InvalidDateError extends Error {
  constructor(value: unknown, expected = "an ISO date YYYY-MM-DD") {
    super(`${JSON.stringify(value)} is not ${expected}`);
    this.name = "InvalidDateError";
  }
}

/**
 * Day numbers of the date strings already seen: deadlines and the generator ask about the same
 * few thousand dates millions of times (docs/decisions/028). Bounded, and only valid dates go in.
 */
const DAY_NUMBERS = new Map<string, number>();
const ISO_OF_DAY = new Map<number, string>();
const CACHE_LIMIT = 50_000;

export function isIsoDate(value: string): boolean {
  if (DAY_NUMBERS.has(value)) return true;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Days since 1970-01-01 for an ISO date; throws for anything else. */
export function dayNumber(date: string): number {
  const known = DAY_NUMBERS.get(date);
  if (known !== undefined) return known;
  if (!isIsoDate(date)) throw new InvalidDateError(date);
  const day = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
  if (DAY_NUMBERS.size < CACHE_LIMIT) DAY_NUMBERS.set(date, day);
  return day;
}

export function isoFromDayNumber(day: number): string {
  const known = ISO_OF_DAY.get(day);
  if (known !== undefined) return known;
  const iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  if (Number.isInteger(day) && ISO_OF_DAY.size < CACHE_LIMIT) ISO_OF_DAY.set(day, iso);
  return iso;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * The calendar date in England of an event's `at`: a date stays as it is; a
 * datetime with an offset (or Z) is read on the Europe/London clock; a
 * datetime without an offset is taken as already local.
 */
export function dateOf(at: string): string {
  if (isIsoDate(at)) return at;
  const match = ISO_DATETIME.exec(at);
  if (!match || !isIsoDate(match[1] as string)) throw new InvalidDateError(at, "an ISO date or datetime");
  if (!match[4]) return match[1] as string;
  const instant = Date.parse(at);
  if (Number.isNaN(instant)) throw new InvalidDateError(at, "an ISO date or datetime");
  return londonDate.format(instant);
}

export function isIsoDateOrDateTime(value: string): boolean {
  try {
    dateOf(value);
    return true;
  } catch {
    return false;
  }
}

export function compareDates(a: string, b: string): number {
  return dayNumber(a) - dayNumber(b);
}
