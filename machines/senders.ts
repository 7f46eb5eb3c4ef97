import type { Party } from "./clocks";
import type { UserEventType } from "./events";
import { bodiesComplainedAbout, respondentsAt, type RungNumber } from "./parties";
import type { CaseView } from "./view";

/**
 * Who may send each event, by the part they play in THIS case (the machine's parties), derived
 * from the same rules the machine uses for who answers at a rung (respondentsAt) and who may
 * comment on a draft (bodiesComplainedAbout). The machine decides whether an event is possible
 * now; this decides whether a party may ask for it. The app asks both.
 */
export type SenderContext = {
  /** The rung the case is on; null once the ladder has ended. */
  rung: RungNumber | null;
  healthInvolved: boolean;
  /** A response clock is paused waiting on the family: the family's answer restarts it. */
  pausedForFamily: boolean;
};

type Senders = (context: SenderContext) => readonly Party[];

/** Who answers now: after the ladder has ended, the setting (and health partner) answer for what is left. */
const respondentsNow: Senders = ({ rung, healthInvolved }) => respondentsAt(rung ?? 1, healthInvolved);
/** The lead respondent sends the response; a health partner is a co-respondent who contributes its part. */
const leadNow: Senders = (context) => respondentsNow(context).slice(0, 1);
const coRespondentsNow: Senders = ({ rung, healthInvolved }) => (rung === 1 || rung === 2 ? respondentsAt(rung, healthInvolved).slice(1) : []);
const family: Senders = () => ["family"];
const mediator: Senders = () => ["mediator"];
const nationalBody: Senders = () => ["national-body"];
const anyRespondent: Senders = ({ healthInvolved }) => [...new Set(([1, 2, 3] as const).flatMap((rung) => respondentsAt(rung, healthInvolved)))];
/** The bodies that have answered the concern so far (every one of them once the ladder has ended): each keeps its own internal notes. */
const bodiesSoFar: Senders = (context) =>
  context.rung === null
    ? anyRespondent(context)
    : [...new Set(([1, 2, 3] as const).filter((rung) => rung <= context.rung!).flatMap((rung) => respondentsAt(rung, context.healthInvolved)))];

/** Every party to the case so far: the family, the mediator (while a mediation runs: the app's read scope), and each body on the ladder up to now. */
const partiesSoFar: Senders = (context) => ["family", "mediator", ...bodiesSoFar(context)];
/** Everyone a draft decision is about may comment on it: the family and each body complained about (case-steps commentingParties). */
const commenters: Senders = ({ healthInvolved }) => ["family", ...bodiesComplainedAbout(healthInvolved)];

export const SENDERS = {
  ACKNOWLEDGE: respondentsNow,
  ASSIGN_HANDLER: leadNow,
  NAME_PERSON_CONCERNED: leadNow,
  MARK_URGENT: leadNow,
  PAUSE: leadNow,
  RESUME: (context) => [...leadNow(context), ...(context.pausedForFamily ? (["family"] as const) : [])],
  EXTEND: leadNow,
  RESPOND: leadNow,
  CONTRIBUTE_TO_RESPONSE: coRespondentsNow,
  GIVE_DELAY_NOTICE: anyRespondent,
  ACCEPT_OUTCOME: family,
  ESCALATE: family,
  OFFER_MEDIATION: (context) => ["family", ...leadNow(context)],
  SEND_MEDIATION_INFORMATION: leadNow,
  ACCEPT_MEDIATION: family,
  DECLINE_MEDIATION: family,
  ASSIGN_MEDIATOR: respondentsNow,
  SCHEDULE_SESSION: mediator,
  RECORD_SESSION_HELD: mediator,
  RECORD_MEDIATION_OUTCOME: mediator,
  ISSUE_CERTIFICATE: (context) => ["mediator", ...respondentsNow(context)],
  ACCEPT_FOR_INVESTIGATION: nationalBody,
  REJECT_OUT_OF_JURISDICTION: nationalBody,
  REJECT_OUT_OF_TIME: nationalBody,
  ISSUE_DRAFT_DECISION: nationalBody,
  SUBMIT_COMMENTS: commenters,
  ISSUE_FINAL_DECISION: nationalBody,
  REMEDY_DONE: anyRespondent,
  REMEDY_FAILED: anyRespondent,
  TAKE_REMEDY_FURTHER: family,
  WITHDRAW: family,
  SEND_MESSAGE: (context) => ["family", ...respondentsNow(context)],
  ADD_INTERNAL_NOTE: bodiesSoFar,
  ADD_EVIDENCE: partiesSoFar,
} as const satisfies Record<UserEventType, Senders>;

/** The sender context of a case, from its view. */
export function senderContextOf(view: Pick<CaseView, "rung" | "healthInvolved" | "pausedClocks">): SenderContext {
  return { rung: view.rung, healthInvolved: view.healthInvolved, pausedForFamily: view.pausedClocks.some((clock) => clock.waitingOn === "family") };
}

/** The parties who may send `type` on a case in this situation. */
export function sendersOf(type: UserEventType, context: SenderContext): readonly Party[] {
  return SENDERS[type](context);
}

/** May someone acting in any of `parties` send `type`? */
export function maySend(type: UserEventType, parties: readonly Party[], context: SenderContext): boolean {
  return sendersOf(type, context).some((party) => parties.includes(party));
}
