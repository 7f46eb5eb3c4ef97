import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { Prisma, PrismaClient } from "../../generated/prisma/client";

// pglite-prisma-adapter is typed against its own copy of @prisma/driver-adapter-utils; the
// runtime contract is the same (exercised by every integration test on PGlite).
type AdapterFactory = ConstructorParameters<typeof PrismaClient>[0] extends { adapter?: infer A } ? A : never;

// One database handle = a Prisma client plus raw SQL access for the migration runner,
// over either the embedded PGlite or a real PostgreSQL (docs/decisions/001-embedded-pglite-and-postgres.md).

export type Engine = "pglite" | "postgres";

export interface Database {
  engine: Engine;
  prisma: PrismaClient;
  /** Runs one or more SQL statements (no parameters) inside one transaction. */
  execInTransaction(sql: string): Promise<void>;
  /** Runs a parameterised query outside Prisma (used by the migration runner). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * From now on `prisma` works as this least-privileged role (PostgreSQL: SET ROLE on each new
   * connection of its pool), while execInTransaction/query stay with the owner for migrations.
   * A no-op on PGlite, which has a single user (docs/decisions/010).
   */
  enterAppRole(role: string): void;
  close(): Promise<void>;
}

/** Sends one statement straight to the driver, bypassing Prisma's client (docs/decisions/016). */
export type DriverQuery = <T = Record<string, unknown>>(sql: string, params: unknown[], prepare?: boolean) => Promise<T[]>;

/** A prepared statement's name per text: PostgreSQL parses and plans it once per connection. */
const statementNames = new Map<string, string>();
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `redress_${crypto.createHash("sha1").update(sql).digest("hex").slice(0, 20)}`;
    statementNames.set(sql, name);
  }
  return name;
}

// Shared through globalThis: the server (build/server.mjs, or server.ts under tsx) opens the
// database with its own copy of this module, and the Remix build (build/index.js) bundles another.
// A module-level map would leave the build's copy empty, and every "driver" read in a page would
// quietly go through Prisma instead (docs/decisions/029).
const globalForDrivers = globalThis as unknown as { __redressDriverQueries?: WeakMap<object, DriverQuery> };
const driverQueries = (globalForDrivers.__redressDriverQueries ??= new WeakMap<object, DriverQuery>());

/**
 * The driver behind a client opened by openDatabase, for the hot write path's single,
 * self-contained statements (outside any interactive transaction). PostgreSQL: the app's pool
 * (its connections have switched to the least-privileged role); PGlite: the one session.
 */
export function driverQueryFor(prisma: object): DriverQuery | undefined {
  return driverQueries.get(prisma);
}

/**
 * One self-contained statement on a hot read path (the session, the case page; docs/decisions/029):
 * straight to the driver when `prisma` came from openDatabase (a prepared statement on
 * PostgreSQL), else through Prisma (a transaction client, or a client made elsewhere). The rows
 * are the driver's: parameters and results must not depend on the process's time zone, so pass
 * instants as ISO strings cast `::timestamp(3)` and select them `AT TIME ZONE 'UTC'`.
 */
export function queryRows<T>(prisma: PrismaClient | Prisma.TransactionClient, sql: Prisma.Sql): Promise<T[]> {
  const direct = driverQueries.get(prisma);
  if (direct) return direct<T>(sql.text, sql.values, true);
  return prisma.$queryRawUnsafe<T[]>(sql.text, ...sql.values);
}

/** Runs a function in one transaction on the driver, handing it a handle for queryRows and driverQueryFor. */
type DriverTransaction = <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) => Promise<T>;
const globalForTransactions = globalThis as unknown as { __redressDriverTransactions?: WeakMap<object, DriverTransaction> };
const driverTransactions = (globalForTransactions.__redressDriverTransactions ??= new WeakMap<object, DriverTransaction>());

/**
 * A handle for one transaction's statements: `queryRows`, `driverQueryFor` and everything built on
 * them (readCases, writeCases) send to `query`; it has none of Prisma's methods, so code that
 * tried the ORM inside a driver transaction would fail at once rather than run outside it.
 */
function transactionHandle(query: DriverQuery): Prisma.TransactionClient {
  const handle = Object.freeze(Object.create(null) as object);
  driverQueries.set(handle, query);
  return handle as Prisma.TransactionClient;
}

/**
 * `fn` in ONE transaction (docs/decisions/035). On a client from openDatabase the transaction runs
 * straight on the driver: a pooled connection with BEGIN/COMMIT on PostgreSQL, PGlite's own
 * transaction on PGlite; `fn` must then send its statements through queryRows or driverQueryFor
 * with the handle it is given. Prisma's interactive transaction carried every statement through
 * its query compiler: about a fifth of the sweeper's CPU. Elsewhere (a client made by a test, a
 * transaction client already) it is Prisma's interactive transaction. An error inside rolls back.
 */
export function inTransaction<T>(prisma: PrismaClient, fn: (tx: Prisma.TransactionClient) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  const direct = driverTransactions.get(prisma);
  if (direct) return direct(fn);
  return prisma.$transaction(fn, { timeout: options.timeoutMs ?? 120_000, maxWait: 60_000 });
}

