import { describe, expect, it } from "vitest";
import {
  attackPartition,
  disparityRatio,
  feasibleRange,
  formatPublished,
  publishCount,
  publishPartition,
  publishRate,
  publishRatePer1000,
  roundCount,
} from "../../../app/utils/disclosure";
// A small seeded PRNG so the random attacks are the same on every run.
import { prng } from "../../../app/utils/prng";

describe("rounding counts", () => {
  it("publishes 0, 1 and 2 as 0 and everything else to the nearest 5", () => {
    expect([0, 1, 2, 3, 4, 5, 7, 8, 12, 13, 54, 50, 26, 22].map(roundCount)).toEqual([0, 0, 0, 5, 5, 5, 5, 10, 10, 15, 55, 50, 25, 20]);
  });

  it("refuses what is not a count", () => {
    expect(() => roundCount(-1)).toThrow(RangeError);
    expect(() => roundCount(Number.NaN)).toThrow(RangeError);
  });

  it("tells an attacker only a range that always holds the true count", () => {
    for (let n = 0; n < 500; n++) {
      const [low, high] = feasibleRange(roundCount(n));
      expect(n).toBeGreaterThanOrEqual(low);
      expect(n).toBeLessThanOrEqual(high);
      expect(high - low).toBeGreaterThanOrEqual(2);
    }
  });
});

describe("the attacks in issue 10", () => {
  it("'Mixed ethnic group' is no longer 54 − 50", () => {
    // 54 cases in all, 50 in the other groups, 4 Mixed.
    const total = publishCount(54).value!;
    const others = publishCount(50).value!;
    const mixed = publishCount(4).value!;
    const [tLow, tHigh] = feasibleRange(total);
    const [oLow, oHigh] = feasibleRange(others);
    // Differencing gives a range of 1 to 9: nine possible values.
    expect([Math.max(0, tLow - oHigh), tHigh - oLow]).toEqual([1, 9]);
    expect(mixed).toBe(5);
  });

  it("Leeds 'deadlines missed' is no longer 26 − 22", () => {
    const [tLow, tHigh] = feasibleRange(publishCount(26).value!);
    const [oLow, oHigh] = feasibleRange(publishCount(22).value!);
    expect(tHigh - oLow - Math.max(0, tLow - oHigh)).toBeGreaterThanOrEqual(4);
  });

  it("one mediation offer does not point at one child: it is not broken down at all", () => {
    // One offer: Leeds, male, FSM, Asian, autistic, quintile 1. Every breakdown hides it.
    for (const column of [
      [1, 0, 0], // area
      [1, 0], // sex
      [0, 1, 0, 0, 0], // ethnicity
      [0, 0, 0, 0, 1], // deprivation quintile
    ]) {
      const { parts, total } = publishPartition(column);
      expect(parts.every((p) => p.value === null)).toBe(true);
      expect(total).toEqual({ value: 0 });
    }
  });

  it("a handful of offers in one group are withheld too (total below 10)", () => {
    const { parts } = publishPartition([4, 0, 0, 0]);
    expect(parts.map((p) => formatPublished(p))).toEqual(["[c]", "[c]", "[c]", "[c]"]);
  });

  it("a zero published next to counts of 1 or 2 cannot be told from them", () => {
    const { parts } = publishPartition([30, 2, 0, 1]);
    expect(parts.map((p) => p.value)).toEqual([30, 0, 0, 0]);
  });
});

