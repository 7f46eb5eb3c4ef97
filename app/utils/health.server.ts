import { getDatabase } from "./db.server";
import { londonDate } from "./dates";
import { readMigrations } from "./migrate.server";

// Liveness and readiness for a load balancer (docs/decisions/017). Neither needs signing in, so
// neither says anything about a person, a case or the configuration: counts, ages and yes/no.

export interface Readiness {
  status: "ready" | "not-ready";
  checks: {
    database: "ok" | "unreachable";
    migrations: "ok" | "pending" | "unknown-migrations" | "unchecked";
  };
  /** Due deadlines the sweeper has not fired yet; lag = how long the oldest of them has been due. */
  deadlines?: { due: number; oldestDueOn: string | null; lagSeconds: number };
  /** Emails waiting to be sent; age of the oldest that is already due. */
  outbox?: { pending: number; oldestDueSeconds: number };
}

const DAY = 86_400_000;

/** Midnight in London at the start of `isoDate` (the sweeper fires a deadline due on D from D+1). */
function londonMidnight(isoDate: string): number {
  const utcMidnight = Date.parse(`${isoDate}T00:00:00Z`);
  // London is UTC or UTC+1: midnight there is 00:00Z or 23:00Z the day before.
  return londonDate(new Date(utcMidnight - 3_600_000)) === isoDate ? utcMidnight - 3_600_000 : utcMidnight;
}

let knownMigrations: string[] | undefined;

export async function readiness(now = new Date()): Promise<Readiness> {
  let db;
  try {
    db = await getDatabase();
    // Through the app's own pool (the one requests use), not only the owner's.
    await db.prisma.$queryRaw`SELECT 1`;
  } catch {
    return { status: "not-ready", checks: { database: "unreachable", migrations: "unchecked" } };
  }
  try {
    knownMigrations ??= readMigrations().map((m) => m.name);
    const rows = await db.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
    const applied = new Set(rows.map((r) => r.migration_name));
    const migrations = knownMigrations.some((name) => !applied.has(name)) ? "pending" : [...applied].some((name) => !knownMigrations!.includes(name)) ? "unknown-migrations" : "ok";
    const today = londonDate(now);
    const [deadlines] = await db.prisma.$queryRaw<{ due: bigint; oldest: Date | null }[]>`
      SELECT count(*) AS due, min("dueOn") AS oldest FROM "Deadline" WHERE status = 'open' AND "dueOn" < ${today}::date`;
    const [outbox] = await db.prisma.$queryRaw<{ pending: bigint; oldest: Date | null }[]>`
      SELECT count(*) AS pending, min("nextAttemptAt") FILTER (WHERE "nextAttemptAt" <= ${now}) AS oldest FROM "OutboxMessage" WHERE status = 'pending'`;
    const oldestDueOn = deadlines?.oldest ? deadlines.oldest.toISOString().slice(0, 10) : null;
    return {
      status: migrations === "ok" ? "ready" : "not-ready",
      checks: { database: "ok", migrations },
      deadlines: {
        due: Number(deadlines?.due ?? 0),
        oldestDueOn,
        lagSeconds: oldestDueOn ? Math.max(0, Math.round((now.getTime() - londonMidnight(oldestDueOn) - DAY) / 1000)) : 0,
      },
      outbox: {
        pending: Number(outbox?.pending ?? 0),
        oldestDueSeconds: outbox?.oldest ? Math.max(0, Math.round((now.getTime() - outbox.oldest.getTime()) / 1000)) : 0,
      },
    };
  } catch {
    return { status: "not-ready", checks: { database: "unreachable", migrations: "unchecked" } };
  }
}
