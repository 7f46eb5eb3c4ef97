import { describe, expect, it } from "vitest";
import type { OwedAction } from "../../../machines";
import { actionOwed, actionWords, nextActionFor, pageOf, partiesOfRoles, queueHref, queueQueryOf } from "../../../app/utils/work-queue";

const owed = (key: string, dueOn: string, owedBy: OwedAction["owedBy"] = ["setting"], missedOn?: string): OwedAction => ({
  key,
  kind: "deadline",
  owedBy,
  dueOn,
  ...(missedOn ? { missedOn } : {}),
});

describe("the action owed, in words", () => {
  it("says what to do and by when, or how late it is", () => {
    expect(actionOwed(owed("rung1.acknowledge", "2026-12-02"), "2026-11-27")).toEqual({ text: "Acknowledge by 2 December 2026", overdue: false, dueSoon: true });
    expect(actionOwed(owed("rung2.respond", "2026-12-20"), "2026-11-27")).toEqual({ text: "Respond by 20 December 2026", overdue: false, dueSoon: false });
    expect(actionOwed(owed("rung1.respond", "2026-11-27"), "2026-11-27").text).toBe("Respond today");
    expect(actionOwed(owed("rung1.respond", "2026-11-24", ["setting"], "2026-11-25"), "2026-11-27")).toEqual({ text: "Respond – 3 days overdue", overdue: true, dueSoon: false });
    // Past its last day but not yet swept: still overdue.
    expect(actionOwed(owed("rung1.respond", "2026-11-26"), "2026-11-27").text).toBe("Respond – 1 day overdue");
  });

  it("has words for every clock a person can owe, from the clock's key (not per role)", () => {
    expect(actionWords("rung3.assessment")).toBe("Decide whether to investigate");
    expect(actionWords("rung3.finalDecision")).toBe("Issue the final decision");
    expect(actionWords("mediation.certificate")).toBe("Issue the mediation certificate");
    expect(actionWords("remedy.R2")).toBe("Carry out the remedy");
    expect(actionWords("remedy.R2.takeFurther")).toBe("Decide whether to take the failed remedy further");
    expect(actionWords("rung2.escalationWindow")).toBe("Accept the outcome or take it further");
  });
});

describe("which action is the reader's", () => {
  const list = [
    owed("rung2.acknowledge", "2026-12-01", ["local-service", "health-partner"]),
    owed("remedy.R1", "2026-11-30", ["setting"]),
    owed("rung2.respond", "2026-11-20", ["local-service"], "2026-11-21"),
    owed("rung2.escalationWindow", "2026-11-25", ["family"]),
  ];

  it("takes an overdue action first, then the one due soonest, of those the reader's parties owe", () => {
    expect(nextActionFor(list, ["local-service"], "2026-11-27")?.key).toBe("rung2.respond");
    expect(nextActionFor(list, ["health-partner"], "2026-11-27")?.key).toBe("rung2.acknowledge");
    expect(nextActionFor(list, ["setting"], "2026-11-27")?.key).toBe("remedy.R1");
    expect(nextActionFor(list, ["mediator"], "2026-11-27")).toBeUndefined();
    // Overdue beats sooner: a clock past its day comes before one due tomorrow.
    expect(nextActionFor([owed("a", "2026-11-28"), owed("b", "2026-11-26")], ["setting"], "2026-11-27")?.key).toBe("b");
  });

  it("maps roles to the parties that owe things", () => {
    expect(partiesOfRoles([{ name: "setting-staff" }, { name: "mediator" }])).toEqual(["setting", "mediator"]);
    expect(partiesOfRoles([{ name: "practice-reviewer" }])).toEqual(["national-body"]);
    expect(partiesOfRoles([{ name: "national-analyst" }])).toEqual([]);
  });
});

describe("the queue's address", () => {
  it("reads filters leniently and writes them back for the pagination links", () => {
    const query = queueQueryOf(new URLSearchParams("show=all&q=%20Yusuf%20&status=paused&rung=2&route=bogus&page=3"));
    expect(query).toEqual({ show: "all", q: "Yusuf", status: "paused", rung: 2, route: undefined, setting: undefined, assigned: undefined, perPage: undefined });
    expect(queueHref(query, 3)).toBe("?show=all&q=Yusuf&status=paused&rung=2&page=3");
    expect(queueHref({}, 1)).toBe("?");
    // Staff start from what needs their action; families from everything they can see.
    expect(queueQueryOf(new URLSearchParams(""), [{ name: "setting-staff" }]).show).toBe("mine");
    expect(queueQueryOf(new URLSearchParams(""), [{ name: "family" }]).show).toBe("all");
  });

  it("accepts only whole page numbers from 1", () => {
    expect(pageOf(null)).toBe(1);
    expect(pageOf("12")).toBe(12);
    expect(pageOf("0")).toBeUndefined();
    expect(pageOf("2.5")).toBeUndefined();
    expect(pageOf("-1")).toBeUndefined();
  });
});
