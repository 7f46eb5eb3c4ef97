// The write side of issue 12 (docs/decisions/016), measured against hand-written SQL in the same
// run: case events through applyCaseEvent vs raw `pg` (8 clients, PostgreSQL) and vs raw PGlite;
// the set-based sweeper (2 sweepers) vs a raw set-based sweep; exactly-once verified.
import fs from "node:fs";
import inspector from "node:inspector";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { transitionCase as transition, type CaseEvent } from "../machines";
import { applyCaseEvent, type EventAuthor } from "../app/utils/cases.server";
import { CaseChanges, persistedOf, readCases } from "../app/utils/case-write.server";
import type { Database } from "../app/utils/database.server";
import { useDatabase } from "../app/utils/db.server";
import { eventHmac, snapshotDigest } from "../app/utils/event-chain.server";
import { sweepDeadlines } from "../app/utils/sweeper.server";
import { seed } from "../prisma/seed";
import { raiseTestConcern } from "../tests/integration/support/cases";
import { createTestDatabase, type EngineName } from "../tests/support/scratch-database";

const ACTOR: EventAuthor = { kind: "system", name: "bench" };
const EVENT: CaseEvent = { type: "ACKNOWLEDGE", at: "2026-11-03", handlerId: "bench-handler" };
const SWEEP_AT = new Date("2026-11-11T07:00:00Z");

export interface WritePathOptions {
  quick: boolean;
  engines: EngineName[];
  log: (line: string) => void;
}

interface Figure {
  name: string;
  perSecond: number;
  cpuMsPerItem: number;
  items: number;
}

/** BENCH_PROFILE=<dir>: a CPU profile of just this phase (node:inspector), for docs/decisions/016. */
async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return fn();
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post("Profiler.enable");
  await post("Profiler.setSamplingInterval", { interval: 200 });
  await post("Profiler.start");
  try {
    return await fn();
  } finally {
    const { profile } = (await post("Profiler.stop")) as { profile: unknown };
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(`${dir}/${name}.cpuprofile`, JSON.stringify(profile));
    session.disconnect();
  }
}

async function measure(name: string, items: number, fn: () => Promise<void>): Promise<Figure> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { name, items, perSecond: (items / wall) * 1000, cpuMsPerItem: (used.user + used.system) / 1000 / items };
}

