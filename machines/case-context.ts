import { calendarFor, englandAndWales, type WorkingCalendar } from "./calendar";
import type { CaseFile } from "./case-input";
import { deadlineSpecs, openClock, type ClockPlan, type Clocks, type DeadlineSpec, type Party } from "./clocks";
import type { Finding, UrgentReason } from "./events";
import type { MediationOutput } from "./mediation.machine";
import { bodiesComplainedAbout, respondentName, respondentsAt, type RungNumber } from "./parties";
import type { Remedy } from "./remedies";

/** Everything the case machine remembers; JSON-serialisable by construction. */
export type OutcomeRecord = {
  rung: RungNumber;
  stage: "response" | "assessment" | "draft-decision" | "final-decision" | "mediation" | "withdrawal";
  on: string;
  findings: Array<{ issueId: string; finding: Finding; reasons?: string }>;
  reasons?: string;
  standards: string[];
  remedyIds: string[];
  decision?: "accepted-for-investigation" | "out-of-jurisdiction" | "out-of-time";
};

export type ConclusionReason = "outcome-accepted" | "escalation-window-closed" | "resolved-by-agreement" | "final-decision" | "out-of-jurisdiction" | "out-of-time" | "withdrawn";

export type DelayNotice = { keys: string[]; on: string; reason: string; expectedOn: string; rung: RungNumber | null };
export type Comment = { party: Party; on: string; comments: string };
export type Contribution = { rung: RungNumber; party: Party; on: string; contribution: string };

export type CaseContext = {
  file: CaseFile;
  /** The date of the latest event sent by a person: no later event may be dated before it. */
  lastEventOn?: string;
  /** Set when the setting's term dates did not cover the case: rung 1 counts working days instead. */
  calendarFallback?: { reason: string; on: string };
  clocks: Clocks;
  /** Who handled each rung, in order; `assigned`: named by the complaints lead (ASSIGN_HANDLER). */
  handlers: Array<{ rung: RungNumber; handlerId: string; on: string; assigned?: true }>;
  outcomes: OutcomeRecord[];
  remedies: Remedy[];
  /** Issues closed by a mediation agreement: later outcomes no longer cover them. */
  settledIssueIds: string[];
  breaches: Array<{ key: string; on: string }>;
  mediationOffer?: { rung: RungNumber; offeredOn: string; requestedBy: "family" | "handler" };
  /** Every mediation offer, to cap respondents' offers per rung. */
  mediationOffers?: Array<{ rung: RungNumber; on: string; requestedBy: "family" | "handler" }>;
  mediations: MediationOutput[];
  /** Dated reasons and new dates given by a body that missed a deadline (the breach still stands). */
  delayNotices?: DelayNotice[];
  /** Co-respondents' parts of a joint response, kept for the lead respondent and shown on the file. */
  contributions?: Contribution[];
  /** Days on which the long-open alert was raised. */
  longOpenAlerts?: string[];
  /** Failed remedies the family took further, and where to. */
  remedyReferrals?: Array<{ remedyId: string; on: string; toRung: RungNumber; reason: string }>;
  national?: {
    escalatedOn: string;
    /** Last day of the time limit (awareness + 12 months); later escalations need discretion. */
    timeLimitOn: string;
    late: boolean;
    discretionReason?: string;
    /** Every comment on the draft decision, from any party, in order. */
    comments: Comment[];
  };
  conclusion?: { reason: ConclusionReason; rung: RungNumber; on: string };
  /** Set once by triage: the concern sits at the top of every queue. */
  urgent?: { reason: UrgentReason; details?: string; on: string; rung: RungNumber };
  /** Staff the concern is about: none of them may handle it. */
  peopleConcerned?: Array<{ personId?: string; description: string; on: string; rung: RungNumber }>;
};

export const clockKey = {
  acknowledge: (rung: RungNumber) => `rung${rung}.acknowledge`,
  respond: (rung: RungNumber) => `rung${rung}.respond`,
  escalationWindow: (rung: RungNumber) => `rung${rung}.escalationWindow`,
  assessment: "rung3.assessment",
  investigation: "rung3.investigation",
  comments: "rung3.comments",
  finalDecision: "rung3.finalDecision",
  longOpen: "case.longOpen",
  failedRemedy: (remedyId: string) => `remedy.${remedyId}.takeFurther`,
} as const;

export function respondents(context: CaseContext, rung: RungNumber) {
  return respondentsAt(rung, context.file.healthInvolved);
}

/** Everyone with a part in the concern up to `rung`: the family and each respondent on the way. */
export function partiesUpTo(context: CaseContext, rung: RungNumber): Party[] {
  const rungs = ([1, 2, 3] as const).filter((r) => r <= rung);
  return [...new Set<Party>(["family", ...rungs.flatMap((r) => respondents(context, r))])];
}

