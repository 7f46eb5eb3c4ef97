import { beforeAll, expect, it } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client";
import { applyCaseEvent } from "../../app/utils/cases.server";
import { prng } from "../../app/utils/prng";
import { MAX_ATTEMPTS, retryDeadline, sweepDeadlines } from "../../app/utils/sweeper.server";
import { seed } from "../../prisma/seed";
import { describeEachEngine } from "./engines";
import { FAMILY, raiseTestConcern } from "./support/cases";

// Issue 12: a crash never changes what a case's history would have been, and no deadline is
// ever abandoned silently.

const SWEEP_DAYS = ["2026-11-10", "2026-11-13", "2026-11-20", "2026-11-27", "2026-12-04", "2026-12-18", "2027-01-22", "2027-03-05"].map((d) => new Date(`${d}T07:00:00Z`));

/** Two identical sets of cases: the same concerns, raised and acted on the same days. */
async function twinCases(prisma: PrismaClient, perSet: number) {
  const sets: string[][] = [[], []];
  for (let i = 0; i < perSet; i++) {
    for (const set of sets) {
      const categories = i % 2 === 0 ? (["register-refusal", "support-level"] as const) : (["support-quality"] as const);
      const { cases } = await raiseTestConcern(prisma, { receivedOn: "2026-11-02", categories: [...categories] });
      for (const [n, c] of cases.entries()) {
        // Some cases are acknowledged in time (their respond clock and its reminders start), some never are.
        if ((i + n) % 3 !== 0) await applyCaseEvent(c.id, { type: "ACKNOWLEDGE", at: "2026-11-04", handlerId: "senco" }, FAMILY, {}, prisma);
        set.push(c.id);
      }
    }
  }
  return { control: sets[0]!, crashed: sets[1]! };
}

async function history(prisma: PrismaClient, caseId: string) {
  const events = await prisma.caseEvent.findMany({
    where: { caseId },
    orderBy: { seq: "asc" },
    select: { seq: true, type: true, payload: true, fromState: true, toState: true, actorLabel: true },
  });
  const deadlines = await prisma.deadline.findMany({
    where: { caseId },
    orderBy: { key: "asc" },
    select: { key: true, status: true, dueOn: true, cancelledReason: true, attempts: true },
  });
  const emails = await prisma.outboxMessage.findMany({ where: { caseId }, select: { kind: true, toAddress: true } });
  const kase = await prisma.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true, stateValue: true, status: true } });
  return { kase, events, deadlines, emails: emails.map((e) => `${e.kind} ${e.toAddress}`).sort() };
}

