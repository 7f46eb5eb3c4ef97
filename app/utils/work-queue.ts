import { z } from "zod";
import type { OwedAction, Party } from "../../machines";
import { formatDate } from "./format";

// The work queue's rules that need no database (docs/decisions/024): which of a case's owed
// actions is this reader's, how it reads ("Acknowledge by 2 December 2026", "Respond – 3 days
// overdue"), and the query string of the queue page (GOV.UK filter pattern: plain GET, no JavaScript).

/** The parties a person acts as, from their roles: whose owed actions are theirs. */
const PARTY_OF_ROLE: Record<string, Party> = {
  family: "family",
  "young-person": "family",
  representative: "family",
  "setting-staff": "setting",
  "local-officer": "local-service",
  "health-partner": "health-partner",
  mediator: "mediator",
  "ombudsman-caseworker": "national-body",
  "practice-reviewer": "national-body",
};

export function partiesOfRoles(roles: readonly { name: string }[]): Party[] {
  return [...new Set(roles.flatMap((role) => PARTY_OF_ROLE[role.name] ?? []))];
}

/** What must be done for an owed clock, as an instruction. One list for every role: the clock says who owes it. */
export function actionWords(key: string): string {
  if (/^rung\d\.acknowledge$/.test(key)) return "Acknowledge";
  if (/^rung\d\.respond$/.test(key)) return "Respond";
  if (/^rung\d\.escalationWindow$/.test(key)) return "Accept the outcome or take it further";
  if (key === "rung3.assessment") return "Decide whether to investigate";
  if (key === "rung3.investigation") return "Issue the draft decision";
  if (key === "rung3.comments") return "Comment on the draft decision";
  if (key === "rung3.finalDecision") return "Issue the final decision";
  if (key === "mediation.information") return "Send information about mediation";
  if (key === "mediation.session") return "Hold the mediation session";
  if (key === "mediation.certificate") return "Issue the mediation certificate";
  if (/^remedy\.[^.]+\.takeFurther$/.test(key)) return "Decide whether to take the failed remedy further";
  if (/^remedy\.[^.]+$/.test(key)) return "Carry out the remedy";
  return "Take the next step";
}

/** Whole days from `from` to `to` (ISO dates). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Overdue: the clock was missed, or its last day has passed and the sweeper has not caught up yet. */
export const isOverdue = (owed: OwedAction, today: string) => owed.missedOn !== undefined || owed.dueOn < today;

/**
 * The reader's action on a case: of the clocks their parties owe, an overdue one first (the
 * longest overdue), then the one due soonest. The queue's SQL orders cases by the same rule.
 */
export function nextActionFor(owed: readonly OwedAction[], parties: readonly Party[], today: string): OwedAction | undefined {
  const mine = owed.filter((o) => o.owedBy.some((party) => parties.includes(party)));
  return [...mine].sort((a, b) => Number(isOverdue(b, today)) - Number(isOverdue(a, today)) || a.dueOn.localeCompare(b.dueOn) || a.key.localeCompare(b.key))[0];
}

export type ActionOwed = { text: string; overdue: boolean; dueSoon: boolean };

/** Days ahead within which an action is "due soon". */
export const DUE_SOON_DAYS = 5;

/** "Acknowledge by 2 December 2026", "Respond today", "Respond – 3 days overdue". */
export function actionOwed(owed: OwedAction, today: string): ActionOwed {
  const verb = actionWords(owed.key);
  if (isOverdue(owed, today)) {
    // The last permitted day was dueOn: the day after it is 1 day overdue.
    const days = Math.max(1, daysBetween(owed.dueOn, today));
    return { text: `${verb} – ${days} ${days === 1 ? "day" : "days"} overdue`, overdue: true, dueSoon: false };
  }
  const ahead = daysBetween(today, owed.dueOn);
  return { text: ahead === 0 ? `${verb} today` : `${verb} by ${formatDate(owed.dueOn)}`, overdue: false, dueSoon: ahead <= DUE_SOON_DAYS };
}

// ───────────── the query string ─────────────

export const QUEUE_PAGE_SIZE = 25;
export const QUEUE_PAGE_SIZES = ["10", "25", "50", "100"] as const;
export const QUEUE_STATUSES = ["open", "paused", "in-mediation", "monitoring-compliance", "closed"] as const;

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .optional()
    .transform((v) => (v && (values as readonly string[]).includes(v) ? (v as T[number]) : undefined));

/** Filters never fail: a value that is not one of the choices is ignored (links and bookmarks keep working). */
export const queueQuerySchema = z.object({
  /** Unset: staff see what needs their action, families everything they can see (queueDefaults). */
  show: choice(["mine", "all"] as const),
  q: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim().slice(0, 100) || undefined),
  status: choice(QUEUE_STATUSES),
  route: choice(["process", "substance"] as const),
  rung: choice(["1", "2", "3"] as const).transform((v) => (v ? Number(v) : undefined)),
  setting: z
    .string()
    .optional()
    .transform((v) => (v && /^[A-Za-z0-9_-]{1,64}$/.test(v) ? v : undefined)),
  assigned: choice(["me", "nobody"] as const),
  perPage: choice(QUEUE_PAGE_SIZES).transform((v) => (v ? Number(v) : undefined)),
});
export type QueueQuery = z.infer<typeof queueQuerySchema>;

/** The page number: a whole number from 1; anything else is a bad request (the history page does the same). */
export function pageOf(value: string | null): number | undefined {
  if (value === null || value === "") return 1;
  return /^[1-9]\d{0,5}$/.test(value) ? Number(value) : undefined;
}

/** Families and their representatives have no work queue of their own: their cases list shows everything. */
const FAMILY_ROLES = new Set(["family", "young-person", "representative"]);
export const isStaff = (roles: readonly { name: string }[]) => !roles.some((role) => FAMILY_ROLES.has(role.name));

export function queueQueryOf(params: URLSearchParams, roles: readonly { name: string }[] = []): QueueQuery & { show: "mine" | "all" } {
  const query = queueQuerySchema.parse(Object.fromEntries([...params.entries()].filter(([key]) => key !== "page")));
  return { ...query, show: query.show ?? (isStaff(roles) ? "mine" : "all") };
}

/** The query string for the same filters on another page. */
export function queueHref(query: Partial<QueueQuery>, page: number): string {
  const params = new URLSearchParams();
  if (query.show) params.set("show", query.show);
  for (const key of ["q", "status", "route", "rung", "setting", "assigned", "perPage"] as const) {
    const value = query[key];
    if (value !== undefined) params.set(key, String(value));
  }
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `?${text}` : "?";
}
