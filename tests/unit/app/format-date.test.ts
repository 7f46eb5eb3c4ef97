import { describe, expect, it } from "vitest";
import { formatDate } from "../../../app/utils/format";

// formatDate remembers the calendar days it has formatted (docs/decisions/029): the answer must
// not change with the cache, and instants are never cached by their day.
describe("formatDate", () => {
  it("formats a calendar day the same the first and the second time", () => {
    expect(formatDate("2026-11-03")).toBe("3 November 2026");
    expect(formatDate("2026-11-03")).toBe("3 November 2026");
    expect(formatDate("2026-03-29")).toBe("29 March 2026");
  });

  it("formats instants in London time, not cached by their text", () => {
    expect(formatDate("2026-06-30T23:30:00.000Z")).toBe("1 July 2026");
    expect(formatDate(new Date("2026-12-31T23:30:00.000Z"))).toBe("31 December 2026");
  });
});
