import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Database } from "./database.server";

// Applies prisma/migrations/*/migration.sql in order, each in one transaction, recorded in
// Prisma's own _prisma_migrations table so the stock CLI stays compatible. Needed because
// `prisma migrate` cannot talk to PostgreSQL through adapter-pg (prisma/orm#27403); used for
// PGlite too so both engines take exactly one path (docs/decisions/002-own-migration-runner.md).

export const MIGRATIONS_DIR = path.resolve("prisma/migrations");
const LOCK_KEY = 7_270_736_901; // pg advisory lock: serialises migrators across app instances
const ALREADY_APPLIED = "redress: migration already applied";

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

export async function migrate(db: Database, migrations = readMigrations()): Promise<{ applied: string[] }> {
  await db.execInTransaction(`SELECT pg_advisory_xact_lock(${LOCK_KEY}); ${CREATE_TABLE};`);
  const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
  );
  const done = new Map(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => [r.migration_name, r.checksum]));
  const failed = rows.find((r) => !r.finished_at && !r.rolled_back_at);
  if (failed) {
    throw new MigrationError(`Migration ${failed.migration_name} started but never finished. Inspect the database, then mark it rolled back before retrying.`);
  }
  const known = new Set(migrations.map((m) => m.name));
  const unknown = [...done.keys()].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new MigrationError(`The database has migrations this code does not know (${unknown.join(", ")}): is the code older than the database?`);
  }

  const applied: string[] = [];
  for (const migration of migrations) {
    const checksum = done.get(migration.name);
    if (checksum) {
      if (checksum !== migration.checksum) {
        throw new MigrationError(`Migration ${migration.name} was edited after it was applied. Add a new migration instead.`);
      }
      continue;
    }
    try {
      await db.execInTransaction(applySql(migration));
      applied.push(migration.name);
    } catch (error) {
      if (error instanceof Error && error.message.includes(ALREADY_APPLIED)) continue; // another instance won the race
      const reason = error instanceof Error ? error.message : String(error);
      throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`);
    }
  }
  if (db.engine === "postgres") {
    await grantAppRole(db);
    db.enterAppRole(APP_ROLE);
  }
  return { applied };
}

/**
 * Least privilege on PostgreSQL (docs/decisions/010): migrations run as the connecting (owner)
 * role; request work runs as APP_ROLE, which owns nothing (so it cannot drop or disable the
 * append-only triggers) and may only INSERT and SELECT the two logs. Re-granted after every
 * migrate, so new tables are covered. PGlite has one user: nothing here applies to it.
 */
export const APP_ROLE = "redress_app";

async function grantAppRole(db: Database) {
  const role = `"${APP_ROLE}"`;
  // Roles are cluster-wide and other databases may be creating it at the same moment: retry.
  for (let attempt = 1; ; attempt++) {
    try {
      await db.execInTransaction(`DO $redress$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN CREATE ROLE ${role} NOLOGIN; END IF;
  IF NOT pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') THEN EXECUTE 'GRANT ${role} TO ' || quote_ident(current_user); END IF;
END $redress$;`);
      break;
    } catch (error) {
      if (attempt >= 5)
        throw new MigrationError(`Could not create the database role ${APP_ROLE} (the migrating user needs CREATEROLE): ${error instanceof Error ? error.message : error}`);
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
  await db.execInTransaction(`SELECT pg_advisory_xact_lock(${LOCK_KEY});
GRANT USAGE ON SCHEMA public TO ${role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role};
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "CaseEvent", "AuditEntry" FROM ${role};
REVOKE ALL ON "_prisma_migrations" FROM ${role};`);
}

function applySql(m: MigrationFile): string {
  const name = literal(m.name);
  return `SELECT pg_advisory_xact_lock(${LOCK_KEY});
DO $redress$ BEGIN
  IF EXISTS (SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ${name} AND finished_at IS NOT NULL AND rolled_back_at IS NULL) THEN
    RAISE EXCEPTION '${ALREADY_APPLIED}';
  END IF;
END $redress$;
${m.sql}
;
INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
VALUES (${literal(crypto.randomUUID())}, ${literal(m.checksum)}, now(), ${name}, now(), 1);`;
}

function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
