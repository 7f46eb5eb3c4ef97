import { afterEach, beforeAll, expect, it } from "vitest";
import { DIMENSIONS } from "../../app/utils/patterns-measures";
import {
  caseFactAggregates,
  foldPatternDeltas,
  funnel,
  funnelFromSummary,
  funnelRows,
  letter,
  letterSums,
  percentileOfHistogram,
  summaryAggregates,
  summaryAnswers,
  trends,
  type Filters,
} from "../../app/utils/patterns.server";
import { generate } from "../../scripts/generate";
import { describeEachEngine } from "./engines";

// The monthly summary tables (docs/decisions/028) against the CaseFact rows they summarise: every
// dimension, every measure, the timeliness percentiles and the monthly trends must be EXACTLY what
// the per-case query gives — after the generator's bulk insert, after facts change (the write
// path's upserts) and after facts are deleted, with the changes still in "PatternDelta", after a
// fold and while two folds run at once — and a rebuild from scratch gives the same rows.
const PERIODS: Filters[] = [
  { from: "2025-01-01", to: "2025-12-31" },
  { from: "2026-01-01", to: "2026-12-31" },
  { from: "2026-01-01", to: "2026-12-31", route: "substance" },
  { from: "2025-04-01", to: "2026-03-31", route: "process" },
];

