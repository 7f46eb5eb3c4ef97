import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import type { LogEvent } from "./case-file";
import { MESSAGE_EVENT, NOTE_EVENT } from "./case-messages";
import { queryParts, queryRows } from "./database.server";

// A case's history, read a page at a time (docs/decisions/017): the case page shows the latest
// few entries whatever the length of the log, and /cases/:id/history pages through the rest.
// One statement per read, straight off the (caseId, seq) index; never the whole log.

/** Entries on the case page itself. */
export const HISTORY_ON_CASE_PAGE = 20;
/** Entries per page of the full history. */
export const HISTORY_PAGE_SIZE = 50;
/** The most pages anyone may ask for (a 12-year case has a few hundred events). */
export const MAX_HISTORY_PAGE = 10_000;

interface EventRow {
  seq: number;
  type: string;
  payload: unknown;
  toState: string;
  actorLabel: string;
  actorName: string | null;
  actorErasedAt: Date | string | null;
  /** A Date from the driver; an ISO string from a queryParts statement. */
  occurredAt: Date | string;
}

function toLogEvent(row: EventRow): LogEvent {
  return {
    seq: row.seq,
    type: row.type,
    payload: row.payload,
    toState: row.toState,
    // The log keeps the name as it was; an erased person is shown by their pseudonym.
    actor: row.actorLabel.startsWith("system:") ? "Redress (automatic)" : row.actorErasedAt ? (row.actorName ?? row.actorLabel) : row.actorLabel,
    recordedAt: typeof row.occurredAt === "string" ? new Date(row.occurredAt) : row.occurredAt,
  };
}

/** A case's events with who recorded them: the history and the case file read the same columns. */
const EVENTS_WITH_ACTORS = Prisma.sql`
  SELECT e.seq, e.type, e.payload, e."toState", e."actorLabel", u.name AS "actorName", u."erasedAt" AT TIME ZONE 'UTC' AS "actorErasedAt", e."occurredAt" AT TIME ZONE 'UTC' AS "occurredAt"
    FROM "CaseEvent" e LEFT JOIN "User" u ON u.id = e."actorId"`;

/**
 * Internal notes only for the staff of the body that wrote them (docs/decisions/023): filtered in
 * the query, so a note never leaves the database for anyone else. `noteParties`: noteReadersOf(capacities).
 */
function notesVisible(noteParties: readonly string[], alias = Prisma.empty): Prisma.Sql {
  return Prisma.sql`(${alias}type <> ${NOTE_EVENT} OR ${alias}payload->>'party' = ANY(${[...noteParties]}::text[]))`;
}

/**
 * History entries newest first, `limit` from `offset`. Automatic reminders are for the people who
 * owe the deadline: a family's history leaves them out (`forFamily`).
 */
function readEventsSql(caseId: string, forFamily: boolean, limit: number, offset: number, noteParties: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    ${EVENTS_WITH_ACTORS}
     WHERE e."caseId" = ${caseId} AND (${!forFamily} OR e.type <> 'DEADLINE_WARNING') AND ${notesVisible(noteParties, Prisma.sql`e.`)}
     ORDER BY e.seq DESC
     LIMIT ${limit} OFFSET ${offset}`;
}

/** The query behind latestHistory, for a page that reads it with others in one statement (queryParts). */
export function latestHistorySql(caseId: string, forFamily: boolean, noteParties: readonly string[] = []): Prisma.Sql {
  return readEventsSql(caseId, forFamily, HISTORY_ON_CASE_PAGE + 1, 0, noteParties);
}

/** latestHistory's answer from its rows. */
export function latestHistoryFrom(rows: readonly unknown[]) {
  const events = rows as EventRow[];
  return { events: events.slice(0, HISTORY_ON_CASE_PAGE).map(toLogEvent), more: events.length > HISTORY_ON_CASE_PAGE };
}

/** The latest entries for the case page, and whether there are older ones. */
export async function latestHistory(prisma: PrismaClient, caseId: string, forFamily: boolean, noteParties: readonly string[] = []) {
  return latestHistoryFrom(await queryRows<EventRow>(prisma, latestHistorySql(caseId, forFamily, noteParties)));
}

/** Event types whose words have their own place on the case file (comments, contributions, escalation reasons, drafts' remedies, sessions). */
export const FILE_EVENT_TYPES = ["SUBMIT_COMMENTS", "CONTRIBUTE_TO_RESPONSE", "ESCALATE", "TAKE_REMEDY_FURTHER", "ISSUE_DRAFT_DECISION", "SCHEDULE_SESSION"] as const;

/**
 * The events people wrote that the case page reads by type: the file's quoted events, messages and
 * notes. The partial index "CaseEvent_written_idx" (migration 20261128043000_case_event_written)
 * holds exactly these, so the page reads them without walking a long log of automatic events
 * (docs/decisions/017); tests/integration/case-page-sql.test.ts checks the index lists the same set.
 */
export const WRITTEN_EVENT_TYPES = [...FILE_EVENT_TYPES, MESSAGE_EVENT, NOTE_EVENT] as const;

/**
 * Event types as SQL literals, not bound parameters: PostgreSQL uses a partial index only when it
 * can prove the query's condition implies the index's, which a generic plan of a prepared
 * statement with `type = $1` cannot. Only the constants above reach here.
 */
function typeLiterals(types: readonly string[]): Prisma.Sql {
  for (const type of types) if (!/^[A-Z_]+$/.test(type)) throw new Error(`Not an event type: ${type}`);
  return Prisma.raw(types.map((type) => `'${type}'`).join(", "));
}

/**
 * The events the case file quotes, oldest first: written by people, so bounded by what people
 * wrote, never by automatic reminders or the length of the log (docs/decisions/017, 019).
 */
export async function fileEvents(prisma: PrismaClient, caseId: string): Promise<LogEvent[]> {
  return fileEventsFrom(await queryRows<EventRow>(prisma, fileEventsSql(caseId)));
}

/** The query behind fileEvents (queryParts). */
export function fileEventsSql(caseId: string): Prisma.Sql {
  return Prisma.sql`
    ${EVENTS_WITH_ACTORS}
     WHERE e."caseId" = ${caseId} AND e.type IN (${typeLiterals(FILE_EVENT_TYPES)})
     ORDER BY e.seq`;
}

/** fileEvents' answer from its rows. */
export function fileEventsFrom(rows: readonly unknown[]): LogEvent[] {
  return (rows as EventRow[]).map(toLogEvent);
}

/** One page (1-based) of the full history, with the number of entries and pages. */
export async function historyPage(prisma: PrismaClient, caseId: string, forFamily: boolean, page: number, noteParties: readonly string[] = []) {
  const [counted] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "CaseEvent" WHERE "caseId" = ${caseId} AND (${!forFamily} OR type <> 'DEADLINE_WARNING') AND ${notesVisible(noteParties)}`;
  const total = counted?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const rows = page <= pages ? await queryRows<EventRow>(prisma, readEventsSql(caseId, forFamily, HISTORY_PAGE_SIZE, (page - 1) * HISTORY_PAGE_SIZE, noteParties)) : [];
  return { events: rows.map(toLogEvent), total, pages };
}

