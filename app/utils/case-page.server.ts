import { allowedEvents, viewCase, type UserEventType } from "../../machines";
import { wordingFor } from "../components/case-events";
import { actionsFor, maySettleRemedy } from "./case-actions";
import { MAX_LENGTH } from "./limits";
import { londonDate } from "./dates";
import { getPrisma } from "./db.server";
import { caseScope, capacitiesOn } from "./permissions.server";
import type { SessionUser } from "./session.server";

// Everything a case page needs, loaded THROUGH the user's read scope: a case outside it is a 404.

const REMEDY_EVENTS = new Set(["REMEDY_DONE", "REMEDY_FAILED"]);

export async function loadCaseForUser(user: SessionUser, caseId: string) {
  // An id that cannot exist is simply not found (and never reaches the database: no NUL bytes).
  if (!/^[A-Za-z0-9_-]+$/.test(caseId) || caseId.length > MAX_LENGTH.id) throw new Response("Not found", { status: 404 });
  const prisma = await getPrisma();
  const readable = caseScope(user, "read");
  const row = await prisma.case.findFirst({
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
      createdAt: true,
      setting: { select: { name: true } },
      localArea: { select: { name: true } },
      concern: {
        select: {
          ref: true,
          summary: true,
          receivedOn: true,
          raisedBy: { select: { id: true, name: true } },
          child: { select: { givenName: true, familyName: true } },
          // Linked cases only where the reader may open them too.
          cases: { where: readable, select: { id: true, ref: true, route: true } },
        },
      },
      events: { orderBy: { seq: "desc" }, select: { seq: true, type: true, payload: true, toState: true, actorLabel: true, occurredAt: true, actor: { select: { name: true, erasedAt: true } } } },
      assignments: { select: { capacity: true, user: { select: { id: true, name: true } } } },
      deadlines: { select: { key: true, label: true } },
    },
  });
  if (!row) throw new Response("Not found", { status: 404 });
  const persisted = { machineId: row.machineId, machineVersion: row.machineVersion, snapshot: row.snapshot };
  const view = viewCase(persisted);
  const capacities = await capacitiesOn(prisma, user, row.id);
  const settleableRemedyIds = view.remedies.filter((r) => r.status === "open" && maySettleRemedy(r, capacities)).map((r) => r.id);
  const actions = actionsFor(capacities, allowedEvents(persisted, londonDate()), view).filter((type) => !REMEDY_EVENTS.has(type) || settleableRemedyIds.length > 0);
  return { row, view, capacities, actions, settleableRemedyIds };
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
