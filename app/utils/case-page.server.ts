import type { CaseView, UserEventType } from "../../machines";
import { caseViewOn } from "./case-view-cache.server";
import { wordingFor } from "../components/case-events";
import { actionsFor, maySettleRemedy } from "./case-actions";
import { MAX_LENGTH } from "./limits";
import { londonDate } from "./dates";
import { Prisma } from "../../generated/prisma/client";
import { queryParts, queryRows } from "./database.server";
import { fileEventsFrom, fileEventsSql, latestHistoryFrom, latestHistorySql, threadFrom, threadSql } from "./case-history.server";
import { caseThreadFrom } from "./case-messages.server";
import { noteReadersOf } from "./case-messages";
import { fileNamesOf } from "./case-file.server";
import { evidenceFrom, evidenceSql } from "./evidence.server";
import { getPrisma } from "./db.server";
import { bodyMembers, mayAssign } from "./handlers.server";
import { capacitiesOf, capacityAccessesSql, caseScopeSql } from "./permissions.server";
import type { SessionUser } from "./session.server";

// Everything a case page needs, loaded THROUGH the user's read scope: a case outside it is a 404.
// Its cost does not grow with the case's history (docs/decisions/017).

interface CaseRow {
  id: string;
  ref: string;
  route: "process" | "substance";
  version: number;
  healthInvolved: boolean;
  machineId: string;
  machineVersion: number;
  snapshot: unknown;
  localAreaId: string;
  settingId: string;
  concernId: string;
  createdAt: Date;
  /** The accesses of the reader's update grants whose scope this case is in (capacitiesOf). */
  accesses: string[];
  setting: { name: string } | string;
  localArea: { name: string } | string;
  concern:
    | {
        ref: string;
        summary: string;
        receivedOn: string;
        receivedVia: string;
        raisedBy: { id: string; name: string };
        child: { givenName: string; familyName: string; youngPersonUserId: string | null };
      }
    | string;
  /** The cases on the same concern the reader may open too (this one included), by reference. */
  cases: { id: string; ref: string; route: "process" | "substance" }[] | string;
  views: { id: string; text: string; recordedFor: string; createdAt: string; authorId: string; authorName: string | null }[] | string;
  assignments: { capacity: string; user: { id: string; name: string } }[] | string;
  deadlines: { key: string; label: string }[] | string;
  /** The reader's own complaints-lead role, if any (docs/decisions/024). */
  readerLead: string | null;
  /** Names of the handlers and of the staff the concern is about, by id (their ids are in the snapshot). */
  people: Record<string, string> | string | null;
}

/** json columns arrive parsed from adapter-pg and may arrive as text from other drivers. */
function json<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

const REMEDY_EVENTS = new Set(["REMEDY_DONE", "REMEDY_FAILED"]);

