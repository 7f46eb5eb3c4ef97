import { addCalendarMonths, englandAndWales } from "./calendar";
import {
  calendarOfClock,
  clockKey,
  ladderPlans,
  openIssueIds,
  partiesUpTo,
  respondents,
  startClock,
  type CaseContext,
  type ConclusionReason,
  type OutcomeRecord,
} from "./case-context";
import {
  extendClock,
  mapClocks,
  markBreached,
  markWarningSent,
  openClock,
  pauseClock,
  resumeClock,
  withClock,
  withoutClocks,
  type Clock,
  type Clocks,
  type Party,
} from "./clocks";
import type { CaseEvent, OutcomeInput } from "./events";
import { compareDates, dateOf } from "./iso-date";
import type { MediationOutput } from "./mediation.machine";
import { bodiesComplainedAbout, type NotificationKind, type NotificationSpec, type RungNumber } from "./parties";
import { areRemedyDatesValid, issueRemedies, remedyClockKey, settleRemedy } from "./remedies";

/**
 * What each event does to a case, as pure functions from context and event
 * to the context changes and the notifications owed. The machine decides
 * WHEN a step may run (states and guards); these decide WHAT it records.
 */
export type Change = { changes: Partial<CaseContext>; notifications: NotificationSpec[] };
type EventOf<T extends CaseEvent["type"]> = Extract<CaseEvent, { type: T }>;

const notice = (context: CaseContext, kind: NotificationKind, to: Party[], data: Record<string, unknown> = {}): NotificationSpec => ({
  kind,
  to: [...new Set(to)],
  data: { caseRef: context.file.caseRef, ...data },
});

const isRemedyClock = (key: string) => key.startsWith("remedy.");

function onClock(context: CaseContext, key: string, change: (clock: Clock) => Clock): Clocks {
  const clock = context.clocks[key];
  if (!clock) throw new RangeError(`${context.file.caseRef}: no open clock ${key}`);
  return withClock(context.clocks, change(clock));
}

export function outcomeProblems(context: CaseContext, outcome: OutcomeInput, at: string): string[] {
  const open = openIssueIds(context);
  const given = outcome.findings.map(({ issueId }) => issueId);
  const missing = open.filter((id) => !given.includes(id));
  const unexpected = given.filter((id) => !open.includes(id));
  return [
    ...(missing.length ? [`no finding for issue ${missing.join(", ")}`] : []),
    ...(unexpected.length ? [`issue ${unexpected.join(", ")} is not open on this case`] : []),
    ...(new Set(given).size !== given.length ? ["an issue has two findings"] : []),
    ...(context.file.route === "substance" && outcome.standards.length === 0
      ? ["a substance outcome must name the National Framework standards relied on"]
      : []),
    ...(!areRemedyDatesValid(outcome.remedies, at) ? ["a remedy is due before the outcome date"] : []),
  ];
}

function recordOutcome(
  context: CaseContext,
  rung: RungNumber,
  stage: OutcomeRecord["stage"],
  event: { type: string; at: string; outcome: OutcomeInput },
  owedBy: Party[],
): Pick<CaseContext, "outcomes" | "remedies" | "clocks"> {
  const issued = issueRemedies(context.remedies, event.outcome.remedies, {
    rung,
    via: "decision",
    startedBy: event.type,
    at: event.at,
    owedBy,
    defaultWorkingDays: context.file.policy.remedyDefaultWorkingDays,
  });
  const { findings, reasons, standards } = event.outcome;
  const record: OutcomeRecord = {
    rung,
    stage,
    on: dateOf(event.at),
    findings,
    reasons,
    standards,
    remedyIds: issued.remedies.map(({ id }) => id),
  };
  return {
    outcomes: [...context.outcomes, record],
    remedies: [...context.remedies, ...issued.remedies],
    clocks: issued.clocks.reduce(withClock, context.clocks),
  };
}

