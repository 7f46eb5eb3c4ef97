import { addCalendarDays, addCalendarMonths, englandAndWales } from "./calendar";
import {
  calendarAt,
  calendarOfClock,
  clockKey,
  ladderPlans,
  openIssueIds,
  partiesUpTo,
  respondents,
  startClock,
  type CaseContext,
  type ConclusionReason,
  type DelayNotice,
  type OutcomeRecord,
} from "./case-context";
import { recordBreach as breachOf, recordWarning as warningOf, type Change as StepChange } from "./change";
import { extendClock, mapClocks, openClock, pauseClock, pauseEndsKey, resumeClock, withClock, withoutClocks, type Clock, type Clocks, type Party } from "./clocks";
import type { CaseEvent, OutcomeInput } from "./events";
import { compareDates, dateOf } from "./iso-date";
import type { MediationOutput } from "./mediation.machine";
import { notification, type NotificationData, type NotificationKind } from "./notifications";
import { bodiesComplainedAbout, mediationOtherSide, type RungNumber } from "./parties";
import { areRemedyDatesValid, areReplacementsKnown, issueRemedies, replaceRemedies, remedyClockKey, settleRemedy } from "./remedies";

/**
 * What each event does to a case, as pure functions from context and event
 * to the context changes and the notifications owed. The machine decides
 * WHEN a step may run (states and guards); these decide WHAT it records.
 */
export type Change = StepChange<CaseContext>;
type EventOf<T extends CaseEvent["type"]> = Extract<CaseEvent, { type: T }>;

const notice = <K extends NotificationKind>(context: CaseContext, kind: K, to: readonly Party[], data: NotificationData[K]) => notification(context.file.caseRef, kind, to, data);

const isRemedyClock = (key: string) => key.startsWith("remedy.");

function onClock(context: CaseContext, key: string, change: (clock: Clock) => Clock): Clocks {
  const clock = context.clocks[key];
  if (!clock) throw new RangeError(`${context.file.caseRef}: no open clock ${key}`);
  return withClock(context.clocks, change(clock));
}

