import { assertEvent, emit, enqueueActions, sendParent, sendTo, setup, type ParameterizedObject } from "xstate";
import type { CaseFile } from "./case-input";
import { caseDeadlines, clockKey, ladderPlans, openIssueIds, partiesUpTo, respondents, startClock, type CaseContext } from "./case-context";
import * as steps from "./case-steps";
import type { Change } from "./case-steps";
import { isDue } from "./clocks";
import { isDeadlineEvent, MEDIATION_EVENT_TYPES, type CaseEvent } from "./events";
import type { GuardQuestion } from "./guard-questions";
import { compareDates, dateOf } from "./iso-date";
import { mediationMachine, type MediationInput, type MediationOutput, type NotificationEvent } from "./mediation.machine";
import { notification, type NotificationSpec } from "./notifications";
import { mediationOtherSide, respondentName, type RungNumber } from "./parties";
import { addCalendarDays } from "./calendar";

/**
 * The ladder of one case on one route: setting (rung 1) → local service
 * (rung 2) → national body (rung 3), with mediation possible on the way and
 * compliance monitoring of remedies at the end. Deadlines are data in context
 * (see clocks.ts), never `after` timers.
 */
type MediationNotification = { type: "MEDIATION_NOTIFICATION"; notification: NotificationSpec };
export type CaseMachineEvent = CaseEvent | MediationNotification;
type EventOf<T extends CaseEvent["type"]> = Extract<CaseEvent, { type: T }>;
type Rung = { rung: 1 | 2 };
type GuardArgs = { context: CaseContext; event: CaseMachineEvent };

const mediationForCase = mediationMachine.provide({
  actions: {
    notify: sendParent((_, notification: NotificationSpec): MediationNotification => ({ type: "MEDIATION_NOTIFICATION", notification })),
  },
});

/** A person's event moves the case's time line on: no later event may be dated before it. */
function stamp(context: CaseContext, event: CaseMachineEvent): Pick<CaseContext, "lastEventOn"> | undefined {
  if (!("at" in event) || typeof event.at !== "string" || isDeadlineEvent(event)) return undefined;
  const on = dateOf(event.at);
  return !context.lastEventOn || compareDates(on, context.lastEventOn) > 0 ? { lastEventOn: on } : undefined;
}

function mediationDone(event: { type: string }): MediationOutput {
  if (event.type !== "xstate.done.actor.mediation") throw new TypeError(`expected the mediation to be done, got ${event.type}`);
  return (event as unknown as { output: MediationOutput }).output;
}

const onMediationDone = (run: (context: CaseContext, output: MediationOutput) => Change) => record((context, event) => run(context, mediationDone(event)));

