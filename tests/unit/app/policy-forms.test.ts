import { describe, expect, it } from "vitest";
import { policySchema } from "../../../machines";
import { POLICY_2026_11 } from "../../../machines/policy";
import { POLICY_FIELDS, policyFormSchema, policyFormValues } from "../../../app/utils/policy-forms";
import { nestFields } from "../../../app/utils/nested-fields";

// The "publish a new timeline policy" form (docs/decisions/027): every field of the machine's
// policy has a field in words; what the form accepts, the machine's schema accepts.

const context = { today: "2026-11-28", publishedVersions: ["2026-11"], latestEffectiveOn: "2000-01-01" };
const answers = (over: Record<string, string> = {}) => ({
  ...policyFormValues(POLICY_2026_11),
  policyVersion: "2027-09",
  effectiveOn: "2027-09-01",
  changeSummary: "Shorter time to acknowledge.",
  acknowledgeWorkingDays: "3",
  ...over,
});
const errorsOf = (input: Record<string, string>) => {
  const result = policyFormSchema(context).safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe("the timeline policy form", () => {
  it("covers every number in the policy, and round-trips the current policy", () => {
    const leaves = (o: object, prefix = ""): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" && !Array.isArray(v) ? leaves(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    const covered = new Set([...POLICY_FIELDS.map((f) => f.path.join(".")), "policyVersion", "warningPercents"]);
    expect(leaves(POLICY_2026_11).filter((path) => !covered.has(path))).toEqual([]);
    const parsed = policyFormSchema(context).parse(answers({ acknowledgeWorkingDays: "5", policyVersion: "2026-12" }));
    expect(parsed.policy).toEqual({ ...POLICY_2026_11, policyVersion: "2026-12" });
    expect(policySchema.parse(parsed.policy)).toEqual(parsed.policy);
  });

  it("accepts a new version with changed figures", () => {
    const parsed = policyFormSchema(context).parse(answers({ pauseCap: "15", warningPercents: "90, 50" }));
    expect(parsed.policy.acknowledgeWorkingDays).toBe(3);
    expect(parsed.policy.fairness.maxPauseWorkingDays).toBe(15);
    expect(parsed.policy.warningPercents).toEqual([50, 90]);
    expect(parsed.effectiveOn).toBe("2027-09-01");
  });

  it("answers bad input field by field, in words", () => {
    expect(errorsOf(answers({ policyVersion: "next" })).policyVersion).toBe("Enter the version as a year and month, for example 2027-09");
    expect(errorsOf(answers({ policyVersion: "2026-11" })).policyVersion).toBe("Version 2026-11 has already been published: choose another");
    expect(errorsOf(answers({ effectiveOn: "2026-11-28" })).effectiveOn).toBe("The date it takes effect must be after today");
    expect(errorsOf(answers({ effectiveOn: "1 September" })).effectiveOn).toBe("The date it takes effect must be a real date");
    // The date input's three boxes, joined by the forms' first gate.
    const boxes = (day: string, month: string, year: string) => {
      const { effectiveOn: _typed, ...rest } = answers();
      return nestFields({ ...rest, "effectiveOn-day": day, "effectiveOn-month": month, "effectiveOn-year": year }) as Record<string, string>;
    };
    expect(policyFormSchema(context).parse(boxes("1", "sept", "2027")).effectiveOn).toBe("2027-09-01");
    expect(errorsOf(boxes("30", "2", "2027")).effectiveOn).toBe("The date it takes effect must be a real date");
    expect(errorsOf(boxes("1", "", "2027")).effectiveOn).toBe("The date it takes effect must include a month");
    expect(errorsOf(boxes("", "", "")).effectiveOn).toBe("Enter the date it takes effect");
    expect(errorsOf(answers({ changeSummary: " " })).changeSummary).toBe("Say what changes and why");
    expect(errorsOf(answers({ acknowledgeWorkingDays: "0" })).acknowledgeWorkingDays).toBe("The time to acknowledge a concern must be between 1 and 260 working days");
    expect(errorsOf(answers({ pauseCap: "ten" })).pauseCap).toBe("Enter the most time a response clock may be paused, in total as a whole number of working days");
    expect(errorsOf(answers({ settingRespond: "" })).settingRespond).toBe("Enter the time for the setting to respond in working days");
    expect(errorsOf(answers({ warningPercents: "50, 120" })).warningPercents).toMatch(/^Enter up to 5 whole percentages/);
  });
});
