// "Today" for deadlines is the date in England, whatever the server's time zone.
const LONDON_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

export function londonDate(instant: Date = new Date()): string {
  return LONDON_DATE.format(instant);
}

/** A calendar date (YYYY-MM-DD) as the Date Prisma stores in a DATE column. */
export function dateColumn(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

export function isoFromDateColumn(value: Date): string {
  return value.toISOString().slice(0, 10);
}