const caseGuards = {
  /** The handler did not handle an earlier rung, and the concern is not about them. */
  isHandlerFree: ({ context, event }: GuardArgs, { rung }: { rung: RungNumber }) => {
    assertEvent(event, ["ACKNOWLEDGE", "ASSIGN_HANDLER"]);
    const handlerId = handlerOf(context, event, rung);
    return !lowerRungHandlers(context, rung).includes(handlerId) && !steps.isPersonConcerned(context, handlerId);
  },
  isNotUrgentYet: ({ context }: GuardArgs) => context.urgent === undefined,
  canPause: ({ context }: GuardArgs, { rung }: Rung) => steps.pauseDaysLeft(context, rung) > 0,
  isResponseClockRunning: ({ context }: GuardArgs, { rung }: Rung) => {
    const clock = context.clocks[clockKey.respond(rung)];
    return clock !== undefined && !clock.paused;
  },
  isPauseEnding: ({ event }: GuardArgs, { rung }: Rung) => {
    assertEvent(event, "DEADLINE_MISSED");
    return steps.isPauseEndKey(event.key, rung);
  },
  canOfferMediation: ({ context, event }: GuardArgs, { rung }: { rung: RungNumber }) => {
    assertEvent(event, "OFFER_MEDIATION");
    return event.requestedBy === "family" || steps.respondentOffersAt(context, rung) < context.file.policy.fairness.maxRespondentMediationOffersPerRung;
  },
  isCoRespondent: ({ context, event }: GuardArgs, { rung }: Rung) => {
    assertEvent(event, "CONTRIBUTE_TO_RESPONSE");
    return respondents(context, rung).slice(1).includes(event.party);
  },
  canGiveDelayNotice: ({ context, event }: GuardArgs) => {
    assertEvent(event, "GIVE_DELAY_NOTICE");
    return steps.breachesAwaitingNotice(context).length > 0 && compareDates(event.expectedOn, dateOf(event.at)) >= 0;
  },
  isInConversation: ({ context, event }: GuardArgs) => {
    assertEvent(event, "SEND_MESSAGE");
    return steps.conversationParties(context).includes(event.party);
  },
  isFailedRemedyOpen: ({ context, event }: GuardArgs, { fromRung }: { fromRung: RungNumber }) => {
    assertEvent(event, "TAKE_REMEDY_FURTHER");
    const remedy = context.remedies.find(({ id }) => id === event.remedyId);
    return remedy?.rung === fromRung && steps.isFailedRemedyOpenForFamily(context, event.remedyId);
  },
  isLowerRungFinishedOrBreached: ({ context }: GuardArgs, { rung }: Rung) => steps.hasResponded(context, rung) || steps.hasBreached(context, rung),
  isWithinEscalationWindow: ({ context, event }: GuardArgs, { rung }: Rung) => {
    const window = context.clocks[clockKey.escalationWindow(rung)];
    return window !== undefined && !window.paused && "at" in event && compareDates(dateOf(event.at), window.dueOn) <= 0;
  },
  canExtendResponse: ({ context, event }: GuardArgs, { rung }: Rung) => {
    assertEvent(event, "EXTEND");
    return isExtensionUnused(context, rung) && event.workingDays <= maxExtension(context, rung);
  },
  isOutcomeComplete: ({ context, event }: GuardArgs, { rung }: { rung: RungNumber }) => {
    assertEvent(event, ["RESPOND", "ISSUE_DRAFT_DECISION", "ISSUE_FINAL_DECISION"]);
    return steps.outcomeProblems(context, event.outcome, event.at, event.decidedBy, rung).length === 0;
  },
  isDeadlineDue: ({ context, event }: GuardArgs) => {
    assertEvent(event, ["DEADLINE_WARNING", "DEADLINE_MISSED"]);
    return isDue(caseDeadlines(context), event);
  },
  isWindowClosing: ({ context, event }: GuardArgs, { key }: { key: string }) => {
    assertEvent(event, "DEADLINE_MISSED");
    return event.key === key && isDue(caseDeadlines(context), event);
  },
  isMediationDeadline: ({ event }: GuardArgs) => {
    assertEvent(event, ["DEADLINE_WARNING", "DEADLINE_MISSED"]);
    return event.key.startsWith("mediation.");
  },
  isInTimeOrDiscretionRecorded: ({ context, event }: GuardArgs) => {
    assertEvent(event, "ACCEPT_FOR_INVESTIGATION");
    return !context.national?.late || event.discretionReason !== undefined;
  },
  isLateForNationalBody: ({ context }: GuardArgs) => context.national?.late === true,
  haveAllPartiesCommented: ({ context }: GuardArgs) => {
    const commented = new Set((context.national?.comments ?? []).map(({ party }) => party));
    return steps.commentingParties(context).every((party) => commented.has(party));
  },
  isRemedyOpen: ({ context, event }: GuardArgs) => {
    assertEvent(event, ["REMEDY_DONE", "REMEDY_FAILED"]);
    return context.remedies.some(({ id, status }) => id === event.remedyId && status === "open");
  },
  areAllRemediesSettled: ({ context }: GuardArgs) => context.remedies.every(({ status }) => status !== "open") && !steps.isFailedRemedyOpenForFamily(context),
  doesAgreementSettleAllIssues: ({ context, event }: GuardArgs) => {
    const agreed = mediationDone(event).agreedIssueIds;
    return openIssueIds(context).every((id) => agreed.includes(id));
  },
};

