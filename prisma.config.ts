import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { defineConfig } from "prisma/config";

// The Prisma CLI is used only to generate the client and to diff schemas into SQL
// (`npm run db:diff`). It runs on the JS schema engine against a throw-away in-memory
// PGlite, so it never downloads an engine and never opens the app's data folder.
// Migrations are applied by scripts/migrate.ts (docs/decisions/002-own-migration-runner.md).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // Cast: the adapter is typed against its own copy of @prisma/driver-adapter-utils.
  adapter: async () => new PrismaPGlite(new PGlite()) as unknown as SqlMigrationAwareDriverAdapterFactory,
});
