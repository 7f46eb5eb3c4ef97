import { assertEvent, emit, setup } from "xstate";
import { englandAndWales } from "./calendar";
import { deadlineSpecs, isDue, openClock, withClock, type ClockPlan, type Clocks, type DeadlineSpec, type Party } from "./clocks";
import type { MediationEvent, RemedyInput } from "./events";
import type { GuardQuestion } from "./guard-questions";
import { compareDates, dateOf } from "./iso-date";
import { recordBreach, recordWarning, type Change as StepChange } from "./change";
import { notification, type NotificationData, type NotificationKind, type NotificationSpec } from "./notifications";
import type { RungNumber } from "./parties";
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
  /** The other side: the bodies the concern is about (never the national body itself). */
  respondents: Party[];
  /** Who arranges the mediation: the body handling the concern at this rung. Defaults to `respondents`. */
  convenors?: Party[];
  timings: Policy["mediation"];
  warningPercents: number[];
};

export type MediationResult = "declined" | "agreed" | "partly-agreed" | "not-agreed";

export type MediationContext = Omit<MediationInput, "at"> & {
  offeredOn: string;
  clocks: Clocks;
  mediatorId?: string;
  sessions: string[];
  /** Sessions recorded as held (the day each took place). */
  held?: string[];
  /** Sessions after the 30-day window that both sides agreed to. */
  laterDateAgreed?: boolean;
  result?: MediationResult;
  agreedIssueIds: string[];
  actions: RemedyInput[];
  outcomeOn?: string;
  summary?: string;
  certificateOn?: string;
  breaches: Array<{ key: string; on: string }>;
  /** The last day of the 30-day window, kept once the session clock has stopped. */
  sessionWindowEndsOn?: string;
  declineReason?: string;
  certificateDeemed?: boolean;
};

export type MediationOutput = Pick<
  MediationContext,
  "rung" | "offeredOn" | "mediatorId" | "sessions" | "held" | "agreedIssueIds" | "actions" | "outcomeOn" | "summary" | "breaches"
> & { result: MediationResult; certificateOn: string; declineReason?: string; certificateDeemed?: boolean };

export type NotificationEvent = { type: "notification"; notification: NotificationSpec };

const convenorsOf = (ctx: Pick<MediationContext, "convenors" | "respondents">) => ctx.convenors ?? ctx.respondents;