export const CASE_GUARD_QUESTIONS = {
  isHandlerFree: {
    asks: "payload",
    refusal: (context, event, params) => {
      const handlerId = handlerOf(context, event as EventOf<"ACKNOWLEDGE" | "ASSIGN_HANDLER">, params.rung as RungNumber);
      if (steps.isPersonConcerned(context, handlerId)) return "the concern is about this person, so they cannot handle it: someone else must";
      return `a different person must handle this rung: ${lowerRungHandlers(context, params.rung as RungNumber).join(", ")} already handled the concern at an earlier stage`;
    },
  },
  isNotUrgentYet: { asks: "case", refusal: () => "the concern is already marked urgent" },
  canPause: {
    asks: "case",
    refusal: (context) =>
      `the response clock at this stage has already been paused for the most allowed (${context.file.policy.fairness.maxPauseWorkingDays} working days in total)`,
  },
  isPauseEnding: { asks: "payload", refusal: () => "that is not the end of this pause" },
  canOfferMediation: {
    asks: "payload",
    refusal: (context, _, params) =>
      `the ${respondentName(params.rung as RungNumber)} has already offered mediation ${steps.respondentOffersAt(context, params.rung as RungNumber)} time(s) at this stage; only the family can ask for it again`,
  },
  isCoRespondent: {
    asks: "payload",
    refusal: (_context, event) => `${(event as EventOf<"CONTRIBUTE_TO_RESPONSE">).party ?? "that party"} is not a co-respondent at this stage`,
    couldPass: (context) => context.file.healthInvolved,
  },
  canGiveDelayNotice: {
    asks: "payload",
    refusal: (context) =>
      steps.breachesAwaitingNotice(context).length === 0 ? "no missed deadline is waiting for a delay notice" : "the new date must not be before the day of the notice",
    couldPass: (context) => steps.breachesAwaitingNotice(context).length > 0,
  },
  isInConversation: {
    asks: "payload",
    refusal: () => "only the family and the organisation handling the concern now take part in its messages",
  },
  isFailedRemedyOpen: {
    asks: "payload",
    refusal: (_, event) => `remedy ${(event as EventOf<"TAKE_REMEDY_FURTHER">).remedyId} has not been reported as failed, or the time to take it further has passed`,
    couldPass: (context) => steps.isFailedRemedyOpenForFamily(context),
  },
  isLowerRungFinishedOrBreached: {
    asks: "case",
    refusal: (_, __, params) => `premature: the ${respondentName(params.rung as RungNumber)} has not responded yet and has not missed a deadline`,
  },
  isWithinEscalationWindow: {
    asks: "date",
    refusal: (context, _, params) => `the escalation window closed on ${context.clocks[clockKey.escalationWindow(params.rung as RungNumber)]?.dueOn ?? "an earlier date"}`,
  },
  canExtendResponse: {
    asks: "payload",
    couldPass: (context, params) => isExtensionUnused(context, params.rung as 1 | 2),
    refusal: (context, _, params) => {
      const rung = params.rung as 1 | 2;
      const clock = context.clocks[clockKey.respond(rung)];
      if (clock?.extension) return `the ${respondentName(rung)} has already used its one extension (${clock.extension.reason})`;
      if (clock?.breachedOn) return `the response deadline has already passed (${clock.dueOn})`;
      return `an extension at this rung is at most ${maxExtension(context, rung)} working days`;
    },
  },
  isOutcomeComplete: {
    asks: "payload",
    refusal: (context, event, params) => {
      const { outcome, at, decidedBy } = event as EventOf<"RESPOND">;
      return `the outcome cannot be sent: ${steps.outcomeProblems(context, outcome, at, decidedBy, params.rung as RungNumber).join("; ")}`;
    },
  },
  isInTimeOrDiscretionRecorded: {
    asks: "payload",
    refusal: (context) => `the concern reached the national body after its time limit (${context.national?.timeLimitOn}); accepting it needs a discretionReason`,
  },
  isLateForNationalBody: {
    asks: "case",
    refusal: (context) => `the concern is within the time limit (${context.national?.timeLimitOn}), so it cannot be rejected as late`,
  },
  isRemedyOpen: {
    asks: "payload",
    refusal: (_, event) => `no open remedy ${(event as EventOf<"REMEDY_DONE">).remedyId}`,
    couldPass: (context) => context.remedies.some(({ status }) => status === "open"),
  },
  // The machine's own bookkeeping: never the reason a person's event is refused.
  isResponseClockRunning: null,
  isDeadlineDue: null,
  isWindowClosing: null,
  isMediationDeadline: null,
  haveAllPartiesCommented: null,
  areAllRemediesSettled: null,
  doesAgreementSettleAllIssues: null,
} satisfies Record<keyof typeof caseGuards, GuardQuestion<CaseContext> | null>;

