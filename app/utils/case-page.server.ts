import { allowedEvents, viewCase, type CaseView, type UserEventType } from "../../machines";
import { wordingFor } from "../components/case-events";
import { actionsFor, maySettleRemedy } from "./case-actions";
import { MAX_LENGTH } from "./limits";
import { londonDate } from "./dates";
import { Prisma } from "../../generated/prisma/client";
import { queryRows } from "./database.server";
import { getPrisma } from "./db.server";
import { bodyMembers, mayAssign } from "./handlers.server";
import { caseScope, capacitiesOn } from "./permissions.server";
import type { SessionUser } from "./session.server";

// Everything a case page needs, loaded THROUGH the user's read scope: a case outside it is a 404.
// Its cost does not grow with the case's history (docs/decisions/017).

interface AroundRow {
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
  siblings: number;
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
  const readable = caseScope(user, "read");
  // Two statements (three for a split concern), whatever the case's history: the case through
  // the reader's scope, then everything around it as one JSON row. The Prisma include this replaces
  // sent ten (one per relation).
  const found = await prisma.case.findFirst({
    where: { AND: [{ id: caseId }, readable] },
    select: {
      id: true,
      ref: true,
      route: true,
      version: true,
      healthInvolved: true,
      machineId: true,
      machineVersion: true,
      snapshot: true,
      localAreaId: true,
      settingId: true,
      concernId: true,
      createdAt: true,
    },
  });
  if (!found) throw new Response("Not found", { status: 404 });
  const [around] = await queryRows<AroundRow>(
    prisma,
    Prisma.sql`
    SELECT json_build_object('name', st.name) AS setting,
           json_build_object('name', la.name) AS "localArea",
           json_build_object('ref', co.ref, 'summary', co.summary, 'receivedOn', co."receivedOn", 'receivedVia', co."receivedVia",
                             'raisedBy', json_build_object('id', rb.id, 'name', rb.name),
                             'child', json_build_object('givenName', ch."givenName", 'familyName', ch."familyName", 'youngPersonUserId', ch."youngPersonUserId")) AS concern,
           (SELECT count(*)::int FROM "Case" sib WHERE sib."concernId" = c."concernId" AND sib.id <> c.id) AS siblings,
           COALESCE((SELECT json_agg(json_build_object('capacity', a.capacity, 'user', json_build_object('id', au.id, 'name', au.name)) ORDER BY a."createdAt", a."userId")
                       FROM "CaseAssignment" a JOIN "User" au ON au.id = a."userId" WHERE a."caseId" = c.id), '[]'::json) AS assignments,
           COALESCE((SELECT json_agg(json_build_object('key', d.key, 'label', d.label) ORDER BY d.key) FROM "Deadline" d WHERE d."caseId" = c.id), '[]'::json) AS deadlines,
           (SELECT me."complaintsLead" FROM "User" me WHERE me.id = ${user.id}) AS "readerLead",
           (SELECT json_object_agg(pu.id, pu.name) FROM "User" pu WHERE pu.id IN (
              SELECT h->>'handlerId' FROM jsonb_array_elements(COALESCE(c.snapshot->'context'->'handlers', '[]'::jsonb)) h
              UNION SELECT pc->>'personId' FROM jsonb_array_elements(COALESCE(c.snapshot->'context'->'peopleConcerned', '[]'::jsonb)) pc)) AS people
      FROM "Case" c
      JOIN "Setting" st ON st.id = c."settingId"
      JOIN "LocalArea" la ON la.id = c."localAreaId"
      JOIN "Concern" co ON co.id = c."concernId"
      JOIN "User" rb ON rb.id = co."raisedById"
      JOIN "Child" ch ON ch.id = co."childId"
     WHERE c.id = ${found.id}`,
  );
  if (!around) throw new Response("Not found", { status: 404 });
  const concern = json(around.concern);
  // Linked cases only where the reader may open them too.
  const cases =
    around.siblings > 0
      ? await prisma.case.findMany({ where: { AND: [{ concernId: found.concernId }, readable] }, select: { id: true, ref: true, route: true }, orderBy: { ref: "asc" } })
      : [{ id: found.id, ref: found.ref, route: found.route }];
  const row = {
    ...found,
    setting: json(around.setting),
    localArea: json(around.localArea),
    // The young person's own views (docs/decisions/020).
    concern: {
      ...concern,
      receivedOn: new Date(concern.receivedOn),
      cases,
      views: await queryRows<{ id: string; text: string; recordedFor: string; createdAt: Date; authorId: string }>(
        prisma,
        Prisma.sql`SELECT id, text, "recordedFor", "createdAt" AT TIME ZONE 'UTC' AS "createdAt", "authorId" FROM "ConcernView" WHERE "concernId" = ${found.concernId} ORDER BY "createdAt", id`,
      ),
    },
    assignments: json(around.assignments),
    people: json(around.people ?? {}),
    deadlines: json(around.deadlines),
  };
  const persisted = { machineId: row.machineId, machineVersion: row.machineVersion, snapshot: row.snapshot };
  const view = viewCase(persisted);
  const capacities = await capacitiesOn(prisma, user, row.id);
  const settleableRemedyIds = view.remedies.filter((r) => r.status === "open" && maySettleRemedy(r, capacities)).map((r) => r.id);
  const candidates = actionsFor(capacities, allowedEvents(persisted, londonDate()), view).filter((type) => !REMEDY_EVENTS.has(type) || settleableRemedyIds.length > 0);
  // Only a complaints lead of the body answering assigns its handler (the governing body's lead when the concern is about a lead).
  const assigns = candidates.includes("ASSIGN_HANDLER") && (await mayAssignHandler(user, row, view, around.readerLead));
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
