import type { CaseEventType, Party } from "../../machines";

// Who may send which event, by the capacity they act in on THIS case (the machine's parties).
// The machine decides whether an event is possible now; this decides whether this person may
// ask for it. Both must say yes.

export type Capacity = Party;

/** What "who may act" depends on: the rung, whether health is involved, and whether a pause waits on the family. */
export type WhoContext = { rung: 1 | 2 | 3 | null; healthInvolved: boolean; pausedForFamily?: boolean };
type Who = (ctx: WhoContext) => Capacity[];

const respondentsNow: Who = ({ rung, healthInvolved }) => {
  if (rung === 3) return ["national-body"];
  const body: Capacity = rung === 2 ? "local-service" : "setting";
  return healthInvolved ? [body, "health-partner"] : [body];
};
/** The lead respondent sends the response; a health partner is a co-respondent who contributes its part. */
const leadNow: Who = ({ rung }) => (rung === 3 ? ["national-body"] : [rung === 2 ? "local-service" : "setting"]);
const coRespondentsNow: Who = ({ rung, healthInvolved }) => (healthInvolved && (rung === 1 || rung === 2) ? ["health-partner"] : []);
const family: Who = () => ["family"];
const mediator: Who = () => ["mediator"];
const nationalBody: Who = () => ["national-body"];
const anyRespondent: Who = ({ healthInvolved }) => ["setting", "local-service", "national-body", ...(healthInvolved ? (["health-partner"] as const) : [])];
/** Everyone a draft decision is about may comment on it: the family and each body complained about. */
const commentingParties: Who = ({ healthInvolved }) => ["family", "setting", "local-service", ...(healthInvolved ? (["health-partner"] as const) : [])];

export interface ActionMeta {
  label: string;
  /** Shown above the form: what this does, in plain English. */
  explains: string;
  who: Who;
  warning?: boolean;
  /** Wording for the family where the same event means something else to them. */
  forFamily?: { label: string; explains: string };
}

