import { defineConfig } from "vitest/config";

// Unit tests (machines, calendar, schemas) are pure and fast.
// The model-based replays (graph-*.test.ts) walk thousands of paths through the machines: they
// have their own project and timeout budget, so a loaded machine does not fail them at 5 s.
// Integration tests touch a database; tests/integration/engines.ts runs each suite on PGlite
// AND on the real PostgreSQL (TEST_POSTGRES_URL).
const REPLAYS = "tests/unit/machines/graph-*.test.ts";
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], exclude: [REPLAYS], environment: "node" },
      },
      {
        extends: true,
        test: { name: "replay", include: [REPLAYS], environment: "node", testTimeout: 120_000 },
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