export async function loadCaseForUser(user: SessionUser, caseId: string) {
  // An id that cannot exist is simply not found (and never reaches the database: no NUL bytes).
  if (!/^[A-Za-z0-9_-]+$/.test(caseId) || caseId.length > MAX_LENGTH.id) throw new Response("Not found", { status: 404 });
  const prisma = await getPrisma();
  // ONE prepared statement, whatever the case's history (docs/decisions/029): the case found
  // THROUGH the reader's read scope (caseScopeSql: the same clauses as caseScope, tested equal for
  // every persona), the capacities the reader's update grants prove on it, and everything around
  // it as JSON: setting, area, concern, the linked cases the reader may open, the young person's
  // views with their authors, assignments, deadlines, and the names of the people in the snapshot.
  const readable = caseScopeSql(user, "read");
  const [found] = await queryRows<CaseRow>(
    prisma,
    Prisma.sql`
    WITH found AS (
      SELECT c.id, c.ref, c.route::text AS route, c.version, c."healthInvolved", c."machineId", c."machineVersion", c.snapshot,
             c."localAreaId", c."settingId", c."concernId", c."createdAt" AT TIME ZONE 'UTC' AS "createdAt",
             ${capacityAccessesSql(user)} AS accesses
        FROM "Case" c
       WHERE c.id = ${caseId} AND ${readable}
    )
    SELECT f.*,
           json_build_object('name', st.name) AS setting,
           json_build_object('name', la.name) AS "localArea",
           json_build_object('ref', co.ref, 'summary', co.summary, 'receivedOn', co."receivedOn", 'receivedVia', co."receivedVia",
                             'raisedBy', json_build_object('id', rb.id, 'name', rb.name),
                             'child', json_build_object('givenName', ch."givenName", 'familyName', ch."familyName", 'youngPersonUserId', ch."youngPersonUserId")) AS concern,
           (SELECT json_agg(json_build_object('id', c.id, 'ref', c.ref, 'route', c.route) ORDER BY c.ref)
              FROM "Case" c WHERE c."concernId" = f."concernId" AND ${readable}) AS cases,
           COALESCE((SELECT json_agg(json_build_object('id', v.id, 'text', v.text, 'recordedFor', v."recordedFor", 'createdAt', v."createdAt" AT TIME ZONE 'UTC',
                                                       'authorId', v."authorId", 'authorName', vu.name) ORDER BY v."createdAt", v.id)
                       FROM "ConcernView" v LEFT JOIN "User" vu ON vu.id = v."authorId" WHERE v."concernId" = f."concernId"), '[]'::json) AS views,
           COALESCE((SELECT json_agg(json_build_object('capacity', a.capacity, 'user', json_build_object('id', au.id, 'name', au.name)) ORDER BY a."createdAt", a."userId")
                       FROM "CaseAssignment" a JOIN "User" au ON au.id = a."userId" WHERE a."caseId" = f.id), '[]'::json) AS assignments,
           COALESCE((SELECT json_agg(json_build_object('key', d.key, 'label', d.label) ORDER BY d.key) FROM "Deadline" d WHERE d."caseId" = f.id), '[]'::json) AS deadlines,
           (SELECT me."complaintsLead" FROM "User" me WHERE me.id = ${user.id}) AS "readerLead",
           (SELECT json_object_agg(pu.id, pu.name) FROM "User" pu WHERE pu.id IN (
              SELECT h->>'handlerId' FROM jsonb_array_elements(COALESCE(f.snapshot->'context'->'handlers', '[]'::jsonb)) h
              UNION SELECT pc->>'personId' FROM jsonb_array_elements(COALESCE(f.snapshot->'context'->'peopleConcerned', '[]'::jsonb)) pc)) AS people
      FROM found f
      JOIN "Setting" st ON st.id = f."settingId"
      JOIN "LocalArea" la ON la.id = f."localAreaId"
      JOIN "Concern" co ON co.id = f."concernId"
      JOIN "User" rb ON rb.id = co."raisedById"
      JOIN "Child" ch ON ch.id = co."childId"`,
  );
  if (!found) throw new Response("Not found", { status: 404 });
  const { accesses, setting, localArea, concern: concernJson, cases, views, assignments, deadlines, readerLead, people, ...kase } = found;
  const concern = json(concernJson);
  const row = {
    ...kase,
    createdAt: new Date(kase.createdAt),
    setting: json(setting),
    localArea: json(localArea),
    concern: {
      ...concern,
      receivedOn: new Date(concern.receivedOn),
      // Linked cases only where the reader may open them too.
      cases: json(cases),
      // The young person's own views (docs/decisions/020), with their authors' names.
      views: json(views).map((v) => ({ ...v, createdAt: new Date(v.createdAt) })),
    },
    assignments: json(assignments),
    people: json(people ?? {}),
    deadlines: json(deadlines),
  };
  // One machine restore per (case, version, day), shared by the action page, its POST and the case page after it.
  const { view, allowed } = caseViewOn({ ...row, snapshot: row.snapshot as Prisma.JsonValue }, londonDate());
  const capacities = capacitiesOf(user, accesses);
  const settleableRemedyIds = view.remedies.filter((r) => r.status === "open" && maySettleRemedy(r, capacities)).map((r) => r.id);
  const candidates = actionsFor(capacities, allowed, view).filter((type) => !REMEDY_EVENTS.has(type) || settleableRemedyIds.length > 0);
  // Only a complaints lead of the body answering assigns its handler (the governing body's lead when the concern is about a lead).
  const assigns = candidates.includes("ASSIGN_HANDLER") && (await mayAssignHandler(user, row, view, readerLead));
  const actions = candidates.filter((type) => type !== "ASSIGN_HANDLER" || assigns);
  return { row, view, capacities, actions, settleableRemedyIds };
}

async function mayAssignHandler(user: SessionUser, kase: { settingId: string; localAreaId: string; route: "process" | "substance" }, view: CaseView, readerLead: string | null) {
  if (!readerLead || view.rung === null) return false;
  // Nobody named yet: any complaints lead of the body answering (their capacity on the case proves which body) may assign.
  if (view.peopleConcerned.every((person) => !person.personId)) return true;
  return mayAssign(user, await bodyMembers(kase, view.rung), view);
}

/**
 * The write check for one event: the case as this user may read it (404 otherwise), and 403
 * unless the machine allows `type` now AND one of the user's capacities may send it.
 */
export async function requireCaseAction(user: SessionUser, caseId: string, type: UserEventType) {
  const page = await loadCaseForUser(user, caseId);
  assertMayAct(page, type);
  return page;
}

/** The same check on a case already loaded for this user. */
export function assertMayAct(page: CasePage, type: UserEventType): void {
  if (page.actions.includes(type)) return;
  const { label } = wordingFor(type, page.capacities, page.view.limits);
  throw new Response(`“${label}” is not something you can do on this case at the moment.`, { status: 403, statusText: "Forbidden" });
}

export type CasePage = Awaited<ReturnType<typeof loadCaseForUser>>;

/**
 * Everything the case page reads besides the case itself, in ONE statement (queryParts,
 * docs/decisions/029): the latest history (no reminders for the family), the events the file
 * quotes, the latest messages and the notes this reader may see with their counts, and the
 * evidence. Each part is the same query its own page runs alone (history, messages, evidence),
 * and the same function turns its rows into what the page shows.
 */
export async function readCaseFile(prisma: Parameters<typeof queryParts>[0], page: CasePage) {
  const { row, view, capacities, actions } = page;
  const noteParties = noteReadersOf(capacities);
  const { messages, notes, counts, ...rest } = await queryParts(prisma, {
    latest: latestHistorySql(row.id, capacities.includes("family"), noteParties),
    written: fileEventsSql(row.id),
    ...threadSql(row.id, noteParties),
    evidence: evidenceSql(row.id),
  });
  return {
    latest: latestHistoryFrom(rest.latest),
    events: fileEventsFrom(rest.written),
    thread: caseThreadFrom(threadFrom({ messages, notes, counts }), view, capacities, actions, fileNamesOf(row, view)),
    evidence: evidenceFrom(rest.evidence, page),
  };
}
