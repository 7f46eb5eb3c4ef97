import { assertEvent, emit, setup } from "xstate";
import { englandAndWales } from "./calendar";
import {
  deadlineSpecs,
  isDue,
  markBreached,
  markWarningSent,
  openClock,
  withClock,
  type ClockPlan,
  type Clocks,
  type DeadlineSpec,
  type Party,
} from "./clocks";
import type { MediationEvent, RemedyInput } from "./events";
import type { GuardQuestions } from "./guard-questions";
import { compareDates, dateOf } from "./iso-date";
import type { NotificationKind, NotificationSpec, RungNumber } from "./parties";
import type { Policy } from "./policy";
import { areRemedyDatesValid } from "./remedies";

/**
 * Mediation, offered at any rung once the concern is acknowledged. Declining
 * or finishing owes the family a certificate within 3 working days; a session
 * must be held within 30 calendar days of acceptance. The case machine
 * invokes this machine as a child actor and reads its output.
 */
export type MediationInput = {
  caseRef: string;
  rung: RungNumber;
  at: string;
  requestedBy: "family" | "handler";
  issueIds: string[];
  respondents: Party[];
  timings: Policy["mediation"];
  warningPercents: number[];
};

export type MediationResult = "declined" | "agreed" | "partly-agreed" | "not-agreed";

export type MediationContext = Omit<MediationInput, "at"> & {
  offeredOn: string;
  clocks: Clocks;
  mediatorId?: string;
  sessions: string[];
  result?: MediationResult;
  agreedIssueIds: string[];
  actions: RemedyInput[];
  outcomeOn?: string;
  summary?: string;
  certificateOn?: string;
  breaches: Array<{ key: string; on: string }>;
};

export type MediationOutput = Pick<
  MediationContext,
  "rung" | "offeredOn" | "mediatorId" | "sessions" | "agreedIssueIds" | "actions" | "outcomeOn" | "summary" | "breaches"
> & { result: MediationResult; certificateOn: string };

export type NotificationEvent = { type: "notification"; notification: NotificationSpec };

const CLOCK_PLANS = {
  information: (ctx: MediationContext): ClockPlan => ({
    key: "mediation.information",
    label: "Send the family information about mediation",
    kind: "deadline",
    pausable: false,
    owedBy: ["mediator"],
    workingDays: ctx.timings.informationWorkingDays,
  }),
  session: (ctx: MediationContext): ClockPlan => ({
    key: "mediation.session",
    label: "Hold the mediation session",
    kind: "deadline",
    pausable: false,
    owedBy: ["mediator", ...ctx.respondents],
    calendarDays: ctx.timings.heldWithinCalendarDays,
  }),
  certificate: (ctx: MediationContext): ClockPlan => ({
    key: "mediation.certificate",
    label: "Issue the mediation certificate",
    kind: "deadline",
    pausable: false,
    owedBy: ["mediator"],
    workingDays: ctx.timings.certificateWorkingDays,
  }),
};

export function mediationDeadlines(context: MediationContext): DeadlineSpec[] {
  return Object.values(context.clocks).flatMap((clock) => deadlineSpecs(clock, context.warningPercents, englandAndWales));
}

/** Each step owes one thing at most: it closes the clock of the step before and opens its own. */
function nextClocks(context: MediationContext, next: keyof typeof CLOCK_PLANS | undefined, startedBy: string, at: string): Clocks {
  return next ? withClock({}, openClock(CLOCK_PLANS[next](context), startedBy, at, englandAndWales)) : {};
}

const note = (context: MediationContext, kind: NotificationKind, to: Party[], data: Record<string, unknown> = {}): NotificationSpec => ({
  kind,
  to,
  data: { caseRef: context.caseRef, rung: context.rung, ...data },
});

const everyone = (context: MediationContext): Party[] => ["family", ...context.respondents];

function outcomeProblems(context: MediationContext, event: Extract<MediationEvent, { type: "RECORD_MEDIATION_OUTCOME" }>): string[] {
  const unknown = event.agreedIssueIds.filter((id) => !context.issueIds.includes(id));
  return [
    ...(unknown.length ? [`unknown issues ${unknown.join(", ")}`] : []),
    ...(new Set(event.agreedIssueIds).size !== event.agreedIssueIds.length ? ["an issue is listed twice"] : []),
    ...(event.actions.length && !event.agreedIssueIds.length ? ["actions need an agreement on at least one issue"] : []),
    ...(!areRemedyDatesValid(event.actions, event.at) ? ["an action is due before the outcome date"] : []),
    ...(!context.sessions.some((on) => compareDates(on, dateOf(event.at)) <= 0) ? ["no session has been held yet"] : []),
  ];
}