/** Ends the ladder: every ladder clock closes; remedies stay monitored. */
function conclude(context: CaseContext, reason: ConclusionReason, rung: RungNumber, at: string): Partial<CaseContext> {
  return {
    clocks: withoutClocks(context.clocks, (key) => !isRemedyClock(key)),
    conclusion: { reason, rung, on: dateOf(at) },
  };
}

export function acknowledge(context: CaseContext, event: EventOf<"ACKNOWLEDGE">, rung: RungNumber): Change {
  const plans = ladderPlans(context.file);
  const next = startClock(context.file, rung, rung === 3 ? plans.assessment() : plans.respond(rung), event.type, event.at);
  const clocks = withClock(withoutClocks(context.clocks, (key) => key === clockKey.acknowledge(rung)), next);
  return {
    changes: { clocks, handlers: [...context.handlers, { rung, handlerId: event.handlerId, on: dateOf(event.at) }] },
    notifications: [notice(context, "concern-acknowledged", ["family"], { rung, handlerId: event.handlerId, nextDueOn: next.dueOn })],
  };
}

export function pauseResponse(context: CaseContext, event: EventOf<"PAUSE">, rung: 1 | 2): Change {
  return {
    changes: { clocks: onClock(context, clockKey.respond(rung), (clock) => pauseClock(clock, event.at, event.waitingOn, event.reason)) },
    notifications: [notice(context, "response-paused", ["family", ...respondents(context, rung)], { rung, reason: event.reason, waitingOn: event.waitingOn })],
  };
}

export function resumeResponse(context: CaseContext, event: EventOf<"RESUME">, rung: 1 | 2): Change {
  const clocks = onClock(context, clockKey.respond(rung), (clock) =>
    resumeClock(clock, event.at, calendarOfClock(context.file, clock.calendar)),
  );
  return {
    changes: { clocks },
    notifications: [notice(context, "response-resumed", ["family", ...respondents(context, rung)], { rung, dueOn: clocks[clockKey.respond(rung)]!.dueOn })],
  };
}

export function extendResponse(context: CaseContext, event: EventOf<"EXTEND">, rung: 1 | 2): Change {
  const clocks = onClock(context, clockKey.respond(rung), (clock) =>
    extendClock(clock, event.workingDays, event.reason, event.at, calendarOfClock(context.file, clock.calendar)),
  );
  return {
    changes: { clocks },
    notifications: [
      notice(context, "response-extended", ["family"], { rung, reason: event.reason, dueOn: clocks[clockKey.respond(rung)]!.dueOn }),
    ],
  };
}

export function respond(context: CaseContext, event: EventOf<"RESPOND">, rung: 1 | 2): Change {
  const recorded = recordOutcome(context, rung, "response", event, respondents(context, rung));
  // NOTE: the family's window runs on working days even where the setting works to a school calendar.
  const window = openClock(ladderPlans(context.file).escalationWindow(rung), event.type, event.at, englandAndWales);
  const clocks = withClock(withoutClocks(recorded.clocks, (key) => key === clockKey.respond(rung)), window);
  return {
    changes: { ...recorded, clocks },
    notifications: [
      notice(context, "outcome-issued", ["family", ...respondents(context, rung)], {
        rung,
        findings: event.outcome.findings,
        escalateBy: window.dueOn,
      }),
    ],
  };
}

export function acceptOutcome(context: CaseContext, event: EventOf<"ACCEPT_OUTCOME">, rung: 1 | 2): Change {
  return {
    changes: conclude(context, "outcome-accepted", rung, event.at),
    notifications: [notice(context, "outcome-accepted", respondents(context, rung), { rung })],
  };
}

export function closeEscalationWindow(context: CaseContext, event: EventOf<"DEADLINE_MISSED">, rung: 1 | 2): Change {
  return {
    changes: conclude(context, "escalation-window-closed", rung, event.at),
    notifications: [notice(context, "escalation-window-closed", ["family", ...respondents(context, rung)], { rung })],
  };
}

