import { createActor, type Actor, type AnyMachineSnapshot } from "xstate";
import type { CaseContext } from "./case-context";
import { toCaseFile, type CaseInput } from "./case-input";
import { CASE_GUARD_QUESTIONS, caseMachine } from "./case.machine";
import { isDue, type DeadlineSpec } from "./clocks";
import { EventNotAllowedError, InvalidCaseEventError } from "./errors";
import { MEDIATION_EVENT_TYPES, USER_EVENT_TYPES, caseEventSchema, isDeadlineEvent, isMediationEvent, type CaseEvent, type DeadlineEvent } from "./events";
import { explainRefusal, possibleEventTypes } from "./guard-questions";
import { addCalendarDays } from "./calendar";
import { compareDates, dateOf } from "./iso-date";
import { MEDIATION_GUARD_QUESTIONS } from "./mediation.machine";
import type { NotificationSpec } from "./notifications";
import { CASE_MACHINE_ID, CASE_MACHINE_VERSION, migrateSnapshot, type PersistedCase } from "./persistence";
import { caseView, deadlinesOf, mediationChild, stateLabelOf, stateValueOf, type CaseView } from "./view";

/**
 * The contract the app calls. Each call restores the machine from its
 * persisted snapshot, does one thing, and hands back the new snapshot with
 * everything the app must record: the view, the complete set of open
 * deadlines and the notifications owed.
 */
export type CaseStep = { persisted: PersistedCase; view: CaseView; deadlines: DeadlineSpec[]; notifications: NotificationSpec[] };
/** `caughtUp`: deadline events that fell due by the event's date and were applied before it, in order. */
export type CaseTransition = CaseStep & { from: string; to: string; caughtUp?: DeadlineEvent[] };

type CaseActor = Actor<typeof caseMachine>;

function stepOf(actor: CaseActor, notifications: NotificationSpec[]): CaseStep {
  const snapshot = actor.getSnapshot();
  const view = caseView(snapshot);
  return {
    persisted: { machineId: CASE_MACHINE_ID, machineVersion: CASE_MACHINE_VERSION, snapshot: actor.getPersistedSnapshot() },
    view,
    deadlines: view.deadlines,
    notifications,
  };
}

/** Throws what went wrong inside the actor (a calendar out of range, say) instead of carrying on with a broken snapshot. */
function ensureHealthy(actor: CaseActor): void {
  const snapshot = actor.getSnapshot();
  if (snapshot.status === "error") throw snapshot.error;
}

/** Runs `act` on a started actor, collecting the notifications it emits. */
function withActor<T>(actor: CaseActor, act: (notifications: NotificationSpec[]) => T): T {
  const notifications: NotificationSpec[] = [];
  actor.on("notification", ({ notification }) => notifications.push(notification));
  // NOTE: without an error observer XState rethrows actor errors asynchronously, outside the caller's try.
  actor.subscribe({ error: () => undefined });
  try {
    actor.start();
    ensureHealthy(actor);
    return act(notifications);
  } finally {
    actor.stop();
  }
}

function restore(persisted: PersistedCase): CaseActor {
  const { snapshot } = migrateSnapshot(persisted);
  // NOTE: input is only read when a case starts; a restored actor takes its context from the snapshot.
  return createActor(caseMachine, { snapshot } as never);
}

export function startCase(input: CaseInput): CaseStep {
  const actor = createActor(caseMachine, { input: toCaseFile(input) });
  return withActor(actor, (notifications) => stepOf(actor, notifications));
}

function parseEvent(event: unknown): CaseEvent {
  const parsed = caseEventSchema.safeParse(event);
  if (!parsed.success) throw new InvalidCaseEventError(parsed.error.issues);
  return parsed.data;
}

