import { assign, createActor, setup, type SnapshotFrom } from "xstate";
import { z } from "zod";
import { calendarFor, type CalendarSpec } from "./calendar";
import { atSchema, isoDateSchema } from "./dates-schema";
import { dateOf, dayNumber } from "./iso-date";

/**
 * The additional needs register, as rules (docs/decisions/021). Two pure machines:
 *
 * - `registerEntryMachine`: where one child stands. Every register decision and review is a
 *   DECIDE event; replaying a child's decisions in order gives their status and next review,
 *   so the status is derived from the history, never typed in.
 * - `registerRequestMachine`: a request that the setting consider a child who is not on the
 *   register. The setting must decide within a number of working days counted in its own
 *   calendar (school days when it has term dates); the due date is data the app stores, and
 *   its sweeper sends DEADLINE_MISSED when the day has passed (the request is then overdue,
 *   and still owed a decision).
 */

export const REGISTER_OUTCOMES = ["place", "not_place", "remove", "confirm", "change"] as const;
export type RegisterOutcome = (typeof REGISTER_OUTCOMES)[number];
export type RegisterDecisionKind = "decision" | "review";
export type RegisterStatus = "not_considered" | "on_register" | "considered_not_placed" | "removed";

/** Versioned timing of the request for consideration (the case policy's style: data, not UI). */
export const REGISTER_POLICY = {
  version: 1,
  /** Working days (the setting's calendar) from receipt to a decision on a request. */
  decideRequestWithinWorkingDays: 20,
  /** Reviews are shown as due soon this many calendar days ahead. */
  reviewDueSoonDays: 28,
} as const;

// ───────────────────────────── The register entry ─────────────────────────────

export interface RegisterEntryContext {
  status: RegisterStatus;
  decisions: number;
  lastDecidedOn?: string;
  /** The next review the latest decision set (on the register only). */
  nextReviewOn?: string;
  placedOn?: string;
}

export const registerDecisionEventSchema = z.object({
  type: z.literal("DECIDE"),
  kind: z.enum(["decision", "review"]),
  outcome: z.enum(REGISTER_OUTCOMES),
  decidedOn: isoDateSchema,
  nextReviewOn: isoDateSchema.optional(),
});
export type RegisterDecisionEvent = z.infer<typeof registerDecisionEventSchema>;

const STATUS_AFTER: Record<RegisterOutcome, RegisterStatus> = {
  place: "on_register",
  not_place: "considered_not_placed",
  remove: "removed",
  confirm: "on_register",
  change: "on_register",
};

export const statusAfter = (outcome: RegisterOutcome): RegisterStatus => STATUS_AFTER[outcome];

/** Which outcomes a decision or review may have, given where the child stands. */
export function allowedOutcomes(context: RegisterEntryContext, kind: RegisterDecisionKind): RegisterOutcome[] {
  const on = context.status === "on_register";
  if (kind === "review") return on ? ["confirm", "change", "remove"] : [];
  return on ? ["remove"] : ["place", "not_place"];
}

/** Why this decision cannot be recorded now (plain English), or undefined when it can. */
export function registerDecisionProblem(context: RegisterEntryContext, event: RegisterDecisionEvent): string | undefined {
  if (event.kind === "review" && context.status !== "on_register") return "Only a child on the register can have a review.";
  if (!allowedOutcomes(context, event.kind).includes(event.outcome)) {
    return context.status === "on_register"
      ? "The child is already on the register: record a review or a decision to remove."
      : "The child is not on the register: the decision is whether to place them.";
  }
  if (context.lastDecidedOn && dayNumber(event.decidedOn) < dayNumber(context.lastDecidedOn)) return "A decision cannot be dated before the child's previous register decision.";
  const staysOn = statusAfter(event.outcome) === "on_register";
  if (staysOn && !event.nextReviewOn) return "Set the date of the next review.";
  if (staysOn && event.nextReviewOn && dayNumber(event.nextReviewOn) <= dayNumber(event.decidedOn)) return "The next review must be after the decision.";
  if (!staysOn && event.nextReviewOn) return "Only a child on the register has a next review.";
  return undefined;
}

/** Where a decision leaves the child: a pure reducer, shared by the machine and by replays. */
export function applyRegisterDecision(context: RegisterEntryContext, event: RegisterDecisionEvent): RegisterEntryContext {
  const status = statusAfter(event.outcome);
  const on = status === "on_register";
  // Every key is written (assign merges): leaving the register clears the review and placement.
  return {
    status,
    decisions: context.decisions + 1,
    lastDecidedOn: event.decidedOn,
    nextReviewOn: on ? event.nextReviewOn : undefined,
    placedOn: on ? (context.status === "on_register" ? context.placedOn : event.decidedOn) : undefined,
  };
}