export const CASE_ACTIONS: Partial<Record<CaseEventType, ActionMeta>> = {
  ACKNOWLEDGE: { label: "Acknowledge the concern", explains: "You become the person handling the concern at this stage. The response deadline starts today.", who: respondentsNow },
  PAUSE: {
    label: "Pause the response clock",
    explains: "Use this only while you wait for information from the family or someone else. A pause lasts at most 20 working days in total at this stage; then the clock restarts by itself. The acknowledgement deadline is never paused.",
    who: leadNow,
  },
  RESUME: {
    label: "Restart the response clock",
    explains: "The deadline moves on by the working days the clock was paused.",
    who: (ctx) => [...leadNow(ctx), ...(ctx.pausedForFamily ? (["family"] as const) : [])],
    forFamily: { label: "Send the information asked for", explains: "Send the information the response is waiting for. The deadline for the response starts again when you send it." },
  },
  EXTEND: { label: "Extend the response deadline", explains: "You can extend once at each stage, with a reason the family will see.", who: leadNow },
  RESPOND: {
    label: "Send the response",
    explains: "Give a finding on every issue, your reasons, the standards relied on and any remedies. You send it for everyone answering the concern at this stage.",
    who: leadNow,
  },
  CONTRIBUTE_TO_RESPONSE: {
    label: "Add your part of the response",
    explains: "The response is a joint one: add what your service found and will do. The lead organisation sends the response.",
    who: coRespondentsNow,
  },
  GIVE_DELAY_NOTICE: {
    label: "Give a delay notice",
    explains: "A deadline has been missed, or the concern has been open a long time. Say why, and the date you expect to finish. The family will see this; the missed deadline still stands.",
    who: anyRespondent,
  },
  ACCEPT_OUTCOME: { label: "Accept the outcome", explains: "This closes the concern. Any remedies will still be checked until they are done.", who: family },
  ESCALATE: { label: "Take the concern to the next stage", explains: "You do not have to give a reason.", who: family },
  OFFER_MEDIATION: {
    label: "Offer mediation",
    explains: "An independent mediator helps both sides reach an agreement. Deadlines keep running unless the family accepts. You can offer mediation once at each stage.",
    who: (ctx) => ["family", ...leadNow(ctx)],
    forFamily: { label: "Ask for mediation", explains: "An independent mediator helps you reach an agreement. If you go ahead, the deadlines at this stage wait while mediation happens." },
  },
  SEND_MEDIATION_INFORMATION: { label: "Send mediation information", explains: "Confirm the family has been sent information about mediation.", who: leadNow },
  ACCEPT_MEDIATION: { label: "Accept mediation", explains: "A mediator will be assigned and a session held within 30 days. The deadlines at this stage wait while mediation happens.", who: family },
  DECLINE_MEDIATION: { label: "Decline mediation", explains: "Mediation ends now and your concern carries on where it was, with any missed deadline still counting.", who: family },
  ASSIGN_MEDIATOR: { label: "Assign a mediator", explains: "Choose an independent mediator. They will see this case.", who: respondentsNow },
  SCHEDULE_SESSION: { label: "Schedule a mediation session", explains: "The session must be within the 30-day mediation window, unless both sides agree to a later date.", who: mediator },
  RECORD_SESSION_HELD: { label: "Record that the session was held", explains: "Record the session on the day it took place (or after). You can write up the outcome afterwards.", who: mediator },
  RECORD_MEDIATION_OUTCOME: { label: "Record the mediation outcome", explains: "Matters agreed are closed and their actions tracked; anything not agreed returns to the ladder.", who: mediator },
  ISSUE_CERTIFICATE: { label: "Issue the mediation certificate", explains: "Confirms mediation took place or was declined.", who: (ctx) => ["mediator", ...respondentsNow(ctx)] },
  ACCEPT_FOR_INVESTIGATION: { label: "Accept for investigation", explains: "The concern is within jurisdiction. If it is late, record why you are using discretion.", who: nationalBody },
  REJECT_OUT_OF_JURISDICTION: { label: "Decide it is outside jurisdiction", explains: "Explain why this body cannot look at the concern.", who: nationalBody, warning: true },
  REJECT_OUT_OF_TIME: { label: "Decide it is out of time", explains: "Only for concerns brought more than 12 months after the family knew of the matter.", who: nationalBody, warning: true },
  ISSUE_DRAFT_DECISION: { label: "Issue a draft decision", explains: "The family and every organisation the concern is about may comment before the final decision.", who: nationalBody },
  SUBMIT_COMMENTS: { label: "Comment on the draft decision", explains: "Your comments go to the national body before it decides. You can comment more than once until the comment period ends.", who: commentingParties },
  ISSUE_FINAL_DECISION: { label: "Issue the final decision", explains: "Findings, reasons and remedies. Remedies are then monitored until done.", who: nationalBody },
  REMEDY_DONE: { label: "Record a remedy as done", explains: "Say what was done; the family will be told.", who: anyRespondent },
  REMEDY_FAILED: { label: "Record a remedy as not done", explains: "Say why. The family will be told and may take it further.", who: anyRespondent, warning: true },
  TAKE_REMEDY_FURTHER: {
    label: "Take the failed remedy further",
    explains: "A remedy was not carried out. Your concern goes to the next stage up (to the national body for a remedy it ordered), which will look at it.",
    who: family,
  },
  WITHDRAW: { label: "Withdraw the concern", explains: "This closes the concern at every stage. You can raise a new concern later.", who: family, warning: true },
};

/** The events this person may send now: allowed by the machine AND open to one of their capacities. */
export function actionsFor(capacities: readonly Capacity[], allowed: readonly string[], ctx: WhoContext): CaseEventType[] {
  return allowed.filter((type): type is CaseEventType => {
    const meta = CASE_ACTIONS[type as CaseEventType];
    return Boolean(meta && meta.who(ctx).some((c) => capacities.includes(c)));
  });
}

/** The label and explanation a person sees: the family's own wording where there is one. */
export function wordingFor(meta: ActionMeta, capacities: readonly Capacity[]): { label: string; explains: string } {
  return capacities.includes("family") && meta.forFamily ? meta.forFamily : { label: meta.label, explains: meta.explains };
}

const ORDERED_BY: Record<1 | 2 | 3, Capacity> = { 1: "setting", 2: "local-service", 3: "national-body" };

/**
 * Who may record a remedy as done or not done: a party that owes it (the machine's `owedBy`),
 * or the body whose decision ordered it. A remedy agreed in mediation has no ordering body.
 */
export function maySettleRemedy(remedy: { owedBy: readonly string[]; rung: 1 | 2 | 3; via: "decision" | "mediation" }, capacities: readonly Capacity[]): boolean {
  if (remedy.owedBy.some((party) => capacities.includes(party as Capacity))) return true;
  return remedy.via === "decision" && capacities.includes(ORDERED_BY[remedy.rung]);
}