/** The person an ACKNOWLEDGE or ASSIGN_HANDLER would make the handler. */
function handlerOf(context: CaseContext, event: EventOf<"ACKNOWLEDGE" | "ASSIGN_HANDLER">, rung: RungNumber): string {
  return event.type === "ACKNOWLEDGE" ? steps.handlerOnAcknowledgement(context, event, rung) : event.handlerId;
}

/** People who handled an earlier rung than `rung`: a rung's own handler may come back to it (a failed remedy taken further). */
const lowerRungHandlers = (context: CaseContext, rung: RungNumber) => context.handlers.filter((handler) => handler.rung < rung).map(({ handlerId }) => handlerId);

const maxExtension = (context: CaseContext, rung: 1 | 2) => (rung === 1 ? context.file.policy.setting : context.file.policy.localService).maxExtensionWorkingDays;

/** One extension per rung, and only before the response deadline has passed. */
function isExtensionUnused(context: CaseContext, rung: 1 | 2): boolean {
  const clock = context.clocks[clockKey.respond(rung)];
  return clock !== undefined && !clock.extension && !clock.breachedOn;
}

/**
 * A named action that records one step: its context changes (and the time-line stamp), then the
 * notifications it owes. The same shape as the mediation machine's steps (machines/change.ts).
 * The actor, action and guard types are `never`: a step assigns and emits, nothing else.
 */
function record<P extends ParameterizedObject["params"] | undefined = undefined>(run: (context: CaseContext, event: CaseMachineEvent, params: P) => Change) {
  return enqueueActions<CaseContext, CaseMachineEvent, P, CaseMachineEvent, never, never, never, never, NotificationEvent>(({ context, event, enqueue }, params) => {
    const { changes, notifications } = run(context, event, params);
    enqueue.assign({ ...changes, ...stamp(context, event) });
    for (const notification of notifications) enqueue.emit({ type: "notification", notification });
  });
}

/** A named step for one kind of event, narrowed with assertEvent. */
function step<T extends CaseEvent["type"], P extends ParameterizedObject["params"] | undefined = undefined>(
  type: T | T[],
  run: (context: CaseContext, event: EventOf<T>, params: P) => Change,
) {
  return record<P>((context, event, params) => {
    assertEvent(event, type);
    return run(context, event as unknown as EventOf<T>, params);
  });
}