/** One part of a queryParts statement: a query returning rows. */
export type PartRows<T extends Record<string, Prisma.Sql>> = { [K in keyof T]: Record<string, unknown>[] };

/**
 * Several reads of one page as ONE statement (docs/decisions/029): each part is a query returning
 * rows (its own WHERE, ORDER BY and LIMIT); the statement answers one row with a JSON array per
 * part, in that part's order (json_agg reads the ordered subquery as it comes). One round trip
 * and one plan instead of one per part. Values come back as JSON: numbers, strings, nested JSON;
 * an instant selected `AT TIME ZONE 'UTC'` arrives as an ISO string with its offset, which
 * `new Date` reads the same whatever the process's time zone.
 */
export async function queryParts<T extends Record<string, Prisma.Sql>>(prisma: PrismaClient | Prisma.TransactionClient, parts: T): Promise<PartRows<T>> {
  const names = Object.keys(parts);
  for (const name of names) if (!/^[a-z][A-Za-z]*$/.test(name)) throw new Error(`queryParts: not a part name: ${name}`);
  const columns = names.map((name) => Prisma.sql`COALESCE((SELECT json_agg(p) FROM (${parts[name]!}) p), '[]'::json) AS "${Prisma.raw(name)}"`);
  const [row] = await queryRows<Record<string, unknown>>(prisma, Prisma.sql`SELECT ${Prisma.join(columns, ", ")}`);
  const result: Record<string, Record<string, unknown>[]> = {};
  // json columns arrive parsed from pg and may arrive as text from other drivers.
  for (const name of names) {
    const value = row?.[name] ?? [];
    result[name] = (typeof value === "string" ? JSON.parse(value) : value) as Record<string, unknown>[];
  }
  return result as PartRows<T>;
}

export class DatabaseInUseError extends Error {
  override name = "DatabaseInUseError";
}

export function engineOf(url: string): Engine {
  return url.startsWith("pglite:") ? "pglite" : "postgres";
}

export async function openDatabase(url: string): Promise<Database> {
  return engineOf(url) === "pglite" ? openPglite(url.slice("pglite:".length)) : openPostgres(url);
}

async function openPglite(location: string): Promise<Database> {
  const inMemory = location === "memory";
  const releaseLock = inMemory ? () => {} : lockDataFolder(location);
  const dir = inMemory ? undefined : fs.realpathSync(location);
  let client: PGlite;
  try {
    client = new PGlite(dir);
    await client.waitReady;
  } catch (error) {
    releaseLock();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) as unknown as AdapterFactory });
  driverQueries.set(prisma, pgliteDriverQuery(client));
  // One session: the transaction holds PGlite until it ends, so its statements go through `tx`.
  driverTransactions.set(prisma, (fn) => client.transaction((tx) => fn(transactionHandle(async (sql, params) => (await tx.query(sql, params)).rows as never))));
  return {
    engine: "pglite",
    prisma,
    async execInTransaction(sql) {
      await client.transaction(async (tx) => {
        await tx.exec(sql);
      });
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await client.query<T>(sql, params);
      return result.rows;
    },
    enterAppRole() {},
    async close() {
      await prisma.$disconnect();
      await client.close();
      releaseLock();
    },
  };
}

/**
 * A value as an SQL literal for EXECUTE (standard_conforming_strings on: only a single quote is
 * special inside '…'), or undefined when it is not a kind the hot statements pass.
 */
function sqlLiteral(value: unknown): string | undefined {
  const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "string") return quote(value);
  if (typeof value === "number" && Number.isFinite(value)) return quote(String(value));
  if (typeof value === "bigint" || typeof value === "boolean") return quote(String(value));
  if (value instanceof Date) return quote(value.toISOString());
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || (typeof v === "number" && Number.isFinite(v)))) {
    return quote(`{${value.map((v) => `"${String(v).replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`);
  }
  return undefined;
}

/**
 * PGlite's driver for the hot statements. PGlite has no named statements in its API, and
 * planning the write path's two statements cost ~50–100× executing them (docs/decisions/029), so
 * a statement sent with `prepare` is PREPAREd once per session and then EXECUTEd, with its generic
 * plan, its values as literals. Anything else (or a value of another kind) goes through the
 * ordinary query.
 */
function pgliteDriverQuery(client: PGlite): DriverQuery {
  const prepared = new Map<string, Promise<string | null>>();
  const prepare = (sql: string) => {
    let name = prepared.get(sql);
    if (!name) {
      name = (async () => {
        const [setting] = (await client.query<{ standard_conforming_strings: string }>("SHOW standard_conforming_strings")).rows;
        if (setting?.standard_conforming_strings !== "on") return null;
        const statement = statementName(sql);
        try {
          await client.exec(`PREPARE ${statement} AS ${sql}`);
        } catch {
          return null; // e.g. a parameter whose type only the value tells: sent unprepared
        }
        return statement;
      })();
      prepared.set(sql, name);
    }
    return name;
  };
  return async <T>(sql: string, params: unknown[], usePrepared?: boolean) => {
    const literals = params.map(sqlLiteral);
    if (usePrepared && literals.every((l) => l !== undefined)) {
      const statement = await prepare(sql);
      if (statement) {
        // The generic plan, planned once: PostgreSQL's default re-plans a statement with
        // parameters for its first five runs and kept re-planning the read statement for good.
        // SET LOCAL lasts only for this one implicit transaction (a single simple-protocol call).
        const results = await client.exec(`SET LOCAL plan_cache_mode = force_generic_plan; EXECUTE ${statement}${literals.length ? `(${literals.join(", ")})` : ""}`);
        return (results.at(-1)?.rows ?? []) as T[];
      }
    }
    return (await client.query<T>(sql, params)).rows;
  };
}

