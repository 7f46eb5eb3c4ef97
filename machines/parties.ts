import type { Party } from "./clocks";
import type { Route } from "./route";

/** Rung 1 is the setting, rung 2 the local service, rung 3 the national body for the route. */
export type RungNumber = 1 | 2 | 3;

export function rungName(rung: RungNumber, route: Route): string {
  if (rung === 1) return "Setting";
  if (rung === 2) return "Local service";
  return route === "process" ? "Ombudsman" : "National practice body";
}

/** Who answers the concern at a rung; health partners are co-respondents wherever health is involved. */
export function respondentsAt(rung: RungNumber, healthInvolved: boolean): Party[] {
  const body: Party = rung === 1 ? "setting" : rung === 2 ? "local-service" : "national-body";
  return healthInvolved && rung !== 3 ? [body, "health-partner"] : [body];
}

/** The bodies a concern is about, who answer for national findings and remedies. */
export function bodiesComplainedAbout(healthInvolved: boolean): Party[] {
  return healthInvolved ? ["setting", "local-service", "health-partner"] : ["setting", "local-service"];
}

/**
 * The other side in a mediation: the bodies the concern is about. At rungs 1–2 that is the
 * respondent there; at the national stage the national body convenes and the bodies complained
 * about (never the national body itself) are the other side, who owe any agreed action.
 */
export function mediationOtherSide(rung: RungNumber, healthInvolved: boolean): Party[] {
  return rung === 3 ? bodiesComplainedAbout(healthInvolved) : respondentsAt(rung, healthInvolved);
}

/** Every kind of notification the machines can owe; the app keeps one message template per kind. */
export const NOTIFICATION_KINDS = [
  "concern-received",
  "concern-acknowledged",
  "response-paused",
  "response-resumed",
  "response-extended",
  "outcome-issued",
  "outcome-accepted",
  "escalation-window-closed",
  "concern-escalated",
  "deadline-warning",
  "breach",
  "mediation-offered",
  "mediation-information-sent",
  "mediation-accepted",
  "mediation-declined",
  "mediator-assigned",
  "mediation-session-scheduled",
  "mediation-outcome",
  "mediation-certificate-issued",
  "returned-to-ladder",
  "resolved-by-agreement",
  "assessment-decision",
  "draft-decision-issued",
  "comments-received",
  "comments-closed",
  "final-decision-issued",
  "remedy-done",
  "remedy-failed",
  "remedy-overdue",
  "concern-withdrawn",
  "case-closed",
  "long-open-alert",
  "delay-notice",
  "contribution-received",
  "term-dates-needed",
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationSpec = { kind: NotificationKind; to: Party[]; data: Record<string, unknown> };