describeEachEngine("sweeper reliability", ({ get }) => {
  beforeAll(async () => {
    await seed(get().db.prisma, { demoCases: false });
  });

  it("killed at random points 20 times, the histories are identical to an uninterrupted run", async () => {
    const { prisma } = get().db;
    const { control, crashed } = await twinCases(prisma, 6);
    const random = prng(12);
    let crashes = 0;
    for (const now of SWEEP_DAYS) {
      // The control twin: one uninterrupted sweep, counting the points where a crash could happen.
      let points = 0;
      await sweepDeadlines({ prisma, now, caseIds: control, batchSize: 2, crashAt: () => void points++, beforeFire: async () => void points++ });
      // The crashed twin: crash at a random one of those points (between statements, or mid-way
      // through firing a case's deadlines), restart, and again, up to 8 times a day.
      for (let budget = Math.min(8, 20 - crashes); budget > 0 && points > 0; budget--) {
        const at = Math.floor(random() * Math.min(points, 8));
        let n = 0;
        const maybeCrash = () => {
          if (n++ === at) throw new Error(`crash ${crashes + 1}`);
        };
        try {
          await sweepDeadlines({ prisma, now, caseIds: crashed, batchSize: 2, crashAt: maybeCrash, beforeFire: async () => maybeCrash() });
          break; // finished before the chosen point: the day's work is done
        } catch (error) {
          expect(String(error)).toContain("crash");
          crashes++;
        }
      }
      await sweepDeadlines({ prisma, now, caseIds: crashed, batchSize: 2 });
    }
    expect(crashes).toBe(20);
    let moot = 0;
    for (const [i, id] of control.entries()) {
      const expected = await history(prisma, id);
      const actual = await history(prisma, crashed[i]!);
      expect(actual, `case ${i}`).toEqual(expected);
      moot += expected.deadlines.filter((d) => d.status === "cancelled" && d.cancelledReason).length;
      // A crash charges nobody: attempts count failures only.
      expect(actual.deadlines.every((d) => d.attempts === 0)).toBe(true);
    }
    // Some reminders really were made moot by their own deadline passing first, and say so.
    expect(moot).toBeGreaterThan(0);
    const reasons = await prisma.deadline.findMany({ where: { caseId: { in: control }, status: "cancelled" }, select: { key: true, cancelledReason: true } });
    expect(reasons.every((r) => r.cancelledReason !== null)).toBe(true);
  }, 300_000);

  it("fires a case's deadlines due together in the machine's catch-up order: the deadline first, its reminder recorded as moot", async () => {
    const { prisma } = get().db;
    const { cases } = await raiseTestConcern(prisma, { receivedOn: "2026-11-02" });
    const id = cases[0]!.id;
    await applyCaseEvent(id, { type: "ACKNOWLEDGE", at: "2026-11-04", handlerId: "senco" }, FAMILY, {}, prisma);
    const due = await prisma.deadline.findMany({ where: { caseId: id, status: "open" }, orderBy: { dueOn: "asc" } });
    expect(due.some((d) => d.kind === "warning")).toBe(true);
    // Long after everything fell due: the respond deadline fires, its reminders are moot.
    await sweepDeadlines({ prisma, now: new Date("2027-03-01T07:00:00Z"), caseId: id });
    const events = await prisma.caseEvent.findMany({ where: { caseId: id }, orderBy: { seq: "asc" } });
    const fired = events.filter((e) => e.type.startsWith("DEADLINE_"));
    expect(fired.length).toBeGreaterThan(0);
    expect(fired.every((e) => e.type === "DEADLINE_MISSED")).toBe(true);
    const warnings = await prisma.deadline.findMany({ where: { caseId: id, kind: "warning", key: { startsWith: "rung1.respond" } } });
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) {
      expect(w.status).toBe("cancelled");
      expect(w.cancelledReason).toMatch(/^no longer due after DEADLINE_MISSED rung1\.\w+ on \d{4}-\d{2}-\d{2} \(event \d+\)$/);
    }
  });

  it("a deadline that fails 10 times goes to the dead-letter list, is reported, charges no one else, and can be retried", async () => {
    const { prisma } = get().db;
    const now = new Date("2026-12-20T07:00:00Z");
    const { cases } = await raiseTestConcern(prisma, { receivedOn: "2026-11-09" });
    const { cases: others } = await raiseTestConcern(prisma, { receivedOn: "2026-11-09" });
    const broken = await prisma.deadline.findUniqueOrThrow({ where: { caseId_key: { caseId: cases[0]!.id, key: "rung1.acknowledge" } } });
    const good = broken.event;
    await prisma.deadline.update({ where: { id: broken.id }, data: { event: { type: "DEADLINE_MISSED", key: "rung1.acknowledge", at: "not a date" } } });
    const ids = [cases[0]!.id, others[0]!.id];
    for (let sweep = 1; sweep <= MAX_ATTEMPTS; sweep++) {
      const result = await sweepDeadlines({ prisma, now: new Date(now.getTime() + sweep * 60_000), caseIds: ids, log: false });
      const row = await prisma.deadline.findUniqueOrThrow({ where: { id: broken.id } });
      expect(row.attempts).toBe(sweep);
      if (sweep < MAX_ATTEMPTS) {
        expect(result.failed.map((f) => f.deadlineId)).toEqual([broken.id]);
        expect(result.dead).toEqual([]);
        expect(row.status).toBe("open");
      } else {
        expect(result.failed).toEqual([]);
        expect(result.dead).toEqual([{ deadlineId: broken.id, caseId: cases[0]!.id, error: expect.stringContaining("at") }]);
        expect(row.status).toBe("dead");
        expect(row.deadAt).not.toBeNull();
        expect(row.lastError).toBeTruthy();
      }
    }
    // Nobody else paid for it: the other case's deadlines fired at the first sweep, uncharged.
    const other = await prisma.deadline.findMany({ where: { caseId: others[0]!.id } });
    expect(other.every((d) => d.attempts === 0)).toBe(true);
    expect(other.some((d) => d.status === "fired")).toBe(true);
    // Dead, not forgotten: later sweeps leave it alone and the case is otherwise still swept.
    const later = await sweepDeadlines({ prisma, now: new Date(now.getTime() + 3600_000), caseIds: ids });
    expect(later.failed).toEqual([]);
    expect((await prisma.deadline.findUniqueOrThrow({ where: { id: broken.id } })).status).toBe("dead");
    // Retried on demand (after the cause is fixed): fires once.
    await prisma.deadline.update({ where: { id: broken.id }, data: { event: good as object } });
    expect(await retryDeadline(prisma, broken.id)).toBe(true);
    expect(await retryDeadline(prisma, broken.id)).toBe(false);
    const retried = await sweepDeadlines({ prisma, now: new Date(now.getTime() + 7200_000), caseIds: ids });
    expect(retried.failed).toEqual([]);
    expect((await prisma.deadline.findUniqueOrThrow({ where: { id: broken.id } })).status).toBe("fired");
    expect(await prisma.caseEvent.count({ where: { caseId: cases[0]!.id, type: "DEADLINE_MISSED", payload: { path: ["key"], equals: "rung1.acknowledge" } } })).toBe(1);
  });
});
