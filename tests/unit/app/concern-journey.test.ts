import { describe, expect, it } from "vitest";
import { applyStep, concernText, firstUnanswered, nextStep, previousStep, STEP_SCHEMAS, stepsFor, summaryRows, type JourneyContext } from "../../../app/utils/concern-journey";
import { checkForm } from "../../../app/utils/form-check";

// The raise-a-concern journey's rules (docs/decisions/025): which pages a person sees, where
// Continue and Back go, what each page accepts, and what check your answers shows.

const child = (id: string, name: string) => ({ id, name, setting: "Beckett Park Primary" });
const one: JourneyContext = { children: [child("c1", "Yusuf Hussain")], decisions: [], youngPerson: false };
const two: JourneyContext = {
  ...one,
  children: [child("c1", "Yusuf Hussain"), child("c2", "Aisha Hussain")],
  decisions: [{ value: "d1", label: "Yusuf: placed on the register, 1 September 2026" }],
};

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
};

describe("which pages, in which order", () => {
  it("asks which child only when there is a choice, and about a decision only when there is one", () => {
    expect(stepsFor(one)).toEqual(["about", "details", "outcome", "health", "aware"]);
    expect(stepsFor(two)).toEqual(["child", "about", "decision", "details", "outcome", "health", "aware"]);
  });

  it("Continue goes to the next page; changing an answer goes back to check your answers unless a new question needs answering", () => {
    const answered = { answered: ["child", "about", "decision", "details", "outcome", "health", "aware"] as const };
    expect(nextStep("about", { answered: ["about"] }, one, false)).toBe("details");
    expect(nextStep("aware", { ...answered, answered: [...answered.answered] }, one, false)).toBe("check");
    expect(nextStep("details", { answered: [...answered.answered] }, two, true)).toBe("check");
    // Changing the child forgets the decision about the last one: the decision page is asked next.
    const changed = applyStep({ childId: "c1", challengesDecisionId: "d1", answered: [...answered.answered] }, "child", { childId: "c2" });
    expect(changed.challengesDecisionId).toBeUndefined();
    expect(nextStep("child", changed, two, true)).toBe("decision");
    expect(firstUnanswered({ answered: ["about", "details"] }, one)).toBe("outcome");
    expect(previousStep("about", one)).toBeNull();
    expect(previousStep("details", two)).toBe("decision");
  });
});

describe("each page's schema", () => {
  it.each([
    ["about", [["categories", "support-level"]], { categories: ["support-level"] }],
    ["decision", [["challengesDecisionId", "none"]], { challengesDecisionId: null }],
    ["decision", [["challengesDecisionId", "d1"]], { challengesDecisionId: "d1" }],
    ["details", [["summary", "  The support stopped in September.  "]], { summary: "The support stopped in September." }],
    ["outcome", [], { outcomeWanted: "" }],
    ["health", [["healthInvolved", "no"]], { healthInvolved: "no" }],
    [
      "aware",
      [
        ["awarenessDate-day", ""],
        ["awarenessDate-month", ""],
        ["awarenessDate-year", ""],
      ],
      { awarenessDate: null },
    ],
    [
      "aware",
      [
        ["awarenessDate-day", "2"],
        ["awarenessDate-month", "9"],
        ["awarenessDate-year", "2026"],
      ],
      { awarenessDate: "2026-09-02" },
    ],
  ] as const)("%s accepts %j", (step, entries, data) => {
    const result = checkForm(STEP_SCHEMAS[step], form(entries.map(([k, v]) => [k, v])));
    expect(result.ok && result.data).toEqual(data);
  });

  it.each([
    ["child", [], "childId", "Select the child or young person"],
    ["about", [], "categories", "Select what your concern is about"],
    ["decision", [], "challengesDecisionId", "Select the decision your concern is about, or that it is not about one decision"],
    ["details", [["summary", "   "]], "summary", "Describe your concern"],
    ["details", [["summary", "too short"]], "summary", "Describe your concern in at least 20 characters"],
    ["details", [["summary", "x".repeat(5001)]], "summary", "This answer must be 5,000 characters or fewer"],
    ["health", [["healthInvolved", "maybe"]], "healthInvolved", "Select yes if health services are involved"],
    [
      "aware",
      [
        ["awarenessDate-day", "2"],
        ["awarenessDate-month", ""],
        ["awarenessDate-year", "2026"],
      ],
      "awarenessDate",
      "The date you found out must include a month",
    ],
    [
      "aware",
      [
        ["awarenessDate-day", "1"],
        ["awarenessDate-month", "1"],
        ["awarenessDate-year", "2999"],
      ],
      "awarenessDate",
      "The date you found out must be today or in the past",
    ],
  ] as const)("%s refuses what it should (%#)", (step, entries, field, message) => {
    const result = checkForm(STEP_SCHEMAS[step], form(entries.map(([k, v]) => [k, v])));
    expect(result.ok ? {} : result.errors[field]?.[0]).toBe(message);
  });
});

describe("check your answers", () => {
  it("shows every answer in words, with a Change link for each one that can change", () => {
    const rows = summaryRows(
      {
        childId: "c1",
        categories: ["family-not-involved", "support-level"],
        challengesDecisionId: "d1",
        summary: "The hours were cut.",
        outcomeWanted: "",
        healthInvolved: "no",
        awarenessDate: "2026-09-02",
      },
      two,
    );
    expect(rows.map((r) => [r.key, r.value.join(" / "), r.changeable])).toEqual([
      ["Who the concern is about", "Yusuf Hussain / Beckett Park Primary", true],
      ["About how a decision was made", "I was left out of decisions", true],
      ["About the support itself", "The amount of support", true],
      ["Register decision", "Yusuf: placed on the register, 1 September 2026", true],
      ["Your concern", "The hours were cut.", true],
      ["What you would like to happen", "Not given", true],
      ["Health services involved", "No", true],
      ["When you found out", "2 September 2026", true],
    ]);
  });

  it("the only child cannot be changed, the support row appears only when chosen, and a young person reads about themselves", () => {
    const rows = summaryRows({ childId: "c1", categories: ["register-placement"], healthInvolved: "yes", awarenessDate: null }, { ...one, youngPerson: true });
    expect(rows.find((r) => r.step === "child")?.changeable).toBe(false);
    expect(rows.filter((r) => r.step === "about").map((r) => r.value)).toEqual([["The decision to place me on the register"]]);
    expect(rows.some((r) => r.step === "decision")).toBe(false);
    expect(rows.find((r) => r.step === "aware")?.value).toEqual(["Not given"]);
  });

  it("what they would like to happen is sent with the concern, in their words", () => {
    expect(concernText({ summary: "The hours were cut.", outcomeWanted: " Restore them. " })).toBe("The hours were cut.\n\nWhat I would like to happen:\nRestore them.");
    expect(concernText({ summary: "The hours were cut.", outcomeWanted: "" })).toBe("The hours were cut.");
  });
});
