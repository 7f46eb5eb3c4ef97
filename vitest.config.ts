import { defineConfig } from "vitest/config";

// Unit tests (machines, calendar, schemas) are pure and fast.
// Integration tests touch a database; tests/integration/db-engines.ts picks
// PGlite or the real PostgreSQL from TEST_DB (see README "Tests").
export default defineConfig({
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
