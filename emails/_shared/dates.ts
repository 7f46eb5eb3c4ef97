const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const LONG_DATE = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

function instantOf(value: string): Date | undefined {
  const match = ISO_DATE.exec(value);
  if (match) {
    const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
    // Midday UTC is the same calendar day in London whatever the season.
    const date = new Date(Date.UTC(year, month - 1, day, 12));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** GOV.UK style date ("3 April 2026") for an ISO date or datetime; undefined for anything else. */
export function formatDate(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const instant = instantOf(value.trim());
  return instant ? LONG_DATE.format(instant) : undefined;
}

/** "by 3 April 2026", or a pointer to the case page when the date is missing. */
export function dueBy(date: string | undefined): string {
  return date ? `by ${date}` : "by the date shown in Redress";
}

/** "until 3 April 2026", or a pointer to the case page when the date is missing. */
export function until(date: string | undefined): string {
  return date ? `until ${date}` : "until the date shown in Redress";
}