export const MEDIATION_GUARD_QUESTIONS: GuardQuestions<MediationContext> = {
  isDeadlineDue: { asks: "payload", refusal: () => "that deadline is not open or not yet passed" },
  isWithinMediationWindow: {
    asks: "payload",
    refusal: (context, event) =>
      `a session must be between ${dateOf(event.at ?? context.offeredOn)} and ${context.clocks["mediation.session"]?.dueOn ?? "the end of the 30-day window"}`,
  },
  isOutcomeConsistent: {
    asks: "payload",
    refusal: (context, event) =>
      `the mediation outcome is inconsistent: ${outcomeProblems(context, event as Extract<MediationEvent, { type: "RECORD_MEDIATION_OUTCOME" }>).join("; ")}`,
  },
};

const mediationSetup = setup({
  types: {
    input: {} as MediationInput,
    context: {} as MediationContext,
    events: {} as MediationEvent,
    emitted: {} as NotificationEvent,
    output: {} as MediationOutput,
    meta: {} as { label: string },
  },
  guards: {
    isDeadlineDue: ({ context, event }) => {
      assertEvent(event, ["DEADLINE_WARNING", "DEADLINE_MISSED"]);
      return isDue(mediationDeadlines(context), event);
    },
    isWithinMediationWindow: ({ context, event }) => {
      assertEvent(event, "SCHEDULE_SESSION");
      const window = context.clocks["mediation.session"];
      return window !== undefined && compareDates(event.sessionOn, dateOf(event.at)) >= 0 && compareDates(event.sessionOn, window.dueOn) <= 0;
    },
    isOutcomeConsistent: ({ context, event }) => {
      assertEvent(event, "RECORD_MEDIATION_OUTCOME");
      return outcomeProblems(context, event).length === 0;
    },
  },
  actions: {
    /** The case machine replaces this with sendParent so the case passes the notification on. */
    notify: emit((_, notification: NotificationSpec) => ({ type: "notification" as const, notification })),
  },
});

type Change = { changes: Partial<MediationContext>; notification: NotificationSpec };

/** A named action for one event: a context change and the notification it owes. */
const step = <T extends MediationEvent["type"]>(
  type: T,
  change: (context: MediationContext, event: Extract<MediationEvent, { type: T }>) => Change,
) =>
  mediationSetup.enqueueActions(({ context, event, enqueue }) => {
    assertEvent(event, type);
    const { changes, notification } = change(context, event as unknown as Extract<MediationEvent, { type: T }>);
    enqueue.assign(changes);
    enqueue({ type: "notify", params: notification });
  });

