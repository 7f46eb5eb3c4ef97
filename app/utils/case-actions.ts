import type { CaseEventType, Party } from "../../machines";

// Who may send which event, by the capacity they act in on THIS case (the machine's parties).
// The machine decides whether an event is possible now; this decides whether this person may
// ask for it. Both must say yes.

export type Capacity = Party;

type Who = (ctx: { rung: 1 | 2 | 3 | null; healthInvolved: boolean }) => Capacity[];

const respondentsNow: Who = ({ rung, healthInvolved }) => {
  if (rung === 3) return ["national-body"];
  const body: Capacity = rung === 2 ? "local-service" : "setting";
  return healthInvolved ? [body, "health-partner"] : [body];
};
const family: Who = () => ["family"];
const mediator: Who = () => ["mediator"];
const nationalBody: Who = () => ["national-body"];
const anyRespondent: Who = ({ healthInvolved }) => ["setting", "local-service", "national-body", ...(healthInvolved ? (["health-partner"] as const) : [])];

export interface ActionMeta {
  label: string;
  /** Shown above the form: what this does, in plain English. */
  explains: string;
  who: Who;
  warning?: boolean;
}

export const CASE_ACTIONS: Partial<Record<CaseEventType, ActionMeta>> = {
  ACKNOWLEDGE: { label: "Acknowledge the concern", explains: "You become the person handling the concern at this stage. The response deadline starts today.", who: respondentsNow },
  PAUSE: { label: "Pause the response clock", explains: "Use this only while you wait for information from the family or someone else. The acknowledgement deadline is never paused.", who: respondentsNow },
  RESUME: { label: "Restart the response clock", explains: "The deadline moves on by the working days the clock was paused.", who: respondentsNow },
  EXTEND: { label: "Extend the response deadline", explains: "You can extend once at each stage, with a reason the family will see.", who: respondentsNow },
  RESPOND: { label: "Send the response", explains: "Give a finding on every issue, your reasons, the standards relied on and any remedies.", who: respondentsNow },
  ACCEPT_OUTCOME: { label: "Accept the outcome", explains: "This closes the concern. Any remedies will still be checked until they are done.", who: family },
  ESCALATE: { label: "Take the concern to the next stage", explains: "You do not have to give a reason.", who: family },
  OFFER_MEDIATION: { label: "Ask for mediation", explains: "An independent mediator helps you reach an agreement. Deadlines at this stage wait while mediation happens.", who: (ctx) => ["family", ...respondentsNow(ctx)] },
  SEND_MEDIATION_INFORMATION: { label: "Send mediation information", explains: "Confirm the family has been sent information about mediation.", who: respondentsNow },
  ACCEPT_MEDIATION: { label: "Accept mediation", explains: "A mediator will be assigned and a session held within 30 days.", who: family },
  DECLINE_MEDIATION: { label: "Decline mediation", explains: "You will get a certificate within 3 working days and the concern carries on.", who: family },
  ASSIGN_MEDIATOR: { label: "Assign a mediator", explains: "Choose an independent mediator. They will see this case.", who: respondentsNow },
  SCHEDULE_SESSION: { label: "Schedule a mediation session", explains: "The session must be within the mediation window.", who: mediator },
  RECORD_MEDIATION_OUTCOME: { label: "Record the mediation outcome", explains: "Matters agreed are closed and their actions tracked; anything not agreed returns to the ladder.", who: mediator },
  ISSUE_CERTIFICATE: { label: "Issue the mediation certificate", explains: "Confirms mediation took place or was declined.", who: (ctx) => ["mediator", ...respondentsNow(ctx)] },
  ACCEPT_FOR_INVESTIGATION: { label: "Accept for investigation", explains: "The concern is within jurisdiction. If it is late, record why you are using discretion.", who: nationalBody },
  REJECT_OUT_OF_JURISDICTION: { label: "Decide it is outside jurisdiction", explains: "Explain why this body cannot look at the concern.", who: nationalBody, warning: true },
  REJECT_OUT_OF_TIME: { label: "Decide it is out of time", explains: "Only for concerns brought more than 12 months after the family knew of the matter.", who: nationalBody, warning: true },
  ISSUE_DRAFT_DECISION: { label: "Issue a draft decision", explains: "Both parties may comment before the final decision.", who: nationalBody },
  SUBMIT_COMMENTS: { label: "Comment on the draft decision", explains: "Your comments go to the national body before it decides.", who: () => ["family", "local-service", "setting"] },
  ISSUE_FINAL_DECISION: { label: "Issue the final decision", explains: "Findings, reasons and remedies. Remedies are then monitored until done.", who: nationalBody },
  REMEDY_DONE: { label: "Record a remedy as done", explains: "Say what was done; the family will be told.", who: anyRespondent },
  REMEDY_FAILED: { label: "Record a remedy as not done", explains: "Say why. The national body will follow this up.", who: anyRespondent, warning: true },
  WITHDRAW: { label: "Withdraw the concern", explains: "This closes the concern at every stage. You can raise a new concern later.", who: family, warning: true },
};

/** The events this person may send now: allowed by the machine AND open to one of their capacities. */
export function actionsFor(capacities: readonly Capacity[], allowed: readonly string[], ctx: { rung: 1 | 2 | 3 | null; healthInvolved: boolean }): CaseEventType[] {
  return allowed.filter((type): type is CaseEventType => {
    const meta = CASE_ACTIONS[type as CaseEventType];
    return Boolean(meta && meta.who(ctx).some((c) => capacities.includes(c)));
  });
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
