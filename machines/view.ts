import type { AnyMachineSnapshot, StateValue } from "xstate";
import { caseDeadlines, clockKey, type CaseContext, type ConclusionReason, type OutcomeRecord } from "./case-context";
import type { Clock, DeadlineSpec, Party, PauseReason } from "./clocks";
import type { Finding } from "./events";
import { mediationDeadlines, type MediationContext, type MediationOutput } from "./mediation.machine";
import { rungName, type RungNumber } from "./parties";
import type { Remedy } from "./remedies";
import type { Route } from "./route";
import { breachesAwaitingNotice, pauseDaysLeft, respondentOffersAt, takeFurtherTo } from "./case-steps";

/** What the app shows about a case: derived from the snapshot, never stored separately. */
export type CaseView = {
  caseRef: string;
  route: Route;
  linkedCaseRef?: string;
  policyVersion: string;
  /** The case's own policy: working days a remedy is given when none is set. */
  remedyDefaultWorkingDays: number;
  /** Health is a co-respondent at rungs 1–2 (and one of the bodies complained about). */
  healthInvolved: boolean;
  /** The rung the concern is on; null once the ladder has ended (see conclusion.rung). */
  rung: RungNumber | null;
  rungName: string;
  status: "open" | "paused" | "in-mediation" | "monitoring-compliance" | "closed";
  stateLabel: string;
  /** Dotted path; inside mediation it continues into the mediation machine. */
  stateValue: string;
  issues: Array<{ id: string; summary: string; category: string; finding?: Finding; settledByAgreement: boolean }>;
  handlers: CaseContext["handlers"];
  /** The latest outcome with findings or an assessment decision. */
  outcome?: OutcomeRecord;
  outcomes: OutcomeRecord[];
  remedies: Remedy[];
  mediation?: MediationView;
  /** Every mediation that has ended, in order (each has its certificate). */
  mediations: MediationOutput[];
  deadlines: DeadlineSpec[];
  pausedClocks: Array<{ key: string; label: string; pausedSince: string; waitingOn: PauseReason; reason: string }>;
  breaches: CaseContext["breaches"];
  national?: CaseContext["national"];
  conclusion?: { reason: ConclusionReason; rung: RungNumber; on: string };
  /** Set when rung 1 counts working days because the setting's term dates did not cover the case. */
  calendarFallback?: CaseContext["calendarFallback"];
  /** The family's route to the national body after the local service's response: open until this day. */
  nationalReferralOpenUntil?: string;
  /** Dated reasons and new dates from a body that missed a deadline. */
  delayNotices: NonNullable<CaseContext["delayNotices"]>;
  /** Missed deadlines still waiting for the body's delay notice (keys "clock@date"). */
  delayNoticesOwed: string[];
  contributions: NonNullable<CaseContext["contributions"]>;
  longOpenAlerts: string[];
  remedyReferrals: NonNullable<CaseContext["remedyReferrals"]>;
  /** Failed remedies the family may still take further, and by when. */
  failedRemediesOpen: Array<{ remedyId: string; until: string; toRung: RungNumber }>;
  /** Working days the current rung's response clock may still be paused for. */
  pauseDaysLeft?: number;
  /** The latest day a person's event was dated: no later event may be dated before it. */
  lastEventOn?: string;
  /** Limits the forms need, from the case's own policy version. */
  /** Set by triage: first in every queue (the clocks do not change). */
  urgent?: NonNullable<CaseContext["urgent"]>;
  /** Staff the concern is about: they cannot handle it. */
  peopleConcerned: NonNullable<CaseContext["peopleConcerned"]>;
  /** Who handles the rung the case is on now (the latest recorded for it). */
  handlerId?: string;
  /** What is owed now, by whom and by when, running or missed: the queues read this (docs/decisions/024). */
  owed: OwedAction[];
  limits: {
    maxExtensionWorkingDays?: number;
    maxPauseWorkingDays: number;
    mediationSessionWithinCalendarDays: number;
    respondentMediationOffersLeft?: number;
    /** Months from the family's awareness within which the national body looks at a concern. */
    nationalTimeLimitMonths: number;
    /** Working days a remedy given without a due date has. */
    remedyDefaultWorkingDays: number;
  };
};

