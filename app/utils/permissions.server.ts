import { Prisma as P, type Prisma, type PrismaClient } from "../../generated/prisma/client";
import type { Capacity } from "./case-actions";
import { accessLevels, type Access, type Action } from "./permissions";
import type { SessionUser } from "./session.server";
import { londonDate } from "./dates";
import { activeRepresentation } from "./representation-scope";

// Turns a user's access levels into a query filter, so ownership is enforced INSIDE the
// query's where-clause: a record outside it is simply not found (404), never fetched then hidden.

const NOTHING: Prisma.CaseWhereInput = { id: { in: [] } };
/** CaseView["status"] while a mediation runs (machines/view.ts). */
const MEDIATION_RUNNING = "in-mediation";

/** The children a user answers for: as a parent or carer, or the young person themself. */
export function childScope(user: Pick<SessionUser, "id">): Prisma.ChildWhereInput {
  return { OR: [{ guardians: { some: { userId: user.id } } }, { youngPersonUserId: user.id }] };
}

export function scopeFor(access: Access, user: SessionUser): Prisma.CaseWhereInput {
  switch (access) {
    case "any":
      return {};
    case "own":
      return { concern: { child: childScope(user) } };
    case "represented":
      return { concern: { child: { representations: { some: activeRepresentation(user.id, "act") } } } };
    case "setting":
      return user.settingId ? { settingId: user.settingId } : NOTHING;
    case "area":
      return user.localAreaId ? { localAreaId: user.localAreaId } : NOTHING;
    case "health":
      return user.localAreaId ? { localAreaId: user.localAreaId, healthInvolved: true } : NOTHING;
    // A mediator's access lasts only while the mediation runs: the case row's status (kept by
    // applyCaseEvent from the machine's view) is "in-mediation", and they are its mediator (the
    // assignment kept from the machine's record by the write path, app/utils/case-write.server.ts).
    // Once the certificate is issued, or the mediation otherwise ends, the case is closed to them.
    case "assigned":
      return { status: MEDIATION_RUNNING, assignments: { some: { userId: user.id, capacity: "mediator" } } };
    // Once a case reaches the national body it stays theirs, through compliance monitoring to closure.
    case "national-process":
      return { route: "process", highestRung: 3 };
    case "national-substance":
      return { route: "substance", highestRung: 3 };
    case "aggregate":
      return NOTHING;
  }
}

/** Cases the user may `action` (read, update, …). Empty filter result for no permission. */
export function caseScope(user: SessionUser, action: Action, entity: "case" | "mediation" = "case"): Prisma.CaseWhereInput {
  const levels = accessLevels(user, action, entity);
  if (levels.length === 0) return NOTHING;
  return { OR: levels.map((level) => scopeFor(level, user)) };
}

/**
 * The same scope as `scopeFor`, as SQL on a "Case" aliased `c`, for the read side's hand-written
 * statements (the work queue). Every clause mirrors one above; tests/integration/work-queue.test.ts
 * checks on both engines that both forms find the same cases for every demo persona.
 */
