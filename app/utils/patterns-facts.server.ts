import { viewCase, type CaseView } from "../../machines";
import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import { deriveCaseFacts, type CaseFacts, type LoggedEvent } from "./patterns-facts";

// Keeps the analytics read model (CaseFact) in step with the case log: called inside the
// transaction that records each case event, so a fact row is never older than its case.

type Db = Prisma.TransactionClient | PrismaClient;

const DATE_COLUMNS = new Set<keyof CaseFacts>(["concludedOn", "rung2On", "rung3On", "decided1On", "decided2On", "decided3On"]);

/** The view-derived columns as SQL: names, values and the ON CONFLICT update list. */
export function factColumns(facts: CaseFacts) {
  const keys = Object.keys(facts) as Array<keyof CaseFacts>;
  return {
    names: Prisma.raw(keys.map((k) => `"${k}"`).join(", ")),
    values: Prisma.join(keys.map((k) => (DATE_COLUMNS.has(k) ? Prisma.sql`${facts[k]}::date` : Prisma.sql`${facts[k]}`))),
    updates: Prisma.raw([...keys.map((k) => `"${k}" = EXCLUDED."${k}"`), `"updatedAt" = now()`].join(", ")),
  };
}

/** SQL for a child's age band on the day the concern was received; the same bands as ageBand(). */
export const AGE_BAND_SQL = Prisma.sql`CASE
  WHEN date_part('year', age(k."receivedOn", ch."dateOfBirth")) < 5 THEN '0-4'
  WHEN date_part('year', age(k."receivedOn", ch."dateOfBirth")) < 11 THEN '5-10'
  WHEN date_part('year', age(k."receivedOn", ch."dateOfBirth")) < 16 THEN '11-15'
  ELSE '16-25' END`;

/** Writes the case's fact row from its view and its event log (the event just appended included). */
export async function recordCaseFacts(tx: Db, caseId: string, view: CaseView): Promise<void> {
  const rows = await tx.$queryRaw<Array<{ type: string; on: string; toState: string; receivedOn: string }>>`
    SELECT e.type, left(e.payload->>'at', 10) AS "on", e."toState", to_char(k."receivedOn", 'YYYY-MM-DD') AS "receivedOn"
    FROM "CaseEvent" e JOIN "Case" c ON c.id = e."caseId" JOIN "Concern" k ON k.id = c."concernId"
    WHERE e."caseId" = ${caseId} ORDER BY e.seq`;
  const receivedOn = rows[0]?.receivedOn;
  if (!receivedOn) throw new Error(`Case ${caseId} has no history to derive facts from`);
  const events: LoggedEvent[] = rows.map(({ type, on, toState }) => ({ type, on: on ?? receivedOn, toState }));
  const { names, values, updates } = factColumns(deriveCaseFacts(view, events, receivedOn));
  await tx.$executeRaw`
    INSERT INTO "CaseFact" ("caseId", route, "localAreaId", "settingId", "settingKind", ethnicity, sex, "freeSchoolMeals",
      "deprivationDecile", "primaryNeed", "ageBand", "receivedOn", ${names})
    SELECT c.id, c.route, c."localAreaId", c."settingId", s.kind, ch.ethnicity, ch.sex, ch."freeSchoolMeals",
      ch."deprivationDecile", ch."primaryNeed", ${AGE_BAND_SQL}, k."receivedOn", ${values}
    FROM "Case" c JOIN "Concern" k ON k.id = c."concernId" JOIN "Child" ch ON ch.id = k."childId" JOIN "Setting" s ON s.id = c."settingId"
    WHERE c.id = ${caseId}
    ON CONFLICT ("caseId") DO UPDATE SET ${updates}`;
}

const backfills = new WeakMap<PrismaClient, Promise<number>>();

/**
 * Fact rows for cases recorded before the read model existed (or written by a tool that
 * bypassed the case service). Runs once per process before the first analytics query.
 */
export function ensureCaseFacts(prisma: PrismaClient, options: { force?: boolean } = {}): Promise<number> {
  const running = backfills.get(prisma);
  if (running && !options.force) return running;
  const backfill = (async () => {
    let done = 0;
    for (;;) {
      const missing = await prisma.$queryRaw<Array<{ id: string; machineId: string; machineVersion: number; snapshot: unknown }>>`
        SELECT c.id, c."machineId", c."machineVersion", c.snapshot
        FROM "Case" c WHERE NOT EXISTS (SELECT 1 FROM "CaseFact" f WHERE f."caseId" = c.id) LIMIT 500`;
      if (missing.length === 0) return done;
      for (const row of missing) await recordCaseFacts(prisma, row.id, viewCase({ machineId: row.machineId, machineVersion: row.machineVersion, snapshot: row.snapshot }));
      done += missing.length;
    }
  })().catch((error: unknown) => {
    backfills.delete(prisma);
    throw error;
  });
  backfills.set(prisma, backfill);
  return backfill;
}
