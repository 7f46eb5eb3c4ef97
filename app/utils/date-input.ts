import { z } from "zod";
import type { RawFields } from "./form-fields";
import { EARLIEST_DATE } from "./limits";

// Dates people type come from the GOV.UK date input: three boxes named `<name>-day`,
// `<name>-month` and `<name>-year` (app/components/date-input.tsx). `joinDateParts` runs in the
// first gate both the server and the browser use (nested-fields.ts `nestFields`), so every form
// schema still sees one field `<name>` holding a YYYY-MM-DD date, "" when nothing was typed, or a
// marker saying what is wrong with the parts ("!month": no month; "!real": not a real date).
// `datePartsProblem` turns a marker into the design system's words: "… must include a month",
// "… must be a real date". Pure: no server imports.

export const DATE_PARTS = ["day", "month", "year"] as const;
export type DatePart = (typeof DATE_PARTS)[number];
export type DateParts = Record<DatePart, string>;

const MARKER = "!";
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** The posted value of a date input: YYYY-MM-DD, "" when all three boxes are empty, or a marker. */
export function joinDate(parts: DateParts): string {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return "";
  const missing = DATE_PARTS.filter((part) => !{ day, month, year }[part]);
  if (missing.length) return `${MARKER}${missing.join(",")}`;
  // People write "3", "03", "March" or "mar" for a month; the design system accepts all of them.
  const monthNumber = /^\d{1,2}$/.test(month) ? Number(month) : /^[a-z]{3,9}$/i.test(month) ? MONTHS.indexOf(month.slice(0, 3).toLowerCase()) + 1 : 0;
  if (!/^\d{1,2}$/.test(day) || monthNumber < 1 || monthNumber > 12) return `${MARKER}real`;
  if (!/^\d{4}$/.test(year)) return `${MARKER}year`;
  const iso = `${year}-${String(monthNumber).padStart(2, "0")}-${day.padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return `${MARKER}real`;
  return iso;
}

/** The three boxes of a date input, for putting a saved date back into the form. */
export function splitDate(iso: string | undefined | null): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  if (!match) return { day: "", month: "", year: "" };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] ?? "" };
}

const PART_NAME = new RegExp(`^(.+)-(${DATE_PARTS.join("|")})$`);

/** Joins every `<name>-day`/`-month`/`-year` triple into `<name>`, and leaves every other field alone. */
export function joinDateParts(fields: RawFields): RawFields {
  const bases = new Set<string>();
  for (const key of Object.keys(fields)) {
    const base = PART_NAME.exec(key)?.[1];
    if (base && DATE_PARTS.every((part) => typeof fields[`${base}-${part}`] === "string")) bases.add(base);
  }
  if (!bases.size) return fields;
  const out: RawFields = {};
  for (const [key, value] of Object.entries(fields)) {
    const base = PART_NAME.exec(key)?.[1];
    if (base && bases.has(base)) continue;
    out[key] = value;
  }
  for (const base of bases) {
    const part = (name: DatePart) => fields[`${base}-${name}`] as string;
    out[base] = joinDate({ day: part("day"), month: part("month"), year: part("year") });
  }
  return out;
}

const capitalise = (text: string) => `${text[0]?.toUpperCase() ?? ""}${text.slice(1)}`;
const listParts = (parts: string[]) => (parts.length === 1 ? `a ${parts[0]}` : parts.length === 2 ? `a ${parts[0]} and ${parts[1]}` : "a day, month and year");

/**
 * Why a date input's value is refused as a date at all, in the design system's words, or undefined
 * when it is a real date ("" is not a problem here: whether a date is needed is the schema's rule).
 */
export function datePartsProblem(value: string, what: string): string | undefined {
  const What = capitalise(what);
  if (value === "" || /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    if (value && joinDate({ year: value.slice(0, 4), month: value.slice(5, 7), day: value.slice(8, 10) }) !== value) return `${What} must be a real date`;
    return undefined;
  }
  if (value.startsWith(MARKER)) {
    const code = value.slice(1);
    if (code === "year") return `${What} must include a year with 4 numbers, like 2026`;
    if (code === "real") return `${What} must be a real date`;
    const parts = code.split(",").filter((p): p is DatePart => (DATE_PARTS as readonly string[]).includes(p));
    if (parts.length) return `${What} must include ${listParts(parts)}`;
  }
  return `${What} must be a real date`;
}

/** Which boxes to mark in red for a message: the missing part, or all three. */
export function partsInError(message: string | undefined): DatePart[] {
  if (!message) return [];
  const named = /must include a (day|month|year)( and (day|month|year))?$/.exec(message);
  if (named) return DATE_PARTS.filter((p) => p === named[1] || p === named[3]);
  if (/year with 4 numbers/.test(message)) return ["year"];
  return [...DATE_PARTS];
}

const longDate = (date: string) => new Date(`${date}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export interface DateRule {
  /** How the date is named in messages, lower case: "the date you found out". */
  what: string;
  /** Required dates say `Enter <what>` when left empty; optional ones give undefined. */
  required?: boolean;
  /** "today" (London, read when checked): the date must be today or in the past. */
  notAfter?: () => string;
  notBefore?: string;
  /** "today" (London, read when checked): the date must be today or later. */
  notBeforeToday?: () => string;
}

/** A date input's field for a zod object: YYYY-MM-DD out (or undefined when optional and empty), the design system's messages in. */
export function dateField(rule: DateRule) {
  const What = capitalise(rule.what);
  return z
    .string({ error: `Enter ${rule.what}` })
    .optional()
    .transform((value, ctx) => {
      const text = (value ?? "").trim();
      if (!text) {
        if (rule.required) ctx.addIssue({ code: "custom", message: `Enter ${rule.what}` });
        return undefined;
      }
      const problem = datePartsProblem(text, rule.what);
      if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
        return undefined;
      }
      const earliest = rule.notBefore ?? EARLIEST_DATE;
      if (text < earliest) ctx.addIssue({ code: "custom", message: `${What} must be on or after ${longDate(earliest)}` });
      else if (rule.notAfter && text > rule.notAfter()) ctx.addIssue({ code: "custom", message: `${What} must be today or in the past` });
      else if (rule.notBeforeToday && text < rule.notBeforeToday()) ctx.addIssue({ code: "custom", message: `${What} must be today or later` });
      return text;
    });
}

/** A date that must be given: YYYY-MM-DD out (the field's "Enter …" message when it is missing). */
export function requiredDateField(rule: Omit<DateRule, "required">) {
  // dateField reports a missing date as an issue, so a parsed value is always a date here.
  return dateField({ ...rule, required: true }).transform((value) => value ?? "");
}