/** The setting's own duties run on its calendar (school days if given); everyone else's on working days. */
export function calendarAt(file: CaseFile, rung: RungNumber): WorkingCalendar {
  return rung === 1 ? calendarFor(file.calendar) : englandAndWales;
}

export function calendarOfClock(file: CaseFile, id: string): WorkingCalendar {
  const rungOne = calendarAt(file, 1);
  return id === rungOne.id ? rungOne : englandAndWales;
}

export function ladderPlans(file: CaseFile) {
  const { policy } = file;
  const respondTimings = { 1: policy.setting, 2: policy.localService } as const;
  return {
    acknowledge: (rung: RungNumber): ClockPlan => ({
      key: clockKey.acknowledge(rung),
      label: `The ${respondentName(rung)} to acknowledge the concern`,
      kind: "deadline",
      pausable: false,
      owedBy: respondentsAt(rung, file.healthInvolved),
      workingDays: rung === 3 ? policy.national.acknowledgeWorkingDays : policy.acknowledgeWorkingDays,
    }),
    respond: (rung: 1 | 2): ClockPlan => ({
      key: clockKey.respond(rung),
      label: `The ${respondentName(rung)} to respond with an outcome`,
      kind: "deadline",
      pausable: true,
      owedBy: respondentsAt(rung, file.healthInvolved),
      workingDays: respondTimings[rung].respondWorkingDays,
    }),
    escalationWindow: (rung: 1 | 2): ClockPlan => ({
      key: clockKey.escalationWindow(rung),
      label:
        rung === 2
          ? `The family may accept the local service’s outcome or ask the national body to look at it`
          : `The family may accept the setting’s outcome or take it to the local service`,
      kind: "window",
      pausable: true,
      owedBy: ["family"],
      // The route to the national body stays open for months after the local service's final
      // response (the Housing Ombudsman's practice); the setting's outcome keeps its 20 working days.
      ...(rung === 2 ? { calendarMonths: policy.fairness.nationalReferralMonths } : { workingDays: policy.escalationWindowWorkingDays }),
    }),
    assessment: (): ClockPlan => ({
      key: clockKey.assessment,
      label: "The national body to assess the concern",
      kind: "deadline",
      pausable: true,
      owedBy: ["national-body"],
      workingDays: policy.national.assessmentWorkingDays,
    }),
    investigation: (): ClockPlan => ({
      key: clockKey.investigation,
      label: "The national body to investigate and issue a draft decision",
      kind: "deadline",
      pausable: true,
      owedBy: ["national-body"],
      workingDays: policy.national.investigationWorkingDays,
    }),
    comments: (): ClockPlan => ({
      key: clockKey.comments,
      label: "Everyone involved may comment on the draft decision",
      kind: "window",
      pausable: false,
      owedBy: ["family", ...bodiesComplainedAbout(file.healthInvolved)],
      workingDays: policy.national.commentsWorkingDays,
    }),
    finalDecision: (): ClockPlan => ({
      key: clockKey.finalDecision,
      label: "The national body to issue its final decision",
      kind: "deadline",
      pausable: false,
      owedBy: ["national-body"],
      workingDays: policy.national.finalDecisionWorkingDays,
    }),
    longOpen: (): ClockPlan => ({
      key: clockKey.longOpen,
      label: "Six-month check: if the concern is still open, the organisation handling it must give the family a dated update",
      kind: "window",
      pausable: false,
      owedBy: ["family"],
      noWarnings: true,
      calendarMonths: policy.fairness.longOpenAlertMonths,
    }),
    failedRemedy: (remedyId: string): ClockPlan => ({
      key: clockKey.failedRemedy(remedyId),
      label: "The family may take the failed remedy further",
      kind: "window",
      pausable: false,
      owedBy: ["family"],
      workingDays: policy.fairness.failedRemedyWindowWorkingDays,
    }),
  };
}

export function startClock(file: CaseFile, rung: RungNumber, plan: ClockPlan, startedBy: string, at: string) {
  return openClock(plan, startedBy, at, calendarAt(file, rung));
}

export function caseDeadlines(context: CaseContext): DeadlineSpec[] {
  return Object.values(context.clocks).flatMap((clock) => deadlineSpecs(clock, context.file.policy.warningPercents, calendarOfClock(context.file, clock.calendar)));
}

export function openIssueIds(context: CaseContext): string[] {
  return context.file.issues.map(({ id }) => id).filter((id) => !context.settledIssueIds.includes(id));
}