/** Why the case cannot take `event` now, or undefined if it can. */
function refusalOf(snapshot: AnyMachineSnapshot, event: CaseEvent): string | undefined {
  if (snapshot.status !== "active") return `the case is closed${closedBecause(snapshot.context as CaseContext)}`;
  const { file, lastEventOn } = snapshot.context as CaseContext;
  if (compareDates(dateOf(event.at), file.receivedOn) < 0) return `the event is dated before the concern was received (${file.receivedOn})`;
  // The case's history is a time line that never runs backwards.
  if (lastEventOn && compareDates(dateOf(event.at), lastEventOn) < 0) {
    return `the event is dated ${dateOf(event.at)}, before the latest event on this case (${lastEventOn})`;
  }
  if (!snapshot.can(event)) return explainRefusal(snapshot, event, CASE_GUARD_QUESTIONS, stateLabelOf(snapshot));
  const child = mediationChild(snapshot);
  if (child && isMediationEvent(event) && !child.can(event)) {
    return explainRefusal(child, event, MEDIATION_GUARD_QUESTIONS, stateLabelOf(child));
  }
  return undefined;
}

function closedBecause({ conclusion }: CaseContext): string {
  if (conclusion?.reason !== "escalation-window-closed") return "";
  return `: the time to take it further ended on ${addCalendarDays(conclusion.on, -1)} and the outcome stands`;
}

/**
 * Applies one event. A DEADLINE_* event whose key is no longer open (or not
 * yet due) changes nothing and returns to === from, so a stale sweep is harmless.
 */
export function transitionCase(persisted: PersistedCase, event: CaseEvent): CaseTransition {
  const valid = parseEvent(event);
  const actor = restore(persisted);
  return withActor(actor, (notifications) => applyTo(actor, valid, notifications));
}

/** One event on a started actor: the body of transitionCase, shared with LiveCase. */
function applyTo(actor: CaseActor, valid: CaseEvent, notifications: NotificationSpec[]): CaseTransition {
  const from = stateValueOf(actor.getSnapshot());
  if (isDeadlineEvent(valid) && !isDue(deadlinesOf(actor.getSnapshot()), valid)) return { ...stepOf(actor, notifications), from, to: from };
  // A deadline that had passed by a person's event is breached first, whoever gets there first
  // (the sweeper may not have run yet): an event can never erase or jump a breach.
  const caughtUp = isDeadlineEvent(valid) ? [] : catchUp(actor, dateOf(valid.at));
  const before = actor.getSnapshot();
  const refusal = refusalOf(before, valid);
  if (refusal) throw new EventNotAllowedError(valid.type, stateValueOf(before), refusal);
  actor.send(valid);
  ensureHealthy(actor);
  return { ...stepOf(actor, notifications), from, to: stateValueOf(actor.getSnapshot()), caughtUp };
}

/**
 * A case whose machine stays started between events, for callers that apply many events to one
 * case in a row (the national generator, docs/decisions/034). `transition` gives exactly what
 * `transitionCase(previous.persisted, event)` gives — same checks, same snapshot — without
 * restoring the machine from its snapshot for every event (the restore was ~20% of a walk's CPU).
 * After a refused or failed event the actor may hold deadlines caught up before the refusal, so
 * it is dropped and the next event restores from the last good snapshot, as transitionCase would.
 */
export class LiveCase {
  private actor: CaseActor | undefined;
  private notifications: NotificationSpec[] = [];

  constructor(private persisted: PersistedCase) {}

  /** startCase, keeping the started machine for the events that follow. */
  static start(input: CaseInput): { live: LiveCase; step: CaseStep } {
    const live = new LiveCase(undefined as unknown as PersistedCase);
    const actor = live.started(createActor(caseMachine, { input: toCaseFile(input) }));
    const step = stepOf(actor, live.notifications);
    live.persisted = step.persisted;
    return { live, step };
  }

  /** The started actor: kept from the last event, or restored from the last good snapshot. */
  private started(fresh?: CaseActor): CaseActor {
    if (this.actor) return this.actor;
    const actor = fresh ?? restore(this.persisted);
    // The current call's list (each call starts a new one, so a returned step's list never changes).
    actor.on("notification", ({ notification }) => this.notifications.push(notification));
    // NOTE: without an error observer XState rethrows actor errors asynchronously, outside the caller's try.
    actor.subscribe({ error: () => undefined });
    actor.start();
    try {
      ensureHealthy(actor);
    } catch (error) {
      actor.stop();
      throw error;
    }
    return (this.actor = actor);
  }

