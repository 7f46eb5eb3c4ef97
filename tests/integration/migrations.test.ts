import { expect, it } from "vitest";
import { migrate, MigrationError, readMigrations } from "../../app/utils/migrate.server";
import { seed } from "../../prisma/seed";
import { createTestDatabase, describeEachEngine } from "./engines";
import { verifyAuditLog } from "../../app/utils/audit-verify.server";

describeEachEngine("migrations and seed", ({ get }) => {
  it("records every migration in _prisma_migrations and a second run applies nothing", async () => {
    const { db } = get();
    const rows = await db.query<{ migration_name: string; checksum: string }>(`SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(readMigrations().map((m) => m.name));
    expect(await migrate(db)).toEqual({ applied: [] });
  });

  it("refuses a migration that was edited after it was applied", async () => {
    const { db } = get();
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    await expect(migrate(db, edited)).rejects.toThrow(/was edited after it was applied/);
  });

  it("rolls back a failing migration whole and says which one", async () => {
    const { db } = get();
    const broken = [...readMigrations(), { name: "29991231000000_broken", sql: `CREATE TABLE "Half"(id int); SELECT no_such_function();`, checksum: "x" }];
    await expect(migrate(db, broken)).rejects.toBeInstanceOf(MigrationError);
    const half = await db.query(`SELECT to_regclass('"Half"') AS t`);
    expect(half[0]).toEqual({ t: null });
  });

  it("keeps the case event log append-only", async () => {
    const { db } = get();
    await seed(db.prisma);
    const prisma = db.prisma;
    const concern = await prisma.concern.create({
      data: {
        ref: "RC-TEST-1",
        summary: "test",
        receivedOn: new Date("2026-11-02"),
        child: { connect: { registerRef: "AN-000001" } },
        raisedBy: { connect: { email: "amira.hussain@example.com" } },
        setting: { connect: { urn: "100037" } },
        localArea: { connect: { code: "E08000035" } },
      },
    });
    const kase = await prisma.case.create({
      data: {
        ref: "RC-TEST-1-P",
        concernId: concern.id,
        route: "process",
        settingId: concern.settingId,
        localAreaId: concern.localAreaId,
        machineId: "x",
        machineVersion: 1,
        snapshot: {},
        stateValue: "x",
        status: "open",
      },
    });
    const event = await prisma.caseEvent.create({
      data: { caseId: kase.id, seq: 1, type: "RAISE", payload: {}, fromState: "-", toState: "x", actorLabel: "test", prevHash: "", hash: "h" },
    });
    await expect(prisma.caseEvent.update({ where: { id: event.id }, data: { type: "FORGED" } })).rejects.toThrow(/append-only|permission denied/);
    await expect(prisma.caseEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only|permission denied/);
    expect((await prisma.caseEvent.findUniqueOrThrow({ where: { id: event.id } })).type).toBe("RAISE");
  });

  it("seeds once: a second run adds nothing and keeps every count", async () => {
    const { db } = get();
    const counts = async () => ({
      users: await db.prisma.user.count(),
      children: await db.prisma.child.count(),
      settings: await db.prisma.setting.count(),
      roles: await db.prisma.role.count(),
      permissions: await db.prisma.permission.count(),
      concerns: await db.prisma.concern.count(),
      cases: await db.prisma.case.count(),
      events: await db.prisma.caseEvent.count(),
      deadlines: await db.prisma.deadline.count(),
    });
    await seed(db.prisma);
    const first = await counts();
    expect(first.settings).toBe(20);
    expect(first.roles).toBe(12); // with children's social care (docs/decisions/027)
    expect(first.children).toBeGreaterThan(200);
    expect(await seed(db.prisma)).toEqual({ created: false });
    expect(await counts()).toEqual(first);
  });

  it("seeds demo cases that the machines really produced, at every rung", async () => {
    const { prisma } = get().db;
    await seed(prisma);
    const rungs = await prisma.case.groupBy({ by: ["rung"], _count: { _all: true } });
    expect(rungs.map((r) => r.rung)).toEqual(expect.arrayContaining([1, 2, 3, null]));
    const yusuf = await prisma.case.findMany({
      // Yusuf's first concern, split into two linked cases (his later demo cases are other stories).
      where: { machineId: "redress-case", ref: { startsWith: "RC-2026-D00001-" }, concern: { child: { registerRef: "AN-000001" } } },
      select: { route: true, healthInvolved: true },
    });
    expect(yusuf.map((c) => c.route).sort()).toEqual(["process", "substance"]);
    expect(yusuf.every((c) => c.healthInvolved)).toBe(true);
    const tyler = await prisma.case.findFirstOrThrow({ where: { concern: { child: { registerRef: "AN-000003" } } }, orderBy: { createdAt: "asc" }, select: { id: true } });
    expect(await prisma.caseEvent.count({ where: { caseId: tyler.id, type: "DEADLINE_MISSED" } })).toBe(1);
    const megan = await prisma.case.findFirstOrThrow({ where: { concern: { child: { registerRef: "AN-000002" } } } });
    expect(megan.rung).toBe(3);
    // Every case's log is contiguous from 1 to its version.
    for (const c of await prisma.case.findMany({ where: { machineId: "redress-case" }, select: { id: true, version: true, _count: { select: { events: true } } } })) {
      expect(c._count.events).toBe(c.version);
    }
    // ...and passes audit:verify: keyed chain, snapshots, and a replay through the machines.
    // (RC-TEST-1-P is the hand-made row of the trigger test above, hash "h": rightly reported.)
    const report = await verifyAuditLog(prisma);
    expect(report.findings.filter((f) => f.caseRef !== "RC-TEST-1-P")).toEqual([]);
    expect(report.replayed).toBe(report.cases - 1);
  });
});

// PostgreSQL only: a PGlite folder belongs to one process, so there is no race to have there.
it("two migrators racing on one PostgreSQL database both succeed and apply each migration once", async () => {
  const first = await createTestDatabase("postgres", { migrate: false });
  const { openDatabase } = await import("../../app/utils/database.server");
  const second = await openDatabase(first.url);
  try {
    const [a, b] = await Promise.all([migrate(first.db), migrate(second)]);
    expect([...a.applied, ...b.applied].sort()).toEqual(readMigrations().map((m) => m.name));
    const rows = await first.db.query(`SELECT migration_name FROM "_prisma_migrations"`);
    expect(rows).toHaveLength(readMigrations().length);
  } finally {
    await second.close();
    await first.drop();
  }
});
