import { beforeAll, expect, it } from "vitest";
import { viewCase } from "../../machines";
import { applyCaseEvent, type EventAuthor } from "../../app/utils/cases.server";
import { feasibleRange, type Published } from "../../app/utils/disclosure";
import { deriveCaseFacts } from "../../app/utils/patterns-facts";
import { ensureCaseFacts } from "../../app/utils/patterns-facts.server";
import { DIMENSIONS, MEASURES } from "../../app/utils/patterns-measures";
import { funnel, groupTable, letter, trends, type Filters, type GroupTable } from "../../app/utils/patterns.server";
import { seed } from "../../prisma/seed";
import { describeEachEngine } from "./engines";
import { raiseTestConcern } from "./support/cases";

const HANDLER: EventAuthor = { kind: "system", name: "test" };
const YEAR: Filters = { from: "2026-01-01", to: "2026-12-31" };

// The fixture, by hand. Yusuf (Leeds, Asian, male, FSM, decile 2, autism, aged 9): 32 cases,
// all acknowledged and answered at rung 1; 20 upheld, 12 not; 12 of the not-upheld escalated, and
// 4 of those had the response deadline extended first. Megan (Cornwall, White, female, no FSM,
// decile 4, SLCN, aged 13): 4 cases, never answered; 1 offered mediation.
const FIXTURE = { yusuf: { cases: 32, upheld: 20, escalated: 12, extended: 4 }, megan: { cases: 4, mediation: 1 } };

/** The rounding rule, written again here so the test does not trust the code under test. */
const rounded = (n: number) => (n <= 2 ? 0 : Math.round(n / 5) * 5);
const pct = (a: number, b: number) => Math.round((100 * a) / b);

