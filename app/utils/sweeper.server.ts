import { transitionCase as transition, compareDueDeadlines, type DeadlineEvent, type DeadlineSpec } from "../../machines";
import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import { CaseChanges, persistedOf, readCases, writeCases, type EventAuthor, type CaseWriteRows, type DeadlineFailure } from "./case-write.server";
import { inTransaction, queryRows } from "./database.server";
import { londonDate } from "./dates";
import { getPrisma } from "./db.server";

// Durable deadlines (docs/decisions/006-case-persistence-and-durable-deadlines.md and 016): due dates live in the Deadline table; this
// sweeper turns each due one into its machine event EXACTLY ONCE, set-based:
//  1. lock up to `batchSize` cases that have due deadlines, in id order, FOR UPDATE SKIP LOCKED
//     (a second sweeper takes the next cases; a person's event on a locked case waits for us);
//  2. read those cases and their open deadlines in one statement;
//  3. per case, run the real machine: fire its due deadlines one at a time in the machine's own
//     catch-up order (compareDueDeadlines: missed deadlines before reminders, then date, then key),
//     so a history never depends on batches, crashes or who fired; a reminder a deadline made moot
//     is cancelled with that reason, never silently dropped;
//  4. write every case in ONE statement (case rows, events, deadlines, outbox, facts) and commit.
// A crash anywhere rolls the whole batch back: nothing is half-fired and nobody is charged an
// attempt. A deadline whose firing throws is charged one attempt (only it), left open for the
// next sweep, and after MAX_ATTEMPTS goes to `dead`: listed at /admin/dead-letters, retried on demand.

export const SWEEPER: EventAuthor = { kind: "system", name: "deadline-sweeper" };
export const MAX_ATTEMPTS = 10;
/** A case with more due deadlines than this is broken, not busy. */
const MAX_FIRED_PER_CASE = 200;

export type CrashPoint = "locked" | "read" | "decided" | "written";

export interface SweepOptions {
  now?: Date;
  /** Cases locked per transaction. */
  batchSize?: number;
  /** Stop after this many batches (the CLI and tests); the server's interval just calls again. */
  maxBatches?: number;
  prisma?: PrismaClient;
  /** Only this case's deadlines (the seed replays each demo case day by day). */
  caseId?: string;
  /** Only these cases' deadlines (tests that compare two sets of cases in one database). */
  caseIds?: string[];
  /** Test hook: called inside the transaction before each deadline fires; throwing aborts the sweep. */
  beforeFire?: (deadlineId: string) => Promise<void>;
  /** Test hook: called inside the transaction between statements; throwing is a crash there. */
  crashAt?: (point: CrashPoint) => void | Promise<void>;
  /** Log dead-lettered deadlines (default: yes, outside tests). */
  log?: boolean;
}

export interface SweepFailure {
  deadlineId: string;
  caseId: string;
  error: string;
}

export interface SweepResult {
  fired: number;
  /** Cases that had nothing left to fire once locked (another sweeper or a person got there first). */
  alreadyDone: number;
  /** Reminders and deadlines cancelled because an earlier-firing deadline made them moot. */
  moot: number;
  /** Deadlines that failed this sweep and will be tried again. */
  failed: SweepFailure[];
  /** Deadlines that failed for the last time in this sweep: now in the dead-letter list. */
  dead: SweepFailure[];
  batches: number;
}

/** Raised by a test hook: a simulated crash, never charged to a deadline. */
class Aborted extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

