import { afterAll, beforeAll, describe } from "vitest";
import { useDatabase } from "../../app/utils/db.server";
import { createTestDatabase, ENGINES, type EngineName, type TestDatabase } from "../support/scratch-database";

// Every database test runs on BOTH engines: the embedded PGlite (in memory) and the real
// PostgreSQL (a fresh database per suite).

export { createTestDatabase, ENGINES, POSTGRES_ADMIN_URL, type EngineName, type TestDatabase } from "../support/scratch-database";

/** describe() once per engine, with a migrated database that the app modules also use. */
export function describeEachEngine(name: string, body: (ctx: { get: () => TestDatabase; engine: EngineName }) => void) {
  describe.each(ENGINES)(`${name} [%s]`, (engine) => {
    let current: TestDatabase | undefined;
    beforeAll(async () => {
      current = await createTestDatabase(engine);
      useDatabase(current.db);
    });
    afterAll(async () => {
      await current?.drop();
    });
    body({
      engine,
      get: () => {
        if (!current) throw new Error("test database not ready");
        return current;
      },
    });
  });
}
