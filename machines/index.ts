/**
 * Public contract of machines/: pure rules for Redress cases. The app imports
 * only from here. Nothing in machines/ reads the clock or does IO; time comes
 * in on each event's `at`.
 */
export { CASE_MACHINE_ID, CASE_MACHINE_VERSION, SNAPSHOT_MIGRATIONS, migrateSnapshot } from "./persistence";
export type { PersistedCase, SnapshotMigration } from "./persistence";
export { startCase, transitionCase, LiveCase, allowedEvents, viewCase, viewAndAllowedEvents, compareDueDeadlines } from "./case-api";
export type { CaseStep, CaseTransition } from "./case-api";
export { EventNotAllowedError, SnapshotVersionError, InvalidCaseEventError } from "./errors";
export {
  caseEventSchema,
  mediationEventSchema,
  outcomeSchema,
  remedyInputSchema,
  CASE_EVENT_TYPES,
  MEDIATION_EVENT_TYPES,
  DEADLINE_EVENT_TYPES,
  FINDINGS,
  FINDING_LABELS,
  URGENT_REASONS,
  URGENT_REASON_LABELS,
  DECIDED_FINDINGS,
  EVIDENCE_VISIBILITIES,
  USER_EVENT_TYPES,
  MESSAGE_PARTIES,
  NOTE_PARTIES,
  eventPayloadSchema,
  isDeadlineEvent,
  isMediationEvent,
} from "./events";
export type {
  CaseEvent,
  CaseEventType,
  UserEventType,
  EventPayload,
  DeadlineEvent,
  EvidenceVisibility,
  Finding,
  MediationEvent,
  OutcomeInput,
  RemedyInput,
  NoteParty,
} from "./events";
export type { UrgentReason } from "./events";
export { caseInputSchema } from "./case-input";
export type { CaseInput, Issue } from "./case-input";
export { triageConcern, caseRefFor } from "./triage";
export type { Concern } from "./triage";
export { ROUTES, ISSUE_CATEGORIES, routeOf } from "./route";
export type { Route, IssueCategory } from "./route";
export type { CaseView, MediationView, OwedAction } from "./view";
export { clockKey } from "./case-context";
export type { DeadlineSpec, Party } from "./clocks";
export { PARTIES } from "./clocks";
export type { RungNumber } from "./parties";
export { rungName, respondentName, respondentsAt, RESPONDENT_NAMES } from "./parties";
export type { NotificationData, NotificationKind, NotificationPayload, NotificationSpec } from "./notifications";
export { NOTIFICATION_KINDS } from "./notifications";
export { SENDERS, sendersOf, maySend, senderContextOf, type SenderContext } from "./senders";
export type { Remedy } from "./remedies";
export type { OutcomeRecord, ConclusionReason } from "./case-context";
export { default as DEFAULT_POLICY, POLICIES, policySchema } from "./policy";
export type { Policy } from "./policy";
export {
  addWorkingDays,
  isWorkingDay,
  workingDaysBetween,
  addCalendarDays,
  addCalendarMonths,
  schoolCalendar,
  calendarFor,
  englandAndWales,
  bankHolidayName,
  CalendarRangeError,
} from "./calendar";
export type { CalendarSpec, Term, WorkingCalendar } from "./calendar";
export {
  REGISTER_OUTCOMES,
  REGISTER_POLICY,
  REQUEST_DEADLINE_KEY,
  allowedOutcomes,
  applyRegisterDecision,
  applyRegisterRequestEvent,
  canRegisterRequest,
  decideRegister,
  registerDecisionEventSchema,
  registerDecisionProblem,
  registerEntryMachine,
  registerRequestMachine,
  RegisterDecisionRefused,
  RegisterRequestEventRefused,
  replayRegister,
  reviewState,
  startRegisterRequest,
  statusAfter,
} from "./register.machine";
export type {
  PersistedRegisterRequest,
  RegisterDecisionEvent,
  RegisterDecisionKind,
  RegisterEntryContext,
  RegisterOutcome,
  RegisterRequestEvent,
  RegisterRequestState,
  RegisterRequestStep,
  RegisterStatus,
  ReviewState,
} from "./register.machine";