/** One clock still owed: `missedOn` once its day has passed and it is still not done. */
export type OwedAction = { key: string; kind: "deadline" | "window"; owedBy: Party[]; dueOn: string; missedOn?: string };

/** Clocks still owed (running or breached, not paused), the case's and its mediation's; not the six-month alert. */
export function owedActions(clocks: readonly Clock[]): OwedAction[] {
  return clocks
    .filter((clock) => !clock.paused && clock.key !== clockKey.longOpen)
    .map((clock) => ({ key: clock.key, kind: clock.kind, owedBy: clock.owedBy, dueOn: clock.dueOn, ...(clock.breachedOn ? { missedOn: clock.breachedOn } : {}) }))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.key.localeCompare(b.key));
}

export type MediationView =
  | ({ status: "in-progress"; stateLabel: string; stateValue: string } & Pick<
      MediationContext,
      "rung" | "offeredOn" | "requestedBy" | "mediatorId" | "sessions" | "held" | "result" | "sessionWindowEndsOn"
    >)
  | ({ status: "concluded" } & MediationOutput);

export function dottedPath(value: StateValue): string {
  if (typeof value === "string") return value;
  return Object.entries(value)
    .map(([key, child]) => (child === undefined ? key : `${key}.${dottedPath(child)}`))
    .join(",");
}

export function stateLabelOf(snapshot: AnyMachineSnapshot): string {
  const labels = Object.entries(snapshot.getMeta() as Record<string, { label?: string } | undefined>)
    .filter(([, meta]) => meta?.label)
    .sort(([a], [b]) => b.split(".").length - a.split(".").length);
  return labels[0]?.[1]?.label ?? dottedPath(snapshot.value);
}

export function mediationChild(snapshot: AnyMachineSnapshot): AnyMachineSnapshot | undefined {
  return (snapshot.children as Record<string, { getSnapshot(): AnyMachineSnapshot } | undefined>).mediation?.getSnapshot();
}

export function stateValueOf(snapshot: AnyMachineSnapshot): string {
  const child = mediationChild(snapshot);
  return child ? `${dottedPath(snapshot.value)}.${dottedPath(child.value)}` : dottedPath(snapshot.value);
}

/** The complete set of open deadlines, the case's own and its mediation's. */
export function deadlinesOf(snapshot: AnyMachineSnapshot): DeadlineSpec[] {
  const child = mediationChild(snapshot);
  const own = caseDeadlines(snapshot.context as CaseContext);
  const all = child ? [...own, ...mediationDeadlines(child.context as MediationContext)] : own;
  return all.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.key.localeCompare(b.key));
}

function statusOf(snapshot: AnyMachineSnapshot): CaseView["status"] {
  if (snapshot.status === "done" || snapshot.matches("closed")) return "closed";
  if (snapshot.matches("monitoringCompliance")) return "monitoring-compliance";
  if (snapshot.matches("mediation")) return "in-mediation";
  return dottedPath(snapshot.value).endsWith(".paused") ? "paused" : "open";
}

function rungOf(snapshot: AnyMachineSnapshot, context: CaseContext): RungNumber | null {
  if (snapshot.matches("mediation")) return context.mediationOffer?.rung ?? null;
  if (snapshot.matches({ ladder: "setting" })) return 1;
  if (snapshot.matches({ ladder: "localService" })) return 2;
  if (snapshot.matches({ ladder: "national" })) return 3;
  return null;
}

function mediationView(snapshot: AnyMachineSnapshot, context: CaseContext): MediationView | undefined {
  const child = mediationChild(snapshot);
  if (child) {
    const { rung, offeredOn, requestedBy, mediatorId, sessions, held, result, sessionWindowEndsOn } = child.context as MediationContext;
    return {
      status: "in-progress",
      stateLabel: stateLabelOf(child),
      stateValue: dottedPath(child.value),
      rung,
      offeredOn,
      requestedBy,
      sessions,
      ...(held?.length ? { held } : {}),
      ...(sessionWindowEndsOn ? { sessionWindowEndsOn } : {}),
      ...(mediatorId ? { mediatorId } : {}),
      ...(result ? { result } : {}),
    };
  }
  const last = context.mediations.at(-1);
  return last ? { status: "concluded", ...last } : undefined;
}