export const registerEntryMachine = setup({
  types: { context: {} as RegisterEntryContext, events: {} as RegisterDecisionEvent, input: {} as RegisterEntryContext | undefined },
  guards: {
    isAllowedDecision: ({ context, event }) => registerDecisionProblem(context, event) === undefined,
  },
  actions: {
    applyDecision: assign(({ context, event }) => applyRegisterDecision(context, event)),
  },
}).createMachine({
  id: "register-entry",
  context: ({ input }) => input ?? { status: "not_considered", decisions: 0 },
  initial: "deciding",
  states: {
    // Transient: where the child stands (a restored context starts here too).
    deciding: {
      always: [{ guard: ({ context }) => context.status === "on_register", target: "onRegister" }, { target: "offRegister" }],
    },
    offRegister: {
      on: { DECIDE: { guard: "isAllowedDecision", target: "deciding", actions: "applyDecision" } },
    },
    onRegister: {
      on: { DECIDE: { guard: "isAllowedDecision", target: "deciding", actions: "applyDecision" } },
    },
  },
});

export class RegisterDecisionRefused extends Error {
  constructor(public readonly reason: string) {
    super(reason);
    this.name = "RegisterDecisionRefused";
  }
}

/** Replays a child's decisions (oldest first) through the machine: where they stand now. */
export function replayRegister(decisions: readonly RegisterDecisionEvent[]): RegisterEntryContext {
  return decisions.reduce<RegisterEntryContext>((context, event) => decideRegister(context, event), { status: "not_considered", decisions: 0 });
}

/** One decision on top of where the child stands; refused with the reason when not allowed. */
export function decideRegister(context: RegisterEntryContext, input: RegisterDecisionEvent): RegisterEntryContext {
  const event = registerDecisionEventSchema.parse(input);
  const problem = registerDecisionProblem(context, event);
  if (problem) throw new RegisterDecisionRefused(problem);
  const actor = createActor(registerEntryMachine, { input: context }).start();
  actor.send(event);
  const next = actor.getSnapshot().context;
  actor.stop();
  return next;
}

export type ReviewState = { state: "none" } | { state: "scheduled" | "due-soon"; dueOn: string } | { state: "overdue"; dueOn: string; daysOverdue: number };

/** Whether the child's review is overdue on `today` (calendar days: a review date is a date). */
export function reviewState(context: Pick<RegisterEntryContext, "status" | "nextReviewOn">, today: string): ReviewState {
  if (context.status !== "on_register" || !context.nextReviewOn) return { state: "none" };
  const days = dayNumber(today) - dayNumber(context.nextReviewOn);
  if (days > 0) return { state: "overdue", dueOn: context.nextReviewOn, daysOverdue: days };
  if (-days <= REGISTER_POLICY.reviewDueSoonDays) return { state: "due-soon", dueOn: context.nextReviewOn };
  return { state: "scheduled", dueOn: context.nextReviewOn };
}

// ───────────────────────────── Request for consideration ─────────────────────────────

export const REGISTER_REQUEST_MACHINE_ID = "register-request";
export const REGISTER_REQUEST_MACHINE_VERSION = 1;
export const REQUEST_DEADLINE_KEY = "register-request.decision";

export const registerRequestInputSchema = z.object({
  ref: z.string().min(1),
  receivedOn: isoDateSchema,
  calendar: z.custom<CalendarSpec>((v) => typeof v === "object" && v !== null && "kind" in v),
  workingDays: z.number().int().positive().default(REGISTER_POLICY.decideRequestWithinWorkingDays),
});
export type RegisterRequestInput = z.input<typeof registerRequestInputSchema>;

export const registerRequestEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("DECIDE"), at: atSchema, outcome: z.enum(["place", "not_place"]), decisionRef: z.string().min(1) }),
  z.object({ type: z.literal("DEADLINE_MISSED"), at: atSchema, key: z.string().min(1) }),
  z.object({ type: z.literal("WITHDRAW"), at: atSchema }),
]);
export type RegisterRequestEvent = z.infer<typeof registerRequestEventSchema>;

export interface RegisterRequestContext {
  ref: string;
  receivedOn: string;
  calendarId: string;
  /** The day the clock counts from (the next working day when received on a day off). */
  startsOn: string;
  workingDays: number;
  dueOn: string;
  overdueOn?: string;
  decidedOn?: string;
  outcome?: "place" | "not_place";
  decisionRef?: string;
  withdrawnOn?: string;
}