const CLOCK_PLANS = {
  information: (ctx: MediationContext): ClockPlan => ({
    key: "mediation.information",
    label: "Send the family information about mediation",
    kind: "deadline",
    pausable: false,
    // NOTE: owed by the body arranging the mediation: no mediator exists yet at this step.
    owedBy: convenorsOf(ctx),
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
    owedBy: ctx.mediatorId ? ["mediator"] : convenorsOf(ctx),
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

/** Every mediation notification says the rung the mediation was offered at. */
const note = <K extends MediationNotificationKind>(context: MediationContext, kind: K, to: Party[], data: Omit<NotificationData[K], "rung">) =>
  notification(context.caseRef, kind, to, { rung: context.rung, ...data } as NotificationData[K]);

type MediationNotificationKind = Extract<
  NotificationKind,
  | "mediation-information-sent"
  | "mediation-accepted"
  | "mediation-declined"
  | "mediator-assigned"
  | "mediation-session-scheduled"
  | "mediation-outcome"
  | "mediation-certificate-issued"
>;

/** The family, the other side and the convenor; the mediator too once one is assigned. */
const everyone = (context: MediationContext): Party[] => [
  ...new Set<Party>(["family", ...convenorsOf(context), ...context.respondents, ...(context.mediatorId ? (["mediator"] as const) : [])]),
];

function outcomeProblems(context: MediationContext, event: Extract<MediationEvent, { type: "RECORD_MEDIATION_OUTCOME" }>): string[] {
  const unknown = event.agreedIssueIds.filter((id) => !context.issueIds.includes(id));
  return [
    ...(unknown.length ? [`unknown issues ${unknown.join(", ")}`] : []),
    ...(new Set(event.agreedIssueIds).size !== event.agreedIssueIds.length ? ["an issue is listed twice"] : []),
    ...(event.actions.length && !event.agreedIssueIds.length ? ["actions need an agreement on at least one issue"] : []),
    ...(!areRemedyDatesValid(event.actions, event.at) ? ["an action is due before the outcome date"] : []),
    ...(!(context.held ?? []).length ? ["no session has been recorded as held yet"] : []),
  ];
}

type GuardArgs = { context: MediationContext; event: MediationEvent };

const mediationGuards = {
  isDeadlineDue: ({ context, event }: GuardArgs) => {
    assertEvent(event, ["DEADLINE_WARNING", "DEADLINE_MISSED"]);
    return isDue(mediationDeadlines(context), event);
  },
  isWithinMediationWindow: ({ context, event }: GuardArgs) => {
    assertEvent(event, "SCHEDULE_SESSION");
    if (compareDates(event.sessionOn, dateOf(event.at)) < 0) return false;
    if (event.laterDateAgreed) return true;
    const window = context.clocks["mediation.session"];
    const lastDay = window?.dueOn ?? context.sessionWindowEndsOn;
    return lastDay !== undefined && compareDates(event.sessionOn, lastDay) <= 0;
  },
  isSessionHeldOnValid: ({ context, event }: GuardArgs) => {
    assertEvent(event, "RECORD_SESSION_HELD");
    return context.sessions.includes(event.heldOn) && compareDates(event.heldOn, dateOf(event.at)) <= 0;
  },
  isCertificateDeadline: ({ context, event }: GuardArgs) => {
    assertEvent(event, "DEADLINE_MISSED");
    return event.key === "mediation.certificate" && isDue(mediationDeadlines(context), event);
  },
  isOutcomeConsistent: ({ context, event }: GuardArgs) => {
    assertEvent(event, "RECORD_MEDIATION_OUTCOME");
    return outcomeProblems(context, event).length === 0;
  },
};

export const MEDIATION_GUARD_QUESTIONS = {
  isDeadlineDue: { asks: "payload", refusal: () => "that deadline is not open or not yet passed" },
  isWithinMediationWindow: {
    asks: "payload",
    refusal: (context, event) =>
      `a session must be between ${dateOf(event.at ?? context.offeredOn)} and ${context.clocks["mediation.session"]?.dueOn ?? "the end of the 30-day window"}, unless both sides agree to a later date`,
  },
  isSessionHeldOnValid: {
    asks: "payload",
    refusal: (context) => `a session is recorded as held on a day it was scheduled for (${context.sessions.join(", ")}), no later than the day it is recorded`,
  },
  isCertificateDeadline: { asks: "payload", refusal: () => "that is not the certificate deadline" },
  isOutcomeConsistent: {
    asks: "payload",
    refusal: (context, event) =>
      `the mediation outcome is inconsistent: ${outcomeProblems(context, event as Extract<MediationEvent, { type: "RECORD_MEDIATION_OUTCOME" }>).join("; ")}`,
  },
} satisfies Record<keyof typeof mediationGuards, GuardQuestion<MediationContext> | null>;

const mediationSetup = setup({
  types: {
    input: {} as MediationInput,
    context: {} as MediationContext,
    events: {} as MediationEvent,
    emitted: {} as NotificationEvent,
    output: {} as MediationOutput,
    meta: {} as { label: string },
  },
  guards: mediationGuards,
  actions: {
    /** The case machine replaces this with sendParent so the case passes the notification on. */
    notify: emit((_, notification: NotificationSpec) => ({ type: "notification" as const, notification })),
  },
});

type Change = StepChange<MediationContext>;

/** A named action for one event: its context changes, then the notifications it owes. */
const step = <T extends MediationEvent["type"]>(type: T, change: (context: MediationContext, event: Extract<MediationEvent, { type: T }>) => Change) =>
  mediationSetup.enqueueActions(({ context, event, enqueue }) => {
    assertEvent(event, type);
    const { changes, notifications } = change(context, event as unknown as Extract<MediationEvent, { type: T }>);
    enqueue.assign(changes);
    for (const notification of notifications) enqueue({ type: "notify", params: notification });
  });

export const mediationMachine = mediationSetup
  .extend({
    actions: {
      sendInformation: step("SEND_MEDIATION_INFORMATION", (context, event) => ({
        changes: { clocks: nextClocks(context, undefined, event.type, event.at) },
        notifications: [note(context, "mediation-information-sent", ["family"], {})],
      })),
      accept: step("ACCEPT_MEDIATION", (context, event) => {
        const clocks = nextClocks(context, "session", event.type, event.at);
        return {
          changes: { clocks, sessionWindowEndsOn: clocks["mediation.session"]?.dueOn },
          notifications: [note(context, "mediation-accepted", everyone(context), { sessionBy: clocks["mediation.session"]?.dueOn })],
        };
      }),
      /** Declining ends the mediation at once: the decline is its certificate, and the case goes straight back to the ladder. */
      decline: step("DECLINE_MEDIATION", (context, event) => ({
        changes: { result: "declined", clocks: {}, certificateOn: dateOf(event.at), ...(event.reason ? { declineReason: event.reason } : {}) },
        notifications: [note(context, "mediation-declined", everyone(context), { reason: event.reason })],
      })),
      assignMediator: step("ASSIGN_MEDIATOR", (context, event) => ({
        changes: { mediatorId: event.mediatorId },
        // NOTE: the mediator is told too: everyone() includes them once assigned, so build the list after.
        notifications: [note(context, "mediator-assigned", everyone({ ...context, mediatorId: event.mediatorId }), { mediatorId: event.mediatorId })],
      })),
      scheduleSession: step("SCHEDULE_SESSION", (context, event) => ({
        changes: { sessions: [...context.sessions, event.sessionOn], ...(event.laterDateAgreed ? { laterDateAgreed: true } : {}) },
        notifications: [
          note(context, "mediation-session-scheduled", everyone(context), {
            sessionOn: event.sessionOn,
            laterDateAgreed: event.laterDateAgreed ?? false,
            ...(event.sessionTime ? { sessionTime: event.sessionTime } : {}),
            ...(event.place ? { place: event.place } : {}),
          }),
        ],
      })),
      /** The session clock stops when a session is held, whenever its outcome is written up. */
      recordHeld: step("RECORD_SESSION_HELD", (context, event) => ({
        changes: { held: [...(context.held ?? []), event.heldOn], clocks: {} },
        notifications: [note(context, "mediation-session-scheduled", everyone(context), { heldOn: event.heldOn, held: true })],
      })),
      deemCertificate: step("DEADLINE_MISSED", (context, event) => ({
        changes: { certificateOn: dateOf(event.at), certificateDeemed: true, clocks: {} },
        notifications: [note(context, "mediation-certificate-issued", everyone(context), { result: context.result, deemed: true })],
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
          notifications: [note(context, "mediation-outcome", everyone(context), { result, agreedIssueIds: event.agreedIssueIds })],
        };
      }),
      issueCertificate: step("ISSUE_CERTIFICATE", (context, event) => ({
        changes: { certificateOn: dateOf(event.at), clocks: {} },
        notifications: [note(context, "mediation-certificate-issued", everyone(context), { result: context.result })],
      })),
      recordWarning: step("DEADLINE_WARNING", (context, event) => {
        const { clocks, notification } = recordWarning(context.clocks, event.key, context.caseRef, context.rung);
        return { changes: { clocks }, notifications: [notification] };
      }),
      recordBreach: step("DEADLINE_MISSED", (context, event) => {
        const { clocks, breach, notification } = recordBreach(context.clocks, event.key, event.at, context.caseRef, { kind: "breach", rung: context.rung });
        return { changes: { clocks, breaches: [...context.breaches, breach] }, notifications: [notification] };
      }),
    },
  })
  .createMachine({
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
          DECLINE_MEDIATION: { target: "concluded", actions: "decline" },
        },
      },
      awaitingDecision: {
        meta: { label: "Mediation offered: waiting for the family to accept or decline" },
        on: {
          ACCEPT_MEDIATION: { target: "arranging", actions: "accept" },
          DECLINE_MEDIATION: { target: "concluded", actions: "decline" },
        },
      },
      arranging: {
        initial: "awaitingMediator",
        on: { DECLINE_MEDIATION: { target: "concluded", actions: "decline" } },
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
              RECORD_SESSION_HELD: { guard: "isSessionHeldOnValid", target: "sessionHeld", actions: "recordHeld" },
            },
          },
          sessionHeld: {
            meta: { label: "Mediation session held: the mediator is writing up the outcome" },
            on: {
              SCHEDULE_SESSION: { guard: "isWithinMediationWindow", target: "sessionScheduled", actions: "scheduleSession" },
              RECORD_MEDIATION_OUTCOME: { guard: "isOutcomeConsistent", target: "#mediation.awaitingCertificate", actions: "recordOutcome" },
            },
          },
        },
      },
      awaitingCertificate: {
        meta: { label: "The mediator owes the family a certificate" },
        on: {
          ISSUE_CERTIFICATE: { target: "concluded", actions: "issueCertificate" },
          // NOTE: a certificate not issued in time never holds the family: the mediation ends regardless, the breach recorded.
          DEADLINE_MISSED: { guard: "isCertificateDeadline", target: "concluded", actions: ["recordBreach", "deemCertificate"] },
        },
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
      ...(context.held?.length ? { held: context.held } : {}),
      ...(context.declineReason ? { declineReason: context.declineReason } : {}),
      ...(context.certificateDeemed ? { certificateDeemed: true } : {}),
      certificateOn: context.certificateOn!,
      ...(context.mediatorId ? { mediatorId: context.mediatorId } : {}),
      ...(context.outcomeOn ? { outcomeOn: context.outcomeOn } : {}),
      ...(context.summary ? { summary: context.summary } : {}),
    }),
  });
