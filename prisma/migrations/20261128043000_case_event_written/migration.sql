-- The events people wrote that the case page reads by type (docs/decisions/017, 029): the case
-- file's quoted events, messages and internal notes. A partial index holds only these, so a case
-- page reads them without walking a long log of automatic events (reminders, pauses, breaches),
-- and writing any other event costs nothing more. The list is WRITTEN_EVENT_TYPES in
-- app/utils/case-history.server.ts; the page's queries name the types as literals so the planner
-- can use this index. (Prisma's schema cannot express a partial index: `db:diff` lists it.)
CREATE INDEX "CaseEvent_written_idx" ON "CaseEvent" ("caseId", seq)
  WHERE type IN ('SUBMIT_COMMENTS', 'CONTRIBUTE_TO_RESPONSE', 'ESCALATE', 'TAKE_REMEDY_FURTHER', 'ISSUE_DRAFT_DECISION', 'SCHEDULE_SESSION', 'SEND_MESSAGE', 'ADD_INTERNAL_NOTE');