export const mediationMachine = mediationSetup.extend({
  actions: {
    sendInformation: step("SEND_MEDIATION_INFORMATION", (context, event) => ({
      changes: { clocks: nextClocks(context, undefined, event.type, event.at) },
      notification: note(context, "mediation-information-sent", ["family"]),
    })),
    accept: step("ACCEPT_MEDIATION", (context, event) => ({
      changes: { clocks: nextClocks(context, "session", event.type, event.at) },
      notification: note(context, "mediation-accepted", ["mediator", ...context.respondents]),
    })),
    decline: step("DECLINE_MEDIATION", (context, event) => ({
      changes: { result: "declined", clocks: nextClocks(context, "certificate", event.type, event.at) },
      notification: note(context, "mediation-declined", ["mediator", ...context.respondents], { reason: event.reason }),
    })),
    assignMediator: step("ASSIGN_MEDIATOR", (context, event) => ({
      changes: { mediatorId: event.mediatorId },
      notification: note(context, "mediator-assigned", everyone(context), { mediatorId: event.mediatorId }),
    })),
    scheduleSession: step("SCHEDULE_SESSION", (context, event) => ({
      changes: { sessions: [...context.sessions, event.sessionOn] },
      notification: note(context, "mediation-session-scheduled", [...everyone(context), "mediator"], { sessionOn: event.sessionOn }),
    })),
    recordOutcome: step("RECORD_MEDIATION_OUTCOME", (context, event) => {
      const agreed = event.agreedIssueIds.length;
      const result: MediationResult = agreed === 0 ? "not-agreed" : agreed === context.issueIds.length ? "agreed" : "partly-agreed";
      return {
        changes: {
          result,
          agreedIssueIds: event.agreedIssueIds,
          actions: event.actions,
          outcomeOn: dateOf(event.at),
          ...(event.summary ? { summary: event.summary } : {}),
          clocks: nextClocks(context, "certificate", event.type, event.at),
        },
        notification: note(context, "mediation-outcome", everyone(context), { result, agreedIssueIds: event.agreedIssueIds }),
      };
    }),
    issueCertificate: step("ISSUE_CERTIFICATE", (context, event) => ({
      changes: { certificateOn: dateOf(event.at), clocks: {} },
      notification: note(context, "mediation-certificate-issued", everyone(context), { result: context.result }),
    })),
    recordWarning: step("DEADLINE_WARNING", (context, event) => {
      const { clocks, clock, percent } = markWarningSent(context.clocks, event.key);
      return {
        changes: { clocks },
        notification: note(context, "deadline-warning", clock.owedBy, { key: clock.key, label: clock.label, dueOn: clock.dueOn, percent }),
      };
    }),
    recordBreach: step("DEADLINE_MISSED", (context, event) => {
      const { clocks, clock } = markBreached(context.clocks, event.key, event.at);
      return {
        changes: { clocks, breaches: [...context.breaches, { key: clock.key, on: dateOf(event.at) }] },
        notification: note(context, "breach", ["family", ...clock.owedBy], { key: clock.key, label: clock.label, dueOn: clock.dueOn }),
      };
    }),
  },
}).createMachine({
  id: "mediation",
  context: ({ input }) => {
    const { at, ...rest } = input;
    const context: MediationContext = {
      ...rest,
      offeredOn: dateOf(at),
      clocks: {},
      sessions: [],
      agreedIssueIds: [],
      actions: [],
      breaches: [],
    };
    return { ...context, clocks: nextClocks(context, "information", "OFFER_MEDIATION", at) };
  },
  initial: "awaitingInformation",
  on: {
    DEADLINE_WARNING: { guard: "isDeadlineDue", actions: "recordWarning" },
    DEADLINE_MISSED: { guard: "isDeadlineDue", actions: "recordBreach" },
  },
  states: {
    awaitingInformation: {
      meta: { label: "Mediation offered: the family is owed information about it" },
      on: {
        SEND_MEDIATION_INFORMATION: { target: "awaitingDecision", actions: "sendInformation" },
        DECLINE_MEDIATION: { target: "awaitingCertificate", actions: "decline" },
      },
    },
    awaitingDecision: {
      meta: { label: "Mediation offered: waiting for the family to accept or decline" },
      on: {
        ACCEPT_MEDIATION: { target: "arranging", actions: "accept" },
        DECLINE_MEDIATION: { target: "awaitingCertificate", actions: "decline" },
      },
    },
    arranging: {
      initial: "awaitingMediator",
      on: { DECLINE_MEDIATION: { target: "awaitingCertificate", actions: "decline" } },
      states: {
        awaitingMediator: {
          meta: { label: "Mediation accepted: a mediator is being assigned" },
          on: { ASSIGN_MEDIATOR: { target: "awaitingSession", actions: "assignMediator" } },
        },
        awaitingSession: {
          meta: { label: "Mediator assigned: a session is being arranged" },
          on: { SCHEDULE_SESSION: { guard: "isWithinMediationWindow", target: "sessionScheduled", actions: "scheduleSession" } },
        },
        sessionScheduled: {
          meta: { label: "Mediation session arranged" },
          on: {
            SCHEDULE_SESSION: { guard: "isWithinMediationWindow", actions: "scheduleSession" },
            RECORD_MEDIATION_OUTCOME: { guard: "isOutcomeConsistent", target: "#mediation.awaitingCertificate", actions: "recordOutcome" },
          },
        },
      },
    },
    awaitingCertificate: {
      meta: { label: "The mediator owes the family a certificate" },
      on: { ISSUE_CERTIFICATE: { target: "concluded", actions: "issueCertificate" } },
    },
    concluded: { type: "final", meta: { label: "Mediation concluded" } },
  },
  output: ({ context }) => ({
    rung: context.rung,
    offeredOn: context.offeredOn,
    result: context.result ?? "declined",
    agreedIssueIds: context.agreedIssueIds,
    actions: context.actions,
    sessions: context.sessions,
    breaches: context.breaches,
    certificateOn: context.certificateOn!,
    ...(context.mediatorId ? { mediatorId: context.mediatorId } : {}),
    ...(context.outcomeOn ? { outcomeOn: context.outcomeOn } : {}),
    ...(context.summary ? { summary: context.summary } : {}),
  }),
});
