import { expect, it } from "vitest";
import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import { driverQueryFor, inTransaction, openDatabase, queryParts, queryRows } from "../../app/utils/database.server";
import { describeEachEngine } from "./engines";

// The driver layer under the hot paths (docs/decisions/029, 035): several reads as one statement,
// and a transaction straight on the driver (the sweeper's), on both engines.

describeEachEngine("the driver layer", ({ get, engine }) => {
  const prisma = (): PrismaClient => get().db.prisma;
  const area = (code: string) => Prisma.sql`SELECT code, name, "createdAt" AT TIME ZONE 'UTC' AS "createdAt" FROM "LocalArea" WHERE code = ${code}`;

  it("reads several parts in one statement, each in its own order, dates as instants", async () => {
    const at = new Date(Date.UTC(2026, 10, 28, 23, 30, 15, 250));
    await prisma().localArea.createMany({
      data: ["P3", "P1", "P2"].map((code) => ({ code, name: `Probe ${code}`, region: "Probe", createdAt: at })),
    });
    const parts = await queryParts(prisma(), {
      up: Prisma.sql`SELECT code FROM "LocalArea" WHERE region = 'Probe' ORDER BY code`,
      down: Prisma.sql`SELECT code FROM "LocalArea" WHERE region = 'Probe' ORDER BY code DESC LIMIT 2`,
      none: Prisma.sql`SELECT code FROM "LocalArea" WHERE region = 'Nowhere'`,
      one: area("P2"),
    });
    expect(parts.up.map((r) => r.code)).toEqual(["P1", "P2", "P3"]);
    expect(parts.down.map((r) => r.code)).toEqual(["P3", "P2"]);
    expect(parts.none).toEqual([]);
    expect(new Date(parts.one[0]!.createdAt as string)).toEqual(at);
    // The same instant the driver gives when the query runs alone.
    const [alone] = await queryRows<{ createdAt: Date }>(prisma(), area("P2"));
    expect(new Date(parts.one[0]!.createdAt as string)).toEqual(alone!.createdAt);
    await expect(queryParts(prisma(), { "bad name": area("P1") })).rejects.toThrow(/not a part name/);
  });

  it("runs a transaction on the driver: its statements see each other, an error writes nothing", async () => {
    const written = await inTransaction(prisma(), async (tx) => {
      expect(driverQueryFor(tx)).toBeDefined(); // straight to the driver, not Prisma
      expect("$queryRaw" in tx).toBe(false); // the ORM is not available inside: it would run outside the transaction
      await queryRows(tx, Prisma.sql`INSERT INTO "LocalArea" (id, code, name, region) VALUES ('t-kept', 'T1', 'Kept', 'Probe')`);
      return queryRows<{ code: string }>(tx, area("T1"));
    });
    expect(written.map((r) => r.code)).toEqual(["T1"]);
    expect(await prisma().localArea.count({ where: { code: "T1" } })).toBe(1);

    await expect(
      inTransaction(prisma(), async (tx) => {
        await queryRows(tx, Prisma.sql`INSERT INTO "LocalArea" (id, code, name, region) VALUES ('t-gone', 'T2', 'Gone', 'Probe')`);
        expect(await queryRows(tx, area("T2"))).toHaveLength(1);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await prisma().localArea.count({ where: { code: "T2" } })).toBe(0);

    // A statement the database refuses rolls back what came before it too, and the next transaction works.
    await expect(
      inTransaction(prisma(), async (tx) => {
        await queryRows(tx, Prisma.sql`INSERT INTO "LocalArea" (id, code, name, region) VALUES ('t-dup', 'T3', 'First', 'Probe')`);
        await queryRows(tx, Prisma.sql`INSERT INTO "LocalArea" (id, code, name, region) VALUES ('t-dup2', 'T3', 'Same code', 'Probe')`);
      }),
    ).rejects.toThrow();
    expect(await prisma().localArea.count({ where: { code: "T3" } })).toBe(0);
    expect(await inTransaction(prisma(), async (tx) => (await queryRows<{ n: number }>(tx, Prisma.sql`SELECT 1 AS n`))[0]!.n)).toBe(1);
  });

  if (engine === "postgres") {
    it("keeps what a transaction writes from other connections until it commits (one connection, one transaction)", async () => {
      const other = await openDatabase(get().url);
      try {
        let seenOutside = -1;
        await inTransaction(prisma(), async (tx) => {
          await queryRows(tx, Prisma.sql`INSERT INTO "LocalArea" (id, code, name, region) VALUES ('t-iso', 'T4', 'Isolated', 'Probe')`);
          seenOutside = await other.prisma.localArea.count({ where: { code: "T4" } });
        });
        expect(seenOutside).toBe(0);
        expect(await other.prisma.localArea.count({ where: { code: "T4" } })).toBe(1);
      } finally {
        await other.close();
      }
    });
  }
});
