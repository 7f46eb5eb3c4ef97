import { maySend, respondentsAt, senderContextOf, USER_EVENT_TYPES, type CaseView, type Party, type UserEventType } from "../../machines";

// Who may send which event, by the capacity they act in on THIS case (the machine's parties).
// The rule is machines' SENDERS (machines/senders.ts); the machine decides whether an event is
// possible now (allowedEvents). Both must say yes.

export type Capacity = Party;

const isUserEvent = (type: string): type is UserEventType => (USER_EVENT_TYPES as readonly string[]).includes(type);

/** The events this person may send now: allowed by the machine AND open to one of their capacities. */
export function actionsFor(capacities: readonly Capacity[], allowed: readonly string[], view: Pick<CaseView, "rung" | "healthInvolved" | "pausedClocks">): UserEventType[] {
  const senders = senderContextOf(view);
  return allowed.filter((type): type is UserEventType => isUserEvent(type) && maySend(type, capacities, senders));
}

/**
 * Who may record a remedy as done or not done: a party that owes it (the machine's `owedBy`),
 * or the body whose decision ordered it. A remedy agreed in mediation has no ordering body.
 */
export function maySettleRemedy(remedy: { owedBy: readonly string[]; rung: 1 | 2 | 3; via: "decision" | "mediation" }, capacities: readonly Capacity[]): boolean {
  if (remedy.owedBy.some((party) => capacities.includes(party as Capacity))) return true;
  // The lead respondent at the remedy's rung ordered it (respondentsAt puts the lead first).
  return remedy.via === "decision" && capacities.includes(respondentsAt(remedy.rung, false)[0]!);
}