/** `?page=` as a whole number from 1, or null when it is not one. */
export function parsePage(value: string | null): number | null {
  if (value === null || value === "") return 1;
  if (!/^[1-9][0-9]{0,5}$/.test(value)) return null;
  const page = Number(value);
  return page <= MAX_HISTORY_PAGE ? page : null;
}

/** Messages or notes shown on the case page at most; older ones are on the messages page. */
export const THREAD_ON_CASE_PAGE = 20;

/**
 * The latest messages on the case and the notes this reader may see (none for anyone acting for
 * the family), each newest first in the query, with how many there are in all. Notes are
 * filtered in the query. Three parts of one statement (queryParts).
 */
export function threadSql(caseId: string, noteParties: readonly string[], limit = THREAD_ON_CASE_PAGE, offset = 0) {
  return {
    messages: Prisma.sql`
      ${EVENTS_WITH_ACTORS}
       WHERE e."caseId" = ${caseId} AND e.type = ${typeLiterals([MESSAGE_EVENT])}
       ORDER BY e.seq DESC LIMIT ${limit} OFFSET ${offset}`,
    // No reader of notes (the family): the empty list reads nothing.
    notes: Prisma.sql`
      ${EVENTS_WITH_ACTORS}
       WHERE e."caseId" = ${caseId} AND e.type = ${typeLiterals([NOTE_EVENT])} AND e.payload->>'party' = ANY(${[...noteParties]}::text[])
       ORDER BY e.seq DESC LIMIT ${limit} OFFSET ${offset}`,
    counts: Prisma.sql`
      SELECT count(*) FILTER (WHERE type = ${MESSAGE_EVENT})::int AS messages,
             count(*) FILTER (WHERE type = ${NOTE_EVENT} AND payload->>'party' = ANY(${[...noteParties]}::text[]))::int AS notes
        FROM "CaseEvent" WHERE "caseId" = ${caseId} AND type IN (${typeLiterals([MESSAGE_EVENT, NOTE_EVENT])})`,
  };
}

/** threadEvents' answer from the rows of threadSql's parts: each list newest last. */
export function threadFrom(rows: { messages: readonly unknown[]; notes: readonly unknown[]; counts: readonly unknown[] }) {
  const counts = rows.counts[0] as { messages: number; notes: number } | undefined;
  return {
    messages: (rows.messages as EventRow[]).map(toLogEvent).reverse(),
    notes: (rows.notes as EventRow[]).map(toLogEvent).reverse(),
    messageCount: counts?.messages ?? 0,
    noteCount: counts?.notes ?? 0,
  };
}

/** The latest messages and the notes this reader may see, in one statement (docs/decisions/029). */
export async function threadEvents(prisma: PrismaClient, caseId: string, noteParties: readonly string[], limit = THREAD_ON_CASE_PAGE, offset = 0) {
  return threadFrom(await queryParts(prisma, threadSql(caseId, noteParties, limit, offset)));
}
