import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "../../app/utils/db.server";
import { readMigrations } from "../../app/utils/migrate.server";
import { seed } from "../../prisma/seed";
import { startServer, stopServer } from "../../bench/http";
import { raiseTestConcern } from "./support/cases";
import { createTestDatabase, type TestDatabase } from "../support/scratch-database";

// Scaling by more instances on one PostgreSQL (docs/decisions/017), proved with real processes:
// two servers started at the same moment on an EMPTY database, then two sweepers at once.
// Also: the database connection cut mid-request answers a 503 page and writes nothing.
// PostgreSQL only: PGlite is one process per data folder by design (docs/decisions/001).

const PORTS = [Number(process.env.E2E_PORT ?? 3340) + 160, Number(process.env.E2E_PORT ?? 3340) + 161];
const HAS_BUILD = fs.existsSync(path.resolve("build/index.js"));

function sweeper(url: string, asOf: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/sweep.ts", "--as-of", asOf], {
      env: { ...process.env, DATABASE_URL: url, APP_ENV: "test", NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
    child.once("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`sweeper exited ${code}:\n${out}`))));
  });
}

async function signInAsPersona(port: number, email: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: `http://127.0.0.1:${port}` },
    body: new URLSearchParams({ intent: "persona", email, redirectTo: "/dashboard" }).toString(),
  });
  expect(response.status).toBe(302);
  return (response.headers.get("set-cookie") ?? "").split(";")[0]!;
}

