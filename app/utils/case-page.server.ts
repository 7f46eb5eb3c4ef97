import { allowedEvents, viewCase } from "../../machines";
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
  const actions = actionsFor(capacities, allowedEvents(persisted, londonDate()), {
    rung: view.rung,
    healthInvolved: row.healthInvolved,
    pausedForFamily: view.pausedClocks.some((clock) => clock.waitingOn === "family"),
  }).filter((type) => !REMEDY_EVENTS.has(type) || settleableRemedyIds.length > 0);
  return { row, view, capacities, actions, settleableRemedyIds };
}