export function escalate(context: CaseContext, event: EventOf<"ESCALATE">, from: 1 | 2): Change {
  const to = (from + 1) as 2 | 3;
  const acknowledgeClock = startClock(context.file, to, ladderPlans(context.file).acknowledge(to), event.type, event.at);
  const clocks = withClock(
    withoutClocks(context.clocks, (key) => key.startsWith(`rung${from}.`)),
    acknowledgeClock,
  );
  return {
    changes: { clocks, ...(to === 3 ? { national: nationalReferral(context, event.at) } : {}) },
    notifications: [
      notice(context, "concern-escalated", ["family", ...respondents(context, from), ...respondents(context, to)], {
        from,
        to,
        reason: event.reason,
        acknowledgeBy: acknowledgeClock.dueOn,
      }),
    ],
  };
}

/** The national time limit runs from when the family became aware of the matter. */
function nationalReferral(context: CaseContext, at: string): NonNullable<CaseContext["national"]> {
  const escalatedOn = dateOf(at);
  const timeLimitOn = addCalendarMonths(context.file.awarenessDate, context.file.policy.national.timeLimitMonths);
  return { escalatedOn, timeLimitOn, late: compareDates(escalatedOn, timeLimitOn) > 0, comments: {} };
}

/** Mediation pauses the rung's resolution clocks; clocks already paused for another reason stay as they are. */
export function offerMediation(context: CaseContext, event: EventOf<"OFFER_MEDIATION">, rung: RungNumber): Change {
  return {
    changes: {
      clocks: mapClocks(context.clocks, (clock) => pauseClock(clock, event.at, "mediation", "mediation offered")),
      mediationOffer: { rung, offeredOn: dateOf(event.at), requestedBy: event.requestedBy },
    },
    notifications: [notice(context, "mediation-offered", ["family", "mediator", ...respondents(context, rung)], { rung, requestedBy: event.requestedBy })],
  };
}

export function applyMediation(context: CaseContext, output: MediationOutput): Change {
  const issued = issueRemedies(context.remedies, output.actions, {
    rung: output.rung,
    via: "mediation",
    startedBy: "RECORD_MEDIATION_OUTCOME",
    at: output.outcomeOn ?? output.certificateOn,
    owedBy: respondents(context, output.rung),
    defaultWorkingDays: context.file.policy.remedyDefaultWorkingDays,
  });
  const agreement: OutcomeRecord[] = output.agreedIssueIds.length
    ? [
        {
          rung: output.rung,
          stage: "mediation",
          on: output.outcomeOn ?? output.certificateOn,
          findings: output.agreedIssueIds.map((issueId) => ({ issueId, finding: "resolved-by-agreement" as const })),
          ...(output.summary ? { reasons: output.summary } : {}),
          standards: [],
          remedyIds: issued.remedies.map(({ id }) => id),
        },
      ]
    : [];
  return {
    changes: {
      mediations: [...context.mediations, output],
      mediationOffer: undefined,
      settledIssueIds: [...context.settledIssueIds, ...output.agreedIssueIds],
      outcomes: [...context.outcomes, ...agreement],
      remedies: [...context.remedies, ...issued.remedies],
      clocks: issued.clocks.reduce(withClock, context.clocks),
    },
    notifications: [],
  };
}

/** Back on the ladder where it left off: clocks paused for mediation move on by the paused working days. */
export function resumeAfterMediation(context: CaseContext, output: MediationOutput): Change {
  const clocks = mapClocks(context.clocks, (clock) =>
    clock.paused?.for === "mediation" ? resumeClock(clock, output.certificateOn, calendarOfClock(context.file, clock.calendar)) : clock,
  );
  const dueDates = Object.values(clocks)
    .filter((clock) => context.clocks[clock.key]?.paused?.for === "mediation")
    .map(({ key, label, dueOn }) => ({ key, label, dueOn }));
  return {
    changes: { clocks },
    notifications: [
      notice(context, "returned-to-ladder", ["family", ...respondents(context, output.rung)], {
        rung: output.rung,
        mediationResult: output.result,
        openIssueIds: openIssueIds({ ...context, settledIssueIds: [...context.settledIssueIds, ...output.agreedIssueIds] }),
        dueDates,
      }),
    ],
  };
}

