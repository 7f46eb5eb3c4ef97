// Benchmarks the patterns pages' queries on a generated nation (npm run generate first).
//   DATABASE_URL=postgresql://…/nation npm run bench:patterns [-- --runs 20]
//   PATTERNS_SUMMARY=off …   the same views read from CaseFact only (what the summary saves)
// Per dashboard view (every split × national / one area / one route): p50 and p95 over N runs
// of exactly what the loader runs (the group table and the monthly trends); funnel plots,
// annual letters and CSV export the same way; then the read model's size and the database's.
import { performance } from "node:perf_hooks";
import { openDatabase, redact } from "../app/utils/database.server";
import { useDatabase } from "../app/utils/db.server";
import { getEnv } from "../app/utils/env.server";
import { groupTableCsv } from "../app/utils/patterns-csv.server";
import { DIMENSIONS } from "../app/utils/patterns-measures";
import { funnel, funnelFromSummary, groupTable, letter, summaryAnswers, trends, type Filters } from "../app/utils/patterns.server";

const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 20;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

async function measure(name: string, fn: () => Promise<unknown>): Promise<{ name: string; p50: number; p95: number }> {
  await fn(); // warm-up (plans, caches)
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const row = { name, p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
  console.log(`${name.padEnd(58)} p50 ${row.p50.toFixed(1).padStart(8)} ms   p95 ${row.p95.toFixed(1).padStart(8)} ms`);
  return row;
}

const url = getEnv().DATABASE_URL;
const db = await openDatabase(url);
useDatabase(db);
try {
  const [{ cases, first, last }] = (await db.query<{ cases: number; first: string; last: string }>(
    `SELECT count(*)::int AS cases, to_char(min("receivedOn"), 'YYYY') AS first, to_char(max("receivedOn"), 'YYYY') AS last FROM "CaseFact"`,
  )) as [{ cases: number; first: string; last: string }];
  console.log(`Database ${redact(url)} (${db.engine}): ${cases.toLocaleString("en-GB")} cases, ${first}–${last}; ${RUNS} runs per figure\n`);
  const year = Number(last);
  const national: Filters = { from: `${year}-01-01`, to: `${year}-12-31` };
  const [busiest] = (await db.query<{ id: string }>(`SELECT "localAreaId" AS id FROM "CaseFact" GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)) as [{ id: string }];
  const scopes: Array<[string, Filters]> = [
    ["England", national],
    ["one area", { ...national, areaId: busiest.id }],
    ["substance route", { ...national, route: "substance" }],
  ];
  const rows = [];
  for (const [scope, filters] of scopes) {
    const source = summaryAnswers(filters) ? "summary" : "CaseFact";
    for (const by of DIMENSIONS) rows.push(await measure(`dashboard ${scope}, by ${by} [${source}]`, () => Promise.all([groupTable(by, filters), trends(filters)])));
  }
  for (const level of ["setting", "area"] as const)
    for (const m of ["upheld", "breach"] as const)
      rows.push(await measure(`funnel plot ${level} ${m} [${funnelFromSummary(level, national) ? "summary" : "CaseFact"}]`, () => funnel(level, m, national)));
  const [setting] = (await db.query<{ id: string }>(`SELECT "settingId" AS id FROM "CaseFact" GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)) as [{ id: string }];
  const letterSource = summaryAnswers(national) ? "own facts + summary" : "CaseFact";
  rows.push(await measure(`letter, busiest setting [${letterSource}]`, () => letter("setting", setting.id, year)));
  rows.push(await measure(`letter, busiest area [${letterSource}]`, () => letter("area", busiest.id, year)));
  rows.push(await measure("CSV export, England by local area", async () => groupTableCsv(await groupTable("area", national))));
  const dashboards = rows.filter((r) => r.name.startsWith("dashboard"));
  const worst = dashboards.reduce((a, b) => (b.p95 > a.p95 ? b : a));
  console.log(`\nDashboard views: worst p95 ${worst.p95.toFixed(1)} ms (${worst.name}); ${dashboards.filter((r) => r.p95 <= 300).length}/${dashboards.length} within 300 ms`);
  if (db.engine === "postgres") {
    const [size] = (await db.query<{ database: string; facts: string; events: string }>(
      `SELECT pg_size_pretty(pg_database_size(current_database())) AS database, pg_size_pretty(pg_total_relation_size('"CaseFact"')) AS facts, pg_size_pretty(pg_total_relation_size('"CaseEvent"')) AS events,
        pg_size_pretty(pg_total_relation_size('"PatternSummary"') + pg_total_relation_size('"PatternDays"')) AS summary,
        (SELECT count(*) FROM "PatternSummary")::text AS "summaryRows", (SELECT count(*) FROM "PatternDays")::text AS "dayRows"`,
    )) as [{ database: string; facts: string; events: string; summary: string; summaryRows: string; dayRows: string }];
    console.log(`Size: database ${size.database}; CaseFact ${size.facts}; CaseEvent ${size.events}; summaries ${size.summary} (${size.summaryRows} + ${size.dayRows} rows)`);
  }
} finally {
  await db.close();
}