const caseSetup = setup({
  types: {
    input: {} as CaseFile,
    context: {} as CaseContext,
    events: {} as CaseMachineEvent,
    emitted: {} as NotificationEvent,
    meta: {} as { label: string },
  },
  actors: { mediation: mediationForCase },
  guards: caseGuards,
}).extend({
  actions: {
    acknowledge: step("ACKNOWLEDGE", (context, event, { rung }: { rung: RungNumber }) => steps.acknowledge(context, event, rung)),
    assignHandler: step("ASSIGN_HANDLER", (context, event, { rung }: { rung: RungNumber }) => steps.assignHandler(context, event, rung)),
    namePersonConcerned: step("NAME_PERSON_CONCERNED", (context, event, { rung }: { rung: RungNumber }) => steps.namePersonConcerned(context, event, rung)),
    markUrgent: step("MARK_URGENT", (context, event, { rung }: { rung: RungNumber }) => steps.markUrgent(context, event, rung)),
    pauseResponse: step("PAUSE", (context, event, { rung }: Rung) => steps.pauseResponse(context, event, rung)),
    endPause: step("DEADLINE_MISSED", (context, event, { rung }: Rung) => steps.endPause(context, event, rung)),
    contribute: step("CONTRIBUTE_TO_RESPONSE", (context, event, { rung }: Rung) => steps.contribute(context, event, rung)),
    giveDelayNotice: step("GIVE_DELAY_NOTICE", steps.giveDelayNotice),
    sendMessage: step("SEND_MESSAGE", steps.sendMessage),
    addInternalNote: step("ADD_INTERNAL_NOTE", steps.addInternalNote),
    addEvidence: step("ADD_EVIDENCE", steps.addEvidence),
    takeRemedyFurther: step("TAKE_REMEDY_FURTHER", steps.takeRemedyFurther),
    pauseForMediation: step("ACCEPT_MEDIATION", (context, event) => steps.acceptMediation(context, event)),
    resumeResponse: step("RESUME", (context, event, { rung }: Rung) => steps.resumeResponse(context, event, rung)),
    extendResponse: step("EXTEND", (context, event, { rung }: Rung) => steps.extendResponse(context, event, rung)),
    respond: step("RESPOND", (context, event, { rung }: Rung) => steps.respond(context, event, rung)),
    acceptOutcome: step("ACCEPT_OUTCOME", (context, event, { rung }: Rung) => steps.acceptOutcome(context, event, rung)),
    closeEscalationWindow: step("DEADLINE_MISSED", (context, event, { rung }: Rung) => steps.closeEscalationWindow(context, event, rung)),
    escalate: step("ESCALATE", (context, event, { rung }: Rung) => steps.escalate(context, event, rung)),
    offerMediation: step("OFFER_MEDIATION", (context, event, { rung }: { rung: RungNumber }) => steps.offerMediation(context, event, rung)),
    acceptForInvestigation: step("ACCEPT_FOR_INVESTIGATION", steps.acceptForInvestigation),
    rejectAtAssessment: step(["REJECT_OUT_OF_JURISDICTION", "REJECT_OUT_OF_TIME"], steps.rejectAtAssessment),
    issueDraftDecision: step("ISSUE_DRAFT_DECISION", steps.issueDraftDecision),
    recordComments: step("SUBMIT_COMMENTS", steps.recordComments),
    closeComments: step(["SUBMIT_COMMENTS", "DEADLINE_MISSED"], (context, event) => steps.closeComments(context, event.at)),
    issueFinalDecision: step("ISSUE_FINAL_DECISION", steps.issueFinalDecision),
    settleRemedy: step(["REMEDY_DONE", "REMEDY_FAILED"], steps.settle),
    withdraw: step("WITHDRAW", (context, event, { rung, inMediation }: { rung: RungNumber; inMediation?: boolean }) => steps.withdraw(context, event, rung, inMediation)),
    recordWarning: step("DEADLINE_WARNING", steps.recordWarning),
    recordBreach: step("DEADLINE_MISSED", steps.recordBreach),
    applyMediation: onMediationDone(steps.applyMediation),
    resumeAfterMediation: onMediationDone(steps.resumeAfterMediation),
    concludeByAgreement: onMediationDone(steps.concludeByAgreement),
    stampEvent: record(() => ({ changes: {}, notifications: [] })),
    forwardToMediation: sendTo("mediation", ({ event }) => event as never),
    relayMediationNotification: emit(({ event }) => {
      assertEvent(event, "MEDIATION_NOTIFICATION");
      return { type: "notification" as const, notification: event.notification };
    }),
  },
});

const concluded = "#redress-case.monitoringCompliance";

function withdrawal(rung: RungNumber) {
  return { target: concluded, actions: { type: "withdraw", params: { rung } } } as const;
}

/** Triage and handling at any stage of a rung: who handles it, who it is about, whether it is urgent. */
function triage(rung: RungNumber) {
  return {
    WITHDRAW: withdrawal(rung),
    ASSIGN_HANDLER: { guard: { type: "isHandlerFree", params: { rung } }, actions: { type: "assignHandler", params: { rung } } },
    NAME_PERSON_CONCERNED: { actions: { type: "namePersonConcerned", params: { rung } } },
    MARK_URGENT: { guard: "isNotUrgentYet", actions: { type: "markUrgent", params: { rung } } },
  } as const;
}