async function openPostgres(url: string): Promise<Database> {
  // Two pools: the owner's (migrations, maintenance) and the app's, whose connections switch to
  // the least-privileged role once the migration runner has granted it.
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const appPool = new pg.Pool({ connectionString: url, max: 10 });
  let appRole: string | null = null;
  appPool.on("connect", (conn) => {
    if (!appRole) return;
    // Queued before any query the pool hands this connection out for. Fail closed: a connection
    // that could not drop its privileges is ended rather than used as the owner.
    conn.query(`SET ROLE "${appRole.replaceAll('"', '""')}"`).catch((error: Error) => {
      console.error(`Could not switch to the database role ${appRole}: ${error.message}`);
      void conn.end();
    });
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on next use.
  for (const p of [pool, appPool]) p.on("error", (error) => console.warn(`PostgreSQL connection lost: ${error.message}`));
  try {
    await pool.query("select 1");
  } catch (error) {
    await Promise.all([pool.end(), appPool.end()]);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot connect to PostgreSQL at ${redact(url)}: ${reason}`);
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(appPool) });
  const send = async <T>(conn: pg.Pool | pg.PoolClient, sql: string, params: unknown[], prepare?: boolean) =>
    (await conn.query(prepare ? { name: statementName(sql), text: sql, values: params } : { text: sql, values: params })).rows as T[];
  driverQueries.set(prisma, (sql, params, prepare) => send(appPool, sql, params, prepare));
  driverTransactions.set(prisma, async (fn) => {
    const conn = await appPool.connect();
    let broken: Error | undefined;
    try {
      // A transaction left open by a stuck process is ended by the server, not kept holding its locks.
      await conn.query("BEGIN; SET LOCAL idle_in_transaction_session_timeout = '120s'");
      const result = await fn(transactionHandle((sql, params, prepare) => send(conn, sql, params, prepare)));
      await conn.query("COMMIT");
      return result;
    } catch (error) {
      await conn.query("ROLLBACK").catch((rollback: Error) => {
        broken = rollback; // the connection is unusable: the pool drops it
      });
      throw error;
    } finally {
      conn.release(broken);
    }
  });
  return {
    engine: "postgres",
    prisma,
    async execInTransaction(sql) {
      const conn = await pool.connect();
      try {
        await conn.query("BEGIN");
        await conn.query(sql);
        await conn.query("COMMIT");
      } catch (error) {
        await conn.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        conn.release();
      }
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await pool.query(sql, params);
      return result.rows as T[];
    },
    enterAppRole(role) {
      appRole = role;
    },
    async close() {
      await prisma.$disconnect();
      await Promise.all([pool.end().catch(() => {}), appPool.end().catch(() => {})]);
    },
  };
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

// PGlite is one process per data folder: a second opener would corrupt it, so refuse clearly.
// The lock is keyed on the folder's REAL path (a symlink or "./x/../x" is the same folder) and
// names its holder by pid AND start time, so a pid reused by an unrelated process after a crash
// does not block start-up.
export function lockDataFolder(location: string): () => void {
  fs.mkdirSync(location, { recursive: true });
  const dir = fs.realpathSync(location);
  const lockFile = path.join(path.dirname(dir), `${path.basename(dir)}.lock`);
  const me = `${process.pid} ${processStartTime(process.pid) ?? ""}`.trim();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, me, { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        fs.rmSync(lockFile, { force: true });
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const [pidText, started] = fs.readFileSync(lockFile, "utf8").trim().split(/\s+/);
      const holder = Number(pidText);
      if (holder && isHolderAlive(holder, started)) {
        throw new DatabaseInUseError(
          `The embedded database folder ${dir} is in use by process ${holder}. ` +
            "Stop that process first (only one process may open a PGlite folder), or set DATABASE_URL to a PostgreSQL server.",
        );
      }
      fs.rmSync(lockFile, { force: true }); // stale lock from a crashed process
    }
  }
  throw new DatabaseInUseError(`Could not lock the embedded database folder ${dir}.`);
}

/** The process's start time in clock ticks since boot (Linux /proc/<pid>/stat field 22), if known. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: count from the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function isHolderAlive(pid: number, started: string | undefined): boolean {
  if (!isAlive(pid)) return false;
  // Same pid, different start time: the holder died and the pid was handed to someone else.
  const now = processStartTime(pid);
  return !(started && now && started !== now);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
