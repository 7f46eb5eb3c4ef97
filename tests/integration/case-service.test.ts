import { beforeAll, describe, expect, it } from "vitest";
import { EventNotAllowedError, addWorkingDays, schoolCalendar, viewCase } from "../../machines";
import { applyCaseEvent, applyCaseEventWithLinked, CaseConflictError, eventHash, writeCasesTogether, type EventAuthor } from "../../app/utils/cases.server";
import { CaseChanges, readCases } from "../../app/utils/case-write.server";
import { transitionCase } from "../../machines";
import { eventHmac, snapshotDigest } from "../../app/utils/event-chain.server";
import { illustrativeTerms, seed } from "../../prisma/seed";
import { describeEachEngine } from "./engines";
import { outcome, raiseTestConcern } from "./support/cases";

const HANDLER: EventAuthor = { kind: "system", name: "test-handler" };

describeEachEngine("case service", ({ get }) => {
  beforeAll(async () => {
    await seed(get().db.prisma, { demoCases: false });
  });

  it("splits a mixed concern into two linked cases, each with its first event, deadline and notifications", async () => {
    const { prisma } = get().db;
    const { concern, cases } = await raiseTestConcern(prisma, { categories: ["register-refusal", "support-level"] });
    expect(cases.map((c) => c.route).sort()).toEqual(["process", "substance"]);
    for (const c of cases) {
      expect(c.version).toBe(1);
      expect(c.concernId).toBe(concern.id);
      const events = await prisma.caseEvent.findMany({ where: { caseId: c.id } });
      expect(events.map((e) => [e.seq, e.type])).toEqual([[1, "CONCERN_RAISED"]]);
      const deadlines = await prisma.deadline.findMany({ where: { caseId: c.id, status: "open", kind: "deadline" } });
      expect(deadlines.map((d) => [d.key, d.dueOn.toISOString().slice(0, 10)])).toContainEqual(["rung1.acknowledge", addWorkingDays("2026-11-02", 5)]);
      expect(await prisma.outboxMessage.count({ where: { caseId: c.id } })).toBeGreaterThan(0);
    }
  });

  it("applies an event in one transaction: version, hash-chained log, replaced deadlines", async () => {
    const { prisma } = get().db;
    const { cases } = await raiseTestConcern(prisma);
    const id = cases[0]!.id;
    const applied = await applyCaseEvent(id, { type: "ACKNOWLEDGE", at: "2026-11-04", handlerId: "senco-1" }, HANDLER, {}, prisma);
    expect(applied.version).toBe(2);
    expect(applied.to).toContain("considering");
    const events = await prisma.caseEvent.findMany({ where: { caseId: id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.seq)).toEqual([1, 2]);
    let prev = "";
    for (const e of events) {
      expect(e.prevHash).toBe(prev);
      expect(e.chainVersion).toBe(2);
      const content = {
        caseId: id,
        seq: e.seq,
        type: e.type,
        payload: e.payload,
        fromState: e.fromState,
        toState: e.toState,
        actorLabel: e.actorLabel,
        actorId: e.actorId,
        occurredAt: e.occurredAt,
        snapshotDigest: e.snapshotDigest ?? "",
      };
      expect(e.hash).toBe(eventHmac(prev, content));
      prev = e.hash;
    }
    expect(events.at(-1)?.snapshotDigest).toBe(snapshotDigest((await prisma.case.findUniqueOrThrow({ where: { id } })).snapshot));
    const deadlines = await prisma.deadline.findMany({ where: { caseId: id } });
    expect(deadlines.find((d) => d.key === "rung1.acknowledge")?.status).toBe("cancelled");
    // The response clock runs from the acknowledgement, not from receipt.
    expect(
      deadlines
        .find((d) => d.key === "rung1.respond" && d.status === "open")
        ?.dueOn.toISOString()
        .slice(0, 10),
    ).toBe(addWorkingDays("2026-11-04", 10));
  });

  it("refuses an event the case cannot take and writes nothing", async () => {
    const { prisma } = get().db;
    const { cases } = await raiseTestConcern(prisma);
    const id = cases[0]!.id;
    const before = await prisma.case.findUniqueOrThrow({ where: { id } });
    await expect(applyCaseEvent(id, { type: "ESCALATE", at: "2026-11-03" }, HANDLER, {}, prisma)).rejects.toBeInstanceOf(EventNotAllowedError);
    const after = await prisma.case.findUniqueOrThrow({ where: { id } });
    expect(after.version).toBe(before.version);
    expect(after.snapshot).toEqual(before.snapshot);
    expect(await prisma.caseEvent.count({ where: { caseId: id } })).toBe(1);
  });

  it("answers a stale form with a conflict and keeps the other person's change", async () => {
    const { prisma } = get().db;
    const { cases } = await raiseTestConcern(prisma);
    const id = cases[0]!.id;
    await applyCaseEvent(id, { type: "ACKNOWLEDGE", at: "2026-11-03", handlerId: "a" }, HANDLER, { expectedVersion: 1 }, prisma);
    await expect(applyCaseEvent(id, { type: "WITHDRAW", at: "2026-11-03" }, HANDLER, { expectedVersion: 1 }, prisma)).rejects.toBeInstanceOf(CaseConflictError);
    const row = await prisma.case.findUniqueOrThrow({ where: { id } });
    expect(row.version).toBe(2);
    expect(row.stateValue).toContain("considering");
  });

  it("withdraws a split concern's two cases as one write", async () => {
    const { prisma } = get().db;
    const { cases } = await raiseTestConcern(prisma, { categories: ["register-refusal", "support-level"] });
    const [first, second] = cases.map((c) => c.id) as [string, string];
    const done = await applyCaseEventWithLinked(first, [second], { type: "WITHDRAW", at: "2026-11-03" }, HANDLER, { expectedVersion: 1 }, prisma);
    expect(done.linked).toEqual([second]);
    for (const id of [first, second]) {
      const row = await prisma.case.findUniqueOrThrow({ where: { id } });
      expect([row.version, row.status]).toEqual([2, "closed"]);
    }
    // A linked case that can no longer be withdrawn is left as it is; the case itself still is.
    const again = await raiseTestConcern(prisma, { categories: ["register-refusal", "support-level"] });
    const [a, b] = again.cases.map((c) => c.id) as [string, string];
    await applyCaseEvent(b, { type: "WITHDRAW", at: "2026-11-03" }, HANDLER, {}, prisma);
    expect((await applyCaseEventWithLinked(a, [b], { type: "WITHDRAW", at: "2026-11-04" }, HANDLER, {}, prisma)).linked).toEqual([]);
    expect((await prisma.case.findUniqueOrThrow({ where: { id: a } })).status).toBe("closed");
    expect((await prisma.case.findUniqueOrThrow({ where: { id: b } })).version).toBe(2);
  });

  it("writes neither case when the second one's write fails (a version conflict)", async () => {
    const { prisma } = get().db;
    const { cases } = await raiseTestConcern(prisma, { categories: ["register-refusal", "support-level"] });
    const ids = cases.map((c) => c.id);
    const states = await readCases(prisma, ids);
    const writes = states.map((state) => {
      const changes = new CaseChanges(state);
      changes.record({ type: "WITHDRAW", at: "2026-11-03" }, transitionCase(changes.persisted, { type: "WITHDRAW", at: "2026-11-03" }), HANDLER);
      return changes.rows()!;
    });
    // Someone else changes the second case after it was read: its write no longer matches.
    await prisma.case.update({ where: { id: states[1]!.id }, data: { version: { increment: 1 } } });
    expect(await writeCasesTogether(prisma, writes)).toBe(false);
    for (const id of ids) {
      expect(await prisma.caseEvent.count({ where: { caseId: id } })).toBe(1);
      expect((await prisma.case.findUniqueOrThrow({ where: { id } })).status).not.toBe("closed");
    }
    expect(await prisma.outboxMessage.count({ where: { caseId: states[0]!.id, kind: { contains: "withdraw" } } })).toBe(0);
    // The first case's conflict is the caller's: nothing is written to either case.
    await expect(applyCaseEventWithLinked(ids[0]!, [ids[1]!], { type: "WITHDRAW", at: "2026-11-03" }, HANDLER, { expectedVersion: 0 }, prisma)).rejects.toBeInstanceOf(
      CaseConflictError,
    );
    expect(await prisma.caseEvent.count({ where: { caseId: ids[1]! } })).toBe(1);
  });

  it("counts a school's own deadlines in its school days, from its term dates", async () => {
    const { prisma } = get().db;
    const child = await prisma.child.findFirstOrThrow({ where: { setting: { name: "Elmwood Special School" }, guardians: { some: {} } }, include: { setting: true } });
    // Received in the October half-term: the school's clock waits for the first school day.
    const { cases } = await raiseTestConcern(prisma, { childRef: child.registerRef, receivedOn: "2026-10-28" });
    const ack = await prisma.deadline.findUniqueOrThrow({ where: { caseId_key: { caseId: cases[0]!.id, key: "rung1.acknowledge" } } });
    expect(ack.calendar).toBe(`school:${child.settingId}`);
    const school = schoolCalendar(illustrativeTerms(), child.settingId);
    // Treated as received on the first school day, 3 November, and counted in school days from there.
    expect(school.isWorkingDay("2026-10-28")).toBe(false);
    expect(ack.dueOn.toISOString().slice(0, 10)).toBe(school.addWorkingDays("2026-11-03", 5));
    expect(ack.dueOn.toISOString().slice(0, 10)).not.toBe(addWorkingDays("2026-10-28", 5));
  });

  it("replays the persona demo stories and the stage stories with no step refused by the machines", async () => {
    const { prisma } = get().db;
    const { PERSONA_STORIES, STAGE_STORIES, seedCases } = await import("../../prisma/seed-cases");
    const { refused } = await seedCases(prisma, [...PERSONA_STORIES, ...STAGE_STORIES], "2026-11-25");
    expect(refused).toEqual([]);
    const yusuf = await prisma.case.findMany({
      where: { concern: { ref: { contains: "-D0000" }, child: { registerRef: "AN-000001" } } },
      select: { route: true, stateValue: true },
    });
    expect(yusuf.find((c) => c.route === "substance")?.stateValue).toBe("ladder.setting.responded");
    // Each stage story reaches the stage it is there to show.
    const stage = async (n: number) => {
      const row = await prisma.case.findFirstOrThrow({ where: { concern: { ref: { endsWith: `-D${String(PERSONA_STORIES.length + n).padStart(5, "0")}` } } } });
      return viewCase(row);
    };
    const draft = await stage(1);
    expect(draft.outcomes.at(-1)?.stage).toBe("draft-decision");
    expect(draft.deadlines.map((d) => d.key)).toContain("rung3.comments");
    const mediation = await stage(2);
    expect(mediation.mediation).toMatchObject({ status: "in-progress", sessions: ["2026-12-02"] });
    const final = await stage(3);
    expect(final.outcomes.at(-1)?.stage).toBe("final-decision");
    expect(final.remedies.map(({ id, status, replaces }) => ({ id, status, replaces }))).toEqual([
      { id: "R1", status: "replaced", replaces: undefined },
      { id: "R2", status: "done", replaces: undefined },
      { id: "R3", status: "open", replaces: "R1" },
      { id: "R4", status: "open", replaces: undefined },
    ]);
    const overdue = await stage(4);
    expect(overdue.breaches.map((b) => b.key)).toContain("remedy.R1");
  });

  it("loses no event when many arrive at once on one case", async () => {
    const { prisma } = get().db;
    const { cases } = await raiseTestConcern(prisma);
    const id = cases[0]!.id;
    const remedies = Array.from({ length: 12 }, (_, i) => ({ kind: "action" as const, description: `Action ${i + 1}`, dueOn: "2027-01-29" }));
    await applyCaseEvent(id, { type: "ACKNOWLEDGE", at: "2026-11-03", handlerId: "a" }, HANDLER, {}, prisma);
    await applyCaseEvent(id, { type: "RESPOND", at: "2026-11-10", outcome: outcome(["issue-1"], remedies) }, HANDLER, {}, prisma);
    await applyCaseEvent(id, { type: "ACCEPT_OUTCOME", at: "2026-11-11" }, HANDLER, {}, prisma);
    const base = (await prisma.case.findUniqueOrThrow({ where: { id } })).version;
    const results = await Promise.allSettled(
      remedies.map((_, i) => applyCaseEvent(id, { type: "REMEDY_DONE", at: "2026-11-20", remedyId: `R${i + 1}` }, HANDLER, { maxAttempts: 50 }, prisma)),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const row = await prisma.case.findUniqueOrThrow({ where: { id } });
    expect(row.version).toBe(base + remedies.length);
    expect(row.status).toBe("closed");
    const done = await prisma.caseEvent.findMany({ where: { caseId: id, type: "REMEDY_DONE" }, select: { payload: true, seq: true } });
    expect(done.map((e) => (e.payload as { remedyId: string }).remedyId).sort()).toEqual(remedies.map((_, i) => `R${i + 1}`).sort());
    const seqs = (await prisma.caseEvent.findMany({ where: { caseId: id }, select: { seq: true }, orderBy: { seq: "asc" } })).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: row.version }, (_, i) => i + 1));
  });
});

describe("event hash", () => {
  it("changes when any recorded field changes", () => {
    const entry = { caseId: "c", seq: 2, type: "RESPOND", payload: { a: 1 }, fromState: "x", toState: "y", actorLabel: "A" };
    const base = eventHash("p", entry);
    expect(eventHash("p", { ...entry, payload: { a: 2 } })).not.toBe(base);
    expect(eventHash("q", entry)).not.toBe(base);
    expect(eventHash("p", { ...entry })).toBe(base);
  });
});

describe("canonical JSON", () => {
  it("ignores key order at every depth, as jsonb does", async () => {
    const { canonicalJson } = await import("../../app/utils/cases.server");
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: "x" } })).toBe(canonicalJson({ a: { c: "x", d: [1, { e: 3, f: 2 }] }, b: 1 }));
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });
});
