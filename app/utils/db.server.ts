import { openDatabase, type Database } from "./database.server";
import { getEnv } from "./env.server";

// The app's single database handle, opened lazily and shared across requests
// (kept on globalThis so dev rebuilds do not open the PGlite folder twice).

const globalForDb = globalThis as unknown as { __redressDb?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  globalForDb.__redressDb ??= openDatabase(getEnv().DATABASE_URL);
  return globalForDb.__redressDb;
}

export async function getPrisma() {
  return (await getDatabase()).prisma;
}

/** Points the app at an already-open database (integration tests, CLIs that opened their own). */
export function useDatabase(db: Database): void {
  globalForDb.__redressDb = Promise.resolve(db);
}
