import { assertEvent, emit, enqueueActions, sendParent, sendTo, setup, type ActionFunction } from "xstate";
import type { CaseFile } from "./case-input";
import {
  caseDeadlines,
  clockKey,
  ladderPlans,
  openIssueIds,
  partiesUpTo,
  respondentName,
  respondents,
  startClock,
  type CaseContext,
} from "./case-context";
import * as steps from "./case-steps";
import type { Change } from "./case-steps";
import { isDue } from "./clocks";
import { MEDIATION_EVENT_TYPES, type CaseEvent } from "./events";
import type { GuardQuestions } from "./guard-questions";
import { compareDates, dateOf } from "./iso-date";
import { mediationMachine, type MediationInput, type MediationOutput, type NotificationEvent } from "./mediation.machine";
import type { NotificationSpec, RungNumber } from "./parties";

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
/** Typed where setup checks it; `any` stands for the machine's own actor, action and guard unions. */
type CaseAction<P> = ActionFunction<CaseContext, CaseMachineEvent, CaseMachineEvent, P, any, any, any, never, NotificationEvent>;

const mediationForCase = mediationMachine.provide({
  actions: {
    notify: sendParent((_, notification: NotificationSpec): MediationNotification => ({ type: "MEDIATION_NOTIFICATION", notification })),
  },
});

/** An action that records a step: its context changes, then the notifications it owes. */
function changeAction<P>(run: (context: CaseContext, event: CaseMachineEvent, params: P) => Change): CaseAction<P> {
  return enqueueActions<CaseContext, CaseMachineEvent, P, CaseMachineEvent, any, any, any, never, NotificationEvent>(
    ({ context, event, enqueue }, params) => {
      const { changes, notifications } = run(context, event, params);
      enqueue.assign(changes);
      for (const notification of notifications) enqueue.emit({ type: "notification", notification });
    },
  );
}

/** A named action for one kind of event, narrowed with assertEvent. */
function step<T extends CaseEvent["type"], P extends object | undefined = undefined>(
  type: T | T[],
  run: (context: CaseContext, event: EventOf<T>, params: P) => Change,
): CaseAction<P> {
  return changeAction<P>((context, event, params) => {
    assertEvent(event, type);
    return run(context, event as unknown as EventOf<T>, params);
  });
}

function mediationDone(event: { type: string }): MediationOutput {
  if (event.type !== "xstate.done.actor.mediation") throw new TypeError(`expected the mediation to be done, got ${event.type}`);
  return (event as unknown as { output: MediationOutput }).output;
}

const onMediationDone = (run: (context: CaseContext, output: MediationOutput) => Change) =>
  changeAction<undefined>((context, event) => run(context, mediationDone(event)));