function offerMediation(rung: RungNumber) {
  return {
    guard: { type: "canOfferMediation", params: { rung } },
    target: "#redress-case.mediation",
    actions: { type: "offerMediation", params: { rung } },
  } as const;
}

/** Rungs 1 and 2 share one shape: acknowledge, consider (pause/extend), respond, then accept or escalate. */
function rungStates(rung: 1 | 2) {
  const name = respondentName(rung);
  const escalate = {
    target: rung === 1 ? "#redress-case.ladder.localService" : "#redress-case.ladder.national",
    actions: { type: "escalate", params: { rung } },
  } as const;
  const escalateIfFinishedOrBreached = { guard: { type: "isLowerRungFinishedOrBreached", params: { rung } }, ...escalate } as const;
  const acknowledge = { guard: { type: "isHandlerFree", params: { rung } }, target: "considering", actions: { type: "acknowledge", params: { rung } } } as const;
  return caseSetup.createStateConfig({
    initial: "awaitingAcknowledgement",
    on: triage(rung),
    states: {
      awaitingAcknowledgement: {
        meta: { label: `Waiting for the ${name} to acknowledge the concern` },
        on: {
          ACKNOWLEDGE: acknowledge,
          ESCALATE: escalateIfFinishedOrBreached,
        },
      },
      considering: {
        initial: "active",
        on: {
          EXTEND: { guard: { type: "canExtendResponse", params: { rung } }, actions: { type: "extendResponse", params: { rung } } },
          RESPOND: { guard: { type: "isOutcomeComplete", params: { rung } }, target: "responded", actions: { type: "respond", params: { rung } } },
          CONTRIBUTE_TO_RESPONSE: { guard: { type: "isCoRespondent", params: { rung } }, actions: { type: "contribute", params: { rung } } },
          ESCALATE: escalateIfFinishedOrBreached,
          OFFER_MEDIATION: offerMediation(rung),
        },
        states: {
          active: {
            meta: { label: `The ${name} is considering the concern` },
            on: { PAUSE: { guard: { type: "canPause", params: { rung } }, target: "paused", actions: { type: "pauseResponse", params: { rung } } } },
          },
          paused: {
            meta: { label: `Paused: the ${name} is waiting for information` },
            // Back from mediation, or a bounded pause ended elsewhere: a running clock is never shown as paused.
            always: { guard: { type: "isResponseClockRunning", params: { rung } }, target: "active" },
            on: {
              RESUME: { target: "active", actions: { type: "resumeResponse", params: { rung } } },
              // NOTE: a pause is bounded: on its last day the clock restarts by itself.
              DEADLINE_MISSED: { guard: { type: "isPauseEnding", params: { rung } }, target: "active", actions: { type: "endPause", params: { rung } } },
            },
          },
        },
      },
      responded: {
        meta: { label: `The ${name} has responded: the family may accept the outcome or escalate` },
        on: {
          ACCEPT_OUTCOME: { target: concluded, actions: { type: "acceptOutcome", params: { rung } } },
          ESCALATE: { guard: { type: "isWithinEscalationWindow", params: { rung } }, ...escalate },
          DEADLINE_MISSED: {
            guard: { type: "isWindowClosing", params: { key: clockKey.escalationWindow(rung) } },
            target: concluded,
            actions: { type: "closeEscalationWindow", params: { rung } },
          },
          OFFER_MEDIATION: offerMediation(rung),
        },
      },
    },
  });
}

