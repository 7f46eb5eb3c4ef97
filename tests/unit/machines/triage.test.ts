import { describe, expect, it } from "vitest";
import { startCase, triageConcern, type Concern } from "../../../machines";

const concern = (categories: string[]): Concern => ({
  concernRef: "RD-2026-0500",
  receivedOn: "2026-02-02",
  settingId: "URN-9",
  localAreaId: "LA-9",
  healthInvolved: true,
  issues: categories.map((category, index) => ({ id: `I${index + 1}`, summary: `About ${category}`, category })),
});

describe("triage of a concern into route cases", () => {
  it("keeps a single-route concern as one case", () => {
    const cases = triageConcern(concern(["register-refusal", "review-not-held"]));
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ caseRef: "RD-2026-0500-P", route: "process", issues: [{ id: "I1" }, { id: "I2" }] });
    expect(cases[0]).not.toHaveProperty("linkedCaseRef");
  });

  it("splits a mixed concern into linked cases, one per route, each with its own issues", () => {
    const cases = triageConcern(concern(["register-removal", "support-quality", "family-not-involved", "health-support"]));
    expect(cases.map(({ caseRef, route, linkedCaseRef, issues }) => ({ caseRef, route, linkedCaseRef, issues: issues.map((i) => i.id) }))).toEqual([
      { caseRef: "RD-2026-0500-P", route: "process", linkedCaseRef: "RD-2026-0500-S", issues: ["I1", "I3"] },
      { caseRef: "RD-2026-0500-S", route: "substance", linkedCaseRef: "RD-2026-0500-P", issues: ["I2", "I4"] },
    ]);
    expect(cases.every((c) => c.receivedOn === "2026-02-02" && c.healthInvolved)).toBe(true);
  });

  it("gives cases that each run their own machine", () => {
    const [processCase, substanceCase] = triageConcern(concern(["register-removal", "support-level"]));
    expect(startCase(processCase).view).toMatchObject({ route: "process", linkedCaseRef: "RD-2026-0500-S" });
    expect(startCase(substanceCase!).view).toMatchObject({ route: "substance", linkedCaseRef: "RD-2026-0500-P" });
  });

  it("refuses unknown categories and empty concerns", () => {
    expect(() => triageConcern(concern(["register-removal", "parking"]))).toThrow(/unknown issue categories: parking/);
    expect(() => triageConcern(concern([]))).toThrow(/at least one issue/);
  });
});
