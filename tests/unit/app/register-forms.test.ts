import { describe, expect, it } from "vitest";
import { CASE_EVENTS } from "../../../app/components/case-events";
import type { FormContext } from "../../../app/utils/case-forms";
import { decisionFormSchema, frameworkFormSchema, PARTICIPANT_ROLES } from "../../../app/utils/register-forms";

// Findings and register decisions cite the National Framework catalogue (docs/decisions/021).

const ctx: FormContext = {
  issueIds: ["issue-1"],
  side: "handler",
  capacities: ["setting"],
  userId: "u1",
  openRemedyIds: [],
  failedRemedyIds: [],
  mediatorIds: [],
  maxExtensionWorkingDays: 10,
  today: "2026-11-27",
};
const respond = (standards: string, knownStandards?: string[]) =>
  CASE_EVENTS.RESPOND.fields.schema({ ...ctx, ...(knownStandards ? { knownStandards } : {}) }).safeParse({ "finding-issue-1": "upheld", reasons: "Reasons.", standards });

describe("findings cite the catalogue", () => {
  it("accepts codes of the current version and refuses others, naming the code", () => {
    expect(respond("NF-3.2, NF-R4", ["NF-3.2", "NF-R4"]).success).toBe(true);
    const refused = respond("NF-3.2, NF-9.9", ["NF-3.2", "NF-R4"]);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe("NF-9.9 is not in the current National Framework: choose a code from the catalogue");
    // Without a published catalogue only the shape is checked.
    expect(respond("NF-9.9").success).toBe(true);
    expect(respond("3.2").error?.issues[0]?.message).toContain("is not a National Framework standard reference");
  });
});

describe("register decision form", () => {
  const fields = (extra: Record<string, string>) => ({
    ...Object.fromEntries(PARTICIPANT_ROLES.map(({ role }) => [`part-${role}`, "not-applicable"])),
    evidence: "Reports.",
    "reason-1-code": "NF-R8",
    "reason-1-text": "Met by ordinary provision.",
    decidedOn: "2026-11-20",
    ...extra,
  });
  const schema = decisionFormSchema({ today: "2026-11-27", allowedOutcomes: ["place", "not_place"], criteria: ["NF-R4", "NF-R8"], remedyChoices: ["case1:R1"] });

  it("turns the form into a decision with participants and reasons", () => {
    const parsed = schema.parse(
      fields({ outcome: "not_place", "part-family": "meeting", "name-family": "Joanne Walker", "part-health-lead": "written-views", remedy: "case1:R1" }),
    );
    expect(parsed).toMatchObject({
      outcome: "not_place",
      decidedOn: "2026-11-20",
      nextReviewOn: undefined,
      reasons: [{ code: "NF-R8", reason: "Met by ordinary provision." }],
      remedyCaseId: "case1",
      remedyId: "R1",
    });
    expect(parsed.participants.find((p) => p.role === "family")).toEqual({ role: "family", name: "Joanne Walker", invited: true, tookPart: "meeting" });
    expect(parsed.participants.find((p) => p.role === "social-care")).toMatchObject({ invited: false, tookPart: "not-applicable" });
  });

  it("refuses outcomes the history does not allow, standards as reasons, a missing review date and a future date", () => {
    const result = schema.safeParse(fields({ outcome: "remove", "reason-1-code": "NF-3.2", decidedOn: "2026-12-01", remedy: "case2:R9" }));
    const messages = Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(messages).toMatchObject({
      outcome: "Select the decision",
      "reason-1-code": "Select the register criterion reason 1 is tied to",
      decidedOn: "The date of the decision must be today or in the past",
      remedy: "Select a remedy from the list",
    });
    expect(schema.safeParse(fields({ outcome: "place" })).error?.issues.map((i) => i.message)).toContain("Enter the date of the next review");
  });
});

describe("publishing a framework version", () => {
  it("reads one item a line and names the bad line", () => {
    const ok = frameworkFormSchema.parse({
      changeSummary: "v2",
      illustrative: "yes",
      items: "criterion | NF-R1 | Needs persist | Long enough.\nstandard | NF-3.2 | Support as the record says | The amount and frequency.",
    });
    expect(ok.items.map((i) => i.code)).toEqual(["NF-R1", "NF-3.2"]);
    const bad = frameworkFormSchema.safeParse({
      changeSummary: "v2",
      illustrative: "yes",
      items: "criterion | NF-R1 | Needs persist | Long enough.\ncriterion | NF-R1 | Again | Twice.",
    });
    expect(bad.error?.issues.map((i) => i.message)).toEqual(["Line 2: NF-R1 appears twice", "Include at least one standard"]);
  });
});