describeEachEngine("national patterns", ({ get }) => {
  const caseIds: string[] = [];
  beforeAll(async () => {
    const { prisma } = get().db;
    await seed(prisma, { demoCases: false });
    for (let i = 0; i < FIXTURE.yusuf.cases; i++) {
      const id = (await raiseTestConcern(prisma, { childRef: "AN-000001", receivedOn: "2026-03-02" })).cases[0]!.id;
      caseIds.push(id);
      await applyCaseEvent(id, { type: "ACKNOWLEDGE", at: "2026-03-03", handlerId: "h" }, HANDLER, {}, prisma);
      const finding = i < FIXTURE.yusuf.upheld ? "upheld" : "not-upheld";
      if (i >= FIXTURE.yusuf.cases - FIXTURE.yusuf.extended) {
        await applyCaseEvent(id, { type: "EXTEND", at: "2026-03-04", reason: "Waiting for a therapist's report", workingDays: 5 }, HANDLER, {}, prisma);
      }
      const issueId = viewCase((await prisma.case.findUniqueOrThrow({ where: { id } })) as never).issues[0]!.id;
      await applyCaseEvent(
        id,
        { type: "RESPOND", at: "2026-03-09", outcome: { findings: [{ issueId, finding }], reasons: "Reasons given.", standards: ["NF-3.2"], remedies: [] } },
        HANDLER,
        {},
        prisma,
      );
      if (i >= FIXTURE.yusuf.cases - FIXTURE.yusuf.escalated) await applyCaseEvent(id, { type: "ESCALATE", at: "2026-03-10" }, HANDLER, {}, prisma);
    }
    for (let i = 0; i < FIXTURE.megan.cases; i++) {
      const id = (await raiseTestConcern(prisma, { childRef: "AN-000002", receivedOn: "2026-04-01" })).cases[0]!.id;
      if (i < FIXTURE.megan.mediation) {
        await applyCaseEvent(id, { type: "ACKNOWLEDGE", at: "2026-04-02", handlerId: "h" }, HANDLER, {}, prisma);
        await applyCaseEvent(id, { type: "OFFER_MEDIATION", at: "2026-04-03", requestedBy: "family" }, HANDLER, {}, prisma);
      }
    }
  });

  it("keeps one fact row per case, equal to what the machine's view and log give", async () => {
    const { prisma } = get().db;
    expect(await prisma.caseFact.count()).toBe(FIXTURE.yusuf.cases + FIXTURE.megan.cases);
    const last = caseIds.at(-1)!;
    const fact = await prisma.caseFact.findUniqueOrThrow({ where: { caseId: last } });
    expect(fact).toMatchObject({
      ethnicity: "ASIAN",
      sex: "male",
      freeSchoolMeals: true,
      deprivationDecile: 2,
      primaryNeed: "ASD",
      ageBand: "5-10",
      highestRung: 2,
      upheld1: false,
      extensions: 1,
      breaches1: 0,
    });
    // 2 March → 9 March 2026: 5 working days.
    expect(fact.decideDays1).toBe(5);
    expect(fact.ackDays1).toBe(1);
    expect(fact.rung2On?.toISOString().slice(0, 10)).toBe("2026-03-10");
    const row = await prisma.case.findUniqueOrThrow({ where: { id: last } });
    const events = await prisma.caseEvent.findMany({ where: { caseId: last }, orderBy: { seq: "asc" } });
    const derived = deriveCaseFacts(
      viewCase(row as never),
      events.map((e) => ({ type: e.type, on: String((e.payload as { at: string }).at).slice(0, 10), toState: e.toState })),
      "2026-03-02",
    );
    expect(fact).toMatchObject({
      ...derived,
      rung2On: new Date("2026-03-10T00:00:00Z"),
      decided1On: new Date("2026-03-09T00:00:00Z"),
      concludedOn: null,
      rung3On: null,
      decided2On: null,
      decided3On: null,
    });
  });

  it("rebuilds missing fact rows from the cases (start-up backfill) to the same figures", async () => {
    const { prisma } = get().db;
    const before = await groupTable("ethnicity", YEAR);
    await prisma.caseFact.deleteMany({});
    expect(await ensureCaseFacts(prisma, { force: true })).toBe(FIXTURE.yusuf.cases + FIXTURE.megan.cases);
    expect(await groupTable("ethnicity", YEAR)).toEqual(before);
  });

  it("publishes every figure of the ethnicity table as recomputed by hand", async () => {
    const t = await groupTable("ethnicity", YEAR);
    const { yusuf: y, megan: m } = FIXTURE;
    const asian = t.rows.find((r) => r.key === "ASIAN")!.figures;
    const white = t.rows.find((r) => r.key === "WHITE")!.figures;
    expect(t.rows.map((r) => r.key)).toEqual(["ASIAN", "WHITE"]);
    expect(asian.received).toEqual({ value: rounded(y.cases) });
    expect(white.received).toEqual({ value: rounded(m.cases) });
    expect(t.total.figures.received).toEqual({ value: rounded(y.cases + m.cases) });
    expect(asian.upheld1).toEqual({ value: pct(y.upheld, y.cases) });
    expect(asian.escalation1).toEqual({ value: pct(y.escalated, y.cases) });
    // All 32 on time: 100% would tell that none (not 1 or 2) was late, so it is withheld.
    expect(asian.onTime1).toEqual({ value: null, reason: "c" });
    expect(asian.medianDays1).toEqual({ value: 5 });
    expect(asian.p90Days1).toEqual({ value: 5 });
    // 4 extensions in all: too few to break down; the total alone is published.
    expect(asian.extended).toEqual({ value: null, reason: "c" });
    expect(t.total.figures.extended).toEqual({ value: rounded(y.extended) });
    expect(asian.upheld2).toEqual({ value: null, reason: "none" });
    // Megan's 4 cases: too few for any rate.
    expect(white.escalation1).toEqual({ value: null, reason: "c" });
    expect(white.upheld1).toEqual({ value: null, reason: "none" });
    // The whole table: rung-1 uphold rate on 32 responses.
    expect(t.total.figures.upheld1).toEqual({ value: pct(y.upheld, y.cases) });
    // Per 1,000 Asian children on the register (counted here straight from the register).
    const register = await get().db.prisma.child.count({ where: { ethnicity: "ASIAN", registerStatus: "on_register" } });
    expect(register).toBeGreaterThanOrEqual(30);
    expect(asian.perThousand).toEqual({ value: Math.round((y.cases / register) * 10_000) / 10 });
    expect(white.perThousand).toEqual({ value: null, reason: "c" }); // 4 cases: under 10
  });

  it("defeats the zero/uniqueness attack: one mediation offer is not placed in any breakdown", async () => {
    for (const dimension of DIMENSIONS) {
      const t = await groupTable(dimension, YEAR);
      for (const row of t.rows) expect(row.figures.mediationOffered, `${dimension} ${row.label}`).toEqual({ value: null, reason: "c" });
      expect(t.total.figures.mediationOffered).toEqual({ value: 0 });
    }
  });

  it("defeats differencing across every pair of published tables", async () => {
    const { prisma } = get().db;
    const areas = await prisma.localArea.findMany({ select: { id: true } });
    const scopes: Filters[] = [YEAR, ...areas.map((a) => ({ ...YEAR, areaId: a.id })), { ...YEAR, route: "substance" }, { ...YEAR, route: "process" }];
    const tables: GroupTable[] = [];
    for (const filters of scopes) for (const dimension of DIMENSIONS) tables.push(await groupTable(dimension, filters));
    const counts = MEASURES.filter((m) => m.kind === "count").map((m) => m.key);
    const cells = (t: GroupTable, key: (typeof counts)[number]) =>
      [...t.rows.map((r) => r.figures[key]), t.total.figures[key]].filter((f): f is { value: number } => f.value !== null);
    for (const key of counts) {
      const published = tables.flatMap((t) => cells(t, key)).map((c) => c.value);
      for (const v of published) expect(v % 5, `${key} is rounded`).toBe(0);
      // Any published value minus any other: the attacker's range always holds at least 3 values.
      const distinct = [...new Set(published)];
      for (const a of distinct) {
        for (const b of distinct.filter((x) => x <= a)) {
          const [aLow, aHigh] = feasibleRange(a);
          const [bLow, bHigh] = feasibleRange(b);
          expect(aHigh - bLow - Math.max(0, aLow - bHigh)).toBeGreaterThanOrEqual(2);
        }
      }
      // And no table's parts plus total pin a part.
      for (const t of tables) {
        const parts = t.rows.map((r) => r.figures[key]);
        const total = t.total.figures[key];
        if (parts.some((p) => p.value === null) || total.value === null) continue;
        const ranges = parts.map((p) => feasibleRange(p.value!));
        const [tLow, tHigh] = feasibleRange(total.value);
        ranges.forEach(([l, h], i) => {
          const others = ranges.filter((_, j) => j !== i);
          const low = Math.max(l, tLow - others.reduce((s, [, oh]) => s + oh, 0));
          const high = Math.min(h, tHigh - others.reduce((s, [ol]) => s + ol, 0));
          if (parts[i]!.value === 0) expect(low).toBe(0);
          else expect(high).toBeGreaterThan(low);
        });
      }
    }
    // The issue's own attack: the Mixed group is never published as a difference of two totals.
    const byEthnicity = tables.filter((t) => t.dimension === "ethnicity");
    for (const t of byEthnicity) expect(t.rows.every((r) => [0, 5].includes(r.figures.received.value ?? 0) || (r.figures.received.value ?? 0) >= 10)).toBe(true);
  });

  it("publishes no rate, median or percentile on a base under 30", async () => {
    const cornwall = (await get().db.prisma.localArea.findFirstOrThrow({ where: { name: "Cornwall" } })).id;
    const t = await groupTable("sex", { ...YEAR, areaId: cornwall });
    for (const row of [...t.rows, t.total]) {
      for (const m of MEASURES.filter((x) => x.kind !== "count")) expect((row.figures[m.key] as Published).value, `${row.label} ${m.key}`).toBeNull();
    }
  });

  it("counts trends per month: received, concluded and open at month end", async () => {
    const t = await trends(YEAR);
    const march = t.substance.find((p) => p.month === "2026-03")!;
    const april = t.substance.find((p) => p.month === "2026-04")!;
    expect(march.received).toEqual({ value: rounded(FIXTURE.yusuf.cases) });
    expect(april.received).toEqual({ value: rounded(FIXTURE.megan.cases) });
    // Nothing has concluded: every case received by the end of April is open.
    expect(april.open).toEqual({ value: rounded(FIXTURE.yusuf.cases + FIXTURE.megan.cases) });
    expect(march.decided).toEqual({ value: 0 });
    expect(t.process.every((p) => p.received.value === 0)).toBe(true);
  });

  it("plots settings in a funnel only on a base of 30, with control limits around the national rate", async () => {
    const f = await funnel("setting", "upheld", YEAR);
    expect(f.nationalRate).toBe(62.5);
    expect(f.points).toEqual([expect.objectContaining({ name: "Beckett Park Primary School", volume: 30, rate: 63, outside: null })]);
  });

  it("writes a letter comparing a setting with similar settings", async () => {
    const { prisma } = get().db;
    const beckett = await prisma.setting.findFirstOrThrow({ where: { name: "Beckett Park Primary School" } });
    const l = (await letter("setting", beckett.id, 2026))!;
    expect(l.name).toBe("Beckett Park Primary School");
    expect(l.figures.find((f) => f.key === "received")).toEqual({ key: "received", own: { value: 30 }, similar: { value: 0 } });
    expect(l.figures.find((f) => f.key === "upheld1")?.own).toEqual({ value: 63 });
    expect(await letter("setting", "no-such-setting", 2026)).toBeNull();
  });
});
