// HTTP benchmark (issue 12, docs/decisions/029): autocannon on loopback against the real server
// as `npm start` runs it (build/server.mjs, the production Remix build) on each engine: the case
// page and the queue page (/cases) signed in as a SENCo, against the bare DOCUMENT route (/bench:
// the root layout with nothing to load, signed out; the target line) and the bare RESOURCE route
// (/healthz: JSON, no document), plus /bench signed in (what the session costs). Prints req/s,
// p50, p99, the server's CPU per request, the page size, the server's resident memory, and one
// `ratio <name>: <value>` line per figure; also runs the case-page history bench (bench/case-page.ts).
//   npx tsx bench/http.ts [--quick] [pglite|postgres]     (needs `npx remix build` first)
//   BENCH_SERVER=tsx       the server under tsx instead
//   BENCH_PROFILE=<dir>    the server writes a V8 CPU profile (node --cpu-prof) there
//   BENCH_HTTP_ONLY=case   time one target only (bare, document, signed-in, queue, case): one profile per page
//   BENCH_HTTP_DUMP=<dir>  saves each target's answer there (<name>.html), to see what a page sends
// Exported as runHttpBench for `npm run bench`.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
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
import { serverNodeArgs } from "../scripts/portal-env.mjs";
import { padHistory, runCasePageBench } from "./case-page";

const ACTOR: EventAuthor = { kind: "system", name: "bench" };
const SENCO = "helen.clarke@beckettpark.example.com";
const PORT = Number(process.env.BENCH_HTTP_PORT ?? 3441);
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 8);
/** Each target is timed in this many slices, taken in turn with the others'. */
const ROUNDS = 3;

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** The server process's CPU time (user + system) per request, ms: what a page costs, whatever else the machine is doing. */
  cpu: number;
}

