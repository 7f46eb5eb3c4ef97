// Statistical disclosure control for every published figure: page, chart, CSV, letter, open data
// (docs/decisions/011-pattern-disclosure-control.md). Shared with the browser: no server imports.
//
// Counts: 0, 1 and 2 are published as 0; every other count is rounded to the nearest 5.
// Rates: worked out from UNROUNDED counts, published only on a base of at least 30 and when both
// the numerator and the rest of the base are at least 3 (so a rate never tells 0, 1 or 2 apart).
// Rates per 1,000 children need at least 10 cases (the register population is public).
// Breakdowns: a measure whose total over a table is 1 to 9 is not broken down at all.
// Tables: if the published parts and total of a table would pin a count, the total
// is withheld (the rounding audit below).

export const ROUNDING_BASE = 5;
export const ROUNDED_TO_ZERO = 2;
export const MIN_RATE_BASE = 30;
export const MIN_RATE_NUMERATOR = 3;
export const MIN_BREAKDOWN_TOTAL = 10;

/** A published figure: a value, withheld for confidentiality ("c"), or nothing to measure ("none"). */
export type Published = { value: number } | { value: null; reason: "c" | "none" };

export const withheld: Published = { value: null, reason: "c" };
export const nothing: Published = { value: null, reason: "none" };

/** HESA-style rounding: 0–2 become 0, everything else the nearest multiple of 5. */
export function roundCount(count: number): number {
  if (!Number.isFinite(count) || count < 0) throw new RangeError(`not a count: ${count}`);
  if (count <= ROUNDED_TO_ZERO) return 0;
  return Math.round(count / ROUNDING_BASE) * ROUNDING_BASE;
}

export function publishCount(count: number): Published {
  return { value: roundCount(count) };
}

/** True when a rate on these unrounded counts may be published. */
export function rateIsPublishable(numerator: number, base: number): boolean {
  return base >= MIN_RATE_BASE && numerator >= MIN_RATE_NUMERATOR && base - numerator >= MIN_RATE_NUMERATOR;
}

/** A percentage (whole number) from unrounded counts, or withheld. */
export function publishRate(numerator: number, base: number): Published {
  if (base === 0) return nothing;
  if (!rateIsPublishable(numerator, base)) return withheld;
  return { value: Math.round((numerator / base) * 100) };
}

/**
 * A rate per 1,000 (one decimal) against a population such as children on the register. The
 * population is public, so the rate gives its numerator back: it needs at least 10 cases.
 */
export function publishRatePer1000(numerator: number, population: number): Published {
  if (population === 0) return nothing;
  if (population < MIN_RATE_BASE || numerator < MIN_BREAKDOWN_TOTAL) return withheld;
  return { value: Math.round((numerator / population) * 10_000) / 10 };
}

/** Any statistic of a set of cases (median days, say): published only on a base that could carry a rate. */
export function publishStatistic(value: number | null, base: number): Published {
  if (base === 0 || value === null) return nothing;
  return base >= MIN_RATE_BASE ? { value } : withheld;
}

/** What an attacker who knows the rule can say about a true count from its published value. */
export function feasibleRange(published: number): [number, number] {
  if (published === 0) return [0, ROUNDED_TO_ZERO];
  return [published - ROUNDING_BASE / 2 + 0.5, published + ROUNDING_BASE / 2 - 0.5];
}

/**
 * The interval attack on one table: parts add up to the total, so each part lies within
 * [low(total) − Σ high(others), high(total) − Σ low(others)]. Returns the tightened ranges.
 */
export function attackPartition(parts: number[], total: number): Array<[number, number]> {
  const ranges = parts.map(feasibleRange);
  const [tLow, tHigh] = feasibleRange(total);
  const sumLow = ranges.reduce((s, [l]) => s + l, 0);
  const sumHigh = ranges.reduce((s, [, h]) => s + h, 0);
  return ranges.map(([l, h]) => [Math.max(l, tLow - (sumHigh - h)), Math.min(h, tHigh - (sumLow - l))]);
}

/**
 * Publishes a column of counts that partition `total`. The whole column is withheld when the
 * measure is too rare to break down; the total is withheld when, with the parts, it would pin
 * a count to one value or rule out zero for a part published as 0.
 */
export function publishPartition(counts: number[]): { parts: Published[]; total: Published } {
  const total = counts.reduce((s, n) => s + n, 0);
  if (total > 0 && total < MIN_BREAKDOWN_TOTAL) return { parts: counts.map(() => withheld), total: publishCount(total) };
  const rounded = counts.map(roundCount);
  const roundedTotal = roundCount(total);
  const pinned = attackPartition(rounded, roundedTotal).some(([low, high], i) => {
    const count = counts[i] ?? 0;
    // A published 0 must still allow 0, and no count may be pinned to one value.
    return (rounded[i] === 0 && low > 0) || (low === high && count > 0);
  });
  return { parts: rounded.map((value) => ({ value })), total: pinned ? withheld : { value: roundedTotal } };
}

/**
 * Disparity ratio of a group's rate against a reference rate, with a 95% confidence interval on
 * the log scale (Katz). Only when both rates are publishable.
 */
export function disparityRatio(a: number, n1: number, b: number, n2: number): { ratio: number; low: number; high: number } | null {
  if (!rateIsPublishable(a, n1) || !rateIsPublishable(b, n2)) return null;
  const ratio = a / n1 / (b / n2);
  const se = Math.sqrt(1 / a - 1 / n1 + 1 / b - 1 / n2);
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return { ratio: round2(ratio), low: round2(ratio * Math.exp(-1.96 * se)), high: round2(ratio * Math.exp(1.96 * se)) };
}

/** How a figure reads in a table, a CSV or a letter. */
export function formatPublished(figure: Published, unit: "" | "%" = ""): string {
  if (figure.value === null) return figure.reason === "c" ? "[c]" : "[z]";
  return `${figure.value.toLocaleString("en-GB")}${unit}`;
}
