import { describe, expect, it } from "vitest";
import { allowedEvents, startCase, transitionCase, viewCase } from "../../../machines";
import { caseViewOn, rememberedCaseViews } from "../../../app/utils/case-view-cache.server";
import { substanceInput } from "../machines/support";

// The case page's machine work is remembered per (case, version, day) (docs/decisions/035).

describe("the case view cache", () => {
  const started = startCase(substanceInput());
  const acknowledged = transitionCase(started.persisted, { type: "ACKNOWLEDGE", at: "2026-01-06", handlerId: "h" });
  const v1 = { id: "case-a", version: 1, ...started.persisted };
  const v2 = { id: "case-a", version: 2, ...acknowledged.persisted };

  it("answers what the machine answers, for each version and day", () => {
    for (const [row, on] of [
      [v1, "2026-01-06"],
      [v2, "2026-01-07"],
      [v2, "2026-03-30"], // the response deadline has passed: caught up before the events allowed
    ] as const) {
      const answer = caseViewOn(row, on);
      expect(answer).toEqual({ view: viewCase(row), allowed: allowedEvents(row, on) });
    }
    expect(caseViewOn(v2, "2026-01-07").allowed).not.toEqual(caseViewOn(v1, "2026-01-07").allowed);
    expect(caseViewOn(v2, "2026-03-30").allowed).not.toEqual(caseViewOn(v2, "2026-01-07").allowed);
  });

  it("works it out once per version and day, and gives the same frozen answer after", () => {
    const first = caseViewOn({ ...v2, id: "case-b" }, "2026-01-08");
    expect(caseViewOn({ ...v2, id: "case-b" }, "2026-01-08")).toBe(first);
    expect(caseViewOn({ ...v2, id: "case-b", version: 3 }, "2026-01-08")).not.toBe(first);
    expect(caseViewOn({ ...v2, id: "case-b" }, "2026-01-09")).not.toBe(first);
    expect(Object.isFrozen(first.view.deadlines)).toBe(true);
    expect(() => {
      (first.view as { status: string }).status = "closed";
    }).toThrow(TypeError);
  });

  it("keeps at most 500 answers, dropping the least recently used", () => {
    const kept = caseViewOn({ ...v1, id: "kept" }, "2026-01-06");
    const fillers = [];
    for (let i = 0; i < 600; i++) {
      fillers.push(caseViewOn({ ...v1, id: `filler-${i}` }, "2026-01-06"));
      if (i % 100 === 0) caseViewOn({ ...v1, id: "kept" }, "2026-01-06"); // used again: stays
    }
    expect(rememberedCaseViews()).toBe(500);
    expect(caseViewOn({ ...v1, id: "kept" }, "2026-01-06")).toBe(kept);
    expect(caseViewOn({ ...v1, id: "filler-0" }, "2026-01-06")).not.toBe(fillers[0]); // dropped, worked out again
    expect(caseViewOn({ ...v1, id: "filler-599" }, "2026-01-06")).toBe(fillers[599]);
  });
});