/** CPU time a process has used so far, ms (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function cannon(url: string, cookie: string | undefined, seconds: number, pid: number): Promise<Figures> {
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: cookie ? { cookie } : {},
  });
  const cpu = (cpuMs(pid) - cpuBefore) / Math.max(1, result.requests.total);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx, cpu };
}

/** Slices of one target put together: requests over time, CPU over requests; the median slice's p50, the worst slice's p99. */
function combine(parts: Figures[]): Figures {
  const requests = parts.reduce((n, part) => n + part.rps, 0);
  const median = [...parts].sort((a, b) => a.p50 - b.p50)[Math.floor(parts.length / 2)]!;
  return {
    rps: requests / parts.length,
    p50: median.p50,
    p99: Math.max(...parts.map((part) => part.p99)),
    errors: parts.reduce((n, part) => n + part.errors, 0),
    cpu: parts.reduce((sum, part) => sum + part.cpu * part.rps, 0) / Math.max(1, requests),
  };
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
  // The server as `npm start` runs it: compiled by scripts/build-server.mjs (BENCH_SERVER=tsx: under tsx).
  const compiled = process.env.BENCH_SERVER !== "tsx";
  const profile = process.env.BENCH_PROFILE ? [`--cpu-prof`, `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE, `http-${engine}`)}`] : [];
  // With the heap cap `npm start` gives it (docs/decisions/035): the RSS line measures what ships.
  const heap = serverNodeArgs(process.env);
  const server = await startServer({ PORT: String(PORT), DATABASE_URL: url }, [...profile, ...heap, ...(compiled ? ["build/server.mjs"] : ["--import", "tsx", "server.ts"])]);
  const lines: string[] = [];
  try {
    const base = `http://127.0.0.1:${PORT}`;
    // The targets, and the references they are compared with (docs/decisions/029):
    //   bare resource route  /healthz: a loader answering JSON, no document, no session;
    //   bare document route  /bench signed out: a page through the root layout, nothing to load;
    //   signed-in bare page  /bench with the cookie: the same page plus the session statement.
    // The target line compares each page with the bare DOCUMENT route: both render a document.
    const targets = [
      { name: "bare", label: "bare resource route /healthz", path: "/healthz", cookie: undefined },
      { name: "document", label: "bare document route /bench", path: "/bench", cookie: undefined },
      { name: "signed-in", label: "signed-in bare page /bench", path: "/bench", cookie },
      { name: "queue", label: "queue page /cases", path: "/cases", cookie },
      { name: "case", label: "case page /cases/:id", path: `/cases/${caseId}`, cookie },
    ];
    // Every target must answer 200 before it is timed (a redirect to sign-in would be "fast").
    const bytes = new Map<string, number>();
    for (const target of targets) {
      const response = await fetch(base + target.path, { headers: target.cookie ? { cookie: target.cookie } : {}, redirect: "manual" });
      if (response.status !== 200) throw new Error(`${target.path} answered ${response.status}`);
      const body = await response.arrayBuffer();
      bytes.set(target.name, body.byteLength);
      if (process.env.BENCH_HTTP_DUMP) fs.writeFileSync(path.join(process.env.BENCH_HTTP_DUMP, `${target.name}.html`), Buffer.from(body));
    }
    const only = process.env.BENCH_HTTP_ONLY;
    const timed = targets.filter((target) => !only || only === target.name);
    for (const target of timed) await cannon(base + target.path, target.cookie, 1, server.pid!); // warm up every page
    // Interleaved: ROUNDS slices of each target in turn, so a change in the machine's speed during
    // the run (a shared 2-core machine) falls on every target alike instead of on the last ones.
    const slices = new Map<string, Figures[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of timed) slices.set(target.name, [...(slices.get(target.name) ?? []), await cannon(base + target.path, target.cookie, seconds / ROUNDS, server.pid!)]);
    }
    const figures = new Map<string, Figures>([...slices].map(([name, parts]) => [name, combine(parts)]));
    const memory = rss(server.pid!);
    console.log(
      `HTTP [${engine}, ${compiled ? "compiled server" : "server under tsx"}, ${heap.join(" ")}] ${CONNECTIONS} connections, ${seconds} s each in ${ROUNDS} interleaved slices, loopback:`,
    );
    for (const target of targets) {
      const f = figures.get(target.name);
      if (!f) continue;
      console.log(
        `  ${target.label.padEnd(30)} ${f.rps.toFixed(0).padStart(6)} req/s  p50 ${String(f.p50).padStart(4)} ms  p99 ${String(f.p99).padStart(4)} ms` +
          `  CPU ${f.cpu.toFixed(2).padStart(5)} ms/request  ${(bytes.get(target.name)! / 1024).toFixed(1).padStart(5)} KB${f.errors ? `  (${f.errors} errors)` : ""}`,
      );
    }
    console.log(`  server RSS ${memory.now.toFixed(0)} MB now, ${memory.peak.toFixed(0)} MB peak`);
    if ([...figures.values()].some((f) => f.errors > 0)) throw new Error("errors during the HTTP bench");
    if (!only) {
      const rps = (name: string) => figures.get(name)!.rps;
      lines.push(`ratio http-case-page/bare-document [${engine}]: ${(rps("case") / rps("document")).toFixed(2)}`);
      lines.push(`ratio http-queue-page/bare-document [${engine}]: ${(rps("queue") / rps("document")).toFixed(2)}`);
      lines.push(`ratio http-signed-in-page/bare-document [${engine}]: ${(rps("signed-in") / rps("document")).toFixed(2)}`);
      // The same comparison by the server's CPU per request (bare ÷ page): what each page costs
      // the server whatever else the machine is doing; req/s on a shared 2-core machine is mostly noise.
      const cpu = (name: string) => figures.get(name)!.cpu;
      lines.push(`ratio http-case-page/bare-document-cpu [${engine}]: ${(cpu("document") / cpu("case")).toFixed(2)}`);
      lines.push(`ratio http-queue-page/bare-document-cpu [${engine}]: ${(cpu("document") / cpu("queue")).toFixed(2)}`);
      lines.push(`ratio http-case-page/bare-resource-route [${engine}]: ${(rps("case") / rps("bare")).toFixed(2)}`);
      lines.push(`ratio http-queue-page/bare-resource-route [${engine}]: ${(rps("queue") / rps("bare")).toFixed(2)}`);
      // 300 MB over the peak: 1.00 or more meets the target (≤ 300 MB; it applies to PostgreSQL).
      lines.push(`ratio http-server-rss/within-300MB [${engine}]: ${(300 / memory.peak).toFixed(2)} (peak ${memory.peak.toFixed(0)} MB)`);
    }
  } finally {
    await stopServer(server);
    await drop();
  }
  return lines;
}

export async function runHttpBench({ quick }: { quick: boolean }, engines: EngineName[] = ENGINES): Promise<string[]> {
  if (!fs.existsSync(path.resolve("build/index.js"))) throw new Error("bench/http.ts serves the production build: run `npx remix build` first.");
  // The server itself, from the current server.ts (0.2 s).
  if (spawnSync(process.execPath, ["scripts/build-server.mjs"], { stdio: "inherit" }).status !== 0) throw new Error("scripts/build-server.mjs failed");
  const lines: string[] = [];
  for (const engine of engines) lines.push(...(await benchEngine(engine, quick)));
  if (!process.env.BENCH_HTTP_ONLY) lines.push(...(await runCasePageBench({ quick }, engines)));
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
