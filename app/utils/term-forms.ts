import { z } from "zod";
import { datePartsProblem } from "./date-input";
import { formatDate } from "./format";

// A setting's term dates on its form (docs/decisions/008 and 020): each term is a row with a first
// and a last school day, each a GOV.UK date input (`term-N-start-day`, `-month`, `-year`; the same
// for `-end`), joined into `term-N-start` / `term-N-end` by the forms' first gate. "Add another term"
// and each "Remove" post the form with `intent` (works without JavaScript); the action answers with
// the same values, one row more or less, and saves nothing. What is saved is unchanged: the
// setting's `schoolTerms`, a list of { start, end } dates in order, the working-day calendar's input.
// Pure: no server imports.

export interface Term {
  start: string;
  end: string;
}

/** More than 6 half-terms a year for 10 years is a mistake, not a calendar. */
export const MAX_TERMS = 60;
const EARLIEST = "2000-01-01";
const LATEST = "2100-12-31";
const TERM_FIELD = /^term-(\d+)-(start|end)(-day|-month|-year)?$/;

/** How many term rows the fields hold: the highest row number, or the hidden count when it says more. */
export function termRowCount(fields: Record<string, unknown>): number {
  let rows = Number(fields.termRows) || 0;
  for (const key of Object.keys(fields)) {
    const match = TERM_FIELD.exec(key);
    if (match) rows = Math.max(rows, Number(match[1]));
  }
  return Math.min(rows, MAX_TERMS);
}

/** A saved calendar as the form's fields: one row per term (the boxes are split from the dates). */
export function termFields(terms: unknown): Record<string, string> {
  const list = Array.isArray(terms) ? (terms as Term[]) : [];
  const fields: Record<string, string> = { termRows: String(Math.max(1, list.length)) };
  list.forEach((term, i) => {
    fields[`term-${i + 1}-start`] = term.start;
    fields[`term-${i + 1}-end`] = term.end;
  });
  return fields;
}

export type TermIntent = { add: true } | { remove: number };

/** The `intent` an "Add another term" or "Remove" button posts, or undefined for a real submission. */
export function termIntent(intent: unknown): TermIntent | undefined {
  if (intent === "add-term") return { add: true };
  const remove = typeof intent === "string" ? /^remove-term-(\d+)$/.exec(intent) : null;
  return remove ? { remove: Number(remove[1]) } : undefined;
}

/** The form's values after adding or removing a term: everything typed is kept, later rows move up a number. */
export function applyTermIntent(fields: Record<string, unknown>, intent: TermIntent): Record<string, unknown> {
  const rows = termRowCount(fields);
  const others = Object.fromEntries(Object.entries(fields).filter(([key]) => !TERM_FIELD.test(key) && key !== "intent" && key !== "termRows"));
  const kept: Array<Record<string, unknown>> = [];
  for (let row = 1; row <= rows; row++) {
    if ("remove" in intent && intent.remove === row) continue;
    const prefix = `term-${row}-`;
    kept.push(Object.fromEntries(Object.entries(fields).flatMap(([key, value]) => (key.startsWith(prefix) && TERM_FIELD.test(key) ? [[key.slice(prefix.length), value]] : []))));
  }
  if ("add" in intent && kept.length < MAX_TERMS) kept.push({});
  const renumbered = kept.flatMap((row, index) => Object.entries(row).map(([field, value]) => [`term-${index + 1}-${field}`, value] as const));
  return { ...others, ...Object.fromEntries(renumbered), termRows: String(Math.max(1, kept.length)) };
}

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

/**
 * The term rows (after the first gate joined each date input) → the terms in date order, each
 * message on its own row's box: a missing or unreal date, a term that ends before it starts, two
 * terms that overlap. Rows left empty are skipped (`typed` counts the others).
 */
export function termsFromRows(fields: Record<string, unknown>, ctx: z.RefinementCtx): { terms: Term[]; typed: number } {
  const rows: Array<Term & { row: number }> = [];
  let typed = 0;
  for (let row = 1; row <= termRowCount(fields); row++) {
    const start = text(fields[`term-${row}-start`]);
    const end = text(fields[`term-${row}-end`]);
    if (!start && !end) continue;
    typed++;
    let ok = true;
    for (const [field, value, what] of [
      ["start", start, `the first day of term ${row}`],
      ["end", end, `the last day of term ${row}`],
    ] as const) {
      const problem = value ? datePartsProblem(value, what) : `Enter ${what}`;
      const outside = !problem && (value < EARLIEST || value > LATEST);
      if (problem || outside) {
        ok = false;
        const What = `${what[0]!.toUpperCase()}${what.slice(1)}`;
        ctx.addIssue({ code: "custom", path: [`term-${row}-${field}`], message: problem ?? `${What} must be between 2000 and 2100` });
      }
    }
    if (!ok) continue;
    if (end < start) {
      ctx.addIssue({ code: "custom", path: [`term-${row}-end`], message: `The last day of term ${row} must be the same as or after its first day` });
      continue;
    }
    rows.push({ row, start, end });
  }
  rows.sort((a, b) => a.start.localeCompare(b.start));
  for (let i = 1; i < rows.length; i++) {
    const [before, after] = [rows[i - 1]!, rows[i]!];
    if (after.start <= before.end) {
      ctx.addIssue({
        code: "custom",
        path: [`term-${after.row}-start`],
        message: `Term ${after.row} overlaps term ${before.row}, which ends on ${formatDate(before.end)}: change the dates so that they do not overlap`,
      });
    }
  }
  return { terms: rows.map(({ start, end }) => ({ start, end })), typed };
}

/** The form's term dates: `null` when the setting counts working days, else the terms (at least one). */
export const termDatesSchema = z.record(z.string(), z.unknown()).transform((fields, ctx): Term[] | null => {
  if (fields.calendar !== "school-days") return null;
  const { terms, typed } = termsFromRows(fields, ctx);
  if (typed === 0) ctx.addIssue({ code: "custom", path: ["term-1-start"], message: "Enter the first and last day of each term, or choose working days" });
  return terms;
});