export const CASE_GUARD_QUESTIONS: GuardQuestions<CaseContext> = {
  isDifferentHandlerFromLowerRungs: {
    asks: "payload",
    refusal: (context) =>
      `a different person must handle this rung: ${context.handlers.map(({ handlerId }) => handlerId).join(", ")} already handled the concern`,
  },
  isLowerRungFinishedOrBreached: {
    asks: "case",
    refusal: (_, __, params) =>
      `premature: the ${respondentName(params.rung as RungNumber)} has not responded yet and has not missed a deadline`,
  },
  isWithinEscalationWindow: {
    asks: "date",
    refusal: (context, _, params) =>
      `the escalation window closed on ${context.clocks[clockKey.escalationWindow(params.rung as RungNumber)]?.dueOn ?? "an earlier date"}`,
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
    refusal: (context, event) => {
      const { outcome, at } = event as EventOf<"RESPOND">;
      return `the outcome is incomplete: ${steps.outcomeProblems(context, outcome, at).join("; ")}`;
    },
  },
  isInTimeOrDiscretionRecorded: {
    asks: "payload",
    refusal: (context) =>
      `the concern reached the national body after its time limit (${context.national?.timeLimitOn}); accepting it needs a discretionReason`,
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
};

const maxExtension = (context: CaseContext, rung: 1 | 2) =>
  (rung === 1 ? context.file.policy.setting : context.file.policy.localService).maxExtensionWorkingDays;

/** One extension per rung, and only before the response deadline has passed. */
function isExtensionUnused(context: CaseContext, rung: 1 | 2): boolean {
  const clock = context.clocks[clockKey.respond(rung)];
  return clock !== undefined && !clock.extension && !clock.breachedOn;
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
  guards: {
    isDifferentHandlerFromLowerRungs: ({ context, event }) => {
      assertEvent(event, "ACKNOWLEDGE");
      return !context.handlers.some(({ handlerId }) => handlerId === event.handlerId);
    },
    isLowerRungFinishedOrBreached: ({ context }, { rung }: Rung) => steps.hasResponded(context, rung) || steps.hasBreached(context, rung),
    isWithinEscalationWindow: ({ context, event }, { rung }: Rung) => {
      const window = context.clocks[clockKey.escalationWindow(rung)];
      return window !== undefined && !window.paused && "at" in event && compareDates(dateOf(event.at), window.dueOn) <= 0;
    },
    canExtendResponse: ({ context, event }, { rung }: Rung) => {
      assertEvent(event, "EXTEND");
      return isExtensionUnused(context, rung) && event.workingDays <= maxExtension(context, rung);
    },
    isOutcomeComplete: ({ context, event }) => {
      assertEvent(event, ["RESPOND", "ISSUE_DRAFT_DECISION", "ISSUE_FINAL_DECISION"]);
      return steps.outcomeProblems(context, event.outcome, event.at).length === 0;
    },
    isDeadlineDue: ({ context, event }) => {
      assertEvent(event, ["DEADLINE_WARNING", "DEADLINE_MISSED"]);
      return isDue(caseDeadlines(context), event);
    },
    isWindowClosing: ({ context, event }, { key }: { key: string }) => {
      assertEvent(event, "DEADLINE_MISSED");
      return event.key === key && isDue(caseDeadlines(context), event);
    },
    isMediationDeadline: ({ event }) => {
      assertEvent(event, ["DEADLINE_WARNING", "DEADLINE_MISSED"]);
      return event.key.startsWith("mediation.");
    },
    isInTimeOrDiscretionRecorded: ({ context, event }) => {
      assertEvent(event, "ACCEPT_FOR_INVESTIGATION");
      return !context.national?.late || event.discretionReason !== undefined;
    },
    isLateForNationalBody: ({ context }) => context.national?.late === true,
    haveBothPartiesCommented: ({ context }) =>
      context.national?.comments.family !== undefined && context.national.comments.respondent !== undefined,
    isRemedyOpen: ({ context, event }) => {
      assertEvent(event, ["REMEDY_DONE", "REMEDY_FAILED"]);
      return context.remedies.some(({ id, status }) => id === event.remedyId && status === "open");
    },
    areAllRemediesSettled: ({ context }) => context.remedies.every(({ status }) => status !== "open"),
    doesAgreementSettleAllIssues: ({ context, event }) => {
      const agreed = mediationDone(event).agreedIssueIds;
      return openIssueIds(context).every((id) => agreed.includes(id));
    },
  },
  actions: {
    acknowledge: step("ACKNOWLEDGE", (context, event, { rung }: { rung: RungNumber }) => steps.acknowledge(context, event, rung)),
    pauseResponse: step("PAUSE", (context, event, { rung }: Rung) => steps.pauseResponse(context, event, rung)),
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
    withdraw: step("WITHDRAW", (context, event, { rung }: { rung: RungNumber }) => steps.withdraw(context, event, rung)),
    recordWarning: step("DEADLINE_WARNING", steps.recordWarning),
    recordBreach: step("DEADLINE_MISSED", steps.recordBreach),
    applyMediation: onMediationDone(steps.applyMediation),
    resumeAfterMediation: onMediationDone(steps.resumeAfterMediation),
    concludeByAgreement: onMediationDone(steps.concludeByAgreement),
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

function offerMediation(rung: RungNumber) {
  return { target: "#redress-case.mediation", actions: { type: "offerMediation", params: { rung } } } as const;
}

/** Rungs 1 and 2 share one shape: acknowledge, consider (pause/extend), respond, then accept or escalate. */
function rungStates(rung: 1 | 2) {
  const name = respondentName(rung);
  const escalate = {
    target: rung === 1 ? "#redress-case.ladder.localService" : "#redress-case.ladder.national",
    actions: { type: "escalate", params: { rung } },
  } as const;
  const escalateIfFinishedOrBreached = { guard: { type: "isLowerRungFinishedOrBreached", params: { rung } }, ...escalate } as const;
  const acknowledge = { target: "considering", actions: { type: "acknowledge", params: { rung } } } as const;
  return caseSetup.createStateConfig({
    initial: "awaitingAcknowledgement",
    on: { WITHDRAW: withdrawal(rung) },
    states: {
      awaitingAcknowledgement: {
        meta: { label: `Waiting for the ${name} to acknowledge the concern` },
        on: {
          ACKNOWLEDGE: rung === 1 ? acknowledge : { guard: "isDifferentHandlerFromLowerRungs", ...acknowledge },
          ESCALATE: escalateIfFinishedOrBreached,
        },
      },
      considering: {
        initial: "active",
        on: {
          EXTEND: { guard: { type: "canExtendResponse", params: { rung } }, actions: { type: "extendResponse", params: { rung } } },
          RESPOND: { guard: "isOutcomeComplete", target: "responded", actions: { type: "respond", params: { rung } } },
          ESCALATE: escalateIfFinishedOrBreached,
          OFFER_MEDIATION: offerMediation(rung),
        },
        states: {
          active: {
            meta: { label: `The ${name} is considering the concern` },
            on: { PAUSE: { target: "paused", actions: { type: "pauseResponse", params: { rung } } } },
          },
          paused: {
            meta: { label: `Paused: the ${name} is waiting for information` },
            on: { RESUME: { target: "active", actions: { type: "resumeResponse", params: { rung } } } },
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
  on: { WITHDRAW: withdrawal(3) },
  states: {
    awaitingAcknowledgement: {
      meta: { label: "Waiting for the national body to acknowledge the escalation" },
      on: {
        ACKNOWLEDGE: { guard: "isDifferentHandlerFromLowerRungs", target: "assessment", actions: { type: "acknowledge", params: { rung: 3 } } },
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
        ISSUE_DRAFT_DECISION: { guard: "isOutcomeComplete", target: "awaitingComments", actions: "issueDraftDecision" },
        OFFER_MEDIATION: offerMediation(3),
      },
    },
    awaitingComments: {
      meta: { label: "Draft decision issued: both parties may comment" },
      always: { guard: "haveBothPartiesCommented", target: "finalising", actions: "closeComments" },
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
      on: { ISSUE_FINAL_DECISION: { guard: "isOutcomeComplete", target: concluded, actions: "issueFinalDecision" } },
    },
  },
});

function initialCaseContext(file: CaseFile): CaseContext {
  const acknowledge = startClock(file, 1, ladderPlans(file).acknowledge(1), "CONCERN_RECEIVED", file.receivedOn);
  return {
    file,
    clocks: { [acknowledge.key]: acknowledge },
    handlers: [],
    outcomes: [],
    remedies: [],
    settledIssueIds: [],
    breaches: [],
    mediations: [],
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
    respondents: respondents(context, offer.rung),
    timings: context.file.policy.mediation,
    warningPercents: context.file.policy.warningPercents,
  };
}

export const caseMachine = caseSetup
  .extend({
    actions: {
      announceConcern: emit(({ context }) => ({
        type: "notification" as const,
        notification: {
          kind: "concern-received",
          to: partiesUpTo(context, 1),
          data: { caseRef: context.file.caseRef, route: context.file.route, acknowledgeBy: context.clocks[clockKey.acknowledge(1)]?.dueOn },
        },
      })),
      announceClosure: emit(({ context }) => ({
        type: "notification" as const,
        notification: {
          kind: "case-closed",
          to: partiesUpTo(context, context.conclusion?.rung ?? 1),
          data: { caseRef: context.file.caseRef, conclusion: context.conclusion },
        },
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
      REMEDY_DONE: { guard: "isRemedyOpen", actions: "settleRemedy" },
      REMEDY_FAILED: { guard: "isRemedyOpen", actions: "settleRemedy" },
      MEDIATION_NOTIFICATION: { actions: "relayMediationNotification" },
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
          ...Object.fromEntries(MEDIATION_EVENT_TYPES.map((type) => [type, { actions: "forwardToMediation" }])),
          DEADLINE_WARNING: { guard: "isMediationDeadline", actions: "forwardToMediation" },
          DEADLINE_MISSED: { guard: "isMediationDeadline", actions: "forwardToMediation" },
          WITHDRAW: {
            target: "monitoringCompliance",
            actions: { type: "withdraw", params: ({ context }) => ({ rung: context.mediationOffer!.rung }) },
          },
        },
      },
      monitoringCompliance: {
        meta: { label: "Decided: the remedies are being monitored until each is done" },
        always: { guard: "areAllRemediesSettled", target: "closed" },
      },
      closed: { type: "final", meta: { label: "Closed" }, entry: "announceClosure" },
    },
  });
