import { londonDate } from "./dates";
import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import { getPrisma } from "./db.server";
import {
  disparityRatio,
  MIN_RATE_BASE,
  nothing,
  publishCount,
  publishPartition,
  publishRate,
  publishRatePer1000,
  publishStatistic,
  roundCount,
  type Published,
} from "./disclosure";
import { controlLimit, Z95, Z998 } from "./control-limits";
import { groupLabel } from "./group-labels";
import { ensureCaseFacts } from "./patterns-facts.server";
import { MEASURES, type Dimension, type MeasureKey } from "./patterns-measures";

// National pattern review, read from the CaseFact read model only (docs/decisions/010) and
// published through the disclosure rules (docs/decisions/011). Every figure that leaves this
// module is a `Published` value.

export interface Filters {
  from: string; // inclusive ISO date, on the date the concern was received
  to: string; // inclusive
  areaId?: string;
  route?: "process" | "substance";
}

const FACT_GROUP: Record<Dimension, Prisma.Sql> = {
  ethnicity: Prisma.sql`f.ethnicity`,
  sex: Prisma.sql`f.sex`,
  fsm: Prisma.sql`CASE WHEN f."freeSchoolMeals" THEN 'Eligible' ELSE 'Not eligible' END`,
  deprivation: Prisma.sql`'Quintile ' || ((f."deprivationDecile" + 1) / 2)::text`,
  need: Prisma.sql`f."primaryNeed"`,
  age: Prisma.sql`f."ageBand"`,
  area: Prisma.sql`f."localAreaId"`,
  settingKind: Prisma.sql`f."settingKind"::text`,
  route: Prisma.sql`f.route::text`,
};

/** The same groups over children on the register (for rates per 1,000); null where not a child attribute. */
const CHILD_GROUP: Record<Dimension, Prisma.Sql | null> = {
  ethnicity: Prisma.sql`ch.ethnicity`,
  sex: Prisma.sql`ch.sex`,
  fsm: Prisma.sql`CASE WHEN ch."freeSchoolMeals" THEN 'Eligible' ELSE 'Not eligible' END`,
  deprivation: Prisma.sql`'Quintile ' || ((ch."deprivationDecile" + 1) / 2)::text`,
  need: Prisma.sql`ch."primaryNeed"`,
  age: Prisma.sql`CASE WHEN date_part('year', age(current_date, ch."dateOfBirth")) < 5 THEN '0-4'
    WHEN date_part('year', age(current_date, ch."dateOfBirth")) < 11 THEN '5-10'
    WHEN date_part('year', age(current_date, ch."dateOfBirth")) < 16 THEN '11-15' ELSE '16-25' END`,
  area: Prisma.sql`ch."localAreaId"`,
  settingKind: Prisma.sql`s.kind::text`,
  route: null,
};

/** Unrounded sums for one group: never leave this module. */
export interface Raw {
  key: string;
  received: number;
  reached2: number;
  reached3: number;
  decided1: number;
  upheld1: number;
  decided2: number;
  upheld2: number;
  decided3: number;
  upheld3: number;
  concluded: number;
  resolvedLocally: number;
  remediesDone: number;
  remediesSettled: number;
  onTime1: number;
  extended: number;
  breached: number;
  breaches: number;
  mediationOffered: number;
  mediationAgreed: number;
  medianDays1: number | null;
  p90Days1: number | null;
  medianDays2: number | null;
  p90Days2: number | null;
}

const COUNT_AGGREGATES = Prisma.sql`
  count(*)::int AS received,
  count(*) FILTER (WHERE f."highestRung" >= 2)::int AS "reached2",
  count(*) FILTER (WHERE f."highestRung" >= 3)::int AS "reached3",
  count(f."decided1On")::int AS "decided1",
  count(*) FILTER (WHERE f.upheld1)::int AS "upheld1",
  count(f."decided2On")::int AS "decided2",
  count(*) FILTER (WHERE f.upheld2)::int AS "upheld2",
  count(f."decided3On")::int AS "decided3",
  count(*) FILTER (WHERE f.upheld3)::int AS "upheld3",
  count(f.conclusion)::int AS concluded,
  count(*) FILTER (WHERE f.conclusion IN ('outcome-accepted', 'resolved-by-agreement') AND f."highestRung" < 3)::int AS "resolvedLocally",
  coalesce(sum(f."remediesDone"), 0)::int AS "remediesDone",
  coalesce(sum(f."remediesDone" + f."remediesFailed"), 0)::int AS "remediesSettled",
  count(*) FILTER (WHERE f."decided1On" IS NOT NULL AND f.breaches1 = 0)::int AS "onTime1",
  count(*) FILTER (WHERE f.extensions > 0)::int AS extended,
  count(*) FILTER (WHERE f.breaches1 + f.breaches2 + f.breaches3 > 0)::int AS breached,
  coalesce(sum(f.breaches1 + f.breaches2 + f.breaches3), 0)::int AS breaches,
  count(*) FILTER (WHERE f."mediationOffered")::int AS "mediationOffered",
  count(*) FILTER (WHERE f."mediationAgreed")::int AS "mediationAgreed"`;

