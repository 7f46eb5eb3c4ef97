import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client";
import { openDatabase } from "../../app/utils/database.server";
import { useDatabase } from "../../app/utils/db.server";
import { migrate } from "../../app/utils/migrate.server";
import { sweepDeadlines } from "../../app/utils/sweeper.server";
import { seed } from "../../prisma/seed";
import { createTestDatabase, describeEachEngine, ENGINES } from "./engines";
import { raiseTestConcern } from "./support/cases";

// "Exactly once": every due deadline ends up fired, and no deadline event reaches a case twice.
async function deadlineEventsPerKey(prisma: PrismaClient) {
  const events = await prisma.caseEvent.findMany({ where: { type: { in: ["DEADLINE_WARNING", "DEADLINE_MISSED"] } }, select: { caseId: true, type: true, payload: true } });
  const counts = new Map<string, number>();
  for (const e of events) {
    const key = `${e.caseId}/${e.type}/${(e.payload as { key: string }).key}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

async function expectExactlyOnce(prisma: PrismaClient, today: Date) {
  const counts = await deadlineEventsPerKey(prisma);
  expect(
    [...counts.values()].every((n) => n === 1),
    `a deadline fired twice: ${JSON.stringify([...counts].filter(([, n]) => n > 1))}`,
  ).toBe(true);
  const fired = await prisma.deadline.count({ where: { status: "fired" } });
  expect(counts.size).toBe(fired);
  const stillDue = await prisma.deadline.count({ where: { status: "open", dueOn: { lt: new Date(today.toISOString().slice(0, 10)) } } });
  expect(stillDue).toBe(0);
  return fired;
}

const LATER = new Date("2026-12-15T12:00:00Z");

describeEachEngine("deadline sweeper", ({ get }) => {
  beforeAll(async () => {
    await seed(get().db.prisma, { demoCases: false });
  });

  it("fires a missed acknowledgement once, as a breach the family can act on", async () => {
    const { prisma } = get().db;
    const { cases } = await raiseTestConcern(prisma, { receivedOn: "2026-11-02" });
    const id = cases[0]!.id;
    const first = await sweepDeadlines({ now: new Date("2026-11-10T08:00:00Z"), prisma });
    expect(first.failed).toEqual([]);
    const ack = await prisma.deadline.findUniqueOrThrow({ where: { caseId_key: { caseId: id, key: "rung1.acknowledge" } } });
    expect(ack.status).toBe("fired");
    const missed = await prisma.caseEvent.findMany({ where: { caseId: id, type: "DEADLINE_MISSED" } });
    expect(missed).toHaveLength(1);
    expect(missed[0]?.actorLabel).toBe("system:deadline-sweeper");
    const again = await sweepDeadlines({ now: new Date("2026-11-10T09:00:00Z"), prisma });
    expect(await prisma.caseEvent.count({ where: { caseId: id, type: "DEADLINE_MISSED" } })).toBe(1);
    expect(again.fired).toBe(0);
  });

  it("does not fire a deadline on its last day, only after it", async () => {
    const { prisma } = get().db;
    const { cases } = await raiseTestConcern(prisma, { receivedOn: "2026-11-16" });
    const ack = await prisma.deadline.findUniqueOrThrow({ where: { caseId_key: { caseId: cases[0]!.id, key: "rung1.acknowledge" } } });
    const lastDay = ack.dueOn.toISOString().slice(0, 10);
    // London is on GMT in November, so 23:30 UTC is still the last permitted day.
    await sweepDeadlines({ now: new Date(`${lastDay}T23:30:00Z`), prisma });
    expect((await prisma.deadline.findUniqueOrThrow({ where: { id: ack.id } })).status).toBe("open");
    const nextDay = new Date(new Date(`${lastDay}T12:00:00Z`).getTime() + 86_400_000);
    await sweepDeadlines({ now: nextDay, prisma });
    expect((await prisma.deadline.findUniqueOrThrow({ where: { id: ack.id } })).status).toBe("fired");
  });

  it("two sweepers at once fire every deadline exactly once", async () => {
    const { prisma } = get().db;
    for (let i = 0; i < 8; i++) await raiseTestConcern(prisma, { receivedOn: "2026-11-03", categories: ["register-refusal", "support-quality"] });
    const [a, b] = await Promise.all([sweepDeadlines({ now: LATER, prisma, batchSize: 3 }), sweepDeadlines({ now: LATER, prisma, batchSize: 3 })]);
    expect([...a.failed, ...b.failed]).toEqual([]);
    await expectExactlyOnce(prisma, LATER);
  });

  it("a sweeper that dies mid-batch leaves everything to the next one and charges nobody an attempt", async () => {
    const { prisma } = get().db;
    const { cases } = await raiseTestConcern(prisma, { receivedOn: "2026-11-04" });
    const now = new Date("2026-12-16T12:00:00Z");
    let crashed = false;
    await expect(
      sweepDeadlines({
        now,
        prisma,
        beforeFire: async () => {
          crashed = true;
          throw new Error("power cut");
        },
      }),
    ).rejects.toThrow("power cut");
    expect(crashed).toBe(true);
    const claimed = await prisma.deadline.findFirstOrThrow({ where: { caseId: cases[0]!.id, key: "rung1.acknowledge" } });
    expect(claimed.status).toBe("open");
    expect(claimed.attempts).toBe(0);
    // Nothing was held back by the crash: the very next sweep fires it.
    await sweepDeadlines({ now: new Date(now.getTime() + 60_000), prisma });
    expect((await prisma.deadline.findUniqueOrThrow({ where: { id: claimed.id } })).status).toBe("fired");
    await expectExactlyOnce(prisma, new Date(now.getTime() + 60_000));
  });
});

it.each(ENGINES)(
  "killed mid-run with SIGKILL, nothing is lost and nothing fires twice [%s]",
  async (engine) => {
    const dir = engine === "pglite" ? fs.mkdtempSync(path.join(os.tmpdir(), "redress-sweep-")) : null;
    const test = dir ? null : await createTestDatabase("postgres");
    const url = dir ? `pglite:${dir}/db` : test!.url;
    // Prepare on the parent, then hand the database to a child process (for PGlite: close first).
    const setup = dir ? await openDatabase(url) : test!.db;
    useDatabase(setup);
    if (dir) await migrate(setup);
    await seed(setup.prisma, { demoCases: false });
    for (let i = 0; i < 15; i++) await raiseTestConcern(setup.prisma, { receivedOn: "2026-11-02", categories: ["register-removal", "health-support"] });
    const due = await setup.prisma.deadline.count({ where: { status: "open" } });
    expect(due).toBeGreaterThan(20);
    if (dir) await setup.close();

    const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/support/sweep-child.ts", url, LATER.toISOString()], { stdio: ["ignore", "pipe", "inherit"] });
    let firing = 0;
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        firing += chunk
          .toString()
          .split("\n")
          .filter((l) => l.startsWith("firing")).length;
        if (firing >= 8) resolve();
      });
      child.on("exit", () => reject(new Error(`sweeper finished before it could be killed (${firing} fired)`)));
    });
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));

    const db = dir ? await openDatabase(url) : setup;
    useDatabase(db);
    try {
      const partial = await db.prisma.deadline.count({ where: { status: "fired" } });
      expect(partial).toBeGreaterThan(0); // the child really got part of the way
      const afterLease = new Date(LATER.getTime() + 10 * 60_000);
      // PostgreSQL ends the killed child's transaction once it sees the socket close; until then its
      // cases stay locked and are skipped (SKIP LOCKED), so the next sweep picks them up.
      for (let i = 0; i < 50; i++) {
        const result = await sweepDeadlines({ now: afterLease, prisma: db.prisma });
        expect(result.failed).toEqual([]);
        if ((await db.prisma.deadline.count({ where: { status: "open", dueOn: { lt: new Date(afterLease.toISOString().slice(0, 10)) } } })) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const fired = await expectExactlyOnce(db.prisma, afterLease);
      expect(fired).toBeGreaterThan(partial);
    } finally {
      if (dir) {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      } else await test!.drop();
    }
  },
  120_000,
);
