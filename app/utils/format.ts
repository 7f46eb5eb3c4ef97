// Dates as GOV.UK style prefers them: "3 April 2026".
const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
const DATE_TIME = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit", hour12: true, timeZone: "Europe/London" });

/** Formatted calendar days (a page formats the same few dates many times; Intl's format is the slow part). */
const formattedDays = new Map<string, string>();

export function formatDate(value: string | Date): string {
  if (typeof value === "string" && value.length === 10) {
    let text = formattedDays.get(value);
    if (text === undefined) {
      if (formattedDays.size >= 5000) formattedDays.clear();
      text = DATE.format(new Date(`${value}T12:00:00Z`));
      formattedDays.set(value, text);
    }
    return text;
  }
  return DATE.format(typeof value === "string" ? new Date(value) : value);
}

export function formatDateTime(value: string | Date): string {
  return DATE_TIME.format(typeof value === "string" ? new Date(value) : value)
    .replace(" am", "am")
    .replace(" pm", "pm");
}

const MONTH = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** A timeline policy version ("2026-11") as people read it: "November 2026". */
export function formatPolicyVersion(version: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(version);
  return match ? MONTH.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1))) : version;
}

export const ROUTE_LABELS = {
  process: "How a decision was made",
  substance: "Level and quality of support",
} as const;
