import { markBreached, markWarningSent, type Clocks } from "./clocks";
import { dateOf } from "./iso-date";
import { notification, type NotificationData, type NotificationSpec } from "./notifications";
import type { RungNumber } from "./parties";

/**
 * What one step records, in both machines: its context changes, then the notifications it owes.
 * The machines decide WHEN a step may run (states and guards); steps decide WHAT it records.
 */
export type Change<TContext> = { changes: Partial<TContext>; notifications: NotificationSpec[] };

/** A reminder before a deadline, to whoever owes it (mediation deadlines say the rung too). */
export function recordWarning(clocks: Clocks, key: string, caseRef: string, rung?: RungNumber): { clocks: Clocks; notification: NotificationSpec } {
  const { clocks: next, clock, percent } = markWarningSent(clocks, key);
  return {
    clocks: next,
    notification: notification(caseRef, "deadline-warning", clock.owedBy, { key: clock.key, label: clock.label, dueOn: clock.dueOn, percent, ...(rung ? { rung } : {}) }),
  };
}

/** A missed deadline: recorded for good as a breach; the family and whoever owed it are told. */
export function recordBreach(
  clocks: Clocks,
  key: string,
  at: string,
  caseRef: string,
  told: { kind: "breach" | "remedy-overdue"; rung?: RungNumber } & Pick<NotificationData["breach"], "familyMayEscalate" | "delayNoticeOwed">,
): { clocks: Clocks; breach: { key: string; on: string }; notification: NotificationSpec } {
  const { clocks: next, clock } = markBreached(clocks, key, at);
  const { kind, ...extra } = told;
  return {
    clocks: next,
    breach: { key: clock.key, on: dateOf(at) },
    notification: notification(caseRef, kind, ["family", ...clock.owedBy], { key: clock.key, label: clock.label, dueOn: clock.dueOn, ...extra }),
  };
}
