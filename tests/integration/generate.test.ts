import { expect, it } from "vitest";
import { verifyAuditLog } from "../../app/utils/audit-verify.server";
import { generate, type GenerateOptions } from "../../scripts/generate";
import { createTestDatabase, describeEachEngine } from "./engines";
import type { Database } from "../../app/utils/database.server";

// The national-scale generator on a small nation: cases walked through the machines and recorded
// by the product's own CaseChanges (keyed v2 chain that audit:verify replays), a fact row per case,
// register decisions, the same rows for the same seed whatever the batches, threads or
// interruptions, and a rerun that adds nothing (resumable).
const OPTIONS: GenerateOptions = { cases: 120, seed: 5, from: "2025-01-01", to: "2026-06-30", batch: 50, workers: 0, quiet: true };

/** Everything the seed decides, as one digest: the chain (it covers payloads, actors, times and snapshots), case rows, facts, deadlines, register. */
async function fingerprint(db: Database): Promise<Record<string, string>> {
  const [row] = await db.query<Record<string, string>>(`SELECT
    (SELECT md5(string_agg(hash, ',' ORDER BY "caseId", seq)) FROM "CaseEvent") AS events,
    (SELECT md5(string_agg(concat_ws('|', id, ref, version, "stateValue", status, "headHash"), ',' ORDER BY id)) FROM "Case") AS cases,
    (SELECT md5(string_agg(concat_ws('|', "caseId", status, "highestRung", "concludedOn", upheld1, upheld2, "decideDays1", breaches1, "remediesDone"), ',' ORDER BY "caseId")) FROM "CaseFact") AS facts,
    (SELECT md5(string_agg(concat_ws('|', id, "dueOn", status), ',' ORDER BY id)) FROM "Deadline") AS deadlines,
    (SELECT md5(string_agg(concat_ws('|', id, outcome, "decidedOn", overturned), ',' ORDER BY id)) FROM "RegisterDecision") AS decisions`);
  return row!;
}

describeEachEngine("synthetic nation", ({ get, engine }) => {
  it("writes the cases asked for, each with its history, its fact row and its open deadlines", async () => {
    const { db } = get();
    const result = await generate(db, OPTIONS);
    expect(result.cases).toBe(120);
    const [counts] = await db.query<{
      cases: number;
      facts: number;
      events: number;
      areas: number;
      rungs: number;
      routes: number;
      outbox: number;
      open: number;
      headless: number;
    }>(`
      SELECT (SELECT count(*)::int FROM "Case") AS cases, (SELECT count(*)::int FROM "CaseFact") AS facts,
             (SELECT count(*)::int FROM "CaseEvent") AS events, (SELECT count(*)::int FROM "LocalArea") AS areas,
             (SELECT max("highestRung")::int FROM "CaseFact") AS rungs, (SELECT count(DISTINCT route)::int FROM "CaseFact") AS routes,
             (SELECT count(*)::int FROM "OutboxMessage") AS outbox, (SELECT count(*)::int FROM "Deadline" WHERE status = 'open') AS open,
             (SELECT count(*)::int FROM "Case" c WHERE c."headHash" IS DISTINCT FROM (SELECT e.hash FROM "CaseEvent" e WHERE e."caseId" = c.id AND e.seq = c.version)) AS headless`);
    expect(counts).toMatchObject({ cases: 120, facts: 120, areas: 150, routes: 2, outbox: 0, headless: 0 });
    expect(counts!.events).toBeGreaterThan(120 * 3);
    expect(counts!.rungs).toBeGreaterThanOrEqual(2);
    // Open cases still owe something: their deadlines are there for the sweeper to carry on with.
    const [{ openCases, withDeadline }] = (await db.query<{ openCases: number; withDeadline: number }>(`
      SELECT count(*)::int AS "openCases", count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Deadline" d WHERE d."caseId" = c.id AND d.status = 'open'))::int AS "withDeadline"
      FROM "Case" c WHERE c.status <> 'closed'`)) as [{ openCases: number; withDeadline: number }];
    expect(openCases).toBeGreaterThan(0);
    expect(withDeadline).toBeGreaterThan(0);
  });

  it("writes the keyed v2 chain exactly as the product does: audit:verify replays every case and finds nothing", async () => {
    const { db } = get();
    const [{ v1 }] = (await db.query<{ v1: number }>(`SELECT count(*)::int AS v1 FROM "CaseEvent" WHERE "chainVersion" <> 2 OR "snapshotDigest" IS NULL`)) as [{ v1: number }];
    expect(v1).toBe(0);
    const report = await verifyAuditLog(db.prisma);
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({ cases: 120, replayed: 120, legacyCases: 0 });
  });

  it("puts children on the register with and without recorded decisions, and retaken decisions with the overturn flag", async () => {
    const { db } = get();
    const [r] = await db.query<{ children: number; decided: number; undecided: number; retaken: number; overturned: number; upheld: number; notPlaced: number }>(`
      SELECT (SELECT count(*)::int FROM "Child") AS children,
        (SELECT count(DISTINCT "childId")::int FROM "RegisterDecision") AS decided,
        (SELECT count(*)::int FROM "Child" ch WHERE ch."registerStatus" = 'on_register' AND NOT EXISTS (SELECT 1 FROM "RegisterDecision" d WHERE d."childId" = ch.id)) AS undecided,
        (SELECT count(*)::int FROM "RegisterDecision" WHERE "retakesDecisionId" IS NOT NULL) AS retaken,
        (SELECT count(*)::int FROM "RegisterDecision" WHERE overturned) AS overturned,
        (SELECT count(*)::int FROM "RegisterDecision" WHERE overturned = false) AS upheld,
        (SELECT count(*)::int FROM "Child" WHERE "registerStatus" = 'considered_not_placed') AS "notPlaced"`);
    expect(r!.children).toBe(1000);
    expect(r!.decided).toBeGreaterThan(500);
    expect(r!.undecided).toBeGreaterThan(200);
    expect(r!.retaken).toBeGreaterThan(10);
    expect(r!.overturned).toBeGreaterThan(0);
    expect(r!.upheld).toBeGreaterThan(0);
    expect(r!.notPlaced).toBe(r!.upheld);
  });

  it("is resumable: a second run with the same seed adds nothing and changes nothing", async () => {
    const { db } = get();
    const before = await fingerprint(db);
    const again = await generate(db, OPTIONS);
    expect(again.cases).toBe(120);
    expect(await fingerprint(db)).toEqual(before);
  });

  it("is deterministic per seed: interrupted, resumed, other batches and worker threads give the same rows; another seed does not", async () => {
    const expected = await fingerprint(get().db);
    const other = await createTestDatabase(engine);
    try {
      // Stopped after 70 cases (as if killed), then run to the end with another batch size and two walker threads.
      await generate(other.db, { ...OPTIONS, cases: 70 });
      await generate(other.db, { ...OPTIONS, batch: 30, workers: engine === "postgres" ? 2 : 0 });
      const got = await fingerprint(other.db);
      expect({ ...got, decisions: "" }).toEqual({ ...expected, decisions: "" });
      expect(got.decisions).toBe(expected.decisions);
    } finally {
      await other.drop();
    }
    const third = await createTestDatabase(engine);
    try {
      await generate(third.db, { ...OPTIONS, seed: 6 });
      expect((await fingerprint(third.db)).events).not.toBe(expected.events);
    } finally {
      await third.drop();
    }
  }, 600_000);
});
