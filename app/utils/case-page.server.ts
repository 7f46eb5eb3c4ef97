import { allowedEvents, viewCase } from "../../machines";
import { actionsFor } from "./case-actions";
import { londonDate } from "./dates";
import { getPrisma } from "./db.server";
import { caseScope, capacitiesOn } from "./permissions.server";
import type { SessionUser } from "./session.server";

// Everything a case page needs, loaded THROUGH the user's read scope: a case outside it is a 404.

export async function loadCaseForUser(user: SessionUser, caseId: string) {
  const prisma = await getPrisma();
  const row = await prisma.case.findFirst({
    where: { AND: [{ id: caseId }, caseScope(user, "read")] },
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
          cases: { select: { id: true, ref: true, route: true } },
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
  const actions = actionsFor(capacities, allowedEvents(persisted, londonDate()), { rung: view.rung, healthInvolved: row.healthInvolved });
  return { row, view, capacities, actions };
}