export const registerRequestMachine = setup({
  types: { context: {} as RegisterRequestContext, events: {} as RegisterRequestEvent, input: {} as RegisterRequestContext },
  guards: {
    isDecisionDue: ({ context, event }) => event.type === "DEADLINE_MISSED" && event.key === REQUEST_DEADLINE_KEY && dayNumber(dateOf(event.at)) > dayNumber(context.dueOn),
    isOnOrAfterReceipt: ({ context, event }) => dayNumber(dateOf(event.at)) >= dayNumber(context.receivedOn),
  },
  actions: {
    recordDecision: assign(({ event }) => (event.type === "DECIDE" ? { decidedOn: dateOf(event.at), outcome: event.outcome, decisionRef: event.decisionRef } : {})),
    recordOverdue: assign(({ event }) => ({ overdueOn: dateOf(event.at) })),
    recordWithdrawal: assign(({ event }) => ({ withdrawnOn: dateOf(event.at) })),
  },
}).createMachine({
  id: REGISTER_REQUEST_MACHINE_ID,
  context: ({ input }) => input,
  initial: "awaitingDecision",
  states: {
    awaitingDecision: {
      on: {
        DECIDE: { guard: "isOnOrAfterReceipt", target: "decided", actions: "recordDecision" },
        DEADLINE_MISSED: { guard: "isDecisionDue", target: "overdue", actions: "recordOverdue" },
        WITHDRAW: { target: "withdrawn", actions: "recordWithdrawal" },
      },
    },
    // Late, and still owed a decision: the family can see it and raise a concern.
    overdue: {
      on: {
        DECIDE: { guard: "isOnOrAfterReceipt", target: "decided", actions: "recordDecision" },
        WITHDRAW: { target: "withdrawn", actions: "recordWithdrawal" },
      },
    },
    decided: { type: "final" },
    withdrawn: { type: "final" },
  },
});

export type RegisterRequestState = "awaitingDecision" | "overdue" | "decided" | "withdrawn";
export interface PersistedRegisterRequest {
  machineId: typeof REGISTER_REQUEST_MACHINE_ID;
  machineVersion: number;
  snapshot: SnapshotFrom<typeof registerRequestMachine>;
}
export interface RegisterRequestStep {
  persisted: PersistedRegisterRequest;
  state: RegisterRequestState;
  context: RegisterRequestContext;
  /** The open deadline, if any: the app stores it and its sweeper sends `event` after `dueOn`. */
  deadline: { key: string; dueOn: string; calendar: string; event: { type: "DEADLINE_MISSED"; key: string } } | null;
}

function stepOf(actor: ReturnType<typeof createActor<typeof registerRequestMachine>>): RegisterRequestStep {
  const snapshot = actor.getSnapshot();
  const state = snapshot.value as RegisterRequestState;
  const context = snapshot.context;
  return {
    persisted: {
      machineId: REGISTER_REQUEST_MACHINE_ID,
      machineVersion: REGISTER_REQUEST_MACHINE_VERSION,
      snapshot: actor.getPersistedSnapshot() as SnapshotFrom<typeof registerRequestMachine>,
    },
    state,
    context,
    deadline:
      state === "awaitingDecision"
        ? { key: REQUEST_DEADLINE_KEY, dueOn: context.dueOn, calendar: context.calendarId, event: { type: "DEADLINE_MISSED", key: REQUEST_DEADLINE_KEY } }
        : null,
  };
}

/** Opens a request: the due date is `workingDays` working days of the setting's calendar after the clock starts. */
export function startRegisterRequest(input: RegisterRequestInput): RegisterRequestStep {
  const parsed = registerRequestInputSchema.parse(input);
  const calendar = calendarFor(parsed.calendar);
  const startsOn = calendar.clockStart(parsed.receivedOn);
  const dueOn = calendar.addWorkingDays(startsOn, parsed.workingDays);
  const actor = createActor(registerRequestMachine, {
    input: { ref: parsed.ref, receivedOn: parsed.receivedOn, calendarId: calendar.id, startsOn, workingDays: parsed.workingDays, dueOn },
  }).start();
  return stepOf(actor);
}

export class RegisterRequestEventRefused extends Error {
  constructor(
    public readonly eventType: string,
    public readonly state: string,
  ) {
    super(`A request that is ${state} cannot take ${eventType}`);
    this.name = "RegisterRequestEventRefused";
  }
}

/** Restores the request, applies one event (refused when not allowed now), returns the new step. */
export function applyRegisterRequestEvent(persisted: PersistedRegisterRequest, input: RegisterRequestEvent): RegisterRequestStep {
  if (persisted.machineId !== REGISTER_REQUEST_MACHINE_ID || persisted.machineVersion !== REGISTER_REQUEST_MACHINE_VERSION) {
    throw new Error(`Unknown register request snapshot ${persisted.machineId}@${persisted.machineVersion}`);
  }
  const event = registerRequestEventSchema.parse(input);
  const actor = createActor(registerRequestMachine, { snapshot: persisted.snapshot } as never).start();
  const before = actor.getSnapshot();
  if (!before.can(event)) throw new RegisterRequestEventRefused(event.type, String(before.value));
  actor.send(event);
  return stepOf(actor);
}

/** Whether the request can take this event now (the UI asks before offering it). */
export function canRegisterRequest(persisted: PersistedRegisterRequest, event: RegisterRequestEvent): boolean {
  const actor = createActor(registerRequestMachine, { snapshot: persisted.snapshot } as never).start();
  return actor.getSnapshot().can(event);
}
