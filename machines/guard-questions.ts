import { getStateNodes, type AnyMachineSnapshot, type EventObject } from "xstate";
import { dateOf } from "./iso-date";

/**
 * Every named guard is a question about the case. Besides the answer (the
 * guard itself) each one carries what it asks about and the plain-English
 * reason given when it says no, so refusals can be explained and the UI can
 * offer only the events that are possible now.
 */
export type GuardQuestion<TContext> = {
  /** "case": context only; "date": context and the event's date; "payload": the event's own fields. */
  asks: "case" | "date" | "payload";
  refusal: (context: TContext, event: EventObject & { at?: string }, params: Record<string, unknown>) => string;
  /** For "payload" questions: could some payload pass now? (Defaults to yes.) */
  couldPass?: (context: TContext, params: Record<string, unknown>) => boolean;
};

/** Every guard of a machine, each a question or null (never a refusal a person sees: the machine's own bookkeeping). */
export type GuardQuestions<TContext> = Readonly<Record<string, GuardQuestion<TContext> | null>>;

type GuardRef = { type: string; params?: Record<string, unknown> };

/** The state nodes the snapshot is in (each once): where its transitions are. */
function activeNodes(snapshot: AnyMachineSnapshot) {
  return [...new Set(getStateNodes(snapshot.machine.root, snapshot.value))];
}

function candidateGuards(snapshot: AnyMachineSnapshot, eventType: string, nodes = activeNodes(snapshot)): Array<GuardRef | undefined> | undefined {
  const transitions = nodes.flatMap((node) => node.on[eventType] ?? []);
  if (transitions.length === 0) return undefined;
  return transitions.map(({ guard }) => {
    if (guard === undefined) return undefined;
    if (typeof guard === "string") return { type: guard };
    if (typeof guard === "object" && "type" in guard) return guard as GuardRef;
    throw new TypeError(`guards must be named (${eventType})`);
  });
}

/** Why `event` is refused in this snapshot, in plain English (the caller has checked it is refused). */
export function explainRefusal<TContext>(snapshot: AnyMachineSnapshot, event: EventObject & { at?: string }, questions: GuardQuestions<TContext>, stateLabel: string): string {
  const guards = candidateGuards(snapshot, event.type);
  if (!guards) return `${event.type} is not possible now (${stateLabel})`;
  const reasons = guards.flatMap((guard) => {
    const question = guard && questions[guard.type];
    return question ? [question.refusal(snapshot.context as TContext, event, guard.params ?? {})] : [];
  });
  return [...new Set(reasons)].join("; ") || `${event.type} is not possible now (${stateLabel})`;
}

/**
 * Event types with a transition from the current state whose guard could
 * pass: "case" questions are answered now, "date" questions only when `on`
 * is given, "payload" questions by their `couldPass` (the rest is the form's job).
 */
export function possibleEventTypes<TContext>(snapshot: AnyMachineSnapshot, questions: GuardQuestions<TContext>, eventTypes: readonly string[], on?: string): string[] {
  const implementations = snapshot.machine.implementations.guards as Record<string, (args: { context: unknown; event: EventObject }, params: unknown) => boolean>;
  // The active state nodes once for all the event types (the case page asks about ~40).
  const nodes = activeNodes(snapshot);
  return eventTypes.filter((type) =>
    (candidateGuards(snapshot, type, nodes) ?? []).some((guard) => {
      const question = guard && questions[guard.type];
      if (!guard || !question) return true;
      if (question.asks === "payload") return question.couldPass?.(snapshot.context as TContext, guard.params ?? {}) ?? true;
      if (question.asks === "date" && on === undefined) return true;
      const probe = { type, at: on === undefined ? undefined : dateOf(on) };
      return implementations[guard.type]!({ context: snapshot.context, event: probe }, guard.params);
    }),
  );
}