describeEachEngine("pattern summary tables", ({ get }) => {
  beforeAll(async () => {
    await generate(get().db, { cases: 400, seed: 9, from: "2025-01-01", to: "2026-10-31", batch: 100, workers: 0, quiet: true });
  }, 600_000);
  afterEach(() => {
    delete process.env.PATTERNS_SUMMARY;
  });

  async function expectSummaryEqualsFacts() {
    for (const filters of PERIODS) {
      expect(summaryAnswers(filters)).toBe(true);
      for (const dimension of DIMENSIONS) {
        const [fromSummary, fromFacts] = await Promise.all([summaryAggregates(dimension, filters), caseFactAggregates(dimension, filters)]);
        expect(fromFacts.total.received).toBeGreaterThan(0);
        const normalise = (r: { key: string }) =>
          Object.fromEntries(
            Object.entries(r)
              .filter(([k]) => k !== "whole")
              .map(([k, v]) => [k, v === null || k === "key" ? v : Number(v)]),
          );
        expect(fromSummary.groups.map(normalise), `${dimension} ${JSON.stringify(filters)}`).toEqual(fromFacts.groups.map(normalise));
        expect(normalise(fromSummary.total)).toEqual(normalise(fromFacts.total));
      }
      const summaryTrends = await trends(filters);
      process.env.PATTERNS_SUMMARY = "off";
      expect(summaryAnswers(filters)).toBe(false);
      expect(await trends(filters)).toEqual(summaryTrends);
      delete process.env.PATTERNS_SUMMARY;
    }
    await expectFunnelsAndLettersEqualFacts();
  }

  // Funnel plots (per area from the monthly rows, per setting from the yearly rows) and annual
  // letters (own facts by index, similar bodies = summary total − own) against CaseFact only.
  async function expectFunnelsAndLettersEqualFacts() {
    const { db } = get();
    const offAndOn = async <T>(read: () => Promise<T>): Promise<[T, T]> => {
      const on = await read();
      process.env.PATTERNS_SUMMARY = "off";
      try {
        return [on, await read()];
      } finally {
        delete process.env.PATTERNS_SUMMARY;
      }
    };
    for (const filters of PERIODS)
      for (const level of ["setting", "area"] as const) {
        // The per-setting rows are yearly: April to March reads CaseFact.
        expect(funnelFromSummary(level, filters)).toBe(level === "area" || filters.from.endsWith("-01-01"));
        for (const measure of ["upheld", "breach"] as const) {
          const [rows, factRows] = await offAndOn(() => funnelRows(level, measure, filters));
          expect(factRows.length).toBeGreaterThan(level === "setting" ? 20 : 5);
          expect(rows, `${level} ${measure} ${JSON.stringify(filters)}`).toEqual(factRows);
          const [plot, factPlot] = await offAndOn(() => funnel(level, measure, filters));
          expect(plot).toEqual(factPlot);
        }
      }
    const settings = (await db.query<{ id: string }>(`SELECT "settingId" AS id FROM "CaseFact" GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 6`)).map((r) => r.id);
    const areas = (await db.query<{ id: string }>(`SELECT DISTINCT "localAreaId" AS id FROM "CaseFact" ORDER BY 1 LIMIT 6`)).map((r) => r.id);
    const bodies = [...settings.map((id) => ["setting", id] as const), ...areas.map((id) => ["area", id] as const)];
    for (const year of [2025, 2026])
      for (const [level, id] of bodies) {
        const [sums, factSums] = await offAndOn(() => letterSums(level, id, year));
        const n = (r: object) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null || k === "key" ? v : Number(v)]));
        expect(n(sums!.mine), `${level} ${id} ${year} own`).toEqual(n(factSums!.mine));
        expect(n(sums!.others), `${level} ${id} ${year} similar`).toEqual(n(factSums!.others));
        expect(factSums!.others.decided1).toBeGreaterThan(0);
        const [page, factPage] = await offAndOn(() => letter(level, id, year));
        expect(page).toEqual(factPage);
      }
  }

  it("equals the CaseFact totals after the generator's bulk insert", async () => {
    const [{ n }] = (await get().db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "PatternSummary" WHERE dimension = 'need'`)) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
    await expectSummaryEqualsFacts();
  });

  it("stays equal when fact rows change and are deleted, and a rebuild gives the same rows", async () => {
    const { db } = get();
    // What the write path's upsert does to a fact row as a case moves on: outcome, timeliness, rung, conclusion.
    await db.query(`UPDATE "CaseFact" SET upheld1 = NOT coalesce(upheld1, false), "decided1On" = coalesce("decided1On", "receivedOn"), "decideDays1" = coalesce("decideDays1", 0) + 3,
      "highestRung" = least(3, "highestRung" + 1), conclusion = 'outcome-accepted', "concludedOn" = "receivedOn" + 40 WHERE "caseId" IN (SELECT "caseId" FROM "CaseFact" ORDER BY "caseId" LIMIT 60)`);
    await db.query(`INSERT INTO "CaseFact" SELECT * FROM "CaseFact" WHERE "caseId" IN (SELECT "caseId" FROM "CaseFact" ORDER BY "caseId" DESC LIMIT 20)
      ON CONFLICT ("caseId") DO UPDATE SET breaches1 = "CaseFact".breaches1 + 1, extensions = "CaseFact".extensions + 1, "mediationOffered" = true`);
    await db.query(`DELETE FROM "CaseFact" WHERE "caseId" IN (SELECT "caseId" FROM "CaseFact" ORDER BY "caseId" LIMIT 15 OFFSET 100)`);
    // Some of the busiest setting's facts recorded under another setting type: its letter's own
    // figures count them, its similar bodies' total (its type) does not.
    await db.query(`UPDATE "CaseFact" SET "settingKind" = CASE WHEN "settingKind" = 'primary' THEN 'secondary'::"SettingKind" ELSE 'primary'::"SettingKind" END
      WHERE "caseId" IN (SELECT "caseId" FROM "CaseFact" WHERE "settingId" = (SELECT "settingId" FROM "CaseFact" GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1) ORDER BY "caseId" LIMIT 3)`);
    const pending = async () => Number(((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "PatternDelta"`)) as [{ n: number }])[0].n);
    // 60 updates (−1 and +1 each), 20 upserts, 15 deletes, 3 kind changes: all still pending, and the reads already exact.
    expect(await pending()).toBe(2 * 60 + 2 * 20 + 15 + 2 * 3);
    // A change to no summed column (most events: an acknowledgement, a reminder) appends nothing.
    await db.query(`UPDATE "CaseFact" SET "updatedAt" = "updatedAt" + interval '1 day', status = status || '' WHERE "caseId" IN (SELECT "caseId" FROM "CaseFact" LIMIT 50)`);
    expect(await pending()).toBe(2 * 60 + 2 * 20 + 15 + 2 * 3);
    await expectSummaryEqualsFacts();
    // One fold of part of them, then the rest by two folders at once while the views are read.
    expect((await foldPatternDeltas({ batch: 40, maxBatches: 1 })).folded).toBe(40);
    await expectSummaryEqualsFacts();
    const [a, b] = await Promise.all([foldPatternDeltas({ batch: 7 }), foldPatternDeltas({ batch: 5 }), expectSummaryEqualsFacts()]);
    expect(a.folded + b.folded).toBe(2 * 60 + 2 * 20 + 15 + 2 * 3 - 40);
    expect(await pending()).toBe(0);
    await expectSummaryEqualsFacts();
    const snapshot = async () => [
      await db.query(`SELECT * FROM "PatternSummary" WHERE received <> 0 OR dimension <> 'concluded' ORDER BY 1, 2, 3, 4`),
      await db.query(`SELECT * FROM "PatternDays" WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6`),
    ];
    const strip = (rows: Array<Record<string, unknown>>[]) =>
      rows.map((t) => t.filter((r) => Object.entries(r).some(([k, v]) => typeof v === "number" && v !== 0 && k !== "rung" && k !== "days")));
    const incremental = strip(await snapshot());
    // A rebuild with changes pending clears them with the rest: nothing lost, nothing counted twice.
    await db.query(`UPDATE "CaseFact" SET extensions = extensions + 1 WHERE "caseId" IN (SELECT "caseId" FROM "CaseFact" ORDER BY "caseId" LIMIT 10)`);
    await db.query(`UPDATE "CaseFact" SET extensions = extensions - 1 WHERE "caseId" IN (SELECT "caseId" FROM "CaseFact" ORDER BY "caseId" LIMIT 10)`);
    expect(await pending()).toBe(40);
    await db.query(`SELECT pattern_summary_rebuild()`);
    expect(await pending()).toBe(0);
    expect(strip(await snapshot())).toEqual(incremental);
    await expectSummaryEqualsFacts();
  });
});

it("percentiles of a histogram follow percentile_disc", () => {
  // 30 values: 1×10, 2×10, 3×10. percentile_disc(0.9) is row ceil(0.9·30) in double precision = 28 → 3.
  const h = [
    [1, 10],
    [2, 10],
    [3, 10],
  ] as const;
  expect(percentileOfHistogram(h, 0.5)).toBe(2);
  expect(percentileOfHistogram(h, 0.9)).toBe(3);
  expect(percentileOfHistogram([[7, 1]], 0.5)).toBe(7);
  expect(percentileOfHistogram([], 0.5)).toBeNull();
});
