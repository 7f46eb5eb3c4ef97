import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { auditEntryData } from "./audit.server";
import { getPrisma } from "./db.server";
import { eraseChild, erasePerson } from "./erasure.server";
import { RETENTION } from "./retention-schedule";

// Applies the retention schedule (app/utils/retention-schedule.ts, docs/decisions/010): deletes
// what is no longer needed and pseudonymises what must be kept for statistics. Idempotent; safe on
// several instances at once. `dryRun` counts without changing anything.

const DAY = 86_400_000;
const yearsBefore = (now: Date, years: number) => new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate()));

export interface RetentionReport {
  dryRun: boolean;
  expiredSessions: number;
  signInAttempts: number;
  settledEmails: number;
  closedConcernsPseudonymised: number;
  deactivatedAccountsPseudonymised: number;
}

export async function runRetention(options: { now?: Date; dryRun?: boolean; prisma?: PrismaClient } = {}): Promise<RetentionReport> {
  const prisma = options.prisma ?? (await getPrisma());
  const now = options.now ?? new Date();
  const dryRun = options.dryRun ?? false;
  const sessions = { expiresAt: { lt: new Date(now.getTime() - RETENTION.expiredSessionDays * DAY) } };
  const attempts = { createdAt: { lt: new Date(now.getTime() - RETENTION.signInAttemptDays * DAY) } };
  const emails: Prisma.OutboxMessageWhereInput = {
    status: { in: ["sent", "skipped", "failed", "dead"] },
    createdAt: { lt: new Date(now.getTime() - RETENTION.settledEmailDays * DAY) },
  };

  const closedBefore = yearsBefore(now, RETENTION.closedCaseYears);
  // Concerns whose every case is closed and whose last event is older than the period.
  const closedConcerns = await prisma.$queryRaw<{ childId: string }[]>`
    SELECT DISTINCT k."childId"
    FROM "Concern" k JOIN "Child" ch ON ch.id = k."childId"
    WHERE ch."erasedAt" IS NULL
      AND NOT EXISTS (SELECT 1 FROM "Case" c WHERE c."concernId" = k.id AND c.status <> 'closed')
      AND (SELECT max(e."occurredAt") FROM "Case" c JOIN "CaseEvent" e ON e."caseId" = c.id WHERE c."concernId" = k.id) < ${closedBefore}
      -- a child with any concern still open or recent keeps their name
      AND NOT EXISTS (
        SELECT 1 FROM "Concern" k2 JOIN "Case" c2 ON c2."concernId" = k2.id
        WHERE k2."childId" = k."childId" AND (c2.status <> 'closed' OR c2."updatedAt" >= ${closedBefore})
      )`;
  const staleAccounts = await prisma.user.findMany({
    where: {
      active: false,
      erasedAt: null,
      updatedAt: { lt: yearsBefore(now, RETENTION.deactivatedAccountYears) },
      concernsRaised: { none: { cases: { some: { status: { not: "closed" } } } } },
    },
    select: { id: true },
  });

  if (dryRun) {
    return {
      dryRun,
      expiredSessions: await prisma.session.count({ where: sessions }),
      signInAttempts: await prisma.signInAttempt.count({ where: attempts }),
      settledEmails: await prisma.outboxMessage.count({ where: emails }),
      closedConcernsPseudonymised: closedConcerns.length,
      deactivatedAccountsPseudonymised: staleAccounts.length,
    };
  }
  const reason = "retention schedule";
  for (const { childId } of closedConcerns) await eraseChild(prisma, childId, { actorId: null, reason });
  for (const { id } of staleAccounts) await erasePerson(prisma, id, { actorId: null, reason });
  const report: RetentionReport = {
    dryRun,
    expiredSessions: (await prisma.session.deleteMany({ where: sessions })).count,
    signInAttempts: (await prisma.signInAttempt.deleteMany({ where: attempts })).count,
    settledEmails: (await prisma.outboxMessage.deleteMany({ where: emails })).count,
    closedConcernsPseudonymised: closedConcerns.length,
    deactivatedAccountsPseudonymised: staleAccounts.length,
  };
  await prisma.auditEntry.create({ data: auditEntryData({ action: "retention.run", targetType: "system", details: { ...report, asOf: now.toISOString() } }) });
  return report;
}

/** For the server's worker loop, which ticks every minute: run at most once a day across all instances. */
export async function runRetentionDaily(options: { now?: Date; prisma?: PrismaClient } = {}): Promise<RetentionReport | null> {
  const prisma = options.prisma ?? (await getPrisma());
  const now = options.now ?? new Date();
  const last = await prisma.auditEntry.findFirst({ where: { action: "retention.run" }, orderBy: { at: "desc" }, select: { at: true } });
  if (last && now.getTime() - last.at.getTime() < DAY) return null;
  return runRetention({ now, prisma });
}
