import { z } from "zod";
import { DECIDED_FINDINGS, eventPayloadSchema, FINDING_LABELS, type EventPayload, type Party, type UserEventType } from "../../machines";
import { datePartsProblem } from "./date-input";
import { londonDate } from "./dates";
import { EARLIEST_DATE, MAX_LENGTH, MAX_REMEDIES, MAX_YEARS_AHEAD } from "./limits";

// The pieces of the case action forms (app/components/case-events.tsx holds one entry per event).
// Each form schema turns the posted fields into the machine event's payload and ends with the
// machine's own payload schema (eventForm), so the server validates with the same rules as the machine.

const TOO_LONG = `Must be ${MAX_LENGTH.longText.toLocaleString("en-GB")} characters or fewer`;
export const required = (message: string) => z.string({ error: message }).trim().min(1, message).max(MAX_LENGTH.longText, TOO_LONG);
export const optionalText = z
  .string()
  .trim()
  .max(MAX_LENGTH.longText, TOO_LONG)
  .optional()
  .transform((v) => (v ? v : undefined));

/** The last date a form may set, counted from `today`: MAX_YEARS_AHEAD years on. */
export function latestDate(today: string): string {
  return `${Number(today.slice(0, 4)) + MAX_YEARS_AHEAD}${today.slice(4)}`.replace(/-02-29$/, "-02-28");
}
const longDate = (date: string) => new Date(`${date}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
/**
 * Why a typed date is refused, in the design system's words ("Enter the session date", "The
 * session date must include a month", "… must be a real date"), or undefined when it is a real
 * date between EARLIEST_DATE and MAX_YEARS_AHEAD years from today. Dates come from the GOV.UK date
 * input (date-input.ts); `_formatMessage` is no longer shown (nobody types YYYY-MM-DD now).
 */
export function dateProblem(value: string, today: string, what: string, _formatMessage?: string): string | undefined {
  if (!value.trim()) return `Enter ${what}`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !z.iso.date().safeParse(value).success) return datePartsProblem(value, what);
  const What = `${what[0]?.toUpperCase()}${what.slice(1)}`;
  if (value < EARLIEST_DATE) return `${What} must be after ${longDate(EARLIEST_DATE)}`;
  if (value > latestDate(today)) return `${What} must be on or before ${longDate(latestDate(today))}`;
  return undefined;
}
export const isoDate = (_message: string, what: string, today: () => string) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .superRefine((value, ctx) => {
      const problem = dateProblem(value, today(), what);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

export const asArray = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** The largest payment a decision may order, in pounds. */
export const MAX_PAYMENT_POUNDS = 100_000;

export const FINDING_OPTIONS = DECIDED_FINDINGS.map((value) => ({ value, label: FINDING_LABELS[value] }));

export const REMEDY_KIND_OPTIONS = [
  { value: "apology", label: "Apology" },
  { value: "action", label: "Action to be taken", hint: "Needs a due date" },
  { value: "register-review", label: "Retake the register decision" },
  { value: "record-revision", label: "Revise the development record" },
  { value: "payment", label: "Payment" },
] as const;

// ── Add another (GOV.UK): remedy rows are numbered fields, remedy-1-kind, remedy-1-description… ──
// Without JavaScript, "Add another remedy" and each "Remove" post the form with `intent`; the action
// answers with the same values, one row more or less, and saves nothing. With JavaScript the rows are
// a react-hook-form field array and the same buttons act in the browser.

// The due date is a GOV.UK date input: its boxes (`remedy-N-dueOn-day`, `-month`, `-year`) move with
// their row, and the forms' first gate joins them into `remedy-N-dueOn` before the schema reads it.
const REMEDY_FIELD = /^remedy-(\d+)-(kind|description|dueOn|dueOn-day|dueOn-month|dueOn-year|amount|replaces)$/;
export const REMEDY_FIELDS = ["kind", "description", "dueOn", "dueOn-day", "dueOn-month", "dueOn-year", "amount", "replaces"] as const;
export type RemedyRowFields = Record<(typeof REMEDY_FIELDS)[number], string>;
export const EMPTY_REMEDY_ROW: RemedyRowFields = Object.fromEntries(REMEDY_FIELDS.map((field) => [field, ""])) as RemedyRowFields;

/** The highest remedy row number in the posted (or echoed) fields. */
function highestRemedyRow(fields: Record<string, unknown>): number {
  let rows = 0;
  for (const key of Object.keys(fields)) {
    const match = REMEDY_FIELD.exec(key);
    if (match) rows = Math.max(rows, Number(match[1]));
  }
  return rows;
}

/** How many remedy rows the fields hold (at most MAX_REMEDIES): the highest row number, or the hidden count when it says more. */
export function remedyRowCount(fields: Record<string, unknown>): number {
  return Math.min(Math.max(highestRemedyRow(fields), Number(fields.remedyRows) || 0), MAX_REMEDIES);
}

/** One row's fields, as strings. */
export function remedyRowValues(fields: Record<string, unknown>, row: number): RemedyRowFields {
  const value = (name: string) => {
    const v = fields[`remedy-${row}-${name}`];
    return typeof v === "string" ? v : "";
  };
  return Object.fromEntries(REMEDY_FIELDS.map((field) => [field, value(field)])) as RemedyRowFields;
}

export type RemedyIntent = { add: true } | { remove: number };

/** The `intent` a no-JavaScript "Add another remedy" or "Remove" button posts, or undefined for a real submission. */
export function remedyIntent(intent: unknown): RemedyIntent | undefined {
  if (intent === "add-remedy") return { add: true };
  const remove = typeof intent === "string" ? /^remove-remedy-(\d+)$/.exec(intent) : null;
  return remove ? { remove: Number(remove[1]) } : undefined;
}

/**
 * The form's values after adding or removing a row: everything typed is kept, the rows after a removed
 * one move up a number, and `remedyRows` (the hidden count, so empty rows survive) says how many are shown.
 */
export function applyRemedyIntent(fields: Record<string, unknown>, intent: RemedyIntent): Record<string, unknown> {
  const rows = remedyRowCount(fields);
  const others = Object.fromEntries(Object.entries(fields).filter(([key]) => !REMEDY_FIELD.test(key) && key !== "intent" && key !== "remedyRows"));
  const kept: Array<Record<string, string>> = [];
  for (let row = 1; row <= rows; row++) if (!("remove" in intent) || intent.remove !== row) kept.push(remedyRowValues(fields, row));
  if ("add" in intent && kept.length < MAX_REMEDIES) kept.push(EMPTY_REMEDY_ROW);
  const renumbered = kept.flatMap((row, index) =>
    Object.entries(row)
      .map(([name, value]) => [`remedy-${index + 1}-${name}`, value] as const)
      .filter(([, value]) => value !== ""),
  );
  return { ...others, ...Object.fromEntries(renumbered), remedyRows: String(kept.length) };
}

export interface FormContext {
  issueIds: string[];
  /** The acting person's side: the family, or a body handling the concern. */
  side: "family" | "handler";
  /** The capacities this person acts in on the case (the machine's parties). */
  capacities: Party[];
  userId: string;
  /** Open remedies this person may settle: those their side owes, or that their body ordered. */
  openRemedyIds: string[];
  /** The body answering now (assign and triage forms only): its people, and why any of them may not handle the concern. */
  staff?: Array<{ id: string; name: string }>;
  conflicts?: Record<string, string>;
  /** Failed remedies the family may still take further. */
  failedRemedyIds: string[];
  mediatorIds: string[];
  /** From the case's own policy version: the most an extension at this stage may be. */
  maxExtensionWorkingDays: number;
  /** The day the form is submitted (London); dates are checked against it. Defaults to today. */
  today?: string;
  /** Remedies already on the case, which a new remedy may replace (its lineage). */
  earlierRemedyIds?: string[];
  /** Codes of the current National Framework catalogue: findings may cite only these (docs/decisions/021). */
  knownStandards?: readonly string[];
}

type Payload = Record<string, unknown>;
/** A form's schema for one event: posted fields in, the machine event's payload out. */
export type EventForm<T extends UserEventType> = (ctx: FormContext) => z.ZodType<EventPayload<T>>;

/** Ends a form schema with the machine's own payload schema for `type`: one set of rules, server and machine. */
export function eventForm<T extends UserEventType>(type: T, form: (ctx: FormContext) => z.ZodType): EventForm<T> {
  return (ctx) => form(ctx).pipe(eventPayloadSchema(type));
}

/** What is wrong with remedy `row`'s due date, in words that name the row, or undefined. */
function remedyDueProblem(dueOn: string, today: string, row: number): string | undefined {
  const problem = dateProblem(dueOn, today, `the due date for remedy ${row}`);
  return problem?.endsWith("must be a real date") ? `Enter the due date for remedy ${row} as a real date, for example 27 3 2027` : problem;
}

/** Remedy rows → the machine's remedy inputs. A row with nothing chosen or written is an unused row and is skipped. */
export function remedyRows(fields: Record<string, unknown>, ctx: z.RefinementCtx, today: string, earlierRemedyIds: readonly string[] = []) {
  const remedies: Payload[] = [];
  if (highestRemedyRow(fields) > MAX_REMEDIES) {
    ctx.addIssue({ code: "custom", path: ["remedies"], message: `You can give at most ${MAX_REMEDIES} remedies in one decision` });
  }
  for (let i = 1; i <= remedyRowCount(fields); i++) {
    const row = remedyRowValues(fields, i);
    const kind = row.kind;
    const description = row.description.trim();
    const dueOn = row.dueOn.trim();
    const amount = row.amount.trim();
    const replaces = row.replaces.trim();
    if (!kind && !description) continue;
    if (!REMEDY_KIND_OPTIONS.some((o) => o.value === kind)) {
      ctx.addIssue({ code: "custom", path: [`remedy-${i}-kind`], message: `Select the kind of remedy ${i}` });
      continue;
    }
    if (!description) ctx.addIssue({ code: "custom", path: [`remedy-${i}-description`], message: `Describe remedy ${i}` });
    const dueProblem = dueOn ? remedyDueProblem(dueOn, today, i) : undefined;
    if (dueProblem) ctx.addIssue({ code: "custom", path: [`remedy-${i}-dueOn`], message: dueProblem });
    if (kind === "action" && !dueOn) ctx.addIssue({ code: "custom", path: [`remedy-${i}-dueOn`], message: `Enter the date action ${i} is due` });
    if (replaces && !earlierRemedyIds.includes(replaces))
      ctx.addIssue({ code: "custom", path: [`remedy-${i}-replaces`], message: `Choose an earlier remedy on this case for remedy ${i} to replace` });
    const remedy: Payload = { kind, description, ...(dueOn ? { dueOn } : {}), ...(replaces ? { replaces } : {}) };
    if (kind === "payment") {
      const pounds = Number(amount.replace(/[£,\s]/g, ""));
      if (!amount || !Number.isFinite(pounds) || pounds <= 0 || !/^\d+(\.\d{1,2})?$/.test(amount.replace(/[£,\s]/g, ""))) {
        ctx.addIssue({ code: "custom", path: [`remedy-${i}-amount`], message: `Enter remedy ${i}'s amount in pounds, like 250 or 250.50` });
      } else if (pounds > MAX_PAYMENT_POUNDS) {
        ctx.addIssue({ code: "custom", path: [`remedy-${i}-amount`], message: `Remedy ${i}'s amount must be £${MAX_PAYMENT_POUNDS.toLocaleString("en-GB")} or less` });
      } else remedy.amountPence = Math.round(pounds * 100);
    }
    remedies.push(remedy);
  }
  const replaced = remedies.flatMap((r) => (typeof r.replaces === "string" ? [r.replaces] : []));
  if (new Set(replaced).size !== replaced.length)
    ctx.addIssue({ code: "custom", path: ["remedies"], message: "Two remedies replace the same earlier remedy: choose it for one of them only" });
  return remedies;
}