export function outcomeProblems(context: CaseContext, outcome: OutcomeInput, at: string, decidedBy?: string, rung?: RungNumber): string[] {
  const open = openIssueIds(context);
  const earlier = rung === undefined ? [] : context.handlers.filter((handler) => handler.rung < rung).map(({ handlerId }) => handlerId);
  const given = outcome.findings.map(({ issueId }) => issueId);
  const missing = open.filter((id) => !given.includes(id));
  const unexpected = given.filter((id) => !open.includes(id));
  return [
    ...(missing.length ? [`no finding for issue ${missing.join(", ")}`] : []),
    ...(unexpected.length ? [`issue ${unexpected.join(", ")} is not open on this case`] : []),
    ...(new Set(given).size !== given.length ? ["an issue has two findings"] : []),
    ...(context.file.route === "substance" && outcome.standards.length === 0 ? ["a substance outcome must name the National Framework standards relied on"] : []),
    ...(!areRemedyDatesValid(outcome.remedies, at) ? ["a remedy is due before the outcome date"] : []),
    ...(!areReplacementsKnown(outcome.remedies, context.remedies) ? ["a remedy can replace only an earlier remedy on this case, and each one only once"] : []),
    // NOTE: the different-handler rule covers every decision at a rung, not only the acknowledgement.
    ...(decidedBy && earlier.includes(decidedBy) ? ["a different person must decide at this stage: you handled the concern at an earlier stage"] : []),
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
  // A remedy given in place of an earlier one ends that one's monitoring: it is marked replaced, not owed twice.
  const replaced = replaceRemedies(context.remedies, issued.remedies, event.at);
  return {
    outcomes: [...context.outcomes, record],
    remedies: [...replaced.remedies, ...issued.remedies],
    clocks: issued.clocks.reduce(
      withClock,
      withoutClocks(context.clocks, (key) => replaced.closedClockKeys.includes(key)),
    ),
  };
}

/** Ends the ladder: every ladder clock closes; remedies stay monitored. */
function conclude(context: CaseContext, reason: ConclusionReason, rung: RungNumber, at: string): Partial<CaseContext> {
  return {
    clocks: withoutClocks(context.clocks, (key) => !isRemedyClock(key)),
    conclusion: { reason, rung, on: dateOf(at) },
  };
}

/**
 * A handler the complaints lead assigned at `rung` before it was acknowledged: the last handler
 * recorded, assigned at this rung on or after the day the acknowledgement clock started.
 */
export function assignedBeforeAcknowledgement(context: CaseContext, rung: RungNumber): string | undefined {
  const last = context.handlers.at(-1);
  const clock = context.clocks[clockKey.acknowledge(rung)];
  return last?.rung === rung && last.assigned && clock && compareDates(last.on, clock.startedOn) >= 0 ? last.handlerId : undefined;
}

/** Who handles the concern once this acknowledgement is recorded: the assigned handler, else the person acknowledging. */
export function handlerOnAcknowledgement(context: CaseContext, event: EventOf<"ACKNOWLEDGE">, rung: RungNumber): string {
  return assignedBeforeAcknowledgement(context, rung) ?? event.handlerId;
}

/** Is `personId` someone the concern is about? They cannot handle it. */
export function isPersonConcerned(context: CaseContext, personId: string): boolean {
  return (context.peopleConcerned ?? []).some((person) => person.personId === personId);
}

export function acknowledge(context: CaseContext, event: EventOf<"ACKNOWLEDGE">, rung: RungNumber): Change {
  const plans = ladderPlans(context.file);
  const next = startClock(context.file, rung, rung === 3 ? plans.assessment() : plans.respond(rung), event.type, event.at);
  const clocks = withClock(
    withoutClocks(context.clocks, (key) => key === clockKey.acknowledge(rung)),
    next,
  );
  const assigned = assignedBeforeAcknowledgement(context, rung);
  const handlerId = assigned ?? event.handlerId;
  return {
    changes: { clocks, handlers: assigned ? context.handlers : [...context.handlers, { rung, handlerId, on: dateOf(event.at) }] },
    notifications: [notice(context, "concern-acknowledged", ["family"], { rung, handlerId, nextDueOn: next.dueOn })],
  };
}

/** The complaints lead names who handles the concern at this rung; the new handler is told. */
export function assignHandler(context: CaseContext, event: EventOf<"ASSIGN_HANDLER">, rung: RungNumber): Change {
  return {
    changes: { handlers: [...context.handlers, { rung, handlerId: event.handlerId, on: dateOf(event.at), assigned: true }] },
    notifications: [notice(context, "handler-assigned", respondents(context, rung).slice(0, 1), { rung, handlerId: event.handlerId })],
  };
}

export function namePersonConcerned(context: CaseContext, event: EventOf<"NAME_PERSON_CONCERNED">, rung: RungNumber): Change {
  const person = { ...(event.personId ? { personId: event.personId } : {}), description: event.description, on: dateOf(event.at), rung };
  return { changes: { peopleConcerned: [...(context.peopleConcerned ?? []), person] }, notifications: [] };
}

/** Urgent: first in every queue, and the family is told what that does (and does not) change. */
export function markUrgent(context: CaseContext, event: EventOf<"MARK_URGENT">, rung: RungNumber): Change {
  const urgent = { reason: event.reason, ...(event.details ? { details: event.details } : {}), on: dateOf(event.at), rung };
  return {
    changes: { urgent },
    notifications: [
      notice(context, "marked-urgent", ["family", ...respondents(context, rung)], { rung, reason: event.reason, ...(event.details ? { details: event.details } : {}) }),
    ],
  };
}

export function pauseResponse(context: CaseContext, event: EventOf<"PAUSE">, rung: 1 | 2): Change {
  const bound = { maxHeldWorkingDays: context.file.policy.fairness.maxPauseWorkingDays, calendar: calendarAt(context.file, rung) };
  const clocks = onClock(context, clockKey.respond(rung), (clock) => pauseClock(clock, event.at, event.waitingOn, event.reason, bound));
  return {
    changes: { clocks },
    notifications: [
      notice(context, "response-paused", ["family", ...respondents(context, rung)], {
        rung,
        reason: event.reason,
        waitingOn: event.waitingOn,
        pauseEndsOn: clocks[clockKey.respond(rung)]!.paused?.until,
      }),
    ],
  };
}

/** Working days of pause this rung's response clock has left (the bound is per rung, in total). */
export function pauseDaysLeft(context: CaseContext, rung: 1 | 2): number {
  const clock = context.clocks[clockKey.respond(rung)];
  return clock ? context.file.policy.fairness.maxPauseWorkingDays - (clock.heldWorkingDays ?? 0) : 0;
}

/** A bounded pause reached its last day: the clock restarts by itself, moved on by the days it was held. */
export function endPause(context: CaseContext, event: EventOf<"DEADLINE_MISSED">, rung: 1 | 2): Change {
  const key = clockKey.respond(rung);
  const clocks = onClock(context, key, (clock) => resumeClock(clock, clock.paused?.until ?? event.at, calendarOfClock(context.file, clock.calendar)));
  return {
    changes: { clocks },
    notifications: [notice(context, "response-resumed", ["family", ...respondents(context, rung)], { rung, dueOn: clocks[key]!.dueOn, pauseLimitReached: true })],
  };
}

export const isPauseEndKey = (key: string, rung: 1 | 2) => key === pauseEndsKey(clockKey.respond(rung));

export function resumeResponse(context: CaseContext, event: EventOf<"RESUME">, rung: 1 | 2): Change {
  const clocks = onClock(context, clockKey.respond(rung), (clock) => resumeClock(clock, event.at, calendarOfClock(context.file, clock.calendar)));
  return {
    changes: { clocks },
    notifications: [
      notice(context, "response-resumed", ["family", ...respondents(context, rung)], {
        rung,
        dueOn: clocks[clockKey.respond(rung)]!.dueOn,
        ...(event.information ? { information: event.information, sentBy: "family" } : {}),
      }),
    ],
  };
}

export function extendResponse(context: CaseContext, event: EventOf<"EXTEND">, rung: 1 | 2): Change {
  const clocks = onClock(context, clockKey.respond(rung), (clock) => extendClock(clock, event.workingDays, event.reason, event.at, calendarOfClock(context.file, clock.calendar)));
  return {
    changes: { clocks },
    notifications: [notice(context, "response-extended", ["family"], { rung, reason: event.reason, dueOn: clocks[clockKey.respond(rung)]!.dueOn })],
  };
}

export function respond(context: CaseContext, event: EventOf<"RESPOND">, rung: 1 | 2): Change {
  const recorded = recordOutcome(context, rung, "response", event, respondents(context, rung));
  // NOTE: the family's window runs on working days even where the setting works to a school calendar.
  const window = openClock(ladderPlans(context.file).escalationWindow(rung), event.type, event.at, englandAndWales);
  const clocks = withClock(
    withoutClocks(recorded.clocks, (key) => key === clockKey.respond(rung)),
    window,
  );
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

/**
 * The national time limit runs from when the family became aware of the matter, but only until
 * the concern was first raised: time spent with the setting and the local service, and in the
 * family's windows after their responses, never makes a family late. So a concern is late for
 * the national body only when it reached the setting after the time limit had already run out.
 */
export function nationalReferral(context: CaseContext, at: string): NonNullable<CaseContext["national"]> {
  const escalatedOn = dateOf(at);
  const timeLimitOn = addCalendarMonths(context.file.awarenessDate, context.file.policy.national.timeLimitMonths);
  return { escalatedOn, timeLimitOn, late: compareDates(context.file.receivedOn, timeLimitOn) > 0, comments: [] };
}

/**
 * An offer of mediation stops no respondent's clock: only the family's own window waits while
 * the family considers it (so an offer can never cost the family its right to escalate). Clocks
 * stop only once the family accepts (acceptMediation).
 */
export function offerMediation(context: CaseContext, event: EventOf<"OFFER_MEDIATION">, rung: RungNumber): Change {
  const familyWindow = (clock: Clock) => clock.kind === "window" && clock.owedBy.includes("family") && !isRemedyClock(clock.key) && clock.key !== clockKey.longOpen;
  const offer = { rung, offeredOn: dateOf(event.at), requestedBy: event.requestedBy };
  return {
    changes: {
      clocks: mapClocks(context.clocks, (clock) => (familyWindow(clock) ? pauseClock(clock, event.at, "mediation", "mediation offered") : clock)),
      mediationOffer: offer,
      mediationOffers: [...(context.mediationOffers ?? []), { rung, on: offer.offeredOn, requestedBy: event.requestedBy }],
    },
    notifications: [
      notice(context, "mediation-offered", ["family", ...respondents(context, rung), ...mediationOtherSide(rung, context.file.healthInvolved)], {
        rung,
        requestedBy: event.requestedBy,
      }),
    ],
  };
}

/** Offers a respondent has made at this rung, counted against the policy's cap. */
export function respondentOffersAt(context: CaseContext, rung: RungNumber): number {
  return (context.mediationOffers ?? []).filter((offer) => offer.rung === rung && offer.requestedBy === "handler").length;
}

/**
 * Once the family accepts, every pausable clock waits for the mediation (the family loses no time,
 * nor does the body). A clock already paused for information keeps that pause, and its bound.
 */
export function acceptMediation(context: CaseContext, event: { at: string }): Change {
  return {
    changes: { clocks: mapClocks(context.clocks, (clock) => (isRemedyClock(clock.key) ? clock : pauseClock(clock, event.at, "mediation", "mediation accepted"))) },
    notifications: [],
  };
}

export function applyMediation(context: CaseContext, output: MediationOutput): Change {
  const issued = issueRemedies(context.remedies, output.actions, {
    rung: output.rung,
    via: "mediation",
    startedBy: "RECORD_MEDIATION_OUTCOME",
    at: output.outcomeOn ?? output.certificateOn,
    // NOTE: agreed actions are owed by the bodies that must act, never by the national body convening.
    owedBy: mediationOtherSide(output.rung, context.file.healthInvolved),
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
      notice(context, "returned-to-ladder", ["family", ...respondents(context, output.rung), ...mediationOtherSide(output.rung, context.file.healthInvolved)], {
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
    notifications: [
      notice(context, "resolved-by-agreement", ["family", ...respondents(context, output.rung), ...mediationOtherSide(output.rung, context.file.healthInvolved)], {
        rung: output.rung,
      }),
    ],
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
      clocks: withClock(
        withoutClocks(context.clocks, (key) => key === clockKey.assessment),
        investigation,
      ),
      outcomes: [...context.outcomes, record],
      ...(event.discretionReason && context.national ? { national: { ...context.national, discretionReason: event.discretionReason } } : {}),
    },
    notifications: [
      notice(context, "assessment-decision", partiesUpTo(context, 3), {
        decision: "accepted-for-investigation",
        draftDecisionBy: investigation.dueOn,
      }),
    ],
  };
}

export function rejectAtAssessment(context: CaseContext, event: EventOf<"REJECT_OUT_OF_JURISDICTION" | "REJECT_OUT_OF_TIME">): Change {
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
      clocks: withClock(
        withoutClocks(context.clocks, (key) => key === clockKey.investigation),
        comments,
      ),
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

/** Every party may comment, as often as it likes, until the window closes; every comment is kept. */
export function recordComments(context: CaseContext, event: EventOf<"SUBMIT_COMMENTS">): Change {
  const national = context.national!;
  const party = commentingParty(event.party);
  return {
    changes: {
      national: { ...national, comments: [...national.comments, { party, on: dateOf(event.at), comments: event.comments }] },
    },
    notifications: [notice(context, "comments-received", ["national-body"], { commentsFrom: party })],
  };
}

/** "respondent" is how comments were recorded before every body commented for itself. */
export const commentingParty = (party: EventOf<"SUBMIT_COMMENTS">["party"]): Party => (party === "respondent" ? "local-service" : party);

/** Who may comment on the draft: the family and every body the concern is about. */
export const commentingParties = (context: CaseContext): Party[] => ["family", ...bodiesComplainedAbout(context.file.healthInvolved)];

export function closeComments(context: CaseContext, at: string): Change {
  const finalDecision = startClock(context.file, 3, ladderPlans(context.file).finalDecision(), "COMMENTS_CLOSED", at);
  return {
    changes: {
      clocks: withClock(
        withoutClocks(context.clocks, (key) => key === clockKey.comments),
        finalDecision,
      ),
    },
    notifications: [notice(context, "comments-closed", [...commentingParties(context), "national-body"], { finalDecisionBy: finalDecision.dueOn })],
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

/** Where a failed remedy goes when the family takes it further: the rung above the one that ordered it, the national body at most. */
export const takeFurtherTo = (remedy: { rung: RungNumber }): 2 | 3 => (remedy.rung === 1 ? 2 : 3);

/**
 * A remedy done closes its clock. A remedy reported failed opens the family's window to take it
 * further (to the rung above the one that ordered it; a national remedy back to the national body).
 */
export function settle(context: CaseContext, event: EventOf<"REMEDY_DONE" | "REMEDY_FAILED">): Change {
  const status = event.type === "REMEDY_DONE" ? "done" : "failed";
  const note = event.type === "REMEDY_DONE" ? event.evidence : event.reason;
  const remedy = context.remedies.find(({ id }) => id === event.remedyId)!;
  const closed = withoutClocks(context.clocks, (key) => key === remedyClockKey(event.remedyId));
  const window = status === "failed" ? openClock(ladderPlans(context.file).failedRemedy(remedy.id), event.type, event.at, englandAndWales) : undefined;
  const told: Party[] = ["family", ...remedy.owedBy, ...respondents(context, remedy.rung)];
  return {
    changes: {
      remedies: settleRemedy(context.remedies, event.remedyId, status, event.at, note),
      clocks: window ? withClock(closed, window) : closed,
    },
    notifications: [
      notice(context, status === "done" ? "remedy-done" : "remedy-failed", told, {
        remedyId: remedy.id,
        kind: remedy.kind,
        description: remedy.description,
        note,
        told: [...new Set(told)],
        ...(window ? { takeFurtherBy: window.dueOn, takeFurtherTo: takeFurtherTo(remedy) } : {}),
      }),
    ],
  };
}

/** The family takes a failed remedy further: the case returns to the ladder at the next rung up (the national body for its own remedies). */
export function takeRemedyFurther(context: CaseContext, event: EventOf<"TAKE_REMEDY_FURTHER">): Change {
  const remedy = context.remedies.find(({ id }) => id === event.remedyId)!;
  const toRung = takeFurtherTo(remedy);
  const acknowledgeClock = startClock(context.file, toRung, ladderPlans(context.file).acknowledge(toRung), event.type, event.at);
  const clocks = withClock(
    withoutClocks(context.clocks, (key) => key === clockKey.failedRemedy(remedy.id)),
    acknowledgeClock,
  );
  return {
    changes: {
      clocks,
      conclusion: undefined,
      remedyReferrals: [...(context.remedyReferrals ?? []), { remedyId: remedy.id, on: dateOf(event.at), toRung, reason: event.reason }],
      ...(toRung === 3 ? { national: { ...nationalReferral(context, event.at), late: false } } : {}),
    },
    notifications: [
      notice(context, "concern-escalated", ["family", ...respondents(context, remedy.rung), ...remedy.owedBy, ...respondents(context, toRung)], {
        from: remedy.rung,
        to: toRung,
        reason: event.reason,
        remedyId: remedy.id,
        acknowledgeBy: acknowledgeClock.dueOn,
      }),
    ],
  };
}

export const isFailedRemedyOpenForFamily = (context: CaseContext, remedyId?: string) =>
  context.remedies.some(({ id, status }) => status === "failed" && (remedyId === undefined || id === remedyId) && context.clocks[clockKey.failedRemedy(id)] !== undefined);

export function withdraw(context: CaseContext, event: EventOf<"WITHDRAW">, rung: RungNumber, inMediation = false): Change {
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
    notifications: [
      notice(
        context,
        "concern-withdrawn",
        ["family", ...respondents(context, rung), ...(inMediation ? (["mediator", ...mediationOtherSide(rung, context.file.healthInvolved)] as Party[]) : [])],
        {
          rung,
          reason: event.reason,
        },
      ),
    ],
  };
}

export function recordWarning(context: CaseContext, event: EventOf<"DEADLINE_WARNING">): Change {
  const { clocks, notification: warning } = warningOf(context.clocks, event.key, context.file.caseRef);
  return { changes: { clocks }, notifications: [warning] };
}

/** A missed deadline is a breach: recorded for good, and at rungs 1–2 it gives the family an immediate right to escalate. */
export function recordBreach(context: CaseContext, event: EventOf<"DEADLINE_MISSED">): Change {
  if (event.key === clockKey.longOpen) return raiseLongOpenAlert(context, event);
  // A bounded pause ending while the case is elsewhere (an offer of mediation under way): the clock restarts all the same.
  const paused = /^rung([12])\.respond\.pauseEnds$/.exec(event.key);
  if (paused) return endPause(context, event, Number(paused[1]) as 1 | 2);
  if (/^remedy\.[^.]+\.takeFurther$/.test(event.key)) {
    return { changes: { clocks: withoutClocks(context.clocks, (key) => key === event.key) }, notifications: [] };
  }
  const rungMatch = /^rung([12])\.(acknowledge|respond)$/.exec(event.key);
  const {
    clocks,
    breach,
    notification: told,
  } = breachOf(context.clocks, event.key, event.at, context.file.caseRef, {
    kind: isRemedyClock(event.key) ? "remedy-overdue" : "breach",
    familyMayEscalate: rungMatch !== null,
    delayNoticeOwed: true,
  });
  return { changes: { clocks, breaches: [...context.breaches, breach] }, notifications: [told] };
}

/** The respondents currently handling the concern (none once the ladder has ended). */
function handlingNow(context: CaseContext, rung: RungNumber | null): Party[] {
  return rung === null ? [] : respondents(context, rung);
}

/**
 * A case open for `longOpenAlertMonths` (and every such period after) alerts the family and the
 * body handling it, which owes a dated delay notice; the alert repeats until the ladder ends.
 */
function raiseLongOpenAlert(context: CaseContext, event: EventOf<"DEADLINE_MISSED">): Change {
  const next = openClock(ladderPlans(context.file).longOpen(), "LONG_OPEN_ALERT", addCalendarDays(context.clocks[clockKey.longOpen]!.dueOn, 1), englandAndWales);
  const rung = currentRung(context);
  return {
    changes: { clocks: withClock(context.clocks, next), longOpenAlerts: [...(context.longOpenAlerts ?? []), dateOf(event.at)] },
    notifications: [
      notice(context, "long-open-alert", ["family", ...handlingNow(context, rung)], {
        openSince: context.file.receivedOn,
        months: monthsOpen(context, event.at),
        nextAlertOn: next.dueOn,
      }),
    ],
  };
}

const monthsOpen = (context: CaseContext, at: string) => {
  let months = 0;
  while (compareDates(addCalendarMonths(context.file.receivedOn, months + 1), dateOf(at)) < 0) months += 1;
  return months;
};

/** The rung the ladder is on, from the clocks and handlers (the machine's state knows it too). */
function currentRung(context: CaseContext): RungNumber | null {
  if (context.conclusion) return null;
  const keys = Object.keys(context.clocks);
  for (const rung of [3, 2, 1] as const) if (keys.some((key) => key.startsWith(`rung${rung}.`))) return rung;
  return context.handlers.at(-1)?.rung ?? 1;
}

/** Missed deadlines owed by a body that have no delay notice yet (the long-open alert counts as one). */
export function breachesAwaitingNotice(context: CaseContext): string[] {
  const noticed = new Set((context.delayNotices ?? []).flatMap(({ keys }) => keys));
  const alerts = (context.longOpenAlerts ?? []).map((on) => `${clockKey.longOpen}@${on}`);
  const breached = context.breaches.filter(({ key }) => !key.startsWith("mediation.")).map(({ key, on }) => `${key}@${on}`);
  return [...breached, ...alerts].filter((key) => !noticed.has(key));
}

/** A late body gives a dated reason and a new date; the family sees it. The breach still stands. */
export function giveDelayNotice(context: CaseContext, event: EventOf<"GIVE_DELAY_NOTICE">): Change {
  const keys = breachesAwaitingNotice(context);
  const rung = currentRung(context);
  const notice_: DelayNotice = { keys, on: dateOf(event.at), reason: event.reason, expectedOn: event.expectedOn, rung };
  return {
    changes: { delayNotices: [...(context.delayNotices ?? []), notice_] },
    notifications: [notice(context, "delay-notice", ["family", ...handlingNow(context, rung)], { reason: event.reason, expectedOn: event.expectedOn })],
  };
}

/** A co-respondent's part of a joint response (the lead respondent sends the response). */
export function contribute(context: CaseContext, event: EventOf<"CONTRIBUTE_TO_RESPONSE">, rung: 1 | 2): Change {
  return {
    changes: {
      contributions: [...(context.contributions ?? []), { rung, party: event.party, on: dateOf(event.at), contribution: event.contribution }],
    },
    notifications: [
      notice(
        context,
        "contribution-received",
        respondents(context, rung).filter((p) => p !== event.party),
        { rung, from: event.party },
      ),
    ],
  };
}

export function hasBreached(context: CaseContext, rung: 1 | 2): boolean {
  return context.breaches.some(({ key }) => key === clockKey.acknowledge(rung) || key === clockKey.respond(rung));
}

export function hasResponded(context: CaseContext, rung: 1 | 2): boolean {
  return context.outcomes.some((outcome) => outcome.rung === rung && outcome.stage === "response");
}

/** The conversation on a case: the family and whoever answers it now (after the ladder, the setting and any health partner). */
export function conversationParties(context: CaseContext): Party[] {
  return ["family", ...respondents(context, currentRung(context) ?? 1)];
}

/** A message changes nothing on the case: everyone else in the conversation is told that one is waiting (never what it says). */
export function sendMessage(context: CaseContext, event: EventOf<"SEND_MESSAGE">): Change {
  const to = conversationParties(context).filter((party) => party !== event.party);
  return { changes: {}, notifications: [notice(context, "message-received", to, { from: event.party })] };
}

/**
 * A file on the case (docs/decisions/022): the other parties who may read it are told it is there
 * (what it is, never the file). A file kept to the body handling the case is told to that body
 * only, never to the family; the mediator only while a mediation is under way.
 */
export function addEvidence(context: CaseContext, event: EventOf<"ADD_EVIDENCE">): Change {
  const rung = currentRung(context) ?? context.conclusion?.rung ?? 1;
  const readers: Party[] =
    event.visibility === "handler" ? respondents(context, rung).slice(0, 1) : [...partiesUpTo(context, rung), ...(context.mediationOffer ? (["mediator"] as const) : [])];
  // A body's own file is not emailed back to that body. The family's side is told, because it is
  // several people: another guardian or the young person hears of a file one of them added; the
  // write path leaves out the person who added it (handlerRecipientsFor, docs/decisions/022).
  const to = readers.filter((party) => party !== event.party || party === "family");
  if (to.length === 0) return { changes: {}, notifications: [] };
  return {
    changes: {},
    notifications: [
      notice(context, "evidence-added", to, {
        ...(event.party ? { from: event.party } : {}),
        description: event.description,
        fileType: event.fileType,
        visibility: event.visibility,
      }),
    ],
  };
}

/** An internal note is for the writing body's own staff: nobody is told. */
export function addInternalNote(): Change {
  return { changes: {}, notifications: [] };
}