const AGGREGATES = Prisma.sql`${COUNT_AGGREGATES},
  percentile_disc(0.5) WITHIN GROUP (ORDER BY f."decideDays1") AS "medianDays1",
  percentile_disc(0.9) WITHIN GROUP (ORDER BY f."decideDays1") AS "p90Days1",
  percentile_disc(0.5) WITHIN GROUP (ORDER BY f."decideDays2") AS "medianDays2",
  percentile_disc(0.9) WITHIN GROUP (ORDER BY f."decideDays2") AS "p90Days2"`;

function where(filters: Filters): Prisma.Sql {
  const parts = [Prisma.sql`f."receivedOn" BETWEEN ${filters.from}::date AND ${filters.to}::date`];
  if (filters.areaId) parts.push(Prisma.sql`f."localAreaId" = ${filters.areaId}`);
  if (filters.route) parts.push(Prisma.sql`f.route = ${filters.route}::"Route"`);
  return Prisma.join(parts, " AND ");
}

async function db(): Promise<PrismaClient> {
  const prisma = await getPrisma();
  await ensureCaseFacts(prisma);
  return prisma;
}

/**
 * Moves fact changes from "PatternDelta" into the monthly summaries (docs/decisions/028), oldest first,
 * `batch` at a time, each batch its own transaction. Safe on several instances at once (SKIP LOCKED);
 * readers are exact before, during and after. The sweeper's tick and `npm run sweep` call it.
 */
export async function foldPatternDeltas(options: { prisma?: PrismaClient; batch?: number; maxBatches?: number } = {}): Promise<{ folded: number }> {
  const prisma = options.prisma ?? (await getPrisma());
  const batch = options.batch ?? 10_000;
  const maxBatches = options.maxBatches ?? 100;
  let folded = 0;
  for (let i = 0; i < maxBatches; i++) {
    const [row] = await prisma.$queryRaw<Array<{ moved: number }>>`SELECT pattern_summary_fold(${batch}::int) AS moved`;
    const moved = Number(row?.moved ?? 0);
    folded += moved;
    if (moved < batch) break;
  }
  return { folded };
}

/** Unrounded aggregates per group plus the whole table's (key null), in one pass (GROUPING SETS). */
export async function rawAggregates(filters: Filters, group: Prisma.Sql): Promise<{ groups: Raw[]; total: Raw }> {
  const prisma = await db();
  const rows = await prisma.$queryRaw<Array<Raw & { whole: number }>>`
    SELECT ${group} AS key, GROUPING(${group})::int AS whole, ${AGGREGATES}
    FROM "CaseFact" f WHERE ${where(filters)} GROUP BY GROUPING SETS ((${group}), ()) ORDER BY 2, 1`;
  const groups = rows.filter((r) => r.whole === 0);
  const total = rows.find((r) => r.whole === 1) ?? emptyRaw("all");
  return { groups, total: { ...total, key: "all" } };
}

// ───────────────────────────── Monthly summaries (docs/decisions/028) ─────────────────────────────