export function concludeByAgreement(context: CaseContext, output: MediationOutput): Change {
  return {
    changes: conclude(context, "resolved-by-agreement", output.rung, output.certificateOn),
    notifications: [notice(context, "resolved-by-agreement", ["family", ...respondents(context, output.rung)], { rung: output.rung })],
  };
}

export function acceptForInvestigation(context: CaseContext, event: EventOf<"ACCEPT_FOR_INVESTIGATION">): Change {
  const investigation = startClock(context.file, 3, ladderPlans(context.file).investigation(), event.type, event.at);
  const record: OutcomeRecord = {
    rung: 3,
    stage: "assessment",
    on: dateOf(event.at),
    findings: [],
    ...(event.reasons ? { reasons: event.reasons } : {}),
    standards: [],
    remedyIds: [],
    decision: "accepted-for-investigation",
  };
  return {
    changes: {
      clocks: withClock(withoutClocks(context.clocks, (key) => key === clockKey.assessment), investigation),
      outcomes: [...context.outcomes, record],
      ...(event.discretionReason && context.national
        ? { national: { ...context.national, discretionReason: event.discretionReason } }
        : {}),
    },
    notifications: [
      notice(context, "assessment-decision", partiesUpTo(context, 3), {
        decision: record.decision,
        draftDecisionBy: investigation.dueOn,
      }),
    ],
  };
}

export function rejectAtAssessment(
  context: CaseContext,
  event: EventOf<"REJECT_OUT_OF_JURISDICTION" | "REJECT_OUT_OF_TIME">,
): Change {
  const decision = event.type === "REJECT_OUT_OF_TIME" ? "out-of-time" : "out-of-jurisdiction";
  const record: OutcomeRecord = {
    rung: 3,
    stage: "assessment",
    on: dateOf(event.at),
    findings: [],
    reasons: event.reasons,
    standards: [],
    remedyIds: [],
    decision,
  };
  return {
    changes: { ...conclude(context, decision, 3, event.at), outcomes: [...context.outcomes, record] },
    notifications: [notice(context, "assessment-decision", partiesUpTo(context, 3), { decision, reasons: event.reasons })],
  };
}

export function issueDraftDecision(context: CaseContext, event: EventOf<"ISSUE_DRAFT_DECISION">): Change {
  const comments = startClock(context.file, 3, ladderPlans(context.file).comments(), event.type, event.at);
  const { findings, reasons, standards } = event.outcome;
  const draft: OutcomeRecord = { rung: 3, stage: "draft-decision", on: dateOf(event.at), findings, reasons, standards, remedyIds: [] };
  return {
    changes: {
      clocks: withClock(withoutClocks(context.clocks, (key) => key === clockKey.investigation), comments),
      outcomes: [...context.outcomes, draft],
    },
    notifications: [
      notice(context, "draft-decision-issued", partiesUpTo(context, 3), {
        findings,
        proposedRemedies: event.outcome.remedies,
        commentsBy: comments.dueOn,
      }),
    ],
  };
}

export function recordComments(context: CaseContext, event: EventOf<"SUBMIT_COMMENTS">): Change {
  const national = context.national!;
  return {
    changes: {
      national: { ...national, comments: { ...national.comments, [event.party]: { on: dateOf(event.at), comments: event.comments } } },
    },
    notifications: [notice(context, "comments-received", ["national-body"], { commentsFrom: event.party })],
  };
}

export function closeComments(context: CaseContext, at: string): Change {
  const finalDecision = startClock(context.file, 3, ladderPlans(context.file).finalDecision(), "COMMENTS_CLOSED", at);
  return {
    changes: { clocks: withClock(withoutClocks(context.clocks, (key) => key === clockKey.comments), finalDecision) },
    notifications: [notice(context, "comments-closed", ["family", "national-body"], { finalDecisionBy: finalDecision.dueOn })],
  };
}

