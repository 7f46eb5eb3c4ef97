import { expect, it } from "vitest";
import { generate } from "../../scripts/generate";
import { describeEachEngine } from "./engines";

// The national-scale generator on a small nation: cases walked through the machines, a fact row
// per case, the same rows for the same seed, and a rerun that adds nothing (resumable).
describeEachEngine("synthetic nation", ({ get }) => {
  const options = { cases: 120, seed: 5, from: "2025-01-01", to: "2026-06-30", batch: 50, quiet: true };

  it("writes the cases asked for, each with its history and its fact row", async () => {
    const { db } = get();
    const result = await generate(db, options);
    expect(result.cases).toBe(120);
    const [counts] = await db.query<{ cases: number; facts: number; events: number; areas: number; rungs: number; routes: number }>(`
      SELECT (SELECT count(*)::int FROM "Case") AS cases, (SELECT count(*)::int FROM "CaseFact") AS facts,
             (SELECT count(*)::int FROM "CaseEvent") AS events, (SELECT count(*)::int FROM "LocalArea") AS areas,
             (SELECT max("highestRung")::int FROM "CaseFact") AS rungs, (SELECT count(DISTINCT route)::int FROM "CaseFact") AS routes`);
    expect(counts).toMatchObject({ cases: 120, facts: 120, areas: 150, routes: 2 });
    expect(counts!.events).toBeGreaterThan(120 * 3);
    expect(counts!.rungs).toBeGreaterThanOrEqual(2);
    // Every case's log starts with the concern and is hash-chained.
    const [broken] = await db.query<{ n: number }>(`
      SELECT count(*)::int AS n FROM "CaseEvent" e JOIN "CaseEvent" p ON p."caseId" = e."caseId" AND p.seq = e.seq - 1 WHERE e."prevHash" <> p.hash`);
    expect(broken!.n).toBe(0);
  });

  it("is resumable: a second run with the same seed adds nothing and changes nothing", async () => {
    const { db } = get();
    const before = await db.query(`SELECT "caseId", status, "highestRung", upheld1, breaches1 FROM "CaseFact" ORDER BY "caseId"`);
    const again = await generate(db, options);
    expect(again.cases).toBe(120);
    expect(await db.query(`SELECT "caseId", status, "highestRung", upheld1, breaches1 FROM "CaseFact" ORDER BY "caseId"`)).toEqual(before);
    const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Case"`)) as [{ n: number }];
    expect(n).toBe(120);
  });
});
