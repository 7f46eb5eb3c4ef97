import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, expect, it } from "vitest";
import { applyCaseEvent, type EventAuthor } from "../../app/utils/cases.server";
import { verifyAuditLog, type FindingKind } from "../../app/utils/audit-verify.server";
import { eventHash } from "../../app/utils/event-chain.server";
import { APP_ROLE } from "../../app/utils/migrate.server";
import { transitionCase as applyMachineEvent, type CaseEvent, type PersistedCase } from "../../machines";
import { seed } from "../../prisma/seed";
import { createTestDatabase, describeEachEngine } from "./engines";
import { raiseTestConcern } from "./support/cases";

// Issue 11, defect 9: every way of rewriting the case log that the issue found undetected is now
// detected by audit:verify, on both engines. Tampering is done as the database OWNER with the
// append-only triggers switched off, i.e. by someone with more power than the app has.

const HANDLER: EventAuthor = { kind: "system", name: "test-handler" };

describeEachEngine("audit log verification", ({ get, engine }) => {
  beforeAll(async () => {
    await seed(get().db.prisma, { demoCases: false });
  });

  /** A case with three events: raised, acknowledged, paused. */
  async function caseWithHistory() {
    const { prisma } = get().db;
    const id = (await raiseTestConcern(prisma)).cases[0]!.id;
    await applyCaseEvent(id, { type: "ACKNOWLEDGE", at: "2026-11-04", handlerId: "senco-1" }, HANDLER, {}, prisma);
    await applyCaseEvent(id, { type: "PAUSE", at: "2026-11-05", reason: "Waiting for the family's evidence", waitingOn: "family" }, HANDLER, {}, prisma);
    return id;
  }

  /** Runs SQL as the owner with the case-log triggers off, as a tamperer would. */
  async function tamper(sql: string, params: unknown[] = []) {
    const { db } = get();
    await db.execInTransaction(`ALTER TABLE "CaseEvent" DISABLE TRIGGER USER`);
    try {
      await db.query(sql, params);
    } finally {
      await db.execInTransaction(`ALTER TABLE "CaseEvent" ENABLE TRIGGER USER`);
    }
  }

  async function kindsFor(caseId: string, key?: string): Promise<FindingKind[]> {
    const report = await verifyAuditLog(get().db.prisma, { key });
    return [...new Set(report.findings.filter((f) => f.caseId === caseId).map((f) => f.kind))].sort();
  }

  it("finds nothing wrong with logs written by the app, and replays them through the machines", async () => {
    await caseWithHistory();
    const report = await verifyAuditLog(get().db.prisma);
    expect(report.findings).toEqual([]);
    expect(report.replayed).toBe(report.cases);
    expect(report.events).toBeGreaterThanOrEqual(3);
  });

  it("detects an edited payload", async () => {
    const id = await caseWithHistory();
    await tamper(`UPDATE "CaseEvent" SET payload = jsonb_set(payload, '{at}', '"2026-11-03"') WHERE "caseId" = $1 AND seq = 2`, [id]);
    expect(await kindsFor(id)).toContain("hmac-mismatch");
  });

  it("detects a deleted last event with the case's version lowered to match", async () => {
    const id = await caseWithHistory();
    const { db } = get();
    await tamper(`DELETE FROM "CaseEvent" WHERE "caseId" = $1 AND seq = 3`, [id]);
    await db.query(`UPDATE "Case" SET version = 2 WHERE id = $1`, [id]);
    const kinds = await kindsFor(id);
    expect(kinds).toContain("snapshot-mismatch");
    expect(kinds).toContain("replay-mismatch");
    expect(kinds).toContain("tail-missing"); // event 3 queued emails
    // A tamperer who also replays the machines and puts event 2's snapshot back leaves every
    // remaining row consistent; only the emails event 3 queued still give it away.
    const [first, second] = await db.query<{ initialSnapshot: PersistedCase; payload: CaseEvent }>(
      `SELECT "initialSnapshot", payload FROM "CaseEvent" WHERE "caseId" = $1 ORDER BY seq`,
      [id],
    );
    const rewound = applyMachineEvent(first!.initialSnapshot, second!.payload).persisted.snapshot;
    await db.query(`UPDATE "Case" SET snapshot = $2 WHERE id = $1`, [id, JSON.stringify(rewound)]);
    expect(await kindsFor(id)).toEqual(["columns-mismatch", "tail-missing"]);
    const [event2] = await db.query<{ toState: string }>(`SELECT "toState" FROM "CaseEvent" WHERE "caseId" = $1 AND seq = 2`, [id]);
    await db.query(`UPDATE "Case" SET "stateValue" = $2, status = 'open' WHERE id = $1`, [id, event2!.toState]);
    expect(await kindsFor(id)).toEqual(["tail-missing"]);
  });

  it("detects a rewritten case snapshot (what the page shows)", async () => {
    const id = await caseWithHistory();
    await get().db.query(`UPDATE "Case" SET snapshot = jsonb_set(snapshot, '{value}', '"closed"') WHERE id = $1`, [id]);
    const kinds = await kindsFor(id);
    expect(kinds).toEqual(expect.arrayContaining(["snapshot-mismatch", "replay-mismatch"]));
    // The list and statistics columns are checked against the snapshot too.
    const other = await caseWithHistory();
    await get().db.query(`UPDATE "Case" SET status = 'closed' WHERE id = $1`, [other]);
    expect(await kindsFor(other)).toEqual(["columns-mismatch"]);
  });

  it("detects hashes recomputed after an edit without the key (unkeyed, or downgraded to the legacy format)", async () => {
    const id = await caseWithHistory();
    const { db } = get();
    const [e] = await db.query<{ seq: number; type: string; payload: unknown; fromState: string; toState: string; actorLabel: string; prevHash: string }>(
      `SELECT seq, type, payload, "fromState", "toState", "actorLabel", "prevHash" FROM "CaseEvent" WHERE "caseId" = $1 AND seq = 3`,
      [id],
    );
    const forged = { ...(e!.payload as object), reason: "Forged reason" };
    const unkeyed = eventHash(e!.prevHash, { caseId: id, seq: 3, type: e!.type, payload: forged, fromState: e!.fromState, toState: e!.toState, actorLabel: e!.actorLabel });
    await tamper(`UPDATE "CaseEvent" SET payload = $2, hash = $3 WHERE "caseId" = $1 AND seq = 3`, [id, JSON.stringify(forged), unkeyed]);
    expect(await kindsFor(id)).toContain("hmac-mismatch");
    await tamper(`UPDATE "CaseEvent" SET "chainVersion" = 1 WHERE "caseId" = $1 AND seq = 3`, [id]);
    expect(await kindsFor(id)).toContain("chain-downgrade");
  });

  it("detects an edited actor or time", async () => {
    const id = await caseWithHistory();
    await tamper(`UPDATE "CaseEvent" SET "actorLabel" = 'Someone else' WHERE "caseId" = $1 AND seq = 2`, [id]);
    expect(await kindsFor(id)).toContain("hmac-mismatch");
    const other = await caseWithHistory();
    await tamper(`UPDATE "CaseEvent" SET "occurredAt" = "occurredAt" - interval '3 days' WHERE "caseId" = $1 AND seq = 2`, [other]);
    expect(await kindsFor(other)).toContain("hmac-mismatch");
  });

  it("does not accept a log verified with another key", async () => {
    const id = await caseWithHistory();
    expect(await kindsFor(id, "some-other-key-of-at-least-32-characters")).toEqual(["hmac-mismatch"]);
  });

  it("still verifies legacy (v1, unkeyed) logs written before the keyed chain, and finds edits to them", async () => {
    const { prisma } = get().db;
    const id = (await raiseTestConcern(prisma)).cases[0]!.id;
    // Rewrite the case's one event as the old code wrote it: unkeyed hash, no digest, no start.
    const [e] = await get().db.query<{ type: string; payload: unknown; fromState: string; toState: string; actorLabel: string }>(
      `SELECT type, payload, "fromState", "toState", "actorLabel" FROM "CaseEvent" WHERE "caseId" = $1 AND seq = 1`,
      [id],
    );
    const v1 = eventHash("", { caseId: id, seq: 1, type: e!.type, payload: e!.payload, fromState: e!.fromState, toState: e!.toState, actorLabel: e!.actorLabel });
    await tamper(`UPDATE "CaseEvent" SET "chainVersion" = 1, hash = $2, "snapshotDigest" = NULL, "initialSnapshot" = NULL WHERE "caseId" = $1`, [id, v1]);
    // …and the case row as it was then: no head hash yet (migration 016 fills it from the log).
    await get().db.query(`UPDATE "Case" SET "headHash" = NULL WHERE id = $1`, [id]);
    expect(await kindsFor(id)).toEqual([]);
    expect((await verifyAuditLog(prisma)).legacyCases).toBeGreaterThanOrEqual(1);
    // The case carries on after the upgrade: its next event is keyed and links to the v1 hash.
    await applyCaseEvent(id, { type: "ACKNOWLEDGE", at: "2026-11-04", handlerId: "senco-1" }, HANDLER, {}, prisma);
    expect(await kindsFor(id)).toEqual([]);
    await tamper(`UPDATE "CaseEvent" SET payload = jsonb_set(payload, '{route}', '"process"') WHERE "caseId" = $1 AND seq = 1`, [id]);
    expect(await kindsFor(id)).toEqual(["hash-mismatch"]);
  });

  it("refuses TRUNCATE of the case log and the audit log even from the owner while the triggers are on", async () => {
    const { db } = get();
    await expect(db.execInTransaction(`TRUNCATE "CaseEvent" CASCADE`)).rejects.toThrow(/append-only/);
    await expect(db.execInTransaction(`TRUNCATE "AuditEntry"`)).rejects.toThrow(/append-only/);
  });

  if (engine === "postgres") {
    it(`runs the app as ${APP_ROLE}: it may insert and read the logs but not change, empty or unprotect them`, async () => {
      const { prisma } = get().db;
      const [row] = await prisma.$queryRawUnsafe<{ current_user: string }[]>(`SELECT current_user::text AS current_user`);
      expect(row?.current_user).toBe(APP_ROLE);
      const id = await caseWithHistory(); // inserting works
      for (const sql of [
        `UPDATE "CaseEvent" SET type = 'FORGED' WHERE "caseId" = '${id}'`,
        `DELETE FROM "CaseEvent" WHERE "caseId" = '${id}'`,
        `TRUNCATE "CaseEvent" CASCADE`,
        `ALTER TABLE "CaseEvent" DISABLE TRIGGER USER`,
        `UPDATE "AuditEntry" SET action = 'x'`,
        `DELETE FROM "AuditEntry"`,
        `TRUNCATE "AuditEntry"`,
        `DROP TRIGGER "CaseEvent_append_only" ON "CaseEvent"`,
      ]) {
        await expect(prisma.$executeRawUnsafe(sql), sql).rejects.toThrow(/permission denied|must be owner/);
      }
      expect(await prisma.caseEvent.count({ where: { caseId: id } })).toBe(3);
    });

    it("npm run audit:verify exits 0 on a clean log and 1 with each finding printed after tampering", async () => {
      // Its own database: the tests above left tampered cases behind.
      const fresh = await createTestDatabase("postgres");
      try {
        await seed(fresh.db.prisma, { demoCases: false });
        const id = (await raiseTestConcern(fresh.db.prisma)).cases[0]!.id;
        await applyCaseEvent(id, { type: "ACKNOWLEDGE", at: "2026-11-04", handlerId: "senco-1" }, HANDLER, {}, fresh.db.prisma);
        const env = { ...process.env, DATABASE_URL: fresh.url, APP_ENV: "test" };
        const verify = () =>
          promisify(execFile)("npx", ["tsx", "scripts/audit-verify.ts"], { env }).then(
            ({ stdout }) => ({ code: 0, stdout }),
            (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
          );
        const clean = await verify();
        expect(clean.code, clean.stdout).toBe(0);
        expect(clean.stdout).toMatch(/No tampering found/);
        await fresh.db.execInTransaction(`ALTER TABLE "CaseEvent" DISABLE TRIGGER USER;
          UPDATE "CaseEvent" SET "actorLabel" = 'Someone else' WHERE "caseId" = '${id}' AND seq = 2;
          ALTER TABLE "CaseEvent" ENABLE TRIGGER USER;`);
        const dirty = await verify();
        expect(dirty.code).toBe(1);
        expect(dirty.stdout).toMatch(/TAMPERING FOUND/);
        expect(dirty.stdout).toMatch(/event 2: hmac-mismatch/);
      } finally {
        await fresh.drop();
      }
    });
  } else {
    it("PGlite has one database user: the app could switch the triggers off (documented in ADR 010; audit:verify still detects the edits)", async () => {
      const { prisma } = get().db;
      await prisma.$executeRawUnsafe(`ALTER TABLE "CaseEvent" DISABLE TRIGGER USER`);
      await prisma.$executeRawUnsafe(`ALTER TABLE "CaseEvent" ENABLE TRIGGER USER`);
    });
  }
});