export function issueFinalDecision(context: CaseContext, event: EventOf<"ISSUE_FINAL_DECISION">): Change {
  const recorded = recordOutcome(context, 3, "final-decision", event, bodiesComplainedAbout(context.file.healthInvolved));
  return {
    changes: { ...recorded, ...conclude({ ...context, ...recorded }, "final-decision", 3, event.at) },
    notifications: [
      notice(context, "final-decision-issued", partiesUpTo(context, 3), {
        findings: event.outcome.findings,
        remedyIds: recorded.outcomes.at(-1)!.remedyIds,
      }),
    ],
  };
}

export function settle(context: CaseContext, event: EventOf<"REMEDY_DONE" | "REMEDY_FAILED">): Change {
  const status = event.type === "REMEDY_DONE" ? "done" : "failed";
  const note = event.type === "REMEDY_DONE" ? event.evidence : event.reason;
  const remedy = context.remedies.find(({ id }) => id === event.remedyId)!;
  return {
    changes: {
      remedies: settleRemedy(context.remedies, event.remedyId, status, event.at, note),
      clocks: withoutClocks(context.clocks, (key) => key === remedyClockKey(event.remedyId)),
    },
    notifications: [
      // NOTE: the national body monitors compliance with its own remedies; lower rungs report to the family.
      notice(context, status === "done" ? "remedy-done" : "remedy-failed", ["family", ...remedy.owedBy, ...(remedy.rung === 3 ? ["national-body" as const] : [])], {
        remedyId: remedy.id,
        kind: remedy.kind,
        note,
      }),
    ],
  };
}

export function withdraw(context: CaseContext, event: EventOf<"WITHDRAW">, rung: RungNumber): Change {
  const record: OutcomeRecord = {
    rung,
    stage: "withdrawal",
    on: dateOf(event.at),
    findings: openIssueIds(context).map((issueId) => ({ issueId, finding: "withdrawn" as const })),
    ...(event.reason ? { reasons: event.reason } : {}),
    standards: [],
    remedyIds: [],
  };
  return {
    changes: { ...conclude(context, "withdrawn", rung, event.at), outcomes: [...context.outcomes, record] },
    notifications: [notice(context, "concern-withdrawn", ["family", ...respondents(context, rung)], { rung })],
  };
}

export function recordWarning(context: CaseContext, event: EventOf<"DEADLINE_WARNING">): Change {
  const { clocks, clock, percent } = markWarningSent(context.clocks, event.key);
  return {
    changes: { clocks },
    notifications: [notice(context, "deadline-warning", clock.owedBy, { key: clock.key, label: clock.label, dueOn: clock.dueOn, percent })],
  };
}

/** A missed deadline is a breach: recorded for good, and at rungs 1–2 it gives the family an immediate right to escalate. */
export function recordBreach(context: CaseContext, event: EventOf<"DEADLINE_MISSED">): Change {
  const { clocks, clock } = markBreached(context.clocks, event.key, event.at);
  const kind = isRemedyClock(clock.key) ? "remedy-overdue" : "breach";
  const rungMatch = /^rung([12])\.(acknowledge|respond)$/.exec(clock.key);
  return {
    changes: { clocks, breaches: [...context.breaches, { key: clock.key, on: dateOf(event.at) }] },
    notifications: [
      notice(context, kind, ["family", ...clock.owedBy], {
        key: clock.key,
        label: clock.label,
        dueOn: clock.dueOn,
        familyMayEscalate: rungMatch !== null,
      }),
    ],
  };
}

export function hasBreached(context: CaseContext, rung: 1 | 2): boolean {
  return context.breaches.some(({ key }) => key === clockKey.acknowledge(rung) || key === clockKey.respond(rung));
}

export function hasResponded(context: CaseContext, rung: 1 | 2): boolean {
  return context.outcomes.some((outcome) => outcome.rung === rung && outcome.stage === "response");
}
