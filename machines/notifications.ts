import type { CalendarSpec } from "./calendar";
import type { ConclusionReason, OutcomeRecord } from "./case-context";
import type { Party, PauseReason } from "./clocks";
import type { EvidenceVisibility, RemedyInput, UrgentReason } from "./events";
import type { MediationResult } from "./mediation.machine";
import type { RungNumber } from "./parties";
import type { Remedy } from "./remedies";
import type { Route } from "./route";

/**
 * Every kind of notification the machines can owe, with the data each one carries. This type is
 * the contract with `emails/`: its TEMPLATES are `satisfies Record<NotificationKind, …>` and each
 * template's props are `NotificationData[kind]`, so a new kind (a key here) fails the typecheck
 * until it has a template, and a template cannot read a field the machines do not send.
 */
export type NotificationData = {
  "concern-received": { route: Route; acknowledgeBy?: string; calendar: CalendarSpec["kind"] };
  "concern-acknowledged": { rung: RungNumber; handlerId: string; nextDueOn: string };
  "response-paused": { rung: 1 | 2; reason: string; waitingOn: Exclude<PauseReason, "mediation">; pauseEndsOn?: string };
  "response-resumed": { rung: 1 | 2; dueOn: string; pauseLimitReached?: boolean; information?: string; sentBy?: "family" };
  "response-extended": { rung: 1 | 2; reason: string; dueOn: string };
  "outcome-issued": { rung: 1 | 2; findings: OutcomeRecord["findings"]; escalateBy: string };
  "outcome-accepted": { rung: 1 | 2 };
  "escalation-window-closed": { rung: 1 | 2 };
  "concern-escalated": { from: RungNumber; to: 2 | 3; reason?: string; acknowledgeBy: string; remedyId?: string };
  "deadline-warning": DeadlineNotice & { percent: number };
  breach: DeadlineNotice & BreachNotice;
  "mediation-offered": { rung: RungNumber; requestedBy: "family" | "handler" };
  "mediation-information-sent": { rung: RungNumber };
  "mediation-accepted": { rung: RungNumber; sessionBy?: string };
  "mediation-declined": { rung: RungNumber; reason?: string };
  "mediator-assigned": { rung: RungNumber; mediatorId: string };
  /** Also sent when a session is recorded as held (`held: true`, `heldOn`). */
  "mediation-session-scheduled": { rung: RungNumber; sessionOn?: string; laterDateAgreed?: boolean; sessionTime?: string; place?: string; heldOn?: string; held?: boolean };
  "mediation-outcome": { rung: RungNumber; result: MediationResult; agreedIssueIds: string[] };
  "mediation-certificate-issued": { rung: RungNumber; result?: MediationResult; deemed?: boolean };
  "returned-to-ladder": {
    rung: RungNumber;
    mediationResult: MediationResult;
    openIssueIds: string[];
    dueDates: Array<{ key: string; label: string; dueOn: string }>;
  };
  "resolved-by-agreement": { rung: RungNumber };
  "assessment-decision": { decision: NonNullable<OutcomeRecord["decision"]>; draftDecisionBy?: string; reasons?: string };
  "draft-decision-issued": { findings: OutcomeRecord["findings"]; proposedRemedies: RemedyInput[]; commentsBy: string };
  "comments-received": { commentsFrom: Party };
  "comments-closed": { finalDecisionBy: string };
  "final-decision-issued": { findings: OutcomeRecord["findings"]; remedyIds: string[] };
  "remedy-done": RemedySettled;
  "remedy-failed": RemedySettled & { takeFurtherBy?: string; takeFurtherTo?: 2 | 3 };
  "remedy-overdue": DeadlineNotice & BreachNotice;
  "concern-withdrawn": { rung: RungNumber; reason?: string };
  "case-closed": { conclusion?: { reason: ConclusionReason; rung: RungNumber; on: string } };
  "long-open-alert": { openSince: string; months: number; nextAlertOn: string };
  "delay-notice": { reason: string; expectedOn: string };
  "contribution-received": { rung: 1 | 2; from: Party };
  "term-dates-needed": { reason: string };
  /** Never the message itself: only who wrote, so an email never carries what was said (docs/decisions/023). */
  "message-received": { from: Party };
  /** Never the file: who added it, what it is, and who may see it (docs/decisions/022). */
  "evidence-added": { from?: Party; description: string; fileType: string; visibility: EvidenceVisibility };
  "marked-urgent": { rung: RungNumber; reason: UrgentReason; details?: string };
  /** To the person now handling the concern only. */
  "handler-assigned": { rung: RungNumber; handlerId: string };
};

/** A deadline's reminder or breach; mediation deadlines also say the rung the mediation is at. */
type DeadlineNotice = { key: string; label: string; dueOn: string; rung?: RungNumber };
type BreachNotice = { familyMayEscalate?: boolean; delayNoticeOwed?: boolean };
type RemedySettled = { remedyId: string; kind: Remedy["kind"]; description: string; note?: string; told: Party[] };

export type NotificationKind = keyof NotificationData;

/** Every notification names its case. */
export type NotificationPayload<K extends NotificationKind> = NotificationData[K] & { caseRef: string };

export type NotificationSpec = { [K in NotificationKind]: { kind: K; to: Party[]; data: NotificationPayload<K> } }[NotificationKind];

const KINDS = {
  "concern-received": true,
  "concern-acknowledged": true,
  "response-paused": true,
  "response-resumed": true,
  "response-extended": true,
  "outcome-issued": true,
  "outcome-accepted": true,
  "escalation-window-closed": true,
  "concern-escalated": true,
  "deadline-warning": true,
  breach: true,
  "mediation-offered": true,
  "mediation-information-sent": true,
  "mediation-accepted": true,
  "mediation-declined": true,
  "mediator-assigned": true,
  "mediation-session-scheduled": true,
  "mediation-outcome": true,
  "mediation-certificate-issued": true,
  "returned-to-ladder": true,
  "resolved-by-agreement": true,
  "assessment-decision": true,
  "draft-decision-issued": true,
  "comments-received": true,
  "comments-closed": true,
  "final-decision-issued": true,
  "remedy-done": true,
  "remedy-failed": true,
  "remedy-overdue": true,
  "concern-withdrawn": true,
  "case-closed": true,
  "long-open-alert": true,
  "delay-notice": true,
  "contribution-received": true,
  "term-dates-needed": true,
  "message-received": true,
  "evidence-added": true,
  "marked-urgent": true,
  "handler-assigned": true,
} as const satisfies Record<NotificationKind, true>;

/** The kinds at run time (the outbox checks stored rows against it). */
export const NOTIFICATION_KINDS = Object.keys(KINDS) as NotificationKind[];

/** One notification of `kind` to `to` (each party once), naming the case. */
export function notification<K extends NotificationKind>(caseRef: string, kind: K, to: readonly Party[], data: NotificationData[K]): NotificationSpec {
  return { kind, to: [...new Set(to)], data: { caseRef, ...data } } as NotificationSpec;
}