describe("the partition (row total) attack", () => {
  it("withholds a total that would pin every part", () => {
    // Four counts of 2 publish as 0; a total of 8 publishes as 10: 10 − 2 = 8 = 4 × 2 pins each at 2.
    const rounded = [2, 2, 2, 2].map(roundCount);
    expect(attackPartition(rounded, roundCount(8)).every(([l, h]) => l === h || l > 0)).toBe(true);
    // …but with 10 cases needed for a breakdown the column is not published; add a large part.
    const { parts, total } = publishPartition([7, 7, 7, 7]);
    expect(parts.map((p) => p.value)).toEqual([5, 5, 5, 5]);
    expect(total.value).toBeNull(); // 28 → 30, and 30 − 2 = 28 = 4 × 7 would pin each part
  });

  it("never lets an attacker pin a count or rule out zero, over 5,000 random tables", () => {
    const random = prng(42);
    let attacked = 0;
    for (let t = 0; t < 5_000; t++) {
      const width = 2 + Math.floor(random() * 8);
      const counts = Array.from({ length: width }, () => (random() < 0.5 ? Math.floor(random() * 5) : Math.floor(random() * 40)));
      const { parts, total } = publishPartition(counts);
      if (parts.some((p) => p.value === null)) continue;
      attacked++;
      const ranges =
        total.value === null
          ? parts.map((p) => feasibleRange(p.value!))
          : attackPartition(
              parts.map((p) => p.value!),
              total.value,
            );
      ranges.forEach(([low, high], i) => {
        const count = counts[i]!;
        expect(count).toBeGreaterThanOrEqual(low);
        expect(count).toBeLessThanOrEqual(high);
        if (count > 0) expect(high).toBeGreaterThan(low);
        if (parts[i]!.value === 0) expect(low).toBe(0);
      });
    }
    // Tables with a withheld cell are skipped above: make sure most were really attacked (4,625 of 5,000).
    expect(attacked).toBeGreaterThan(4_000);
  }, 60_000); // thousands of random tables: a budget of its own on a loaded machine

  it("differencing any pair of published cells leaves at least 5 possible values (3 when both are published as 0)", () => {
    const random = prng(7);
    for (let t = 0; t < 20_000; t++) {
      const a = Math.floor(random() * 200);
      const b = Math.floor(random() * (a + 1)); // a subset of a
      const [aLow, aHigh] = feasibleRange(roundCount(a));
      const [bLow, bHigh] = feasibleRange(roundCount(b));
      const low = Math.max(0, aLow - bHigh);
      const high = aHigh - bLow;
      expect(a - b).toBeGreaterThanOrEqual(low);
      expect(a - b).toBeLessThanOrEqual(high);
      // Both rounded to 0: 0, 1 or 2 — no more than the rounding itself says.
      expect(high - low + 1).toBeGreaterThanOrEqual(roundCount(a) === 0 ? 3 : 5);
    }
  });
});

describe("rates", () => {
  it("are worked out from unrounded counts and need a base of 30", () => {
    expect(publishRate(10, 40)).toEqual({ value: 25 });
    expect(publishRate(10, 29)).toEqual({ value: null, reason: "c" });
    expect(publishRate(0, 0)).toEqual({ value: null, reason: "none" });
  });

  it("never tell 0, 1 or 2 apart, nor all-but-2", () => {
    for (const n of [0, 1, 2]) expect(publishRate(n, 100).value).toBeNull();
    for (const n of [98, 99, 100]) expect(publishRate(n, 100).value).toBeNull();
    expect(publishRate(3, 100)).toEqual({ value: 3 });
    expect(publishRate(97, 100)).toEqual({ value: 97 });
  });

  it("per 1,000 children need 10 cases (the population is public) and a population of 30", () => {
    expect(publishRatePer1000(12, 4000)).toEqual({ value: 3 });
    expect(publishRatePer1000(9, 4000).value).toBeNull();
    expect(publishRatePer1000(12, 29).value).toBeNull();
  });
});

describe("disparity ratios", () => {
  it("compare two rates with a 95% confidence interval (Katz log method)", () => {
    const d = disparityRatio(30, 100, 100, 1000)!;
    expect(d.ratio).toBe(3);
    // SE = sqrt(1/30 − 1/100 + 1/100 − 1/1000) = 0.1798; 3 × e^(±1.96 × 0.1798)
    expect(d.low).toBeCloseTo(2.11, 2);
    expect(d.high).toBeCloseTo(4.27, 2);
  });

  it("are not given when either rate could not be published", () => {
    expect(disparityRatio(2, 100, 100, 1000)).toBeNull();
    expect(disparityRatio(10, 20, 100, 1000)).toBeNull();
  });
});
