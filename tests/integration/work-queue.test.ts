import { beforeAll, expect, it } from "vitest";
import { EventNotAllowedError, viewCase, type OwedAction } from "../../machines";
import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import { loadCaseForUser } from "../../app/utils/case-page.server";
import { applyCaseEvent, type EventAuthor } from "../../app/utils/cases.server";
import { DEMO_PERSONAS } from "../../app/utils/demo-personas";
import { caseScope, caseScopeSql } from "../../app/utils/permissions.server";
import { SESSION_USER_SELECT, type SessionUser } from "../../app/utils/session.server";
import { queueQuerySchema, type QueueQuery } from "../../app/utils/work-queue";
import { workQueue } from "../../app/utils/work-queue.server";
import { seed } from "../../prisma/seed";
import { describeEachEngine } from "./engines";
import { raiseTestConcern } from "./support/cases";

// The work queue and handling on both engines (docs/decisions/024): order, pagination past the
// old 200-row stop, filters and search, who sees what, the complaints lead and the conflict check.

const user = (prisma: PrismaClient, email: string): Promise<SessionUser> => prisma.user.findUniqueOrThrow({ where: { email }, select: SESSION_USER_SELECT });
const author = (u: SessionUser): EventAuthor => ({ kind: "user", userId: u.id, name: u.name });
const query = (q: Partial<Record<keyof QueueQuery, string>> = {}): QueueQuery => ({ ...queueQuerySchema.parse(q), show: (q.show as "all" | undefined) ?? "mine" });
const HELEN = "helen.clarke@beckettpark.example.com";
const TODAY = "2026-11-13";