export const outcomeForm = ({ issueIds, today, knownStandards, earlierRemedyIds }: FormContext) =>
  z.record(z.string(), z.unknown()).transform((fields, ctx) => {
    const findings = issueIds.map((issueId) => {
      const finding = String(fields[`finding-${issueId}`] ?? "");
      if (!FINDING_OPTIONS.some((o) => o.value === finding)) ctx.addIssue({ code: "custom", path: [`finding-${issueId}`], message: "Select a finding for this issue" });
      const reasons = String(fields[`reasons-${issueId}`] ?? "").trim();
      return { issueId, finding, ...(reasons ? { reasons } : {}) };
    });
    const reasons = String(fields.reasons ?? "").trim();
    if (!reasons) ctx.addIssue({ code: "custom", path: ["reasons"], message: "Give the reasons for your decision" });
    const standards = String(fields.standards ?? "")
      .split(/[,\n]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = standards.find((s) => !/^NF-R?\d+(\.\d+)*$/.test(s));
    if (bad) ctx.addIssue({ code: "custom", path: ["standards"], message: `"${bad}" is not a National Framework standard reference, like NF-3.2` });
    const unknown = knownStandards ? standards.find((s) => !knownStandards.includes(s)) : undefined;
    if (!bad && unknown) ctx.addIssue({ code: "custom", path: ["standards"], message: `${unknown} is not in the current National Framework: choose a code from the catalogue` });
    return { outcome: { findings, reasons, standards, remedies: remedyRows(fields, ctx, today ?? londonDate(), earlierRemedyIds) } };
  });

export const none = () => z.object({}).transform((): Record<string, never> => ({}));

/** Decisions record who made them: the different-handler rule covers every decision at a rung. */
export function decidedBy(schema: (ctx: FormContext) => z.ZodType<Payload>): (ctx: FormContext) => z.ZodType<Payload> {
  return (ctx) => schema(ctx).transform((payload) => ({ ...payload, decidedBy: ctx.userId }));
}

/** The party a person comments as: the family first, then the body they work for. */
export function commentingCapacity(capacities: readonly Party[]): Party {
  const order: Party[] = ["family", "setting", "local-service", "health-partner"];
  return order.find((party) => capacities.includes(party)) ?? "family";
}

/** URL segment for an event type: OFFER_MEDIATION ⇄ offer-mediation. */
export const actionSlug = (type: string) => type.toLowerCase().replaceAll("_", "-");
export const actionType = (slug: string) => slug.toUpperCase().replaceAll("-", "_");