/** `count` copies of the template case (row, deadlines, chain head), ids `${prefix}-<n>`; fast, by SQL. */
async function cloneCases(db: Database, templateId: string, prefix: string, count: number): Promise<string[]> {
  for (let from = 1; from <= count; from += 20_000) {
    const to = Math.min(count, from + 19_999);
    await db.execInTransaction(`
      INSERT INTO "Case" (id, ref, "concernId", route, "healthInvolved", "settingId", "localAreaId", "machineId", "machineVersion", snapshot, version, "stateValue", status, rung, "highestRung", "headHash", "createdAt", "updatedAt")
      SELECT '${prefix}-' || lpad(g::text, 7, '0'), 'RC-${prefix}-' || g, "concernId", route, "healthInvolved", "settingId", "localAreaId", "machineId", "machineVersion", snapshot, version, "stateValue", status, rung, "highestRung", "headHash", now(), now()
      FROM "Case", generate_series(${from}, ${to}) g WHERE id = '${templateId}';
      INSERT INTO "Deadline" (id, "caseId", key, kind, label, "dueOn", calendar, "startedBy", "startedOn", event, status, "localAreaId", "createdAt", "updatedAt")
      SELECT '${prefix}-' || lpad(g::text, 7, '0') || '-' || d.key, '${prefix}-' || lpad(g::text, 7, '0'), d.key, d.kind, d.label, d."dueOn", d.calendar, d."startedBy", d."startedOn", d.event, d.status, d."localAreaId", now(), now()
      FROM "Deadline" d, generate_series(${from}, ${to}) g WHERE d."caseId" = '${templateId}' AND d.status = 'open';`);
  }
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(7, "0")}`);
}

async function pool<T>(items: T[], clients: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

type RawQuery = (sql: string, params?: unknown[]) => Promise<{ rows: Array<Record<string, unknown>> }>;

/**
 * The raw baseline for one event: the same rows the product writes, by hand, in the classic
 * shape (lock, update with version check, chained event, deadline replace, outbox, fact row).
 */
function rawEventWriter(plan: { snapshot: unknown; stateValue: string; status: string; rung: number | null; deadlines: unknown; outbox: unknown[]; facts: unknown }) {
  const snapshotJson = JSON.stringify(plan.snapshot);
  const deadlinesJson = JSON.stringify(plan.deadlines);
  const factsJson = JSON.stringify(plan.facts);
  const keys = (plan.deadlines as Array<{ key: string }>).map((d) => d.key);
  return async (q: RawQuery, caseId: string) => {
    await q("BEGIN");
    try {
      const [row] = (await q(`SELECT version, "headHash" FROM "Case" WHERE id = $1 FOR UPDATE`, [caseId])).rows as Array<{ version: number; headHash: string }>;
      const seq = row!.version + 1;
      const occurredAt = new Date();
      const digest = snapshotDigest(plan.snapshot);
      const hash = eventHmac(row!.headHash, {
        caseId,
        seq,
        type: EVENT.type,
        payload: EVENT,
        fromState: "x",
        toState: plan.stateValue,
        actorId: null,
        actorLabel: "system:bench",
        occurredAt,
        snapshotDigest: digest,
      });
      await q(`UPDATE "Case" SET version = $2, snapshot = $3, "stateValue" = $4, status = $5, rung = $6, "headHash" = $7, "updatedAt" = now() WHERE id = $1 AND version = $8`, [
        caseId,
        seq,
        snapshotJson,
        plan.stateValue,
        plan.status,
        plan.rung,
        hash,
        row!.version,
      ]);
      await q(
        `INSERT INTO "CaseEvent" ("caseId", seq, type, payload, "fromState", "toState", "actorLabel", "occurredAt", "prevHash", hash, "chainVersion", "snapshotDigest") VALUES ($1, $2, $3, $4, 'x', $5, 'system:bench', $6, $7, $8, 2, $9)`,
        [caseId, seq, EVENT.type, JSON.stringify(EVENT), plan.stateValue, occurredAt, row!.headHash, hash, digest],
      );
      await q(`UPDATE "Deadline" SET status = 'cancelled', "updatedAt" = now() WHERE "caseId" = $1 AND status = 'open' AND NOT (key = ANY($2::text[]))`, [caseId, keys]);
      await q(
        `INSERT INTO "Deadline" (id, "caseId", key, kind, label, "dueOn", calendar, "startedBy", "startedOn", event, "localAreaId", "createdAt", "updatedAt")
        SELECT gen_random_uuid()::text, $1, d.key, d.kind, d.label, d."dueOn", d.calendar, d."startedBy", d."startedOn", d.event, c."localAreaId", now(), now()
        FROM jsonb_to_recordset($2::jsonb) AS d(key text, kind text, label text, "dueOn" date, calendar text, "startedBy" text, "startedOn" date, event jsonb) JOIN "Case" c ON c.id = $1
        ON CONFLICT ("caseId", key) DO UPDATE SET "dueOn" = EXCLUDED."dueOn", label = EXCLUDED.label, status = 'open', "updatedAt" = now()
        WHERE "Deadline"."dueOn" <> EXCLUDED."dueOn" OR "Deadline".status = 'cancelled'`,
        [caseId, deadlinesJson],
      );
      for (const [i, o] of plan.outbox.entries()) {
        const m = o as { kind: string; toAddress: string; payload: unknown };
        await q(
          `INSERT INTO "OutboxMessage" (id, "caseId", kind, "toAddress", subject, payload, "idempotencyKey", "nextAttemptAt", "createdAt") VALUES (gen_random_uuid()::text, $1, $2, $3, $2, $4, $5, now(), now())`,
          [caseId, m.kind, m.toAddress, JSON.stringify(m.payload), `${caseId}:${seq}:${i}:raw`],
        );
      }
      await q(
        `INSERT INTO "CaseFact" ("caseId", route, "localAreaId", "settingId", "settingKind", ethnicity, sex, "freeSchoolMeals", "deprivationDecile", "primaryNeed", "ageBand", "receivedOn", status, "highestRung", "updatedAt")
        SELECT c.id, c.route, c."localAreaId", c."settingId", s.kind, ch.ethnicity, ch.sex, ch."freeSchoolMeals", ch."deprivationDecile", ch."primaryNeed", '5-10', k."receivedOn", f.status, f."highestRung", now()
        FROM jsonb_populate_record(NULL::"CaseFact", $2::jsonb) f JOIN "Case" c ON c.id = $1 JOIN "Concern" k ON k.id = c."concernId" JOIN "Child" ch ON ch.id = k."childId" JOIN "Setting" s ON s.id = c."settingId"
        ON CONFLICT ("caseId") DO UPDATE SET status = EXCLUDED.status, "highestRung" = EXCLUDED."highestRung", "updatedAt" = now()`,
        [caseId, factsJson],
      );
      await q("COMMIT");
    } catch (error) {
      await q("ROLLBACK");
      throw error;
    }
  };
}

/** The raw sweeper: lock a batch of cases, flip their due deadlines, chained events and case rows, by hand (no machine). */
async function rawSweep(q: RawQuery, today: string, batch: number): Promise<number> {
  let fired = 0;
  for (;;) {
    await q("BEGIN");
    const locked = (
      await q(
        `SELECT c.id, c.version, c."headHash" FROM "Case" c WHERE c.id IN (SELECT "caseId" FROM "Deadline" WHERE status = 'open' AND "dueOn" < $1::date) ORDER BY c.id LIMIT $2 FOR UPDATE OF c SKIP LOCKED`,
        [today, batch],
      )
    ).rows as Array<{ id: string; version: number; headHash: string }>;
    if (locked.length === 0) {
      await q("COMMIT");
      return fired;
    }
    const flipped = (
      await q(
        `UPDATE "Deadline" SET status = 'fired', "firedAt" = now(), "updatedAt" = now() WHERE "caseId" = ANY($1::text[]) AND status = 'open' AND "dueOn" < $2::date RETURNING "caseId", key, event`,
        [locked.map((l) => l.id), today],
      )
    ).rows as Array<{ caseId: string; key: string; event: unknown }>;
    const head = new Map(locked.map((l) => [l.id, { seq: l.version, hash: l.headHash }]));
    const events = flipped.map((f) => {
      const h = head.get(f.caseId)!;
      const seq = ++h.seq;
      const occurredAt = new Date();
      const hash = eventHmac(h.hash, {
        caseId: f.caseId,
        seq,
        type: "DEADLINE_MISSED",
        payload: f.event,
        fromState: "x",
        toState: "x",
        actorId: null,
        actorLabel: "system:raw",
        occurredAt,
        snapshotDigest: "",
      });
      const prevHash = h.hash;
      h.hash = hash;
      return { caseId: f.caseId, seq, payload: f.event, occurredAt: occurredAt.toISOString(), prevHash, hash };
    });
    await q(
      `INSERT INTO "CaseEvent" ("caseId", seq, type, payload, "fromState", "toState", "actorLabel", "occurredAt", "prevHash", hash, "chainVersion")
      SELECT e."caseId", e.seq, 'DEADLINE_MISSED', e.payload, 'x', 'x', 'system:raw', e."occurredAt", e."prevHash", e.hash, 2 FROM jsonb_to_recordset($1::jsonb) AS e("caseId" text, seq int, payload jsonb, "occurredAt" timestamp(3), "prevHash" text, hash text)`,
      [JSON.stringify(events)],
    );
    await q(
      `UPDATE "Case" c SET version = v.version, "headHash" = v.hash, "updatedAt" = now() FROM jsonb_to_recordset($1::jsonb) AS v(id text, version int, hash text) WHERE c.id = v.id`,
      [JSON.stringify([...head].map(([id, h]) => ({ id, version: h.seq, hash: h.hash })))],
    );
    await q("COMMIT");
    fired += flipped.length;
  }
}

export async function benchWritePath(options: WritePathOptions): Promise<string[]> {
  const { quick, log } = options;
  const ratios: string[] = [];
  const rows: Array<Record<string, string | number>> = [];
  const row = (engine: string, f: Figure) => rows.push({ engine, what: f.name, items: f.items, "per second": Math.round(f.perSecond), "CPU ms / item": f.cpuMsPerItem.toFixed(2) });

  for (const engine of options.engines) {
    const scratch = await createTestDatabase(engine);
    useDatabase(scratch.db);
    const { prisma } = scratch.db;
    let rawPool: pg.Pool | undefined;
    let conns: pg.PoolClient[] = [];
    try {
      await seed(prisma, { demoCases: false });
      const template = (await raiseTestConcern(prisma, { receivedOn: "2026-11-02" })).cases[0]!.id;
      const clients = engine === "postgres" ? 8 : 1;
      const events = engine === "postgres" ? (quick ? 800 : 8_000) : quick ? 200 : 2_000;

      // The plan the raw baseline writes: the product's own rows for the template's event.
      const [state] = await readCases(prisma, [template]);
      const step = transition(persistedOf(state!), EVENT);
      const changes = new CaseChanges(state!);
      changes.record(EVENT, step, ACTOR);
      const planned = changes.rows()!;
      const writer = rawEventWriter({
        snapshot: step.persisted.snapshot,
        stateValue: step.view.stateValue,
        status: step.view.status,
        rung: step.view.rung ?? null,
        deadlines: step.deadlines,
        outbox: planned.outbox,
        facts: planned.facts,
      });
      // Raw clients: dedicated connections (a transaction needs one), or the PGlite session itself.
      let rawClients: RawQuery[];
      if (engine === "postgres") {
        rawPool = new pg.Pool({ connectionString: scratch.url, max: clients });
        conns = await Promise.all(Array.from({ length: clients }, () => rawPool!.connect()));
        rawClients = conns.map((c) => (sql: string, params?: unknown[]) => c.query(sql, params) as never);
      } else {
        rawClients = [async (sql, params) => ({ rows: await scratch.db.query(sql, params) })];
      }
      const q = rawClients[0]!;
      const productIds = await cloneCases(scratch.db, template, "p", events);
      const rawIds = await cloneCases(scratch.db, template, "r", events);
      // Warm up both paths (JIT, connections, plans) on a few cases of their own.
      const warm = await cloneCases(scratch.db, template, "w", 40);
      for (const id of warm.slice(0, 20)) await applyCaseEvent(id, EVENT, ACTOR, {}, prisma);
      for (const id of warm.slice(20)) await writer(q, id);

      // Interleaved rounds (product, raw, raw, product, …): the machine is shared, and load that
      // comes and goes then falls on both sides alike.
      const rounds = 4;
      const chunk = Math.ceil(events / rounds);
      const product: Figure = { name: "case event: applyCaseEvent", items: 0, perSecond: 0, cpuMsPerItem: 0 };
      const raw: Figure = { name: "case event: raw SQL by hand", items: 0, perSecond: 0, cpuMsPerItem: 0 };
      const totals = new Map<Figure, { wall: number; cpu: number }>([
        [product, { wall: 0, cpu: 0 }],
        [raw, { wall: 0, cpu: 0 }],
      ]);
      const runProduct = (ids: string[]) => pool(ids, clients, (id) => applyCaseEvent(id, EVENT, ACTOR, {}, prisma).then(() => undefined));
      const runRaw = async (ids: string[]) => {
        let next = 0;
        await Promise.all(
          rawClients.map(async (cq) => {
            while (next < ids.length) await writer(cq, ids[next++]!);
          }),
        );
      };
      for (let r = 0; r < rounds; r++) {
        const sides: Array<[Figure, () => Promise<void>]> = [
          [product, () => runProduct(productIds.slice(r * chunk, (r + 1) * chunk))],
          [raw, () => runRaw(rawIds.slice(r * chunk, (r + 1) * chunk))],
        ];
        for (const [figure, fn] of r % 2 === 0 ? sides : sides.reverse()) {
          const f = figure === product ? await profiled(`events-${engine}-${r}`, () => measure(figure.name, chunk, fn)) : await measure(figure.name, chunk, fn);
          const t = totals.get(figure)!;
          t.wall += (chunk / f.perSecond) * 1000;
          t.cpu += f.cpuMsPerItem * chunk;
          figure.items += chunk;
        }
      }
      for (const [figure, t] of totals) {
        figure.perSecond = (figure.items / t.wall) * 1000;
        figure.cpuMsPerItem = t.cpu / figure.items;
      }
      row(engine, product);
      row(engine, raw);
      const name = engine === "postgres" ? "case-event/raw-sql" : "case-event-pglite/raw-pglite";
      ratios.push(`ratio ${name}: ${(product.perSecond / raw.perSecond).toFixed(2)}`);
      ratios.push(`ratio ${name}-cpu (raw CPU ms per event / product's): ${(raw.cpuMsPerItem / product.cpuMsPerItem).toFixed(2)}`);
      if (engine === "postgres") ratios.push(`ratio case-event/target-1000: ${(product.perSecond / 1000).toFixed(2)}`);

      // Sweeper: cases whose acknowledgement deadline (and its reminders) are all due.
      const perCase = Number(
        (await scratch.db.query<{ n: string }>(`SELECT count(*) AS n FROM "Deadline" WHERE "caseId" = $1 AND status = 'open' AND "dueOn" < $2::date`, [template, "2026-11-11"]))[0]!
          .n,
      );
      const target = engine === "postgres" ? (quick ? 5_000 : 100_000) : quick ? 1_000 : 10_000;
      const sweepCases = Math.ceil(target / Math.max(1, perCase));
      await cloneCases(scratch.db, template, "s", sweepCases);
      await cloneCases(scratch.db, template, "t", sweepCases);
      // Only the product's copies are due: park every other case's deadlines (the raw sweep's a year ahead, until its turn).
      await scratch.db.execInTransaction(`UPDATE "Deadline" SET status = 'cancelled' WHERE status = 'open' AND "caseId" NOT LIKE 's-%' AND "caseId" NOT LIKE 't-%';
        UPDATE "Deadline" SET "dueOn" = "dueOn" + 365 WHERE "caseId" LIKE 't-%'`);
      const due = sweepCases * perCase;
      const sweepers = engine === "postgres" ? 2 : 1;
      let firedTotal = 0;
      let mootTotal = 0;
      const swept = await profiled(`sweep-${engine}`, () =>
        measure(`sweeper: ${sweepers} sweeper${sweepers > 1 ? "s" : ""} (deadlines resolved)`, due, async () => {
          const results = await Promise.all(Array.from({ length: sweepers }, () => sweepDeadlines({ prisma, now: SWEEP_AT, batchSize: 250, log: false })));
          for (const r of results) {
            if (r.failed.length || r.dead.length) throw new Error(`sweep failed: ${JSON.stringify(r.failed.slice(0, 3))}`);
            firedTotal += r.fired;
            mootTotal += r.moot;
          }
        }),
      );
      // Exactly once: every due deadline resolved, one event per fired deadline, none twice.
      const [check] = await scratch.db.query<{ open: string; fired: string; events: string; dupes: string }>(`
        SELECT (SELECT count(*) FROM "Deadline" WHERE "caseId" LIKE 's-%' AND status = 'open' AND "dueOn" < '2026-11-11') AS open,
          (SELECT count(*) FROM "Deadline" WHERE "caseId" LIKE 's-%' AND status = 'fired') AS fired,
          (SELECT count(*) FROM "CaseEvent" WHERE "caseId" LIKE 's-%' AND type LIKE 'DEADLINE_%') AS events,
          (SELECT count(*) FROM (SELECT 1 FROM "CaseEvent" WHERE "caseId" LIKE 's-%' AND type LIKE 'DEADLINE_%' GROUP BY "caseId", payload->>'key' HAVING count(*) > 1) x) AS dupes`);
      const exact =
        Number(check!.open) === 0 &&
        Number(check!.dupes) === 0 &&
        Number(check!.fired) === Number(check!.events) &&
        Number(check!.fired) === firedTotal &&
        firedTotal + mootTotal === due;
      log(
        `  ${engine}: sweeper resolved ${due.toLocaleString("en-GB")} deadlines on ${sweepCases.toLocaleString("en-GB")} cases (${firedTotal} fired, ${mootTotal} moot reminders), exactly once: ${exact ? "yes" : `NO ${JSON.stringify(check)}`}`,
      );
      if (!exact) process.exitCode = 1;
      row(engine, swept);

      // The raw sweep over a fresh copy of the same cases.
      await scratch.db.execInTransaction(`UPDATE "Deadline" SET "dueOn" = "dueOn" - 365 WHERE "caseId" LIKE 't-%'`);
      const rawSwept = await profiled(`raw-sweep-${engine}`, () =>
        measure(`sweeper: raw SQL, ${sweepers} sweeper${sweepers > 1 ? "s" : ""}`, due, async () => {
          await Promise.all(rawClients.slice(0, sweepers).map((c) => rawSweep(c, "2026-11-11", 250)));
        }),
      );
      row(engine, rawSwept);
      if (engine === "postgres") {
        ratios.push(`ratio sweeper/raw-sql: ${(swept.perSecond / rawSwept.perSecond).toFixed(2)}`);
        ratios.push(`ratio sweeper/target-2000: ${(swept.perSecond / 2000).toFixed(2)}`);
        ratios.push(`ratio sweeper-exactly-once/${due}: ${exact ? "1.00" : "0.00"}`);
      } else {
        ratios.push(`ratio sweeper-pglite/raw-pglite: ${(swept.perSecond / rawSwept.perSecond).toFixed(2)}`);
      }
    } finally {
      for (const c of conns) c.release();
      await rawPool?.end();
      await scratch.drop();
    }
  }
  console.table(rows);
  return ratios;
}