const nationalStates = caseSetup.createStateConfig({
  initial: "awaitingAcknowledgement",
  on: triage(3),
  states: {
    awaitingAcknowledgement: {
      meta: { label: "Waiting for the national body to acknowledge the escalation" },
      on: {
        ACKNOWLEDGE: {
          guard: { type: "isHandlerFree", params: { rung: 3 } },
          target: "assessment",
          actions: { type: "acknowledge", params: { rung: 3 } },
        },
      },
    },
    assessment: {
      meta: { label: "The national body is assessing whether it can investigate" },
      on: {
        ACCEPT_FOR_INVESTIGATION: { guard: "isInTimeOrDiscretionRecorded", target: "investigation", actions: "acceptForInvestigation" },
        REJECT_OUT_OF_JURISDICTION: { target: concluded, actions: "rejectAtAssessment" },
        REJECT_OUT_OF_TIME: { guard: "isLateForNationalBody", target: concluded, actions: "rejectAtAssessment" },
      },
    },
    investigation: {
      meta: { label: "The national body is investigating" },
      on: {
        ISSUE_DRAFT_DECISION: { guard: { type: "isOutcomeComplete", params: { rung: 3 } }, target: "awaitingComments", actions: "issueDraftDecision" },
        OFFER_MEDIATION: offerMediation(3),
      },
    },
    awaitingComments: {
      meta: { label: "Draft decision issued: everyone involved may comment" },
      always: { guard: "haveAllPartiesCommented", target: "finalising", actions: "closeComments" },
      on: {
        SUBMIT_COMMENTS: { actions: "recordComments" },
        DEADLINE_MISSED: {
          guard: { type: "isWindowClosing", params: { key: clockKey.comments } },
          target: "finalising",
          actions: "closeComments",
        },
      },
    },
    finalising: {
      meta: { label: "The national body is preparing its final decision" },
      on: { ISSUE_FINAL_DECISION: { guard: { type: "isOutcomeComplete", params: { rung: 3 } }, target: concluded, actions: "issueFinalDecision" } },
    },
  },
});

function initialCaseContext(input: CaseFile): CaseContext {
  const { file, fallback } = withCoveredCalendar(input);
  const acknowledge = startClock(file, 1, ladderPlans(file).acknowledge(1), "CONCERN_RECEIVED", file.receivedOn);
  const longOpen = startClock(file, 1, ladderPlans(file).longOpen(), "CONCERN_RECEIVED", file.receivedOn);
  return {
    file,
    ...(fallback ? { calendarFallback: fallback } : {}),
    clocks: { [acknowledge.key]: acknowledge, [longOpen.key]: longOpen },
    handlers: [],
    outcomes: [],
    remedies: [],
    settledIssueIds: [],
    breaches: [],
    mediations: [],
  };
}

/**
 * A school calendar must cover the concern's rung-1 steps; when the setting has not entered term
 * dates far enough ahead, rung 1 counts England and Wales working days instead (never a crash),
 * and the case says so. The setting is told to enter its term dates.
 */
function withCoveredCalendar(file: CaseFile): { file: CaseFile; fallback?: { reason: string; on: string } } {
  if (file.calendar.kind !== "school") return { file };
  const lastTermDay = file.calendar.terms
    .map(({ end }) => end)
    .sort()
    .at(-1)!;
  const needed = addCalendarDays(file.receivedOn, file.policy.fairness.termDatesCoverCalendarDays);
  if (compareDates(lastTermDay, needed) >= 0 && compareDates(file.calendar.terms.map(({ start }) => start).sort()[0]!, file.receivedOn) <= 0) return { file };
  return {
    file: { ...file, calendar: { kind: "england-and-wales" } },
    fallback: {
      reason: `the setting’s term dates (to ${lastTermDay}) do not cover the time needed for this concern, so its deadlines count working days`,
      on: file.receivedOn,
    },
  };
}

function mediationInput(context: CaseContext): MediationInput {
  const offer = context.mediationOffer!;
  return {
    caseRef: context.file.caseRef,
    rung: offer.rung,
    at: offer.offeredOn,
    requestedBy: offer.requestedBy,
    issueIds: openIssueIds(context),
    respondents: mediationOtherSide(offer.rung, context.file.healthInvolved),
    convenors: respondents(context, offer.rung),
    timings: context.file.policy.mediation,
    warningPercents: context.file.policy.warningPercents,
  };
}