  transition(event: CaseEvent): CaseTransition {
    const valid = parseEvent(event);
    this.notifications = [];
    const actor = this.started();
    try {
      const step = applyTo(actor, valid, this.notifications);
      this.persisted = step.persisted;
      return step;
    } catch (error) {
      this.stop();
      throw error;
    }
  }

  stop(): void {
    this.actor?.stop();
    this.actor = undefined;
  }
}

const MAX_CATCH_UP = 200;

/**
 * The order in which deadlines that are all due fire, one at a time: missed deadlines before
 * reminders, then by date, then by key. The catch-up below and the sweeper (which fires a case's
 * due deadlines in one transaction) use this same order, so a history never depends on who fired.
 */
export function compareDueDeadlines(a: Pick<DeadlineSpec, "kind" | "key" | "event">, b: Pick<DeadlineSpec, "kind" | "key" | "event">): number {
  return a.kind.localeCompare(b.kind) || a.event.at.localeCompare(b.event.at) || a.key.localeCompare(b.key);
}

/** Sends, in order, every open deadline's event due by `on`, as the sweeper would have. */
function catchUp(actor: CaseActor, on: string): DeadlineEvent[] {
  const fired: DeadlineEvent[] = [];
  for (;;) {
    const snapshot = actor.getSnapshot();
    if (snapshot.status !== "active") return fired;
    // NOTE: missed deadlines first: a reminder for a deadline that has itself passed is never sent.
    const due = deadlinesOf(snapshot)
      .filter((spec) => compareDates(spec.event.at, on) <= 0)
      .sort(compareDueDeadlines)[0];
    if (!due) return fired;
    if (fired.length >= MAX_CATCH_UP) throw new RangeError(`more than ${MAX_CATCH_UP} deadlines fell due before ${on}`);
    actor.send(due.event);
    ensureHealthy(actor);
    fired.push(due.event);
  }
}

/**
 * Event types the case can take now, for the UI's buttons. Questions about the
 * case are answered; date questions only when `on` (the date of the action) is
 * given; payload checks are left to the form and to transitionCase.
 */
export function allowedEvents(persisted: PersistedCase, on?: string): string[] {
  const actor = restore(persisted);
  return withActor(actor, () => allowedOn(actor, on));
}

/** The event types the started actor could take on `on` (after catching up with what fell due). */
function allowedOn(actor: CaseActor, on: string | undefined): string[] {
  if (on !== undefined) catchUp(actor, dateOf(on));
  const snapshot = actor.getSnapshot();
  if (snapshot.status !== "active") return [];
  const own = possibleEventTypes(snapshot, CASE_GUARD_QUESTIONS, USER_EVENT_TYPES, on);
  const child = mediationChild(snapshot);
  if (!child) return own;
  const mediation = possibleEventTypes(child, MEDIATION_GUARD_QUESTIONS, MEDIATION_EVENT_TYPES, on);
  return [...own.filter((type) => !isMediationEvent({ type })), ...mediation];
}

/** The view of a stored case, without changing it. */
export function viewCase(persisted: PersistedCase): CaseView {
  const actor = restore(persisted);
  return withActor(actor, () => caseView(actor.getSnapshot()));
}

/**
 * viewCase and allowedEvents from ONE restore (the case page needs both): the view as stored,
 * then the events possible on `on`. The same answers as calling the two, for half the work.
 */
export function viewAndAllowedEvents(persisted: PersistedCase, on?: string): { view: CaseView; allowed: string[] } {
  const actor = restore(persisted);
  return withActor(actor, () => {
    const view = caseView(actor.getSnapshot());
    return { view, allowed: allowedOn(actor, on) };
  });
}
