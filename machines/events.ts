import { z } from "zod";
import { atSchema, isoDateSchema } from "./dates-schema";

/**
 * The event vocabulary: everything that can happen to a case. Every event
 * carries `at`, the only way time enters the machines.
 */
const text = z.string().trim().min(1);

export const FINDINGS = ["upheld", "partly-upheld", "not-upheld", "resolved-by-agreement", "withdrawn"] as const;
export type Finding = (typeof FINDINGS)[number];

/** Findings as people read them: the one list the case page, the forms and the emails use. */
export const FINDING_LABELS: Readonly<Record<Finding, string>> = {
  upheld: "Upheld",
  "partly-upheld": "Partly upheld",
  "not-upheld": "Not upheld",
  "resolved-by-agreement": "Resolved by agreement",
  withdrawn: "Withdrawn",
};

/** Findings a decision-maker can give; "withdrawn" only ever comes from WITHDRAW. */
export const DECIDED_FINDINGS = ["upheld", "partly-upheld", "not-upheld", "resolved-by-agreement"] as const satisfies readonly Finding[];
const decidedFindingSchema = z.enum(DECIDED_FINDINGS);

/** `replaces`: the id of an earlier remedy on the case this one takes the place of (its lineage; the earlier one stays on the file). */
const replaces = text.optional();
export const remedyInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("apology"), description: text, dueOn: isoDateSchema.optional(), replaces }),
  z.object({ kind: z.literal("action"), description: text, dueOn: isoDateSchema, replaces }),
  /** Retake the register decision: done when the setting records the new decision (docs/decisions/021). */
  z.object({ kind: z.literal("register-review"), description: text, dueOn: isoDateSchema.optional(), replaces }),
  /** Revise the development record: done when the setting saves the revised version. */
  z.object({ kind: z.literal("record-revision"), description: text, dueOn: isoDateSchema.optional(), replaces }),
  z.object({
    kind: z.literal("payment"),
    description: text,
    amountPence: z.number().int().positive(),
    dueOn: isoDateSchema.optional(),
    replaces,
  }),
]);
export type RemedyInput = z.infer<typeof remedyInputSchema>;

export const outcomeSchema = z.object({
  findings: z.array(z.object({ issueId: text, finding: decidedFindingSchema, reasons: text.optional() })).min(1),
  reasons: text,
  /** National Framework standards relied on, e.g. "NF-3.2". */
  standards: z.array(text),
  remedies: z.array(remedyInputSchema).default([]),
});
export type OutcomeInput = z.infer<typeof outcomeSchema>;

/** Who takes part in a case's conversation: the family and the bodies that answer for it. */
export const MESSAGE_PARTIES = ["family", "setting", "local-service", "health-partner", "national-body"] as const;
/** Who may keep internal notes: the bodies, each for its own staff. */
export const NOTE_PARTIES = ["setting", "local-service", "health-partner", "national-body"] as const;
export type NoteParty = (typeof NOTE_PARTIES)[number];
/** Who may see a file put on the case: every party, or only the body handling the case (and whoever added it). */
export const EVIDENCE_PARTIES = ["family", "setting", "local-service", "health-partner", "mediator", "national-body"] as const;
export const EVIDENCE_VISIBILITIES = ["all-parties", "handler"] as const;
export type EvidenceVisibility = (typeof EVIDENCE_VISIBILITIES)[number];
/** Why triage marks a concern urgent: a short list, so queues and reports can count them. */
export const URGENT_REASONS = ["out-of-education", "safeguarding", "placement-at-risk"] as const;
export type UrgentReason = (typeof URGENT_REASONS)[number];
export const URGENT_REASON_LABELS: Readonly<Record<UrgentReason, string>> = {
  "out-of-education": "The child is out of education",
  safeguarding: "There is a safeguarding worry",
  "placement-at-risk": "The child’s place is at risk",
};

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.object({ type: z.literal(type), at: atSchema, ...shape });

