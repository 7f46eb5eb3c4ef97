import { describe, expect, it } from "vitest";
import { englandAndWales } from "../../../machines/calendar";
import { deadlineSpecs, extendClock, isDue, openClock, pauseClock, resumeClock, warningOffsets, type ClockPlan } from "../../../machines/clocks";

const plan = (workingDays: number): ClockPlan => ({ key: "k", label: "Do it", kind: "deadline", pausable: true, owedBy: ["setting"], workingDays });
const clock = (workingDays: number) => openClock(plan(workingDays), "ACKNOWLEDGE", "2026-01-05", englandAndWales);

describe("clocks", () => {
  it.each([
    [
      5,
      [
        [50, 2],
        [75, 3],
        [90, 4],
      ],
    ],
    [
      10,
      [
        [50, 5],
        [75, 7],
        [90, 9],
      ],
    ],
    [
      20,
      [
        [50, 10],
        [75, 15],
        [90, 18],
      ],
    ],
    [
      3,
      [
        [50, 1],
        [75, 2],
      ],
    ],
    [1, []],
  ])("puts warnings for a %i-day deadline at floor(p%% of the period), without repeats", (days, expected) => {
    expect(warningOffsets(clock(days), [50, 75, 90]).map(({ percent, offset }) => [percent, offset])).toEqual(expected);
  });

  it("counts a clock from the next working day when started on a non-working day", () => {
    const saturday = openClock(plan(5), "CONCERN_RECEIVED", "2026-01-10T09:30:00Z", englandAndWales);
    expect(saturday).toMatchObject({ startedOn: "2026-01-10", countsFrom: "2026-01-12", dueOn: "2026-01-19" });
  });

  it("records the calendar, the starting event and its date on every deadline", () => {
    expect(deadlineSpecs(clock(10), [50], englandAndWales)).toEqual([
      {
        key: "k.warn50",
        kind: "warning",
        label: "Reminder, 50% of the time used: Do it",
        dueOn: "2026-01-12",
        calendar: "england-and-wales",
        startedBy: "ACKNOWLEDGE",
        startedOn: "2026-01-05",
        workingDays: 5,
        event: { type: "DEADLINE_WARNING", key: "k.warn50", at: "2026-01-13" },
      },
      {
        key: "k",
        kind: "deadline",
        label: "Do it",
        dueOn: "2026-01-19",
        calendar: "england-and-wales",
        startedBy: "ACKNOWLEDGE",
        startedOn: "2026-01-05",
        workingDays: 10,
        event: { type: "DEADLINE_MISSED", key: "k", at: "2026-01-20" },
      },
    ]);
  });

  it("moves the due date by the working days spent paused, across a bank holiday", () => {
    const paused = pauseClock(clock(10), "2026-03-31", "third-party", "Report awaited");
    expect(deadlineSpecs(paused, [50], englandAndWales)).toEqual([]);
    const resumed = resumeClock(paused, "2026-04-08", englandAndWales);
    // 1, 2, 7, 8 April are working days; 3 and 6 are Easter
    expect(resumed).toMatchObject({ pausedWorkingDays: 4, dueOn: englandAndWales.addWorkingDays("2026-01-19", 4) });
    expect(resumed.paused).toBeUndefined();
  });

  it("does not pause a clock that may not be paused", () => {
    const fixed = openClock({ ...plan(5), pausable: false }, "E", "2026-01-05", englandAndWales);
    expect(pauseClock(fixed, "2026-01-06", "family", "r")).toBe(fixed);
  });

  it("extends to a new due date with the reason recorded", () => {
    expect(extendClock(clock(10), 10, "Complex", "2026-01-08", englandAndWales)).toMatchObject({
      extension: { workingDays: 10, reason: "Complex", on: "2026-01-08" },
      dueOn: "2026-02-02",
    });
  });

  it("treats a deadline event as due only once its day has passed", () => {
    const specs = deadlineSpecs(clock(10), [50], englandAndWales);
    expect(isDue(specs, { type: "DEADLINE_MISSED", key: "k", at: "2026-01-19" })).toBe(false);
    expect(isDue(specs, { type: "DEADLINE_MISSED", key: "k", at: "2026-01-20" })).toBe(true);
    expect(isDue(specs, { type: "DEADLINE_WARNING", key: "k", at: "2026-01-20" })).toBe(false);
    expect(isDue(specs, { type: "DEADLINE_MISSED", key: "other", at: "2026-02-20" })).toBe(false);
  });
});
