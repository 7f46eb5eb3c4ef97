// Benchmarks the case engine on both databases and prints figures (no pass/fail: see README).
//   npm run bench                 both engines
//   npm run bench -- pglite       one engine
// What it measures, per engine:
//   - concerns opened per second (machine start + case row + first event + deadlines + outbox)
//   - transitions per second, one case after another (ACKNOWLEDGE then RESPOND)
//   - contention: 20 concurrent events on ONE case, all applied, wall time
//   - sweeper: due deadlines fired per second
//   - resident memory after the run
import { performance } from "node:perf_hooks";
import { applyCaseEvent, type EventAuthor } from "../app/utils/cases.server";
import { useDatabase } from "../app/utils/db.server";
import { sweepDeadlines } from "../app/utils/sweeper.server";
import { seed } from "../prisma/seed";
import { outcome, raiseTestConcern } from "../tests/integration/support/cases";
import { createTestDatabase, ENGINES, type EngineName } from "../tests/support/scratch-database";

const CASES = Number(process.env.BENCH_CASES ?? 200);
const ACTOR: EventAuthor = { kind: "system", name: "bench" };

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

async function benchEngine(engine: EngineName) {
  const scratch = await createTestDatabase(engine);
  useDatabase(scratch.db);
  const { prisma } = scratch.db;
  try {
    await seed(prisma, { demoCases: false });
    const [ids, openMs] = await timed(async () => {
      const out: string[] = [];
      for (let i = 0; i < CASES; i++) out.push((await raiseTestConcern(prisma, { receivedOn: "2026-11-02" })).cases[0]!.id);
      return out;
    });
    const [, stepMs] = await timed(async () => {
      for (const id of ids) {
        await applyCaseEvent(id, { type: "ACKNOWLEDGE", at: "2026-11-03", handlerId: "h" }, ACTOR, {}, prisma);
        await applyCaseEvent(id, { type: "RESPOND", at: "2026-11-05", outcome: outcome(["issue-1"], [{ kind: "action", description: "a", dueOn: "2027-01-29" }]) }, ACTOR, {}, prisma);
      }
    });
    // Contention: one case, 20 remedies, 20 people recording them done at the same moment.
    const hot = (await raiseTestConcern(prisma, { receivedOn: "2026-11-02" })).cases[0]!.id;
    const remedies = Array.from({ length: 20 }, (_, i) => ({ kind: "action" as const, description: `r${i}`, dueOn: "2027-01-29" }));
    await applyCaseEvent(hot, { type: "ACKNOWLEDGE", at: "2026-11-03", handlerId: "h" }, ACTOR, {}, prisma);
    await applyCaseEvent(hot, { type: "RESPOND", at: "2026-11-05", outcome: outcome(["issue-1"], remedies) }, ACTOR, {}, prisma);
    const [results, hotMs] = await timed(() =>
      Promise.allSettled(remedies.map((_, i) => applyCaseEvent(hot, { type: "REMEDY_DONE", at: "2026-11-20", remedyId: `R${i + 1}` }, ACTOR, { maxAttempts: 100 }, prisma))),
    );
    const lost = results.filter((r) => r.status === "rejected").length;
    // Sweeper: every case's response/remedy warnings and deadlines are due by 2027-03-01.
    const due = await prisma.deadline.count({ where: { status: "open", dueOn: { lt: new Date("2027-03-01") } } });
    const [swept, sweepMs] = await timed(() => sweepDeadlines({ prisma, now: new Date("2027-03-01T12:00:00Z") }));
    const rssMb = process.memoryUsage().rss / 1024 / 1024;
    return {
      engine,
      "concerns opened /s": ((CASES / openMs) * 1000).toFixed(0),
      "transitions /s": (((CASES * 2) / stepMs) * 1000).toFixed(0),
      "ms per transition": (stepMs / (CASES * 2)).toFixed(1),
      "20 concurrent on one case (ms)": `${hotMs.toFixed(0)}${lost ? ` (${lost} LOST)` : ""}`,
      "deadlines due": due,
      "fired /s": ((swept.fired / sweepMs) * 1000).toFixed(0),
      "RSS MB": rssMb.toFixed(0),
    };
  } finally {
    await scratch.drop();
  }
}

const wanted = process.argv.slice(2).filter((a) => ENGINES.includes(a as EngineName)) as EngineName[];
const rows = [];
for (const engine of wanted.length ? wanted : ENGINES) rows.push(await benchEngine(engine));
console.log(`\nCase engine, ${CASES} cases, Node ${process.version}`);
console.table(rows);