export const DEADLINE_EVENT_TYPES = ["DEADLINE_WARNING", "DEADLINE_MISSED"] as const;
/** Sent by the deadline sweeper (see DeadlineSpec.event); stale keys are ignored, never refused. */
const deadlineEvents = [event("DEADLINE_WARNING", { key: text }), event("DEADLINE_MISSED", { key: text })] as const;

const mediationEventSchemas = [
  event("SEND_MEDIATION_INFORMATION", {}),
  event("ACCEPT_MEDIATION", {}),
  event("DECLINE_MEDIATION", { reason: text.optional() }),
  event("ASSIGN_MEDIATOR", { mediatorId: text }),
  /** A session after the 30-day window needs both sides' agreement, recorded here. */
  /** `sessionTime` (24-hour HH:MM) and `place` (an address or a joining link) are told to everyone taking part. */
  event("SCHEDULE_SESSION", {
    sessionOn: isoDateSchema,
    laterDateAgreed: z.boolean().optional(),
    sessionTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .optional(),
    place: text.optional(),
  }),
  /** The session took place (recorded on or after the day): the session clock stops here, not at the outcome. */
  event("RECORD_SESSION_HELD", { heldOn: isoDateSchema }),
  event("RECORD_MEDIATION_OUTCOME", {
    agreedIssueIds: z.array(text),
    actions: z.array(remedyInputSchema).default([]),
    summary: text.optional(),
  }),
  event("ISSUE_CERTIFICATE", {}),
] as const;

export const mediationEventSchema = z.discriminatedUnion("type", [...mediationEventSchemas, ...deadlineEvents]);
export type MediationEvent = z.infer<typeof mediationEventSchema>;
export const MEDIATION_EVENT_TYPES = mediationEventSchemas.map((schema) => schema.shape.type.value);
export type MediationEventType = (typeof MEDIATION_EVENT_TYPES)[number];

const caseEventSchemas = z.discriminatedUnion("type", [
  event("ACKNOWLEDGE", { handlerId: text }),
  /** The body's complaints lead names who handles the concern at this rung (before or after it is acknowledged). */
  event("ASSIGN_HANDLER", { handlerId: text }),
  /** Triage: the concern is about a member of staff (`personId` when they have an account), who then cannot handle it. */
  event("NAME_PERSON_CONCERNED", { personId: text.optional(), description: text }),
  /** Triage: the concern needs attention first (the clocks stay as they are). */
  event("MARK_URGENT", { reason: z.enum(URGENT_REASONS), details: text.optional() }),
  event("PAUSE", { reason: text, waitingOn: z.enum(["family", "third-party"]) }),
  /** `information`: the family's answer, which ends a pause that waits on them. */
  event("RESUME", { information: text.optional() }),
  event("EXTEND", { reason: text, workingDays: z.number().int().positive() }),
  /** `decidedBy`: the person deciding, who may not have handled an earlier rung. */
  event("RESPOND", { outcome: outcomeSchema, decidedBy: text.optional() }),
  event("CONTRIBUTE_TO_RESPONSE", { party: z.enum(["setting", "local-service", "health-partner"]), contribution: text }),
  event("GIVE_DELAY_NOTICE", { reason: text, expectedOn: isoDateSchema }),
  event("ACCEPT_OUTCOME", {}),
  event("ESCALATE", { reason: text.optional() }),
  event("OFFER_MEDIATION", { requestedBy: z.enum(["family", "handler"]) }),
  ...mediationEventSchemas,
  event("ACCEPT_FOR_INVESTIGATION", { reasons: text.optional(), discretionReason: text.optional() }),
  event("REJECT_OUT_OF_JURISDICTION", { reasons: text }),
  event("REJECT_OUT_OF_TIME", { reasons: text }),
  event("ISSUE_DRAFT_DECISION", { outcome: outcomeSchema, decidedBy: text.optional() }),
  /** "respondent" is accepted from logs written before each body commented for itself (read as the local service). */
  event("SUBMIT_COMMENTS", { party: z.enum(["family", "setting", "local-service", "health-partner", "respondent"]), comments: text }),
  event("ISSUE_FINAL_DECISION", { outcome: outcomeSchema, decidedBy: text.optional() }),
  event("REMEDY_DONE", { remedyId: text, evidence: text.optional() }),
  event("REMEDY_FAILED", { remedyId: text, reason: text }),
  event("TAKE_REMEDY_FURTHER", { remedyId: text, reason: text }),
  event("WITHDRAW", { reason: text.optional() }),
  /**
   * A message between the family and the body handling the case (docs/decisions/023): accepted in
   * every state but `closed`, changes nothing but the time line; `party` is the part the writer plays.
   */
  event("SEND_MESSAGE", { party: z.enum(MESSAGE_PARTIES), message: text }),
  /** A note for the writing body's own staff, never shown to the family or anyone else (docs/decisions/023). */
  event("ADD_INTERNAL_NOTE", { party: z.enum(NOTE_PARTIES), note: text }),
  /**
   * A file put on the case (docs/decisions/022): what it is, its kind and size, and who may see it
   * ("all-parties", or "handler": the body handling the case and whoever added it). The file itself
   * is stored outside the log; `evidenceId` names its record. No state change. `party`: the part
   * the person who added it plays (absent in logs written before files were emailed about).
   */
  event("ADD_EVIDENCE", {
    party: z.enum(EVIDENCE_PARTIES).optional(),
    evidenceId: text,
    description: text,
    fileType: text,
    sizeBytes: z.number().int().nonnegative(),
    visibility: z.enum(EVIDENCE_VISIBILITIES),
  }),
  ...deadlineEvents,
]);