export function caseView(snapshot: AnyMachineSnapshot): CaseView {
  const context = snapshot.context as CaseContext;
  const { file } = context;
  const rung = rungOf(snapshot, context);
  const child = mediationChild(snapshot);
  const latestFinding = (issueId: string) => context.outcomes.flatMap(({ findings }) => findings).findLast((finding) => finding.issueId === issueId)?.finding;
  const outcome = context.outcomes.findLast(({ findings, decision }) => findings.length > 0 || decision !== undefined);
  const mediation = mediationView(snapshot, context);
  const handlerNow = rung === null ? undefined : context.handlers.findLast((handler) => handler.rung === rung)?.handlerId;
  return {
    caseRef: file.caseRef,
    route: file.route,
    ...(file.linkedCaseRef ? { linkedCaseRef: file.linkedCaseRef } : {}),
    policyVersion: file.policy.policyVersion,
    remedyDefaultWorkingDays: file.policy.remedyDefaultWorkingDays,
    healthInvolved: file.healthInvolved,
    rung,
    rungName: rung === null ? "Concluded" : rungName(rung, file.route),
    status: statusOf(snapshot),
    stateLabel: child ? stateLabelOf(child) : stateLabelOf(snapshot),
    stateValue: stateValueOf(snapshot),
    issues: file.issues.map((issue) => {
      const finding = latestFinding(issue.id);
      return { ...issue, ...(finding ? { finding } : {}), settledByAgreement: context.settledIssueIds.includes(issue.id) };
    }),
    handlers: context.handlers,
    ...(outcome ? { outcome } : {}),
    outcomes: context.outcomes,
    remedies: context.remedies,
    ...(mediation ? { mediation } : {}),
    mediations: context.mediations,
    deadlines: deadlinesOf(snapshot),
    pausedClocks: Object.values(context.clocks).flatMap((clock) =>
      clock.paused ? [{ key: clock.key, label: clock.label, pausedSince: clock.paused.since, waitingOn: clock.paused.for, reason: clock.paused.reason }] : [],
    ),
    breaches: context.breaches,
    ...(context.national ? { national: context.national } : {}),
    ...(context.conclusion ? { conclusion: context.conclusion } : {}),
    ...(context.calendarFallback ? { calendarFallback: context.calendarFallback } : {}),
    ...(context.clocks[clockKey.escalationWindow(2)] ? { nationalReferralOpenUntil: context.clocks[clockKey.escalationWindow(2)]!.dueOn } : {}),
    delayNotices: context.delayNotices ?? [],
    delayNoticesOwed: breachesAwaitingNotice(context),
    contributions: context.contributions ?? [],
    longOpenAlerts: context.longOpenAlerts ?? [],
    remedyReferrals: context.remedyReferrals ?? [],
    failedRemediesOpen: context.remedies.flatMap((remedy) => {
      const window = context.clocks[clockKey.failedRemedy(remedy.id)];
      return remedy.status === "failed" && window ? [{ remedyId: remedy.id, until: window.dueOn, toRung: takeFurtherTo(remedy) }] : [];
    }),
    ...(rung === 1 || rung === 2 ? { pauseDaysLeft: pauseDaysLeft(context, rung) } : {}),
    ...(context.lastEventOn ? { lastEventOn: context.lastEventOn } : {}),
    ...(context.urgent ? { urgent: context.urgent } : {}),
    peopleConcerned: context.peopleConcerned ?? [],
    ...(handlerNow ? { handlerId: handlerNow } : {}),
    owed: owedActions([...Object.values(context.clocks), ...(child ? Object.values((child.context as MediationContext).clocks) : [])]),
    limits: {
      ...(rung === 1 || rung === 2 ? { maxExtensionWorkingDays: (rung === 1 ? file.policy.setting : file.policy.localService).maxExtensionWorkingDays } : {}),
      maxPauseWorkingDays: file.policy.fairness.maxPauseWorkingDays,
      mediationSessionWithinCalendarDays: file.policy.mediation.heldWithinCalendarDays,
      nationalTimeLimitMonths: file.policy.national.timeLimitMonths,
      remedyDefaultWorkingDays: file.policy.remedyDefaultWorkingDays,
      ...(rung !== null ? { respondentMediationOffersLeft: Math.max(0, file.policy.fairness.maxRespondentMediationOffersPerRung - respondentOffersAt(context, rung)) } : {}),
    },
  };
}
