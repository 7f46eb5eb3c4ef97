import { describe, expect, it } from "vitest";
import { formatDate, formatPolicyVersion } from "../../../app/utils/format";

describe("dates and versions as people read them", () => {
  it("names a timeline policy version by its month", () => {
    expect(formatPolicyVersion("2026-11")).toBe("November 2026");
    expect(formatPolicyVersion("2027-01")).toBe("January 2027");
  });

  it("leaves anything that is not a YYYY-MM version as it is", () => {
    expect(formatPolicyVersion("draft")).toBe("draft");
  });

  it("formats a calendar date without moving it across a day boundary", () => {
    expect(formatDate("2026-03-29")).toBe("29 March 2026");
  });
});
