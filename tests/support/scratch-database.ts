import crypto from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../../app/utils/database.server";
import { migrate } from "../../app/utils/migrate.server";

// Throw-away databases on either engine, for integration tests and benchmarks: PGlite in memory,
// or a fresh database on the PostgreSQL at TEST_POSTGRES_URL (default 127.0.0.1:5432/test).

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export type EngineName = "pglite" | "postgres";
export const ENGINES: EngineName[] = ["pglite", "postgres"];

export interface TestDatabase {
  db: Database;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(engine: EngineName, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let url: string;
  let dropDatabase = async () => {};
  if (engine === "pglite") {
    url = "pglite:memory";
  } else {
    const name = `redress_t_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect().catch((error: Error) => {
      throw new Error(`The integration tests need PostgreSQL at ${POSTGRES_ADMIN_URL} (set TEST_POSTGRES_URL): ${error.message}`);
    });
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const target = new URL(POSTGRES_ADMIN_URL);
    target.pathname = `/${name}`;
    url = target.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
  }
  const db = await openDatabase(url);
  if (options.migrate !== false) await migrate(db);
  return {
    db,
    url,
    async drop() {
      await db.close();
      await dropDatabase();
    },
  };
}
