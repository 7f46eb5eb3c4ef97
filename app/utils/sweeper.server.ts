import type { CaseEvent } from "../../machines";
import type { PrismaClient } from "../../generated/prisma/client";
import { applyCaseEventInTransaction, type EventAuthor } from "./cases.server";
import { londonDate } from "./dates";
import { getPrisma } from "./db.server";

// Durable deadlines (docs/decisions/006-case-persistence-and-durable-deadlines.md): due dates live in the Deadline
// table; this sweeper turns each due one into its machine event EXACTLY ONCE.
//  1. claim a batch with FOR UPDATE SKIP LOCKED and a short lease (other sweepers skip them;
//     a crashed sweeper's lease simply runs out);
//  2. fire each in its own transaction: lock the case row, flip the deadline open → fired
//     (a conditional update: a second sweeper finds nothing to flip), and apply the event to the
//     case. Crash anywhere in 2 and the whole transaction rolls back, so the deadline is still open.

export const SWEEPER: EventAuthor = { kind: "system", name: "deadline-sweeper" };
export const MAX_ATTEMPTS = 10;

export interface SweepOptions {
  now?: Date;
  batchSize?: number;
  leaseSeconds?: number;
  /** Stop after this many batches (the CLI and tests); the server's interval just calls again. */
  maxBatches?: number;
  prisma?: PrismaClient;
  /** Only this case's deadlines (the seed replays each demo case day by day). */
  caseId?: string;
  /** Test hook: called after a deadline is claimed and before it fires. */
  beforeFire?: (deadlineId: string) => Promise<void>;
}

export interface SweepResult {
  fired: number;
  alreadyDone: number;
  failed: { deadlineId: string; error: string }[];
}

export async function sweepDeadlines(options: SweepOptions = {}): Promise<SweepResult> {
  const prisma = options.prisma ?? (await getPrisma());
  const now = options.now ?? new Date();
  const today = londonDate(now);
  const batchSize = options.batchSize ?? 50;
  const leaseUntil = new Date(now.getTime() + (options.leaseSeconds ?? 300) * 1000);
  const result: SweepResult = { fired: 0, alreadyDone: 0, failed: [] };

  for (let batch = 0; batch < (options.maxBatches ?? Number.POSITIVE_INFINITY); batch++) {
    const claimed = await prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "Deadline"
        WHERE status = 'open' AND "dueOn" < ${today}::date AND attempts < ${MAX_ATTEMPTS}
          AND (${options.caseId ?? null}::text IS NULL OR "caseId" = ${options.caseId ?? null})
          AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now})
        ORDER BY "dueOn", id
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED`;
      const ids = rows.map((r) => r.id);
      if (ids.length) await tx.deadline.updateMany({ where: { id: { in: ids } }, data: { claimedUntil: leaseUntil, attempts: { increment: 1 } } });
      return ids;
    });
    if (claimed.length === 0) break;
    for (const deadlineId of claimed) {
      await options.beforeFire?.(deadlineId);
      try {
        (await fireDeadline(prisma, deadlineId, now)) ? result.fired++ : result.alreadyDone++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        result.failed.push({ deadlineId, error: message });
        // Left open: the lease runs out and a later sweep tries again (up to MAX_ATTEMPTS).
        await prisma.deadline.update({ where: { id: deadlineId }, data: { lastError: message.slice(0, 1000) } }).catch(() => {});
      }
    }
    if (claimed.length < batchSize) break;
  }
  return result;
}

/** Fires one deadline; false when it was already fired or cancelled (nothing written). */
export async function fireDeadline(prisma: PrismaClient, deadlineId: string, now: Date = new Date()): Promise<boolean> {
  const deadline = await prisma.deadline.findUnique({ where: { id: deadlineId }, select: { caseId: true } });
  if (!deadline) return false;
  return prisma.$transaction(
    async (tx) => {
      // Case row first: the same lock order as every other transition.
      await tx.$queryRaw`SELECT id FROM "Case" WHERE id = ${deadline.caseId} FOR UPDATE`;
      const flipped = await tx.deadline.updateMany({ where: { id: deadlineId, status: "open" }, data: { status: "fired", firedAt: now, claimedUntil: null, lastError: null } });
      if (flipped.count === 0) return false;
      const row = await tx.deadline.findUniqueOrThrow({ where: { id: deadlineId }, select: { event: true } });
      await applyCaseEventInTransaction(tx, deadline.caseId, row.event as unknown as CaseEvent, SWEEPER);
      return true;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}