export const caseMachine = caseSetup
  .extend({
    actions: {
      announceConcern: enqueueActions(({ context, enqueue }) => {
        const { caseRef, route, calendar } = context.file;
        enqueue.emit({
          type: "notification",
          notification: notification(caseRef, "concern-received", partiesUpTo(context, 1), {
            route,
            acknowledgeBy: context.clocks[clockKey.acknowledge(1)]?.dueOn,
            calendar: calendar.kind,
          }),
        });
        if (context.calendarFallback) {
          enqueue.emit({ type: "notification", notification: notification(caseRef, "term-dates-needed", ["setting"], { reason: context.calendarFallback.reason }) });
        }
      }),
      announceClosure: emit(({ context }) => ({
        type: "notification" as const,
        notification: notification(context.file.caseRef, "case-closed", partiesUpTo(context, context.conclusion?.rung ?? 1), { conclusion: context.conclusion }),
      })),
    },
  })
  .createMachine({
    id: "redress-case",
    context: ({ input }) => initialCaseContext(input),
    entry: "announceConcern",
    initial: "ladder",
    on: {
      DEADLINE_WARNING: { guard: "isDeadlineDue", actions: "recordWarning" },
      DEADLINE_MISSED: { guard: "isDeadlineDue", actions: "recordBreach" },
      GIVE_DELAY_NOTICE: { guard: "canGiveDelayNotice", actions: "giveDelayNotice" },
      // Messages and internal notes change no state: the case is where it was (docs/decisions/023).
      SEND_MESSAGE: { guard: "isInConversation", actions: "sendMessage" },
      ADD_INTERNAL_NOTE: { actions: "addInternalNote" },
      REMEDY_DONE: { guard: "isRemedyOpen", actions: "settleRemedy" },
      REMEDY_FAILED: { guard: "isRemedyOpen", actions: "settleRemedy" },
      MEDIATION_NOTIFICATION: { actions: "relayMediationNotification" },
      // Evidence goes on the file in every open state and changes nothing but the date of the latest event.
      ADD_EVIDENCE: { actions: "addEvidence" },
    },
    states: {
      ladder: {
        initial: "setting",
        states: {
          setting: rungStates(1),
          localService: rungStates(2),
          national: nationalStates,
          history: { type: "history", history: "deep" },
        },
      },
      mediation: {
        invoke: {
          id: "mediation",
          src: "mediation",
          input: ({ context }) => mediationInput(context),
          onDone: [
            { guard: "doesAgreementSettleAllIssues", target: "monitoringCompliance", actions: ["applyMediation", "concludeByAgreement"] },
            { target: "ladder.history", actions: ["applyMediation", "resumeAfterMediation"] },
          ],
        },
        on: {
          ...Object.fromEntries(MEDIATION_EVENT_TYPES.map((type) => [type, { actions: ["stampEvent", "forwardToMediation"] }])),
          // Clocks stop only once the family accepts mediation (an offer stops none of the respondent's).
          ACCEPT_MEDIATION: { actions: ["pauseForMediation", "forwardToMediation"] },
          DEADLINE_WARNING: { guard: "isMediationDeadline", actions: "forwardToMediation" },
          DEADLINE_MISSED: { guard: "isMediationDeadline", actions: "forwardToMediation" },
          WITHDRAW: {
            target: "monitoringCompliance",
            actions: { type: "withdraw", params: ({ context }) => ({ rung: context.mediationOffer!.rung, inMediation: true }) },
          },
        },
      },
      monitoringCompliance: {
        meta: { label: "Decided: the remedies are being monitored until each is done" },
        always: { guard: "areAllRemediesSettled", target: "closed" },
        on: {
          // A failed remedy can be taken further: back up the ladder (the national body for its own remedies).
          TAKE_REMEDY_FURTHER: [
            {
              guard: { type: "isFailedRemedyOpen", params: { fromRung: 1 } },
              target: "ladder.localService",
              actions: "takeRemedyFurther",
            },
            { guard: { type: "isFailedRemedyOpen", params: { fromRung: 2 } }, target: "ladder.national", actions: "takeRemedyFurther" },
            { guard: { type: "isFailedRemedyOpen", params: { fromRung: 3 } }, target: "ladder.national", actions: "takeRemedyFurther" },
          ],
        },
      },
      closed: { type: "final", meta: { label: "Closed" }, entry: "announceClosure" },
    },
  });
