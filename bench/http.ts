// HTTP benchmark (issue 12): autocannon on loopback against the real server (server.ts, the
// production Remix build) on each engine: the case page and the queue page (/cases) signed in as
// a SENCo, against a bare Remix route (/healthz: no session, no database). Prints req/s, p50 and
// p99 for each, the server's resident memory, and one `ratio <name>: <value>` line per figure;
// also runs the case-page history bench (bench/case-page.ts).
//   npx tsx bench/http.ts [--quick] [pglite|postgres]     (needs `npx remix build` first)
// Exported as runHttpBench for `npm run bench`.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { applyCaseEvent, type EventAuthor } from "../app/utils/cases.server";
import { openDatabase } from "../app/utils/database.server";
import { useDatabase } from "../app/utils/db.server";
import { migrate } from "../app/utils/migrate.server";
import { seed } from "../prisma/seed";
import { raiseTestConcern } from "../tests/integration/support/cases";
import { cookieFor } from "../tests/integration/support/routes";
import { createTestDatabase, ENGINES, type EngineName } from "../tests/support/scratch-database";
import { padHistory, runCasePageBench } from "./case-page";

const ACTOR: EventAuthor = { kind: "system", name: "bench" };
const SENCO = "helen.clarke@beckettpark.example.com";
const PORT = Number(process.env.BENCH_HTTP_PORT ?? 3441);
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 8);

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function cannon(url: string, cookie: string | undefined, seconds: number): Promise<Figures> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: cookie ? { cookie } : {},
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx };
}

/** Resident memory of a process in MB, now and at its peak (Linux /proc). */
function rss(pid: number): { now: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { now: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

export function startServer(env: Record<string, string>, command: string[] = ["--import", "tsx", "server.ts"]): Promise<ChildProcess> {
  const child = spawn(process.execPath, command, {
    env: { ...process.env, NODE_ENV: "production", APP_ENV: "demo", SEED_DEMO_DATA: "false", SWEEP_INTERVAL_SECONDS: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${log}`)), 60_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (process.env.SERVER_LOG) process.stderr.write(chunk);
      if (log.includes("Redress is running")) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${log}`));
    });
  });
}

export function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5000).unref();
  });
}

/** A seeded database with ten cases, one of them with 20 events; returns its URL, the case and a SENCo's cookie. */
async function prepare(engine: EngineName) {
  let url: string;
  let drop: () => Promise<void>;
  let db;
  if (engine === "postgres") {
    const scratch = await createTestDatabase("postgres");
    ({ url, db } = scratch);
    drop = () => scratch.drop();
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redress-http-"));
    url = `pglite:${dir}`;
    db = await openDatabase(url);
    await migrate(db);
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  useDatabase(db);
  await seed(db.prisma, { demoCases: false });
  const caseIds: string[] = [];
  for (let i = 0; i < 10; i++) caseIds.push((await raiseTestConcern(db.prisma, { receivedOn: "2026-11-02" })).cases[0]!.id);
  const caseId = caseIds[0]!;
  await applyCaseEvent(caseId, { type: "ACKNOWLEDGE", at: "2026-11-03", handlerId: "h" }, ACTOR, {}, db.prisma);
  await padHistory(db, caseId, 20);
  const cookie = await cookieFor(db.prisma, SENCO);
  if (engine === "pglite") await db.close(); // one process per PGlite folder: the server opens it next
  return {
    url,
    caseId,
    cookie,
    drop: async () => {
      if (engine === "postgres") await drop();
      else await drop();
    },
  };
}

async function benchEngine(engine: EngineName, quick: boolean): Promise<string[]> {
  const seconds = quick ? 3 : 15;
  const { url, caseId, cookie, drop } = await prepare(engine);
  // BENCH_SERVER=compiled: the server compiled by scripts/build-server.mjs instead of tsx.
  const compiled = process.env.BENCH_SERVER === "compiled";
  if (compiled && !fs.existsSync(path.resolve("build/server.mjs"))) throw new Error("run `node scripts/build-server.mjs` first");
  const server = await startServer({ PORT: String(PORT), DATABASE_URL: url }, compiled ? ["build/server.mjs"] : undefined);
  const lines: string[] = [];
  try {
    const base = `http://127.0.0.1:${PORT}`;
    // Every target must answer 200 before it is timed (a redirect to sign-in would be "fast").
    for (const target of ["/healthz", "/cases", `/cases/${caseId}`]) {
      const response = await fetch(base + target, { headers: { cookie }, redirect: "manual" });
      if (response.status !== 200) throw new Error(`${target} answered ${response.status}`);
    }
    await cannon(`${base}/healthz`, undefined, 1); // warm up
    const bare = await cannon(`${base}/healthz`, undefined, seconds);
    const queue = await cannon(`${base}/cases`, cookie, seconds);
    const page = await cannon(`${base}/cases/${caseId}`, cookie, seconds);
    const memory = rss(server.pid!);
    const row = (name: string, f: Figures) =>
      `  ${name.padEnd(28)} ${f.rps.toFixed(0).padStart(6)} req/s  p50 ${String(f.p50).padStart(4)} ms  p99 ${String(f.p99).padStart(4)} ms${f.errors ? `  (${f.errors} errors)` : ""}`;
    console.log(`HTTP [${engine}${compiled ? ", compiled server" : ""}] ${CONNECTIONS} connections, ${seconds} s each, loopback:`);
    console.log(row("bare route /healthz", bare));
    console.log(row("queue page /cases", queue));
    console.log(row("case page /cases/:id", page));
    console.log(`  server RSS ${memory.now.toFixed(0)} MB now, ${memory.peak.toFixed(0)} MB peak`);
    if (bare.errors + queue.errors + page.errors > 0) throw new Error("errors during the HTTP bench");
    lines.push(`ratio http-case-page/bare-route [${engine}]: ${(page.rps / bare.rps).toFixed(2)}`);
    lines.push(`ratio http-queue-page/bare-route [${engine}]: ${(queue.rps / bare.rps).toFixed(2)}`);
    lines.push(`ratio http-server-rss/300MB [${engine}]: ${(memory.peak / 300).toFixed(2)}`);
  } finally {
    await stopServer(server);
    await drop();
  }
  return lines;
}

export async function runHttpBench({ quick }: { quick: boolean }, engines: EngineName[] = ENGINES): Promise<string[]> {
  if (!fs.existsSync(path.resolve("build/index.js"))) throw new Error("bench/http.ts serves the production build: run `npx remix build` first.");
  const lines: string[] = [];
  for (const engine of engines) lines.push(...(await benchEngine(engine, quick)));
  lines.push(...(await runCasePageBench({ quick }, engines)));
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes("--quick");
  const only = ENGINES.filter((e) => process.argv.includes(e));
  const started = Date.now();
  runHttpBench({ quick }, only.length ? only : ENGINES)
    .then((lines) => {
      console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
      for (const line of lines) console.log(line);
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