export type CaseEvent = z.infer<typeof caseEventSchemas>;
export type CaseEventType = CaseEvent["type"];
export type DeadlineEvent = Extract<CaseEvent, { type: (typeof DEADLINE_EVENT_TYPES)[number] }>;

/** Validates any incoming event; the app answers 400 with its issues. */
export const caseEventSchema: z.ZodType<CaseEvent> = caseEventSchemas;

export const CASE_EVENT_TYPES = caseEventSchemas.options.map((schema) => schema.shape.type.value) as CaseEventType[];

/** Events a person sends (everything but the sweeper's DEADLINE_* events): each has a form in the app. */
export type UserEventType = Exclude<CaseEventType, (typeof DEADLINE_EVENT_TYPES)[number]>;
export const USER_EVENT_TYPES = CASE_EVENT_TYPES.filter((type): type is UserEventType => !isDeadlineEvent({ type }));

/** What an event carries besides its type and date: what a form must produce. */
export type EventPayload<T extends CaseEventType> = Omit<Extract<CaseEvent, { type: T }>, "type" | "at">;

const PAYLOAD_SCHEMAS = new Map<string, z.ZodType>(caseEventSchemas.options.map((schema) => [schema.shape.type.value, (schema as z.ZodObject).omit({ type: true, at: true })]));

/** The machine's own schema for one event's payload: the app's server validation ends with it. */
export function eventPayloadSchema<T extends CaseEventType>(type: T): z.ZodType<EventPayload<T>> {
  const schema = PAYLOAD_SCHEMAS.get(type);
  if (!schema) throw new RangeError(`unknown event type ${type}`);
  return schema as unknown as z.ZodType<EventPayload<T>>;
}

export function isDeadlineEvent(event: { type: string }): event is DeadlineEvent {
  return (DEADLINE_EVENT_TYPES as readonly string[]).includes(event.type);
}

export function isMediationEvent(event: { type: string }): event is Extract<CaseEvent, { type: MediationEventType }> {
  return (MEDIATION_EVENT_TYPES as readonly string[]).includes(event.type);
}
