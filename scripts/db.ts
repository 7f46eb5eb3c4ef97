// Database chores from the command line: `npm run db:migrate | db:seed | db:reset | db:diff -- <name>`.
// Uses DATABASE_URL like the server (default: the embedded PGlite folder). Stop the server first
// when using PGlite: only one process may open its folder.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, redact } from "../app/utils/database.server";
import { assertSeedingAllowed, getEnv } from "../app/utils/env.server";
import { migrate, MIGRATIONS_DIR } from "../app/utils/migrate.server";
import { seed } from "../prisma/seed";

const [command, ...args] = process.argv.slice(2);

async function withDatabase(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<void>) {
  const url = getEnv().DATABASE_URL;
  const db = await openDatabase(url);
  try {
    console.log(`Database: ${redact(url)} (${db.engine})`);
    await fn(db);
  } finally {
    await db.close();
  }
}

// A new migration = SQL diff from the schema as of the last committed migration to the schema now.
function diff(name: string | undefined) {
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("Give the migration a name in snake_case: npm run db:diff -- add_remedy_table");
  const lastMigrationCommit = execFileSync("git", ["log", "-1", "--format=%H", "--", "prisma/migrations"], { encoding: "utf8" }).trim();
  if (!lastMigrationCommit) throw new Error("No committed migration to diff from.");
  const previous = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "redress-")), "schema.prisma");
  fs.writeFileSync(previous, execFileSync("git", ["show", `${lastMigrationCommit}:prisma/schema.prisma`], { encoding: "utf8" }));
  const sql = execFileSync("npx", ["prisma", "migrate", "diff", "--from-schema-datamodel", previous, "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
    encoding: "utf8",
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false" },
  });
  if (/^-- This is an empty migration\.\s*$/m.test(sql) || !sql.trim()) {
    console.log("The schema has not changed since the last migration: nothing to write.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql – read it, then commit it with the schema.`);
}

async function main() {
  switch (command) {
    case "migrate":
      return withDatabase(async (db) => {
        const { applied } = await migrate(db);
        console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Already up to date.");
      });
    case "seed":
      assertSeedingAllowed();
      return withDatabase(async (db) => {
        await migrate(db);
        const { created } = await seed(db.prisma);
        console.log(created ? "Seeded demo data." : "Demo data already present: nothing added.");
      });
    case "reset":
      if (!args.includes("--yes")) throw new Error("This deletes every case and account. Run again with --yes: npm run db:reset -- --yes");
      assertSeedingAllowed();
      return withDatabase(async (db) => {
        await db.execInTransaction(`DROP SCHEMA public CASCADE; CREATE SCHEMA public;`);
        await migrate(db);
        await seed(db.prisma);
        console.log("Database reset and seeded.");
      });
    case "diff":
      return diff(args[0]);
    default:
      throw new Error("usage: tsx scripts/db.ts migrate | seed | reset --yes | diff <name>");
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