/** The summary tables hold whole months of receipt: they answer a filter that starts and ends on month boundaries. */
function wholeMonths(filters: Filters): boolean {
  const end = new Date(`${filters.to}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return filters.from.endsWith("-01") && end.getUTCDate() === 1;
}

/** England-wide views (no area filter, whole months) read the monthly summaries plus the deltas not yet folded ("PatternSummaryLive"), not every case of the period. */
export function summaryAnswers(filters: Filters): boolean {
  return !filters.areaId && wholeMonths(filters) && process.env.PATTERNS_SUMMARY !== "off";
}

const SUMMARY_COUNTS = [
  "received",
  "reached2",
  "reached3",
  "decided1",
  "upheld1",
  "decided2",
  "upheld2",
  "decided3",
  "upheld3",
  "concluded",
  "resolvedLocally",
  "remediesDone",
  "remediesSettled",
  "onTime1",
  "extended",
  "breached",
  "breaches",
  "mediationOffered",
  "mediationAgreed",
] as const satisfies ReadonlyArray<keyof Raw>;
const SUMMARY_SUMS = Prisma.raw(SUMMARY_COUNTS.map((c) => `sum(s."${c}")::int AS "${c}"`).join(", "));

/** percentile_disc as PostgreSQL computes it (the value at row ceil(p·N), in double precision) over a histogram sorted by days. */
export function percentileOfHistogram(histogram: ReadonlyArray<readonly [days: number, n: number]>, p: number): number | null {
  const total = histogram.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const row = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const [days, n] of histogram) if ((seen += n) >= row) return days;
  return histogram[histogram.length - 1]![0];
}

/**
 * Medians and 90th percentiles per group and rung (key null: the whole table) from the days
 * histograms in "PatternDaysLive", computed in the database as percentileOfHistogram does (the
 * value at row max(1, ceil(p·N)) of the running count): one row per group and rung leaves the
 * database, not the histograms (150 areas × working-day values at national scale).
 */
function histogramPercentiles(scope: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH h AS (
      SELECT CASE WHEN GROUPING(s."groupKey") = 1 THEN NULL ELSE s."groupKey" END AS key, s.rung::int AS rung, s.days, sum(s.n)::bigint AS n
      FROM "PatternDaysLive" s WHERE ${scope}
      GROUP BY GROUPING SETS ((s."groupKey", s.rung, s.days), (s.rung, s.days)) HAVING sum(s.n) > 0
    ), c AS (
      SELECT key, rung, days, sum(n) OVER (PARTITION BY key, rung ORDER BY days)::float8 AS cum, sum(n) OVER (PARTITION BY key, rung)::float8 AS total FROM h
    )
    SELECT key, rung,
      min(days) FILTER (WHERE cum >= greatest(1, ceil(0.5::float8 * total)))::int AS median,
      min(days) FILTER (WHERE cum >= greatest(1, ceil(0.9::float8 * total)))::int AS p90
    FROM c GROUP BY key, rung`;
}

type PercentileRow = { key: string | null; rung: number; median: number | null; p90: number | null };

function withPercentiles(r: Raw, key: string | null, percentiles: PercentileRow[]): Raw {
  const of = (rung: number) => percentiles.find((p) => p.key === key && p.rung === rung);
  return { ...r, medianDays1: of(1)?.median ?? null, p90Days1: of(1)?.p90 ?? null, medianDays2: of(2)?.median ?? null, p90Days2: of(2)?.p90 ?? null };
}

/** The same unrounded sums as rawAggregates, from the monthly summary (a few thousand rows at national scale). */
export async function summaryAggregates(dimension: Dimension, filters: Filters): Promise<{ groups: Raw[]; total: Raw }> {
  const prisma = await db();
  const scope = Prisma.sql`s.dimension = ${dimension} AND s.month BETWEEN ${filters.from}::date AND ${filters.to}::date ${filters.route ? Prisma.sql`AND s.route = ${filters.route}::"Route"` : Prisma.empty}`;
  const [sums, percentiles] = await Promise.all([
    prisma.$queryRaw<Raw[]>`SELECT s."groupKey" AS key, ${SUMMARY_SUMS} FROM "PatternSummaryLive" s WHERE ${scope} GROUP BY 1 HAVING sum(s.received) > 0 ORDER BY 1`,
    prisma.$queryRaw<PercentileRow[]>(histogramPercentiles(scope)),
  ]);
  const byKey = new Map<string | null, PercentileRow[]>();
  for (const p of percentiles) byKey.set(p.key, [...(byKey.get(p.key) ?? []), p]);
  const groups = sums.map((r) => withPercentiles({ ...emptyRaw(r.key), ...r }, r.key, byKey.get(r.key) ?? []));
  const total = emptyRaw("all");
  for (const g of groups) for (const c of SUMMARY_COUNTS) total[c] += g[c];
  return { groups, total: withPercentiles(total, null, byKey.get(null) ?? []) };
}

/** The same sums read from CaseFact directly (drill-down, areas, and the proof that the summary agrees). */
export function caseFactAggregates(dimension: Dimension, filters: Filters): Promise<{ groups: Raw[]; total: Raw }> {
  return rawAggregates(filters, FACT_GROUP[dimension]);
}

/** Children on the register per group today ("all" for everyone); the register changes slowly, so kept for 10 minutes. */
const REGISTER_TTL_MS = 10 * 60_000;
const registerCache = new Map<string, { at: number; counts: Promise<Map<string, number>> }>();

async function registerCounts(dimension: Dimension, filters: Filters): Promise<Map<string, number>> {
  const group = CHILD_GROUP[dimension];
  if (!group) return new Map();
  const prisma = await db();
  const cacheKey = `${dimension}:${filters.areaId ?? ""}`;
  const cached = registerCache.get(cacheKey);
  if (cached && Date.now() - cached.at < REGISTER_TTL_MS && process.env.APP_ENV !== "test") return cached.counts;
  const area = filters.areaId ? Prisma.sql`AND ch."localAreaId" = ${filters.areaId}` : Prisma.empty;
  const counts = prisma.$queryRaw<Array<{ key: string | null; n: number }>>`
    SELECT ${group} AS key, count(*)::int AS n FROM "Child" ch JOIN "Setting" s ON s.id = ch."settingId"
    WHERE ch."registerStatus" = 'on_register' ${area} GROUP BY GROUPING SETS ((${group}), ())`.then((rows) => new Map(rows.map((r) => [r.key ?? "all", r.n])));
  registerCache.set(cacheKey, { at: Date.now(), counts });
  return counts;
}

export type Figures = Record<MeasureKey, Published>;

/** Rates and statistics for one group from its unrounded sums (counts are published by the table). */
function rates(r: Raw, register: number | undefined): Omit<Figures, "received" | "extended" | "breached" | "breaches" | "mediationOffered"> {
  const num = (v: number | null) => (v === null ? null : Number(v));
  return {
    perThousand: register === undefined ? nothing : publishRatePer1000(r.received, register),
    escalation1: publishRate(r.reached2, r.received),
    escalation2: publishRate(r.reached3, r.reached2),
    upheld1: publishRate(r.upheld1, r.decided1),
    upheld2: publishRate(r.upheld2, r.decided2),
    upheld3: publishRate(r.upheld3, r.decided3),
    resolvedLocally: publishRate(r.resolvedLocally, r.concluded),
    remedyCompliance: publishRate(r.remediesDone, r.remediesSettled),
    onTime1: publishRate(r.onTime1, r.decided1),
    medianDays1: publishStatistic(num(r.medianDays1), r.decided1),
    p90Days1: publishStatistic(num(r.p90Days1), r.decided1),
    medianDays2: publishStatistic(num(r.medianDays2), r.decided2),
    p90Days2: publishStatistic(num(r.p90Days2), r.decided2),
    mediationAgreed: publishRate(r.mediationAgreed, r.mediationOffered),
  };
}

const COUNT_MEASURES = MEASURES.filter((m) => m.kind === "count").map((m) => m.key) as Array<"received" | "extended" | "breached" | "breaches" | "mediationOffered">;

export interface GroupRow {
  key: string;
  label: string;
  figures: Figures;
  /** Rate of cases per 1,000 children and rung-1 uphold rate against the whole table's, with 95% CI. */
  disparity: { perThousand: Disparity; upheld1: Disparity };
}
export type Disparity = { ratio: number; low: number; high: number } | null;

export interface GroupTable {
  dimension: Dimension;
  rows: GroupRow[];
  total: GroupRow;
}

async function areaNames(): Promise<Map<string, string>> {
  const prisma = await getPrisma();
  return new Map((await prisma.localArea.findMany({ select: { id: true, name: true } })).map((a) => [a.id, a.name]));
}

/** One published table: a row per group of `dimension`, plus the total. */
export async function groupTable(dimension: Dimension, filters: Filters): Promise<GroupTable> {
  const [{ groups: raws, total }, register, registerAll, names] = await Promise.all([
    summaryAnswers(filters) ? summaryAggregates(dimension, filters) : rawAggregates(filters, FACT_GROUP[dimension]),
    registerCounts(dimension, filters),
    registerCounts("sex", filters),
    dimension === "area" ? areaNames() : Promise.resolve(new Map<string, string>()),
  ]);
  const columns = Object.fromEntries(COUNT_MEASURES.map((m) => [m, publishPartition(raws.map((r) => r[m]))]));
  const registerTotal = dimension === "route" ? undefined : registerAll.get("all");
  const disparity = (r: Raw, reg: number | undefined) => ({
    perThousand: reg === undefined || registerTotal === undefined ? null : disparityRatio(r.received, reg, total.received, registerTotal),
    upheld1: disparityRatio(r.upheld1, r.decided1, total.upheld1, total.decided1),
  });
  const rows = raws.map((r, i): GroupRow => {
    const reg = dimension === "route" ? undefined : (register.get(r.key) ?? 0);
    const counts = Object.fromEntries(COUNT_MEASURES.map((m) => [m, columns[m]!.parts[i]!])) as Pick<Figures, (typeof COUNT_MEASURES)[number]>;
    return { key: r.key, label: names.get(r.key) ?? groupLabel(r.key), figures: { ...counts, ...rates(r, reg) }, disparity: disparity(r, reg) };
  });
  const totalCounts = Object.fromEntries(COUNT_MEASURES.map((m) => [m, raws.length ? columns[m]!.total : publishCount(0)])) as Pick<Figures, (typeof COUNT_MEASURES)[number]>;
  return {
    dimension,
    rows,
    total: { key: "all", label: "All", figures: { ...totalCounts, ...rates(total, registerTotal) }, disparity: { perThousand: null, upheld1: null } },
  };
}

export function emptyRaw(key: string): Raw {
  return {
    key,
    received: 0,
    reached2: 0,
    reached3: 0,
    decided1: 0,
    upheld1: 0,
    decided2: 0,
    upheld2: 0,
    decided3: 0,
    upheld3: 0,
    concluded: 0,
    resolvedLocally: 0,
    remediesDone: 0,
    remediesSettled: 0,
    onTime1: 0,
    extended: 0,
    breached: 0,
    breaches: 0,
    mediationOffered: 0,
    mediationAgreed: 0,
    medianDays1: null,
    p90Days1: null,
    medianDays2: null,
    p90Days2: null,
  };
}

// ───────────────────────────── Trends ─────────────────────────────

export interface TrendPoint {
  month: string; // YYYY-MM
  received: Published;
  decided: Published;
  open: Published;
}

/** Per month and route: cases received, cases concluded, and cases open at the end of the month. */
export async function trends(filters: Filters): Promise<Record<"process" | "substance", TrendPoint[]>> {
  const prisma = await db();
  type Row = { route: "process" | "substance"; month: string; n: number };
  const scope = Prisma.sql`${areaAnd(filters)} ${routeAnd(filters)}`;
  const summaryRoute = filters.route ? Prisma.sql`AND s.route = ${filters.route}::"Route"` : Prisma.empty;
  // England: from the monthly summary. Open when the period starts = received before it − concluded
  // before it (a case is never concluded before it was received). Otherwise three index-friendly
  // aggregates over CaseFact: open when the period starts, then received and concluded by month.
  const [before, received, concluded] = await Promise.all(
    summaryAnswers(filters)
      ? [
          prisma.$queryRaw<
            Row[]
          >`SELECT s.route::text AS route, '' AS month, (sum(s.received) FILTER (WHERE s.dimension = 'route') - coalesce(sum(s.received) FILTER (WHERE s.dimension = 'concluded'), 0))::int AS n
            FROM "PatternSummaryLive" s WHERE s.dimension IN ('route', 'concluded') AND s.month < ${filters.from}::date ${summaryRoute} GROUP BY 1`,
          prisma.$queryRaw<Row[]>`SELECT s.route::text AS route, to_char(s.month, 'YYYY-MM') AS month, sum(s.received)::int AS n
            FROM "PatternSummaryLive" s WHERE s.dimension = 'route' AND s.month BETWEEN ${filters.from}::date AND ${filters.to}::date ${summaryRoute} GROUP BY 1, 2`,
          prisma.$queryRaw<Row[]>`SELECT s.route::text AS route, to_char(s.month, 'YYYY-MM') AS month, sum(s.received)::int AS n
            FROM "PatternSummaryLive" s WHERE s.dimension = 'concluded' AND s.month BETWEEN ${filters.from}::date AND ${filters.to}::date ${summaryRoute} GROUP BY 1, 2`,
        ]
      : [
          prisma.$queryRaw<Row[]>`SELECT f.route::text AS route, '' AS month, count(*)::int AS n FROM "CaseFact" f
      WHERE f."receivedOn" < ${filters.from}::date AND (f."concludedOn" IS NULL OR f."concludedOn" >= ${filters.from}::date) ${scope} GROUP BY 1`,
          prisma.$queryRaw<Row[]>`SELECT f.route::text AS route, to_char(date_trunc('month', f."receivedOn"), 'YYYY-MM') AS month, count(*)::int AS n FROM "CaseFact" f
      WHERE f."receivedOn" BETWEEN ${filters.from}::date AND ${filters.to}::date ${scope} GROUP BY 1, 2`,
          prisma.$queryRaw<Row[]>`SELECT f.route::text AS route, to_char(date_trunc('month', f."concludedOn"), 'YYYY-MM') AS month, count(*)::int AS n FROM "CaseFact" f
      WHERE f."concludedOn" BETWEEN ${filters.from}::date AND ${filters.to}::date ${scope} GROUP BY 1, 2`,
        ],
  );
  // Months that have begun: a trend never runs into the future (the current month is "so far").
  const until = filters.to < londonDate() ? filters.to : londonDate();
  const months: string[] = [];
  for (let d = new Date(`${filters.from.slice(0, 7)}-01T00:00:00Z`); d.toISOString().slice(0, 10) <= until; d.setUTCMonth(d.getUTCMonth() + 1))
    months.push(d.toISOString().slice(0, 7));
  const count = (rows: Row[], route: string, month: string) => rows.find((r) => r.route === route && r.month === month)?.n ?? 0;
  const out: Record<"process" | "substance", TrendPoint[]> = { process: [], substance: [] };
  for (const route of ["process", "substance"] as const) {
    if (filters.route && filters.route !== route) continue;
    let open = count(before, route, "");
    for (const month of months) {
      const r = count(received, route, month);
      const c = count(concluded, route, month);
      open += r - c;
      out[route].push({ month, received: publishCount(r), decided: publishCount(c), open: publishCount(open) });
    }
  }
  return out;
}

function routeAnd(filters: Filters): Prisma.Sql {
  return filters.route ? Prisma.sql`AND f.route = ${filters.route}::"Route"` : Prisma.empty;
}

function areaAnd(filters: Filters): Prisma.Sql {
  return filters.areaId ? Prisma.sql`AND f."localAreaId" = ${filters.areaId}` : Prisma.empty;
}

// ───────────────────────────── Funnel plots ─────────────────────────────

export type FunnelMeasure = "upheld" | "breach";

export interface FunnelPoint {
  id: string;
  name: string;
  /** Rounded volume (the base), and the rate in % from unrounded counts. */
  volume: number;
  rate: number;
  outside: "above-99.8" | "above-95" | "below-95" | "below-99.8" | null;
}

export interface Funnel {
  level: "setting" | "area";
  measure: FunnelMeasure;
  nationalRate: number | null;
  points: FunnelPoint[];
  /** Bodies with a base under 30: not plotted, only counted (rounded). */
  notShown: number;
  maxVolume: number;
}

/** Whole calendar years (the per-setting summary rows are yearly). */
function wholeYears(filters: Filters): boolean {
  return filters.from.endsWith("-01-01") && filters.to.endsWith("-12-31") && filters.from <= filters.to;
}

/** Funnels read the summary England-wide: areas for whole months, settings for whole years. */
export function funnelFromSummary(level: "setting" | "area", filters: Filters): boolean {
  return summaryAnswers(filters) && (level === "area" || wholeYears(filters));
}

type FunnelRow = { id: string; name: string; num: number; den: number };

/** Unrounded numerator and base per body (never leave this module but for the equality tests). */
export async function funnelRows(level: "setting" | "area", measure: FunnelMeasure, filters: Filters): Promise<FunnelRow[]> {
  const prisma = await db();
  const by = level === "setting" ? Prisma.sql`f."settingId"` : Prisma.sql`f."localAreaId"`;
  const [num, den] =
    measure === "upheld"
      ? [Prisma.sql`count(*) FILTER (WHERE f.upheld1)`, Prisma.sql`count(f."decided1On")`]
      : [Prisma.sql`count(*) FILTER (WHERE f.breaches1 + f.breaches2 + f.breaches3 > 0)`, Prisma.sql`count(*)`];
  const names = level === "setting" ? Prisma.sql`"Setting"` : Prisma.sql`"LocalArea"`;
  const [sumNum, sumDen] = measure === "upheld" ? [Prisma.sql`sum(s."upheld1")`, Prisma.sql`sum(s."decided1")`] : [Prisma.sql`sum(s.breached)`, Prisma.sql`sum(s.received)`];
  // England-wide: per-area sums from the monthly summary, per-setting sums from its yearly rows
  // (docs/decisions/028); one area (or a period the summary cannot answer) from CaseFact.
  const grouped = funnelFromSummary(level, filters)
    ? Prisma.sql`SELECT s."groupKey" AS id, ${sumNum}::int AS num, ${sumDen}::int AS den FROM "PatternSummaryLive" s
        WHERE s.dimension = ${level} AND s.month BETWEEN ${filters.from}::date AND ${filters.to}::date ${filters.route ? Prisma.sql`AND s.route = ${filters.route}::"Route"` : Prisma.empty}
        GROUP BY 1 HAVING sum(s.received) > 0`
    : Prisma.sql`SELECT ${by} AS id, ${num}::int AS num, ${den}::int AS den FROM "CaseFact" f WHERE ${where(filters)} GROUP BY 1`;
  return prisma.$queryRaw<FunnelRow[]>`SELECT g.id, n.name, g.num, g.den FROM (${grouped}) g JOIN ${names} n ON n.id = g.id ORDER BY g.id`;
}

export async function funnel(level: "setting" | "area", measure: FunnelMeasure, filters: Filters): Promise<Funnel> {
  const rows = await funnelRows(level, measure, filters);
  const totalNum = rows.reduce((s, r) => s + r.num, 0);
  const totalDen = rows.reduce((s, r) => s + r.den, 0);
  const p = totalDen > 0 ? totalNum / totalDen : null;
  const shown = rows.filter((r) => r.den >= MIN_RATE_BASE && publishRate(r.num, r.den).value !== null);
  const points = shown
    .map((r): FunnelPoint => {
      const rate = r.num / r.den;
      let outside: FunnelPoint["outside"] = null;
      if (p !== null) {
        const [lo95, hi95] = controlLimit(p, r.den, Z95);
        const [lo998, hi998] = controlLimit(p, r.den, Z998);
        outside = rate > hi998 ? "above-99.8" : rate > hi95 ? "above-95" : rate < lo998 ? "below-99.8" : rate < lo95 ? "below-95" : null;
      }
      return { id: r.id, name: r.name, volume: roundCount(r.den), rate: publishRate(r.num, r.den).value!, outside };
    })
    .sort((a, b) => b.rate - a.rate || a.name.localeCompare(b.name));
  return {
    level,
    measure,
    nationalRate: p === null || !publishRate(totalNum, totalDen).value ? null : Math.round(p * 1000) / 10,
    points,
    notShown: roundCount(rows.length - shown.length),
    maxVolume: Math.max(MIN_RATE_BASE * 2, ...points.map((x) => x.volume)),
  };
}

// ───────────────────────────── Annual review letters ─────────────────────────────

export interface Letter {
  level: "setting" | "area";
  name: string;
  comparedWith: string;
  year: number;
  figures: Array<{ key: MeasureKey; own: Published; similar: Published }>;
}

/** One body's figures for a year against the pooled figures of similar bodies (same setting type, or all areas). */
export async function letter(level: "setting" | "area", id: string, year: number): Promise<Letter | null> {
  const sums = await letterSums(level, id, year);
  if (!sums) return null;
  const { body, kind, mine, others } = sums;
  const publish = (r: Raw): Figures => ({
    ...(Object.fromEntries(COUNT_MEASURES.map((m) => [m, publishCount(r[m])])) as Pick<Figures, (typeof COUNT_MEASURES)[number]>),
    ...rates(r, undefined),
  });
  const a = publish(mine);
  const b = publish(others);
  return {
    level,
    name: body.name,
    comparedWith: kind ? `all other settings of the same type (${groupLabel(kind).toLowerCase()}) in England` : "all other local areas in England",
    year,
    figures: MEASURES.filter((m) => m.key !== "perThousand").map((m) => ({ key: m.key, own: a[m.key], similar: b[m.key] })),
  };
}

/** A letter's unrounded sums: the body's own and its similar bodies' (never leave this module but for the equality tests). */
export async function letterSums(level: "setting" | "area", id: string, year: number): Promise<{ body: { name: string }; kind: string | null; mine: Raw; others: Raw } | null> {
  const prisma = await db();
  const body =
    level === "setting"
      ? await prisma.setting.findUnique({ where: { id }, select: { name: true, kind: true, localAreaId: true } })
      : await prisma.localArea.findUnique({ where: { id }, select: { name: true } });
  if (!body) return null;
  const filters: Filters = { from: `${year}-01-01`, to: `${year}-12-31` };
  const kind = "kind" in body ? String(body.kind) : null;
  const own = Prisma.sql`${level === "setting" ? Prisma.sql`f."settingId"` : Prisma.sql`f."localAreaId"`} = ${id}`;
  const similar = kind ? Prisma.sql`f."settingKind" = ${kind}::"SettingKind" AND f."settingId" <> ${id}` : Prisma.sql`f."localAreaId" <> ${id}`;
  const [mine, others] = summaryAnswers(filters)
    ? await letterFromSummary(prisma, filters, own, kind)
    : await Promise.all(
        [own, similar].map(async (cond) => {
          const rows = await prisma.$queryRaw<Raw[]>`SELECT 'x' AS key, ${AGGREGATES} FROM "CaseFact" f WHERE ${where(filters)} AND ${cond}`;
          return rows[0] ?? emptyRaw("x");
        }),
      );
  return { body, kind, mine: mine!, others: others! };
}

type Histogram = Map<number, number>; // working days → cases

function percentilesOf(r: Raw, h1: Histogram, h2: Histogram): Raw {
  const sorted = (h: Histogram) => [...h].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  return {
    ...r,
    medianDays1: percentileOfHistogram(sorted(h1), 0.5),
    p90Days1: percentileOfHistogram(sorted(h1), 0.9),
    medianDays2: percentileOfHistogram(sorted(h2), 0.5),
    p90Days2: percentileOfHistogram(sorted(h2), 0.9),
  };
}

/**
 * A letter's two columns without scanning a year of CaseFact (docs/decisions/028): the body's own
 * facts by index (settingId, or localAreaId + receivedOn), and "similar bodies" = the summary's
 * total for the body's setting type (or England) minus the body's own facts in that total; the
 * percentiles from the days histograms, subtracted the same way. Exactly the CaseFact figures.
 */
async function letterFromSummary(prisma: PrismaClient, filters: Filters, own: Prisma.Sql, kind: string | null): Promise<[Raw, Raw]> {
  // Which of the body's own facts the comparison total contains: those of its setting type (all, for an area).
  const inTotal = kind ? Prisma.sql`f."settingKind" = ${kind}::"SettingKind"` : Prisma.sql`true`;
  const scope = kind
    ? Prisma.sql`s.dimension = 'settingKind' AND s."groupKey" = ${kind} AND s.month BETWEEN ${filters.from}::date AND ${filters.to}::date`
    : Prisma.sql`s.dimension = 'route' AND s.month BETWEEN ${filters.from}::date AND ${filters.to}::date`;
  const [ownSums, ownDays, totalSums, totalDays] = await Promise.all([
    prisma.$queryRaw<
      Array<Raw & { inTotal: boolean }>
    >`SELECT 'x' AS key, (${inTotal}) AS "inTotal", ${COUNT_AGGREGATES} FROM "CaseFact" f WHERE ${where(filters)} AND ${own} GROUP BY 2`,
    prisma.$queryRaw<Array<{ inTotal: boolean; rung: number; days: number; n: number }>>`
      SELECT (${inTotal}) AS "inTotal", r.rung, r.days, count(*)::int AS n
      FROM "CaseFact" f CROSS JOIN LATERAL (VALUES (1, f."decideDays1"), (2, f."decideDays2")) AS r(rung, days)
      WHERE ${where(filters)} AND ${own} AND r.days IS NOT NULL GROUP BY 1, 2, 3`,
    prisma.$queryRaw<Raw[]>`SELECT 'x' AS key, ${SUMMARY_SUMS} FROM "PatternSummaryLive" s WHERE ${scope}`,
    prisma.$queryRaw<
      Array<{ rung: number; days: number; n: number }>
    >`SELECT s.rung::int AS rung, s.days, sum(s.n)::int AS n FROM "PatternDaysLive" s WHERE ${scope} GROUP BY 1, 2`,
  ]);
  const mine = emptyRaw("x");
  const similar = emptyRaw("x");
  for (const c of SUMMARY_COUNTS) {
    similar[c] = Number(totalSums[0]?.[c] ?? 0);
    for (const r of ownSums) {
      mine[c] += r[c];
      if (r.inTotal) similar[c] -= r[c];
    }
  }
  const histograms = [new Map(), new Map(), new Map(), new Map()] as [Histogram, Histogram, Histogram, Histogram]; // mine 1, 2; similar 1, 2
  const add = (h: Histogram, days: number, n: number) => h.set(days, (h.get(days) ?? 0) + n);
  for (const d of totalDays) add(histograms[d.rung + 1]!, d.days, d.n);
  for (const d of ownDays) {
    add(histograms[d.rung - 1]!, d.days, d.n);
    if (d.inTotal) add(histograms[d.rung + 1]!, d.days, -d.n);
  }
  return [percentilesOf(mine, histograms[0], histograms[1]), percentilesOf(similar, histograms[2], histograms[3])];
}

/** Settings or areas a letter can be written for, by name. */
export async function letterBodies(level: "setting" | "area", areaId?: string): Promise<Array<{ id: string; name: string }>> {
  const prisma = await getPrisma();
  if (level === "area") return prisma.localArea.findMany({ where: areaId ? { id: areaId } : {}, select: { id: true, name: true }, orderBy: { name: "asc" } });
  return prisma.setting.findMany({ where: areaId ? { localAreaId: areaId } : {}, select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 });
}