describeEachEngine("work queue", ({ get }) => {
  let prisma: PrismaClient;
  let helen: SessionUser;
  const ids = { overdue: "", later: "", urgent: "", megan: "" };

  beforeAll(async () => {
    prisma = get().db.prisma;
    await seed(prisma, { demoCases: false });
    helen = await user(prisma, HELEN);
    // Three real concerns about Yusuf (Beckett Park): received 2 Nov (acknowledge by 9 Nov: overdue on the 13th),
    // 9 Nov (by 16 Nov) and 10 Nov (by 17 Nov, then marked urgent).
    ids.overdue = (await raiseTestConcern(prisma, { receivedOn: "2026-11-02" })).cases[0]!.id;
    ids.later = (await raiseTestConcern(prisma, { receivedOn: "2026-11-09" })).cases[0]!.id;
    ids.urgent = (await raiseTestConcern(prisma, { receivedOn: "2026-11-10", categories: ["review-not-held"] })).cases[0]!.id;
    await applyCaseEvent(ids.urgent, { type: "MARK_URGENT", reason: "out-of-education", at: "2026-11-11" }, author(helen));
    // Megan (Truro Bay, Cornwall): not Helen's.
    ids.megan = (await raiseTestConcern(prisma, { childRef: "AN-000002", receivedOn: "2026-11-02" })).cases[0]!.id;
  });

  it("orders urgent first, then overdue, then due soonest, with the action owed in words", async () => {
    const queue = await workQueue(helen, query(), 1, { today: TODAY });
    expect(queue.rows.map((r) => r.id)).toEqual([ids.urgent, ids.overdue, ids.later]);
    expect(queue.rows.map((r) => [r.urgent, r.action?.text, r.action?.overdue])).toEqual([
      [true, "Acknowledge by 17 November 2026", false],
      [false, "Acknowledge – 4 days overdue", true],
      [false, "Acknowledge by 16 November 2026", false],
    ]);
    expect(queue.total).toBe(3);
  });

  it("keeps a missed deadline owed (and first) after the sweeper has recorded it, and drops it once done", async () => {
    await applyCaseEvent(ids.overdue, { type: "DEADLINE_MISSED", key: "rung1.acknowledge", at: "2026-11-10" }, { kind: "system", name: "test" });
    const missed = await workQueue(helen, query(), 1, { today: TODAY });
    expect(missed.rows[1]).toMatchObject({ id: ids.overdue, action: { text: "Acknowledge – 4 days overdue", overdue: true } });
    const row = await prisma.case.findUniqueOrThrow({ where: { id: ids.overdue } });
    expect(row.owed).toEqual(viewCase(row).owed);
    expect((row.owed as OwedAction[])[0]).toMatchObject({ key: "rung1.acknowledge", missedOn: "2026-11-10" });
  });

  it("lets the complaints lead assign the handler, tells only the new handler, and shows it in the queue", async () => {
    const ben = await user(prisma, "ben.taylor@beckettpark.example.com");
    expect((await loadCaseForUser(helen, ids.later)).actions).toContain("ASSIGN_HANDLER");
    expect((await loadCaseForUser(ben, ids.later)).actions).not.toContain("ASSIGN_HANDLER");
    await applyCaseEvent(ids.later, { type: "ASSIGN_HANDLER", handlerId: ben.id, at: "2026-11-12" }, author(helen));
    const outbox = await prisma.outboxMessage.findMany({ where: { caseId: ids.later, kind: "handler-assigned" } });
    expect(outbox.map((m) => m.toAddress)).toEqual([ben.email]);
    // Whoever acknowledges, the assigned person stays the handler.
    await applyCaseEvent(ids.later, { type: "ACKNOWLEDGE", handlerId: helen.id, at: "2026-11-12" }, author(helen));
    expect((await prisma.case.findUniqueOrThrow({ where: { id: ids.later } })).handlerId).toBe(ben.id);
    const mine = await workQueue(ben, query({ assigned: "me" }), 1, { today: TODAY });
    expect(mine.rows.map((r) => [r.id, r.handler])).toEqual([[ids.later, "Ben Taylor"]]);
    // Reassigned afterwards by the lead.
    await applyCaseEvent(ids.later, { type: "ASSIGN_HANDLER", handlerId: helen.id, at: "2026-11-13" }, author(helen));
    expect((await workQueue(ben, query({ assigned: "me" }), 1, { today: TODAY })).total).toBe(0);
  });

  it("refuses to assign a person the concern is about; a concern about the lead goes to the governing body's lead", async () => {
    const margaret = await user(prisma, "margaret.hughes@beckettpark.example.com");
    await applyCaseEvent(ids.overdue, { type: "NAME_PERSON_CONCERNED", personId: helen.id, description: "The SENCo", at: "2026-11-12" }, author(helen));
    await expect(applyCaseEvent(ids.overdue, { type: "ASSIGN_HANDLER", handlerId: helen.id, at: "2026-11-12" }, author(margaret))).rejects.toBeInstanceOf(EventNotAllowedError);
    await expect(applyCaseEvent(ids.overdue, { type: "ACKNOWLEDGE", handlerId: helen.id, at: "2026-11-12" }, author(helen))).rejects.toThrow(/the concern is about this person/);
    expect((await loadCaseForUser(helen, ids.overdue)).actions).not.toContain("ASSIGN_HANDLER");
    expect((await loadCaseForUser(margaret, ids.overdue)).actions).toContain("ASSIGN_HANDLER");
  });

  it("pages past 200 cases with a true total, every case once", async () => {
    const concern = await prisma.concern.findFirstOrThrow({ where: { cases: { some: { id: ids.overdue } } } });
    const template = await prisma.case.findUniqueOrThrow({ where: { id: ids.overdue } });
    const owed = (day: number) => [{ key: "rung1.respond", kind: "deadline", owedBy: ["setting"], dueOn: `2026-12-${String(1 + (day % 28)).padStart(2, "0")}` }];
    await prisma.case.createMany({
      data: Array.from({ length: 230 }, (_, i) => ({
        ref: `RC-BULK-${String(i).padStart(4, "0")}-P`,
        concernId: concern.id,
        route: "process" as const,
        settingId: template.settingId,
        localAreaId: template.localAreaId,
        machineId: template.machineId,
        machineVersion: template.machineVersion,
        snapshot: template.snapshot as Prisma.InputJsonValue,
        stateValue: template.stateValue,
        status: i % 10 === 0 ? "paused" : "open",
        rung: 1,
        owed: owed(i),
      })),
    });
    const first = await workQueue(helen, query(), 1, { today: TODAY });
    expect(first.total).toBe(233);
    expect(first.rows).toHaveLength(25);
    expect(first.lastPage).toBe(10);
    const seen: string[] = [];
    let previousDue = "";
    for (let page = 1; page <= first.lastPage; page++) {
      const rows = (await workQueue(helen, query(), page, { today: TODAY })).rows;
      seen.push(...rows.map((r) => r.id));
      // After the urgent and the overdue case, due dates never go backwards across pages.
      for (const row of rows.filter((r) => r.ref.startsWith("RC-BULK"))) {
        const due = row.action!.text.replace("Respond by ", "");
        const iso = new Date(`${due} 12:00 UTC`).toISOString().slice(0, 10);
        expect(iso >= previousDue).toBe(true);
        previousDue = iso;
      }
    }
    expect(seen).toHaveLength(233);
    expect(new Set(seen).size).toBe(233);
    expect((await workQueue(helen, query(), 11, { today: TODAY })).rows).toEqual([]);
  });

  it("searches by reference, child and setting, and filters by status, route, stage and setting", async () => {
    const ref = (await prisma.case.findUniqueOrThrow({ where: { id: ids.urgent } })).ref;
    expect((await workQueue(helen, query({ q: ref.toLowerCase() }), 1, { today: TODAY })).rows.map((r) => r.id)).toEqual([ids.urgent]);
    expect((await workQueue(helen, query({ q: "RC-BULK-0007" }), 1, { today: TODAY })).total).toBe(1);
    expect((await workQueue(helen, query({ q: "Yusuf" }), 1, { today: TODAY })).total).toBe(233);
    expect((await workQueue(helen, query({ q: "Beckett Park" }), 1, { today: TODAY })).total).toBe(233);
    expect((await workQueue(helen, query({ q: "Megan" }), 1, { today: TODAY })).total).toBe(0);
    expect((await workQueue(helen, query({ q: "100%_" }), 1, { today: TODAY })).total).toBe(0);
    expect((await workQueue(helen, query({ status: "paused" }), 1, { today: TODAY })).total).toBe(23);
    expect((await workQueue(helen, query({ route: "substance" }), 1, { today: TODAY })).total).toBe(2);
    expect((await workQueue(helen, query({ rung: "2" }), 1, { today: TODAY })).total).toBe(0);
    expect((await workQueue(helen, query({ setting: helen.settingId! }), 1, { today: TODAY })).total).toBe(233);
    // A value that is not one of the choices is ignored rather than refused.
    expect((await workQueue(helen, query({ status: "nonsense" }), 1, { today: TODAY })).total).toBe(233);
  });

  it("shows each person only the cases their role may see: the SQL scope matches the query scope for every persona", async () => {
    for (const persona of DEMO_PERSONAS) {
      const u = await user(prisma, persona.email);
      const viaPrisma = (await prisma.case.findMany({ where: caseScope(u, "read"), select: { id: true } })).map((c) => c.id).sort();
      const viaSql = (await prisma.$queryRaw<{ id: string }[]>`SELECT c.id FROM "Case" c WHERE ${caseScopeSql(u, "read")}`).map((c) => c.id).sort();
      expect(viaSql, persona.email).toEqual(viaPrisma);
      const all = await workQueue(u, query({ show: "all" }), 1, { today: TODAY, pageSize: 1000 });
      expect(all.rows.map((r) => r.id).sort(), persona.email).toEqual(viaPrisma);
    }
    const gareth = await user(prisma, "gareth.evans@example.com");
    expect((await workQueue(gareth, query({ show: "all" }), 1, { today: TODAY })).rows.map((r) => r.id)).toEqual([ids.megan]);
    const grace = await user(prisma, "grace.liu@practice.example.org.uk");
    expect((await workQueue(grace, query({ show: "all" }), 1, { today: TODAY })).total).toBe(0);
  });
});