export function scopeSqlFor(access: Access, user: SessionUser): P.Sql {
  const child = (condition: P.Sql) => P.sql`EXISTS (SELECT 1 FROM "Concern" sk JOIN "Child" sc ON sc.id = sk."childId" WHERE sk.id = c."concernId" AND ${condition})`;
  switch (access) {
    case "any":
      return P.sql`TRUE`;
    case "own":
      return child(P.sql`(sc."youngPersonUserId" = ${user.id} OR EXISTS (SELECT 1 FROM "Guardianship" sg WHERE sg."childId" = sc.id AND sg."userId" = ${user.id}))`);
    case "represented":
      return child(
        P.sql`EXISTS (SELECT 1 FROM "Representation" sr WHERE sr."childId" = sc.id AND sr."representativeId" = ${user.id} AND sr."withdrawnAt" IS NULL
              AND sr."actOnConcerns" AND (sr."validUntil" IS NULL OR sr."validUntil" >= ${londonDate()}::date))`,
      );
    case "setting":
      return user.settingId ? P.sql`c."settingId" = ${user.settingId}` : P.sql`FALSE`;
    case "area":
      return user.localAreaId ? P.sql`c."localAreaId" = ${user.localAreaId}` : P.sql`FALSE`;
    case "health":
      return user.localAreaId ? P.sql`(c."localAreaId" = ${user.localAreaId} AND c."healthInvolved")` : P.sql`FALSE`;
    case "assigned":
      return P.sql`(c.status = ${MEDIATION_RUNNING} AND EXISTS (SELECT 1 FROM "CaseAssignment" sa WHERE sa."caseId" = c.id AND sa."userId" = ${user.id} AND sa.capacity = 'mediator'))`;
    case "national-process":
      return P.sql`(c.route = 'process' AND c."highestRung" = 3)`;
    case "national-substance":
      return P.sql`(c.route = 'substance' AND c."highestRung" = 3)`;
    case "aggregate":
      return P.sql`FALSE`;
  }
}

export function caseScopeSql(user: SessionUser, action: Action, entity: "case" | "mediation" = "case"): P.Sql {
  const levels = accessLevels(user, action, entity);
  if (levels.length === 0) return P.sql`FALSE`;
  return P.sql`(${P.join(
    levels.map((level) => scopeSqlFor(level, user)),
    " OR ",
  )})`;
}

const CAPACITY_OF_ACCESS: Partial<Record<Access, Capacity>> = {
  own: "family",
  // A representative acts in the family's place, within the consent recorded (docs/decisions/020).
  represented: "family",
  setting: "setting",
  area: "local-service",
  health: "health-partner",
  assigned: "mediator",
  "national-process": "national-body",
  "national-substance": "national-body",
};

/** The accesses of a user's update grants that prove a capacity, in grant order, once each. */
function capacityAccesses(user: SessionUser): Access[] {
  return [...new Set([...accessLevels(user, "update", "case"), ...accessLevels(user, "update", "mediation")])].filter((access) => CAPACITY_OF_ACCESS[access]);
}

/**
 * `capacitiesOn` for the case page's single statement (docs/decisions/029): SQL on a "Case"
 * aliased `c` giving the accesses (text[]) whose scope the row is in; `capacitiesOf` turns them into
 * capacities exactly as `capacitiesOn` does. tests/integration/case-page-sql.test.ts checks both
 * forms agree for every persona on every case, on both engines.
 */
export function capacityAccessesSql(user: SessionUser): P.Sql {
  const accesses = capacityAccesses(user);
  if (accesses.length === 0) return P.sql`ARRAY[]::text[]`;
  return P.sql`array_remove(ARRAY[${P.join(
    accesses.map((access) => P.sql`CASE WHEN ${scopeSqlFor(access, user)} THEN ${access}::text END`),
    ", ",
  )}]::text[], NULL)`;
}

export function capacitiesOf(user: SessionUser, proven: readonly string[]): Capacity[] {
  const capacities = new Set<Capacity>();
  for (const access of capacityAccesses(user)) if (proven.includes(access)) capacities.add(CAPACITY_OF_ACCESS[access]!);
  return [...capacities];
}

/**
 * The capacities in which this user may change this case, each proved by the same query scope
 * that guards reading it (so the two can never disagree).
 */
export async function capacitiesOn(prisma: PrismaClient, user: SessionUser, caseId: string): Promise<Capacity[]> {
  const grants = [...accessLevels(user, "update", "case").map((access) => ({ access })), ...accessLevels(user, "update", "mediation").map((access) => ({ access }))];
  const capacities = new Set<Capacity>();
  for (const { access } of grants) {
    const capacity = CAPACITY_OF_ACCESS[access];
    if (!capacity || capacities.has(capacity)) continue;
    if ((await prisma.case.count({ where: { AND: [{ id: caseId }, scopeFor(access, user)] } })) > 0) capacities.add(capacity);
  }
  return [...capacities];
}