async function hook<T>(fn: (() => T | Promise<T>) | undefined) {
  if (!fn) return;
  try {
    await fn();
  } catch (error) {
    throw new Aborted(error);
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 1000);

interface Candidate {
  id?: string;
  key: string;
  kind: "deadline" | "warning";
  dueOn: string;
  event: DeadlineEvent;
  spec?: DeadlineSpec;
}

export async function sweepDeadlines(options: SweepOptions = {}): Promise<SweepResult> {
  const prisma = options.prisma ?? (await getPrisma());
  const now = options.now ?? new Date();
  const today = londonDate(now);
  const batchSize = options.batchSize ?? 200;
  const result: SweepResult = { fired: 0, alreadyDone: 0, moot: 0, failed: [], dead: [], batches: 0 };
  // A case that failed is not tried again in the same sweep (one attempt per sweep).
  const skip = new Set<string>();
  const only = options.caseIds ?? (options.caseId ? [options.caseId] : null);

  type Outcome = { fired: number; moot: number; failures: Array<DeadlineFailure & { caseId: string; attempts: number }> };
  let pending: Outcome | undefined;
  const runBatch = async (restrict: string[] | null, limit: number) => {
    let locked: string[] = [];
    try {
      // Straight on the driver (inTransaction): three statements per batch, none through Prisma.
      await inTransaction(
        prisma,
        async (tx) => {
          const rows = await queryRows<{ id: string }>(
            tx,
            Prisma.sql`
            SELECT c.id FROM "Case" c
            WHERE c.id IN (SELECT d."caseId" FROM "Deadline" d WHERE d.status = 'open' AND d."dueOn" < ${today}::date)
              AND (${restrict}::text[] IS NULL OR c.id = ANY(${restrict}::text[]))
              AND NOT (c.id = ANY(${[...skip]}::text[]))
            ORDER BY c.id
            LIMIT ${limit}
            FOR UPDATE OF c SKIP LOCKED`,
          );
          locked = rows.map((r) => r.id);
          if (locked.length === 0) return;
          await hook(() => options.crashAt?.("locked"));
          const states = await readCases(tx, locked, { deadlines: true });
          await hook(() => options.crashAt?.("read"));
          const writes: CaseWriteRows[] = [];
          const failures: Array<DeadlineFailure & { caseId: string; attempts: number }> = [];
          let fired = 0;
          let moot = 0;
          for (const state of states) {
            const changes = new CaseChanges(state, now);
            const dead = new Set(state.deadlines.filter((d) => d.status === "dead").map((d) => d.key));
            let specs: Candidate[] = state.deadlines
              .filter((d) => d.status === "open")
              .map((d) => ({ id: d.id, key: d.key, kind: d.kind, dueOn: d.dueOn, event: d.event as DeadlineEvent }));
            let persisted = persistedOf(state);
            let current: Candidate | undefined;
            try {
              for (let n = 0; ; n++) {
                current = specs.filter((s) => s.dueOn < today && !dead.has(s.key)).sort(compareDueDeadlines)[0];
                if (!current) break;
                if (n >= MAX_FIRED_PER_CASE) throw new Error(`more than ${MAX_FIRED_PER_CASE} deadlines due at once on this case`);
                const stored = state.deadlines.find((d) => d.key === current!.key);
                await hook(() => options.beforeFire?.(stored?.id ?? current!.key));
                const step = transition(persisted, current.event);
                changes.markFired(current.spec ?? current);
                changes.record(current.event, step, SWEEPER, specs);
                persisted = step.persisted;
                specs = step.deadlines.map((spec) => ({
                  key: spec.key,
                  kind: spec.kind,
                  dueOn: spec.dueOn,
                  event: spec.event,
                  spec,
                  id: state.deadlines.find((d) => d.key === spec.key)?.id,
                }));
              }
            } catch (error) {
              if (error instanceof Aborted) throw error;
              // Charged to the deadline that failed; the case's other deadlines are untouched.
              const culprit = state.deadlines.find((d) => d.key === current?.key) ?? state.deadlines.find((d) => d.status === "open");
              if (culprit) failures.push({ id: culprit.id, error: message(error), caseId: state.id, attempts: culprit.attempts });
              continue;
            }
            const rows = changes.rows();
            if (!rows) {
              result.alreadyDone++;
              continue;
            }
            writes.push(rows);
            fired += changes.fired.size;
            moot += changes.moot.length;
          }
          await hook(() => options.crashAt?.("decided"));
          if (writes.length || failures.length) await writeCases(tx, writes, { now, failures, maxAttempts: MAX_ATTEMPTS });
          await hook(() => options.crashAt?.("written"));
          // Counted only once the transaction commits (below).
          pending = { fired, moot, failures };
        },
        { timeoutMs: 120_000 },
      );
    } catch (error) {
      pending = undefined;
      if (error instanceof Aborted) throw error.cause;
      return { locked, error };
    }
    const done = pending as Outcome | undefined;
    pending = undefined;
    if (done) {
      result.fired += done.fired;
      result.moot += done.moot;
      for (const f of done.failures) {
        skip.add(f.caseId);
        const entry = { deadlineId: f.id, caseId: f.caseId, error: f.error };
        if (f.attempts + 1 >= MAX_ATTEMPTS) result.dead.push(entry);
        else result.failed.push(entry);
      }
    }
    return { locked, error: undefined };
  };
  for (let batch = 0; batch < (options.maxBatches ?? Number.POSITIVE_INFINITY); batch++) {
    result.batches++;
    const { locked, error } = await runBatch(only, batchSize);
    if (error !== undefined) {
      // The database refused the batch (one case's rows broke a constraint, say): find which case
      // by retrying them one at a time, and charge only that one.
      for (const caseId of locked) {
        const single = await runBatch([caseId], 1);
        if (single.error !== undefined) {
          const failure = await chargeFirstDue(prisma, caseId, today, message(single.error), now);
          skip.add(caseId);
          if (failure) (failure.dead ? result.dead : result.failed).push(failure.entry);
        }
      }
      if (locked.length === 0) throw error;
      continue;
    }
    if (locked.length < batchSize) break;
  }
  if (options.log ?? process.env.NODE_ENV !== "test") {
    for (const d of result.dead)
      console.error(`[deadline-sweeper] deadline ${d.deadlineId} on case ${d.caseId} failed ${MAX_ATTEMPTS} times and is now in the dead-letter list: ${d.error}`);
  }
  return result;
}

/** When a whole case cannot be written: one attempt on its first due deadline, in its own transaction. */
async function chargeFirstDue(prisma: PrismaClient, caseId: string, today: string, error: string, now: Date) {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Case" WHERE id = ${caseId} FOR UPDATE`;
    const [due] = await tx.$queryRaw<Array<{ id: string; attempts: number }>>`
      SELECT id, attempts FROM "Deadline" WHERE "caseId" = ${caseId} AND status = 'open' AND "dueOn" < ${today}::date ORDER BY kind, "dueOn", key LIMIT 1`;
    if (!due) return undefined;
    await writeCases(tx, [], { now, failures: [{ id: due.id, error }], maxAttempts: MAX_ATTEMPTS });
    return { entry: { deadlineId: due.id, caseId, error }, dead: due.attempts + 1 >= MAX_ATTEMPTS };
  });
}

/** Puts a dead deadline back in the queue with a clean slate (the administrator's "Retry"). */
export async function retryDeadline(prisma: PrismaClient, deadlineId: string): Promise<boolean> {
  const changed = await prisma.$executeRaw`
    UPDATE "Deadline" SET status = 'open', attempts = 0, "deadAt" = NULL, "claimedUntil" = NULL, "updatedAt" = now() AT TIME ZONE 'UTC'
    WHERE id = ${deadlineId} AND status = 'dead'`;
  return changed > 0;
}
