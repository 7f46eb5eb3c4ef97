import type { OwedAction, Party } from "../../machines";
import { Prisma } from "../../generated/prisma/client";
import { queryRows } from "./database.server";
import { getPrisma } from "./db.server";
import { londonDate } from "./dates";
import { caseScopeSql } from "./permissions.server";
import type { SessionUser } from "./session.server";
import { actionOwed, nextActionFor, partiesOfRoles, QUEUE_PAGE_SIZE, type ActionOwed, type QueueQuery } from "./work-queue";

// The work queue (docs/decisions/024): the cases a person may read, theirs to act on first.
// ONE statement per page: the reader's scope, the filters and search, the order and the total
// (a window count) together, read from columns the write path keeps on the case row
// (`owed`, `urgent`, `handlerId`), never from the log or per row.
//
// Order: urgent first; then cases where the reader's parties owe an overdue action (longest
// overdue first); then the rest of their actions, due soonest first; then cases with nothing
// owed by them (most recently changed first). The same rule as nextActionFor, in SQL.

export interface QueueRow {
  id: string;
  ref: string;
  route: "process" | "substance";
  rung: number | null;
  status: string;
  urgent: boolean;
  child: string;
  setting: string;
  handler: string | null;
  action: ActionOwed | null;
}

export interface QueuePage {
  rows: QueueRow[];
  total: number;
  page: number;
  pageSize: number;
  lastPage: number;
}

interface Raw {
  id: string;
  ref: string;
  route: "process" | "substance";
  rung: number | null;
  status: string;
  urgent: boolean;
  owed: OwedAction[] | string;
  givenName: string;
  familyName: string;
  setting: string;
  handler: string | null;
  total: number | bigint;
}

/** Escapes LIKE's own characters, so a search for "50%" finds "50%". */
const likeTerm = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function workQueue(user: SessionUser, query: QueueQuery, page: number, options: { today?: string; pageSize?: number } = {}): Promise<QueuePage> {
  const prisma = await getPrisma();
  const today = options.today ?? londonDate();
  const pageSize = options.pageSize ?? query.perPage ?? QUEUE_PAGE_SIZE;
  const parties: Party[] = partiesOfRoles(user.roles);
  const filters: Prisma.Sql[] = [caseScopeSql(user, "read")];
  if (query.show === "mine") filters.push(Prisma.sql`a.due IS NOT NULL`);
  if (query.status) filters.push(Prisma.sql`c.status = ${query.status}`);
  if (query.route) filters.push(Prisma.sql`c.route::text = ${query.route}`);
  if (query.rung) filters.push(Prisma.sql`c.rung = ${query.rung}`);
  if (query.setting) filters.push(Prisma.sql`c."settingId" = ${query.setting}`);
  if (query.assigned === "me") filters.push(Prisma.sql`c."handlerId" = ${user.id}`);
  if (query.assigned === "nobody") filters.push(Prisma.sql`c."handlerId" IS NULL`);
  if (query.q) {
    const term = likeTerm(query.q);
    filters.push(Prisma.sql`(c.ref ILIKE ${term} OR st.name ILIKE ${term} OR (ch."givenName" || ' ' || ch."familyName") ILIKE ${term} OR ch."familyName" ILIKE ${term})`);
  }
  // A prepared statement straight to the driver (docs/decisions/029): planned once per connection
  // for each shape of filters, and never through Prisma's query compiler.
  const rows = await queryRows<Raw>(
    prisma,
    Prisma.sql`
    SELECT c.id, c.ref, c.route::text AS route, c.rung, c.status, c.urgent, c.owed, ch."givenName", ch."familyName", st.name AS setting,
           hu.name AS handler, count(*) OVER () AS total
      FROM "Case" c
      JOIN "Setting" st ON st.id = c."settingId"
      JOIN "Concern" k ON k.id = c."concernId"
      JOIN "Child" ch ON ch.id = k."childId"
      LEFT JOIN "User" hu ON hu.id = c."handlerId"
      LEFT JOIN LATERAL (
        SELECT min(e->>'dueOn') AS due,
               min(e->>'dueOn') FILTER (WHERE e ? 'missedOn' OR e->>'dueOn' < ${today}) AS overdue
          FROM jsonb_array_elements(c.owed) e
         WHERE e->'owedBy' ?| ${parties}::text[]
      ) a ON true
     WHERE ${Prisma.join(filters, " AND ")}
     ORDER BY c.urgent DESC, (a.overdue IS NULL), a.overdue, a.due NULLS LAST, c."updatedAt" DESC, c.id
     LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  );
  const total = Number(rows[0]?.total ?? 0);
  return {
    rows: rows.map((row) => {
      const owed = typeof row.owed === "string" ? (JSON.parse(row.owed) as OwedAction[]) : row.owed;
      const next = nextActionFor(owed, parties, today);
      return {
        id: row.id,
        ref: row.ref,
        route: row.route,
        rung: row.rung,
        status: row.status,
        urgent: row.urgent,
        child: `${row.givenName} ${row.familyName}`,
        setting: row.setting,
        handler: row.handler,
        action: next ? actionOwed(next, today) : null,
      };
    }),
    total,
    page,
    pageSize,
    lastPage: Math.max(1, Math.ceil(total / pageSize)),
  };
}

/** The settings a reader's cases are at, for the filter (one indexed statement, through the same scope). */
export async function queueSettings(user: SessionUser): Promise<Array<{ id: string; name: string }>> {
  const prisma = await getPrisma();
  return queryRows<{ id: string; name: string }>(
    prisma,
    Prisma.sql`
    SELECT st.id, st.name FROM "Setting" st
     WHERE EXISTS (SELECT 1 FROM "Case" c WHERE c."settingId" = st.id AND ${caseScopeSql(user, "read")})
     ORDER BY st.name, st.id`,
  );
}
