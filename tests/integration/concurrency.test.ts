import { expect, it } from "vitest";
import { applyCaseEvent, type EventAuthor } from "../../app/utils/cases.server";
import { seed } from "../../prisma/seed";
import { describeEachEngine } from "./engines";
import { outcome, raiseTestConcern } from "./support/cases";

// Many people acting at once (issue 12): concurrent events across many cases and on one case.
// No update may be lost, every case's log must agree with its row, versions have no gaps.
// PostgreSQL runs them on its real connection pool; PGlite is one in-process connection, so its
// "concurrency" is interleaved transactions, and it runs smaller counts to stay within a minute.

const ACTOR: EventAuthor = { kind: "system", name: "concurrency-test" };
// The full counts of issue 12 (1,000 across 100 cases, 200 on one) are REDRESS_CONCURRENCY=full.
// The default is smaller: on today's optimistic write path every contender re-reads and retries,
// so attempts grow with the square of the contenders on a case (10 at once on each of 100 cases
// took over 3 minutes on a loaded 2-core machine). Raise the default once the write path locks
// the case row first (issue 12's write-path half).
const FULL = process.env.REDRESS_CONCURRENCY === "full";
const COUNTS = {
  postgres: FULL ? { cases: 100, perCase: 10, hot: 200 } : { cases: 50, perCase: 3, hot: 20 },
  pglite: FULL ? { cases: 100, perCase: 10, hot: 200 } : { cases: 20, perCase: 3, hot: 10 },
};

describeEachEngine("concurrent events", ({ get, engine }) => {
  it("events at once across many cases and on one case: none lost, logs and rows agree, versions without gaps", async () => {
    const { prisma } = get().db;
    await seed(prisma, { demoCases: false });
    const { cases, perCase, hot } = COUNTS[engine];
    const remedies = (n: number) => Array.from({ length: n }, (_, i) => ({ kind: "action" as const, description: `Remedy ${i + 1}`, dueOn: "2027-01-29" }));
    const open = async (n: number) => {
      const id = (await raiseTestConcern(prisma, { receivedOn: "2026-11-02" })).cases[0]!.id;
      await applyCaseEvent(id, { type: "ACKNOWLEDGE", at: "2026-11-03", handlerId: "h" }, ACTOR, {}, prisma);
      await applyCaseEvent(id, { type: "RESPOND", at: "2026-11-05", outcome: outcome(["issue-1"], remedies(n)) }, ACTOR, {}, prisma);
      return id;
    };
    const ids: string[] = [];
    for (let i = 0; i < cases; i += 10) ids.push(...(await Promise.all(Array.from({ length: Math.min(10, cases - i) }, () => open(perCase)))));
    const hotId = await open(hot);
    const setUp = Date.now();
    const before = new Map((await prisma.case.findMany({ select: { id: true, version: true } })).map((c) => [c.id, c.version]));

    // Every remedy of every case recorded done, all started at once (the hot case's among them).
    const events: [string, string][] = [
      ...ids.flatMap((id) => Array.from({ length: perCase }, (_, i) => [id, `R${i + 1}`] as [string, string])),
      ...Array.from({ length: hot }, (_, i) => [hotId, `R${i + 1}`] as [string, string]),
    ];
    const results = await Promise.allSettled(
      events.map(([id, remedyId]) => applyCaseEvent(id, { type: "REMEDY_DONE", at: "2026-11-20", remedyId }, ACTOR, { maxAttempts: 10_000 }, prisma)),
    );
    console.log(`[${engine}] ${events.length} concurrent events applied in ${((Date.now() - setUp) / 1000).toFixed(1)} s`);
    expect(
      results
        .filter((r) => r.status === "rejected")
        .map((r) => String((r as PromiseRejectedResult).reason))
        .slice(0, 3),
    ).toEqual([]);

    // No lost update: each case moved by exactly its number of events, and every remedy is done.
    for (const id of [...ids, hotId]) {
      const n = id === hotId ? hot : perCase;
      const row = await prisma.case.findUniqueOrThrow({ where: { id }, select: { version: true, snapshot: true } });
      expect(row.version).toBe(before.get(id)! + n);
      const done = await prisma.caseEvent.findMany({ where: { caseId: id, type: "REMEDY_DONE" }, select: { payload: true } });
      expect(new Set(done.map((e) => (e.payload as { remedyId: string }).remedyId)).size).toBe(n);
      // The snapshot knows every remedy as done (the log and the row agree).
      expect(JSON.stringify(row.snapshot).match(/"status":"done"/g)?.length ?? 0).toBeGreaterThanOrEqual(n);
    }
    // Versions without gaps: seq runs 1..version on every case, and the last event's snapshot
    // digest matches the row (audit:verify's own check, run over every case below).
    const gaps = await prisma.$queryRaw<{ id: string }[]>`
      SELECT c.id FROM "Case" c JOIN "CaseEvent" e ON e."caseId" = c.id
      GROUP BY c.id, c.version HAVING count(*) <> c.version OR max(e.seq) <> c.version OR min(e.seq) <> 1`;
    expect(gaps).toEqual([]);
    const { verifyAuditLog } = await import("../../app/utils/audit-verify.server");
    expect((await verifyAuditLog(prisma)).findings).toEqual([]);
  }, 180_000);
});
