import { z } from "zod";
import { DECIDED_FINDINGS, eventPayloadSchema, FINDING_LABELS, type EventPayload, type Party, type UserEventType } from "../../machines";
import { londonDate } from "./dates";
import { EARLIEST_DATE, MAX_LENGTH, MAX_YEARS_AHEAD } from "./limits";

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
 * Why a typed date is refused (`formatMessage` when it is not a real YYYY-MM-DD date), or
 * undefined when it is a real date between EARLIEST_DATE and MAX_YEARS_AHEAD years from today.
 */
export function dateProblem(value: string, today: string, what: string, formatMessage: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !z.iso.date().safeParse(value).success) return formatMessage;
  const What = `${what[0]?.toUpperCase()}${what.slice(1)}`;
  if (value < EARLIEST_DATE) return `${What} must be after ${longDate(EARLIEST_DATE)}`;
  if (value > latestDate(today)) return `${What} must be on or before ${longDate(latestDate(today))}`;
  return undefined;
}
export const isoDate = (message: string, what: string, today: () => string) =>
  z
    .string({ error: message })
    .trim()
    .superRefine((value, ctx) => {
      const problem = dateProblem(value, today(), what, message);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

export const asArray = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** The largest payment a decision may order, in pounds. */
export const MAX_PAYMENT_POUNDS = 100_000;

export const FINDING_OPTIONS = DECIDED_FINDINGS.map((value) => ({ value, label: FINDING_LABELS[value] }));

export const REMEDY_KIND_OPTIONS = [
  { value: "", label: "No remedy" },
  { value: "apology", label: "Apology" },
  { value: "action", label: "Action to be taken" },
  { value: "register-review", label: "Retake the register decision" },
  { value: "record-revision", label: "Revise the development record" },
  { value: "payment", label: "Payment" },
] as const;

export const REMEDY_ROWS = 3;

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

export function remedyRows(fields: Record<string, unknown>, ctx: z.RefinementCtx, today: string) {
  const remedies: Payload[] = [];
  for (let i = 1; i <= REMEDY_ROWS; i++) {
    const kind = String(fields[`remedy-${i}-kind`] ?? "");
    if (!kind) continue;
    const description = String(fields[`remedy-${i}-description`] ?? "").trim();
    const dueOn = String(fields[`remedy-${i}-dueOn`] ?? "").trim();
    const amount = String(fields[`remedy-${i}-amount`] ?? "").trim();
    if (!description) ctx.addIssue({ code: "custom", path: [`remedy-${i}-description`], message: `Describe remedy ${i}` });
    const dueProblem = dueOn ? dateProblem(dueOn, today, `remedy ${i}'s due date`, `Enter remedy ${i}'s due date as YYYY-MM-DD`) : undefined;
    if (dueProblem) ctx.addIssue({ code: "custom", path: [`remedy-${i}-dueOn`], message: dueProblem });
    if (kind === "action" && !dueOn) ctx.addIssue({ code: "custom", path: [`remedy-${i}-dueOn`], message: `Enter the date action ${i} is due` });
    const remedy: Payload = { kind, description, ...(dueOn ? { dueOn } : {}) };
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
  return remedies;
}

export const outcomeForm = ({ issueIds, today, knownStandards }: FormContext) =>
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
    return { outcome: { findings, reasons, standards, remedies: remedyRows(fields, ctx, today ?? londonDate()) } };
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
