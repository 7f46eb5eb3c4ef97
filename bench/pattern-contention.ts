// `npx tsx bench/pattern-contention.ts` (PostgreSQL; docs/decisions/028): what the CaseFact
// triggers cost concurrent case writers. 8 clients, each on its own cases (received in the same
// four months, as live cases are), each transaction changes one case's summed fact columns (a
// breach and a decision time, as a decision event does), then does the rest of an event's work
// (~2 ms, pg_sleep) before COMMIT; triggers on vs off, twice. Then the time to fold the deltas.
// PER_CLIENT=150 for a longer run.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { generate } from "../scripts/generate";
import { createTestDatabase } from "../tests/support/scratch-database";

const CLIENTS = 8;
const PER_CLIENT = Number(process.env.PER_CLIENT ?? 60);
const scratch = await createTestDatabase("postgres");
try {
  await generate(scratch.db, { cases: 1500, seed: 3, from: "2026-07-01", to: "2026-10-31", batch: 500, workers: 0, quiet: true });
  const ids = (await scratch.db.query<{ caseId: string }>(`SELECT "caseId" FROM "CaseFact" ORDER BY md5("caseId") LIMIT ${CLIENTS * PER_CLIENT}`)).map((r) => r.caseId);
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const c = new pg.Client({ connectionString: scratch.url });
      await c.connect();
      return c;
    }),
  );
  for (const triggers of [true, false, true, false]) {
    await scratch.db.query(`ALTER TABLE "CaseFact" ${triggers ? "ENABLE" : "DISABLE"} TRIGGER USER`);
    const t0 = performance.now();
    await Promise.all(
      clients.map(async (c, k) => {
        for (let i = 0; i < PER_CLIENT; i++) {
          await c.query(`BEGIN`);
          await c.query(`UPDATE "CaseFact" SET breaches1 = breaches1 + 1, "decideDays1" = coalesce("decideDays1", 0) + 1, "updatedAt" = now() WHERE "caseId" = $1`, [
            ids[k * PER_CLIENT + i],
          ]);
          await c.query(`SELECT pg_sleep(0.002)`);
          await c.query(`COMMIT`);
        }
      }),
    );
    const s = (performance.now() - t0) / 1000;
    console.log(
      `triggers ${triggers ? "on " : "off"}: ${((CLIENTS * PER_CLIENT) / s).toFixed(0)} fact-changing transactions/s (8 clients, ${CLIENTS * PER_CLIENT} in ${s.toFixed(2)} s)`,
    );
  }
  const [{ n }] = (await scratch.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "PatternDelta"`)) as [{ n: number }];
  const t1 = performance.now();
  await scratch.db.query(`SELECT pattern_summary_fold(1000000)`);
  console.log(`fold: ${n} deltas into the summaries in ${(performance.now() - t1).toFixed(0)} ms`);
  await Promise.all(clients.map((c) => c.end()));
} finally {
  await scratch.drop();
}
