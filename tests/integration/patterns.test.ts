import { beforeAll, describe, expect, it } from "vitest";
import { applyCaseEvent, type Actor } from "../../app/utils/cases.server";
import { casePatterns, DIMENSIONS, rate, type Dimension } from "../../app/utils/patterns.server";
import { seed } from "../../prisma/seed";
import { describeEachEngine } from "./engines";
import { outcome, raiseTestConcern } from "./support/cases";

const HANDLER: Actor = { kind: "system", name: "test" };

describeEachEngine("equity patterns", ({ get }) => {
  beforeAll(async () => {
    const { prisma } = get().db;
    await seed(prisma, { demoCases: false });
    // Yusuf (Leeds): 6 cases, all answered "upheld", 5 of them escalated. Megan (Cornwall): 2 cases.
    for (let i = 0; i < 6; i++) {
      const id = (await raiseTestConcern(prisma, { childRef: "AN-000001", receivedOn: "2026-03-02" })).cases[0]!.id;
      await applyCaseEvent(id, { type: "ACKNOWLEDGE", at: "2026-03-03", handlerId: "h" }, HANDLER, {}, prisma);
      await applyCaseEvent(id, { type: "RESPOND", at: "2026-03-05", outcome: { ...outcome(["issue-1"]), findings: [{ issueId: "issue-1", finding: "upheld" }] } }, HANDLER, {}, prisma);
      if (i < 5) await applyCaseEvent(id, { type: "ESCALATE", at: "2026-03-06" }, HANDLER, {}, prisma);
    }
    for (let i = 0; i < 2; i++) await raiseTestConcern(prisma, { childRef: "AN-000002", receivedOn: "2026-04-01" });
  });

  it("counts cases, escalations and upheld findings per area, suppressing small groups", async () => {
    const rows = await casePatterns("area", 2026);
    const leeds = rows.find((r) => r.label === "Leeds");
    expect(leeds?.cases).toEqual({ value: 6, suppressed: false });
    expect(leeds?.escalationRate).toEqual({ value: 83, suppressed: false });
    expect(leeds?.upholdRate).toEqual({ value: 100, suppressed: false });
    const cornwall = rows.find((r) => r.label === "Cornwall");
    expect(cornwall?.cases).toEqual({ value: null, suppressed: true });
    expect(rows.find((r) => r.label === "Hackney")).toBeUndefined();
  });

  it("only counts concerns received in the year asked for", async () => {
    expect(await casePatterns("area", 2025)).toEqual([]);
  });

  it.each(Object.keys(DIMENSIONS) as Dimension[])("groups by %s on this engine", async (dimension) => {
    const rows = await casePatterns(dimension, 2026);
    const total = rows.reduce((sum, r) => sum + (r.cases.value ?? 0), 0);
    expect(rows.length).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(8);
    for (const r of rows) expect(typeof r.label).toBe("string");
  });
});

describe("rates", () => {
  it("hide a rate built on a suppressed count", () => {
    expect(rate(3, 40)).toEqual({ value: null, suppressed: true });
    expect(rate(10, 4)).toEqual({ value: null, suppressed: true });
    expect(rate(5, 20)).toEqual({ value: 25, suppressed: false });
    expect(rate(0, 20)).toEqual({ value: 0, suppressed: false });
    expect(rate(0, 0)).toEqual({ value: null, suppressed: false });
  });
});