describe.skipIf(!HAS_BUILD)("several instances on one PostgreSQL [postgres]", () => {
  let scratch: TestDatabase;
  let servers: ChildProcess[] = [];
  let admin: pg.Client;

  beforeAll(async () => {
    scratch = await createTestDatabase("postgres", { migrate: false });
    admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => stopServer(s)));
    await admin?.end();
    await scratch?.drop();
  });

  it("two servers started together on an empty database apply each migration exactly once", async () => {
    servers = await Promise.all(PORTS.map((port) => startServer({ PORT: String(port), DATABASE_URL: scratch.url })));
    const { rows } = await admin.query<{ migration_name: string; n: number }>(`SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY 1 ORDER BY 1`);
    expect(rows.map((r) => r.migration_name)).toEqual(readMigrations().map((m) => m.name));
    expect(rows.every((r) => r.n === 1)).toBe(true);
    for (const port of PORTS) {
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: "ready", checks: { database: "ok", migrations: "ok" } });
    }
  }, 60_000);

  it("a session made on one server is valid on the other, and signing out on either ends it on both at once", async () => {
    useDatabase(scratch.db);
    await seed(scratch.db.prisma, { demoCases: false });
    const cookie = await signInAsPersona(PORTS[0]!, "helen.clarke@beckettpark.example.com");
    for (const port of PORTS) {
      const page = await fetch(`http://127.0.0.1:${port}/dashboard`, { headers: { cookie }, redirect: "manual" });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("Helen Clarke");
    }
    const out = await fetch(`http://127.0.0.1:${PORTS[1]}/sign-out`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, Origin: `http://127.0.0.1:${PORTS[1]}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: "",
    });
    expect(out.status).toBe(302);
    const after = await fetch(`http://127.0.0.1:${PORTS[0]}/dashboard`, { headers: { cookie }, redirect: "manual" });
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/sign-in/);
  }, 60_000);

  it("two sweepers at once fire every due deadline exactly once; logs and versions stay whole", async () => {
    const prisma = scratch.db.prisma;
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await raiseTestConcern(prisma, { receivedOn: "2026-11-02" })).cases[0]!.id);
    const due = await prisma.deadline.count({ where: { status: "open", dueOn: { lt: new Date("2027-03-01") } } });
    expect(due).toBeGreaterThanOrEqual(12);
    const before = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM "CaseEvent" WHERE type IN ('DEADLINE_WARNING','DEADLINE_MISSED')`);
    const logs = await Promise.all([sweeper(scratch.url, "2027-03-01"), sweeper(scratch.url, "2027-03-01")]);
    expect(logs.join("\n")).toMatch(/Deadlines fired: \d+/);
    // Nothing due is left open, and every deadline event appears once per deadline.
    expect(await prisma.deadline.count({ where: { status: "open", dueOn: { lt: new Date("2027-03-01") } } })).toBe(0);
    const { rows: dupes } = await admin.query(
      `SELECT "caseId", type, payload->>'key' AS key, count(*) FROM "CaseEvent" WHERE type IN ('DEADLINE_WARNING','DEADLINE_MISSED') GROUP BY 1, 2, 3 HAVING count(*) > 1`,
    );
    expect(dupes).toEqual([]);
    const fired = await prisma.deadline.count({ where: { status: "fired" } });
    const after = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM "CaseEvent" WHERE type IN ('DEADLINE_WARNING','DEADLINE_MISSED')`);
    expect(after.rows[0]!.n - before.rows[0]!.n).toBe(fired);
    const { rows: gaps } = await admin.query(
      `SELECT c.id FROM "Case" c JOIN "CaseEvent" e ON e."caseId" = c.id GROUP BY c.id, c.version HAVING count(*) <> c.version OR max(e.seq) <> c.version`,
    );
    expect(gaps).toEqual([]);
    // The readiness probe now reports no lag.
    const ready = await (await fetch(`http://127.0.0.1:${PORTS[0]}/readyz`)).json();
    expect(ready.deadlines.due).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it("a database connection cut mid-request answers a 503 page and writes nothing; the next request works", async () => {
    const prisma = scratch.db.prisma;
    const caseId = (await raiseTestConcern(prisma, { childRef: "AN-000001", receivedOn: "2026-11-02" })).cases[0]!.id;
    const port = PORTS[0]!;
    const cookie = await signInAsPersona(port, "helen.clarke@beckettpark.example.com");
    const state = async () => {
      const { rows } = await admin.query(
        `SELECT (SELECT version FROM "Case" WHERE id = $1) AS version,
                (SELECT count(*)::int FROM "CaseEvent" WHERE "caseId" = $1) AS events,
                (SELECT count(*)::int FROM "OutboxMessage" WHERE "caseId" = $1) AS emails,
                (SELECT count(*)::int FROM "Deadline" WHERE "caseId" = $1) AS deadlines,
                (SELECT string_agg(status::text || ':' || key, ',' ORDER BY key) FROM "Deadline" WHERE "caseId" = $1) AS statuses`,
        [caseId],
      );
      return rows[0];
    };
    const before = await state();
    // Hold the case row so the acknowledgement waits INSIDE its transaction, then cut the
    // server's connections (pg_terminate_backend) while it waits.
    const locker = new pg.Client({ connectionString: scratch.url });
    await locker.connect();
    await locker.query("BEGIN");
    const lockerPid = (await locker.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    await locker.query(`SELECT 1 FROM "Case" WHERE id = $1 FOR UPDATE`, [caseId]);
    const post = fetch(`http://127.0.0.1:${port}/cases/${caseId}/acknowledge`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, Origin: `http://127.0.0.1:${port}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: `version=${before.version}`,
    });
    // Wait until a server backend is blocked on the lock, then terminate every server backend.
    let waiting = 0;
    for (let i = 0; i < 100 && waiting === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const { rows } = await admin.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1`,
        [lockerPid],
      );
      waiting = rows[0]!.n;
    }
    expect(waiting).toBeGreaterThan(0);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), $1)`, [lockerPid]);
    const response = await post;
    await locker.query("ROLLBACK");
    await locker.end();
    const html = await response.text();
    expect(response.status, html.slice(0, 3000)).toBe(503);
    expect(html).toContain("Sorry, there is a problem with the service");
    expect(html).not.toMatch(/terminating connection|57P01|stack/i);
    expect(await state()).toEqual(before);
    // The pool replaces the dropped connections: the same form now goes through.
    const retry = await fetch(`http://127.0.0.1:${port}/cases/${caseId}/acknowledge`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, Origin: `http://127.0.0.1:${port}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: `version=${before.version}`,
    });
    expect(retry.status).toBe(302);
    expect((await state()).version).toBe(before.version + 1);
  }, 60_000);
});
