// The case page against history length (issue 12): the loader of /cases/:id for a case with 10
// events and the same case kind with 10,000, as the setting's SENCo and as the family, in-process
// on both engines. Prints p50 per size, the ratio, and the SQL statements one page view sends
// (counted on PostgreSQL at the pg driver). Standalone: `npx tsx bench/case-page.ts [--quick]`.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { applyCaseEvent, type EventAuthor } from "../app/utils/cases.server";
import { useDatabase } from "../app/utils/db.server";
import { seed } from "../prisma/seed";
import { raiseTestConcern } from "../tests/integration/support/cases";
import { cookieFor, importRoute } from "../tests/integration/support/routes";
import { createTestDatabase, ENGINES, type EngineName } from "../tests/support/scratch-database";

const ACTOR: EventAuthor = { kind: "system", name: "bench" };
const SENCO = "helen.clarke@beckettpark.example.com";
const PARENT = "amira.hussain@example.com";

let statements = 0;
let counting = false;
const originalQuery = pg.Client.prototype.query;
// Counts every statement any pg client sends while `counting` (PostgreSQL only).
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  if (counting) {
    statements++;
    if (process.env.BENCH_LOG_SQL)
      console.log(
        `  SQL ${String(typeof args[0] === "string" ? args[0] : (args[0] as { text?: string })?.text)
          .replace(/\s+/g, " ")
          .slice(0, 150)}`,
      );
  }
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
};

/** Pads a case's log to `total` events (a realistic mix; the page only reads them). */
export async function padHistory(db: Awaited<ReturnType<typeof createTestDatabase>>["db"], caseId: string, total: number) {
  const [first] = await db.query<{ max: number }>(`SELECT max(seq)::int AS max FROM "CaseEvent" WHERE "caseId" = $1`, [caseId]);
  const max = first?.max ?? 0;
  if (max >= total) return;
  await db.query(
    `INSERT INTO "CaseEvent" ("caseId", seq, type, payload, "fromState", "toState", "actorLabel", "prevHash", hash)
     SELECT $1, s, (ARRAY['PAUSE','RESUME','DEADLINE_WARNING','EXTEND'])[1 + s % 4],
            jsonb_build_object('at', '2026-12-01', 'key', 'response'), 'x', 'x', 'bench', '', ''
     FROM generate_series($2::int, $3::int) AS s`,
    [caseId, max + 1, total],
  );
}

/** p50 of each of two views, measured alternately so a busy machine slows both alike. */
async function p50Pair(a: () => Promise<unknown>, b: () => Promise<unknown>, iterations: number): Promise<[number, number]> {
  for (let i = 0; i < 3; i++) await Promise.all([a(), b()]); // warm up
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < iterations; i++) {
    for (const [fn, times] of [
      [a, ta],
      [b, tb],
    ] as const) {
      const start = performance.now();
      await fn();
      times.push(performance.now() - start);
    }
  }
  const median = (t: number[]) => t.sort((x, y) => x - y)[Math.floor(t.length / 2)]!;
  return [median(ta), median(tb)];
}

export interface CasePageFigures {
  engine: EngineName;
  small: number;
  large: number;
  ratio: number;
  statements: number | null;
}

export async function benchCasePage(engine: EngineName, { quick }: { quick: boolean }): Promise<CasePageFigures> {
  const scratch = await createTestDatabase(engine);
  useDatabase(scratch.db);
  const { prisma } = scratch.db;
  try {
    await seed(prisma, { demoCases: false });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const id = (await raiseTestConcern(prisma, { receivedOn: "2026-11-02" })).cases[0]!.id;
      await applyCaseEvent(id, { type: "ACKNOWLEDGE", at: "2026-11-03", handlerId: "h" }, ACTOR, {}, prisma);
      ids.push(id);
    }
    await padHistory(scratch.db, ids[0]!, 10);
    await padHistory(scratch.db, ids[1]!, 10_000);
    const page = await importRoute("cases.$caseId._index");
    const cookies = [await cookieFor(prisma, SENCO), await cookieFor(prisma, PARENT)];
    let turn = 0;
    const view = async (caseId: string) => {
      const cookie = cookies[turn++ % cookies.length]!;
      const request = new Request(`http://localhost/cases/${caseId}`, { headers: { Cookie: cookie } });
      const response = (await page.loader!({ request, params: { caseId }, context: {} })) as Response;
      if (response.status !== 200) throw new Error(`case page answered ${response.status}`);
      await response.text();
    };
    let counted: number | null = null;
    if (engine === "postgres") {
      statements = 0;
      counting = true;
      await view(ids[1]!);
      counting = false;
      counted = statements;
    }
    const iterations = quick ? 30 : 150;
    const [small, large] = await p50Pair(
      () => view(ids[0]!),
      () => view(ids[1]!),
      iterations,
    );
    return { engine, small, large, ratio: large / small, statements: counted };
  } finally {
    counting = false;
    await scratch.drop();
  }
}

export async function runCasePageBench({ quick }: { quick: boolean }, engines: EngineName[] = ENGINES): Promise<string[]> {
  const lines: string[] = [];
  for (const engine of engines) {
    const f = await benchCasePage(engine, { quick });
    console.log(
      `case page [${engine}]: 10 events p50 ${f.small.toFixed(1)} ms, 10,000 events p50 ${f.large.toFixed(1)} ms (×${f.ratio.toFixed(2)})` +
        (f.statements !== null ? `; ${f.statements} SQL statements per view (session, case with capacities, the rest of the file, audit entry)` : ""),
    );
    lines.push(`ratio case-page/10000-vs-10-events [${engine}]: ${f.ratio.toFixed(2)}`);
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes("--quick");
  const only = ENGINES.filter((e) => process.argv.includes(e));
  runCasePageBench({ quick }, only.length ? only : ENGINES)
    .then((lines) => {
      for (const line of lines) console.log(line);
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
