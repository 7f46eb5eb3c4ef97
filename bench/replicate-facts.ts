// Makes a generated nation's read model N times bigger, for measuring the patterns views at sizes
// the shared machine cannot walk in time (docs/decisions/028): every walked CaseFact row is copied
// `--times - 1` more times with a new case id ("<id>~<copy>"), the same dates and attributes, and
// the setting spread over copies of the settings ("<id>~<n>", same area and type, up to `--settings`
// copies of the setting table, default 20: ≈20,000 settings from the generator's 1,000), so the
// per-setting rows grow as they would with more settings. NOT walked cases: no events, no register.
// The triggers keep the summaries (docs/decisions/028); deltas are folded after each chunk.
//   DATABASE_URL=postgresql://…/copy npx tsx bench/replicate-facts.ts --times 200 [--settings 20] [--chunk 20] [--start 20]
import { performance } from "node:perf_hooks";
import { openDatabase, redact } from "../app/utils/database.server";
import { useDatabase } from "../app/utils/db.server";
import { getEnv } from "../app/utils/env.server";
import { foldPatternDeltas } from "../app/utils/patterns.server";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of at least 1`);
  return value;
}

const times = option("times", 2);
const settingCopies = Math.min(option("settings", 20), times);
const chunk = option("chunk", 20);
// --start N: copies 1 … N−1 are already there (a copy of a database replicated with --times N).
const start = option("start", 1);
const url = getEnv().DATABASE_URL;
const db = await openDatabase(url);
useDatabase(db);
try {
  const started = performance.now();
  const [{ walked }] = (await db.query<{ walked: number }>(`SELECT count(*)::int AS walked FROM "CaseFact" WHERE "caseId" NOT LIKE '%~%'`)) as [{ walked: number }];
  const [{ copies }] = (await db.query<{ copies: number }>(`SELECT count(*)::int AS copies FROM "CaseFact" WHERE "caseId" LIKE '%~%'`)) as [{ copies: number }];
  if (copies !== walked * (start - 1))
    throw new Error(`${redact(url)} has ${copies} copied fact rows, not ${walked * (start - 1)}: replicate a fresh copy of the generated database (or pass --start)`);
  console.log(`${redact(url)}: ${walked.toLocaleString("en-GB")} walked fact rows → ${(walked * times).toLocaleString("en-GB")} (${settingCopies} copies of the settings)`);
  if (start === 1)
    await db.query(
      `INSERT INTO "Setting" SELECT r.* FROM "Setting" s CROSS JOIN generate_series(1, $1::int - 1) k
       CROSS JOIN LATERAL jsonb_populate_record(NULL::"Setting", to_jsonb(s) || jsonb_build_object('id', s.id || '~' || k, 'urn', s.urn || '~' || k, 'name', s.name || ' (' || k || ')')) r
     WHERE s.id NOT LIKE '%~%'`,
      [settingCopies],
    );
  for (let first = start; first < times; first += chunk) {
    const last = Math.min(times - 1, first + chunk - 1);
    const t = performance.now();
    await db.query(
      // LATERAL: `(f(…)).*` would call the function once per column.
      `INSERT INTO "CaseFact" SELECT r.* FROM "CaseFact" f CROSS JOIN generate_series($1::int, $2::int) j
       CROSS JOIN LATERAL jsonb_populate_record(NULL::"CaseFact", to_jsonb(f) || jsonb_build_object('caseId', f."caseId" || '~' || j,
         'settingId', CASE WHEN j % $3::int = 0 THEN f."settingId" ELSE f."settingId" || '~' || (j % $3::int) END)) r
       WHERE f."caseId" NOT LIKE '%~%'`,
      [first, last, settingCopies],
    );
    const inserted = performance.now() - t;
    const { folded } = await foldPatternDeltas({ batch: 20_000, maxBatches: 1_000 });
    console.log(
      `copies ${first}–${last}: ${((last - first + 1) * walked).toLocaleString("en-GB")} rows in ${(inserted / 1000).toFixed(1)} s, ${folded.toLocaleString("en-GB")} deltas folded in ${((performance.now() - t - inserted) / 1000).toFixed(1)} s`,
    );
  }
  // The fold deleted every delta: reclaim them as autovacuum would between ticks (a bloated "PatternDelta" slows every Live read).
  await db.query(`VACUUM ANALYZE`);
  const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "CaseFact"`)) as [{ n: number }];
  console.log(`Done: ${n.toLocaleString("en-GB")} fact rows in ${((performance.now() - started) / 1000).toFixed(0)} s`);
} finally {
  await db.close();
}
