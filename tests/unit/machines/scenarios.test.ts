import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addWorkingDays } from "../../../machines";
import { simulate } from "../../../machines/cli/simulate";
import { parseScenario, runScenario, ScenarioError } from "../../../machines/simulation";

const dir = new URL("../../../machines/scenarios/", import.meta.url).pathname;
const load = (name: string) => parseScenario(JSON.parse(readFileSync(join(dir, name), "utf8")));
const run = (name: string) => runScenario(load(name));

/** Runs the CLI in-process and captures what it prints. */
function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = simulate(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function scenarioFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "redress-scenario-")), "scenario.json");
  writeFileSync(file, content);
  return file;
}

describe("shipped scenarios", () => {
  it("are all covered here", () => {
    expect(readdirSync(dir).sort()).toEqual([
      "breach-escalation.json",
      "fair-declined-mediation-returns-at-once.json",
      "fair-national-route-stays-open.json",
      "fair-pause-is-bounded.json",
      "mediation-agreement.json",
      "process-to-ombudsman.json",
      "substance-to-national-practice-body.json",
    ]);
  });

  it("walks the process route to the ombudsman's final decision", () => {
    const { steps, final } = run("process-to-ombudsman.json");
    expect(steps.map((step) => step.view.rungName)).toContain("Ombudsman");
    expect(steps.map((s) => s.to)).toEqual(expect.arrayContaining(["ladder.national.awaitingComments", "ladder.national.finalising"]));
    expect(final).toMatchObject({ status: "closed", conclusion: { reason: "final-decision", rung: 3 }, outcome: { stage: "final-decision" } });
    expect(final.remedies.map((r) => [r.kind, r.status])).toEqual([
      ["register-review", "done"],
      ["apology", "done"],
      ["action", "done"],
      ["payment", "done"],
    ]);
    expect(steps.filter((s) => s.firedBy).map((s) => s.event.type)).toEqual(["DEADLINE_WARNING", "DEADLINE_WARNING", "DEADLINE_WARNING", "DEADLINE_WARNING"]);
  });

  it("walks the substance route to the national practice body, on a school calendar at rung 1", () => {
    const { steps, final } = run("substance-to-national-practice-body.json");
    expect(steps[0]?.deadlines.find((d) => d.key === "rung1.acknowledge")).toMatchObject({ calendar: "school:URN-204417", dueOn: "2026-04-20" });
    expect(steps.map((s) => s.event.type)).toEqual(expect.arrayContaining(["PAUSE", "RESUME", "EXTEND"]));
    expect(steps.find((s) => s.firedBy && s.event.type === "DEADLINE_MISSED")?.to).toBe("ladder.national.finalising");
    // the failed therapy remedy keeps the case open: the family may take it further until 27 November
    expect(final).toMatchObject({ status: "monitoring-compliance", rungName: "Concluded", conclusion: { reason: "final-decision", rung: 3 } });
    expect(final.failedRemediesOpen).toEqual([{ remedyId: "R2", until: addWorkingDays("2026-10-30", 20), toRung: 3 }]);
    expect(steps.some((s) => s.view.rungName === "National practice body")).toBe(true);
    expect(final.remedies.map((r) => r.status)).toEqual(["done", "failed", "done"]);
  });

  it("settles a concern by mediation agreement and tracks its actions", () => {
    const { steps, final } = run("mediation-agreement.json");
    expect(steps.some((s) => s.view.status === "in-mediation")).toBe(true);
    expect(final).toMatchObject({ status: "closed", conclusion: { reason: "resolved-by-agreement", rung: 1 } });
    expect(final.issues.map((i) => i.finding)).toEqual(["resolved-by-agreement", "resolved-by-agreement"]);
    expect(final.remedies.every((r) => r.via === "mediation" && r.status === "done")).toBe(true);
  });

  it("restarts a paused clock by itself after 20 working days, so the family can escalate (fair ladder 1)", () => {
    const { steps, final } = run("fair-pause-is-bounded.json");
    const ended = steps.find((s) => s.firedBy && s.event.type === "DEADLINE_MISSED" && "key" in s.event && s.event.key === "rung1.respond.pauseEnds");
    expect(ended).toMatchObject({ at: "2026-12-18", to: "ladder.setting.considering.active" });
    expect(final.breaches.map((b) => b.key)).toContain("rung1.respond");
    expect(final.rung).toBe(2);
  });

  it("returns a declined mediation to the ladder at once, breach intact (fair ladder 2)", () => {
    const { steps, final } = run("fair-declined-mediation-returns-at-once.json");
    const declined = steps.find((s) => s.event.type === "DECLINE_MEDIATION")!;
    expect(declined.to).toBe("ladder.setting.considering.active");
    expect(final).toMatchObject({ rung: 2, breaches: [{ key: "rung1.respond" }] });
  });

  it("keeps the route to the national body open 12 months after the local service's response (fair ladder 4)", () => {
    const { steps, final } = run("fair-national-route-stays-open.json");
    const responded = steps.find((s) => s.view.stateValue === "ladder.localService.responded")!;
    expect(responded.view.nationalReferralOpenUntil).toBe("2027-12-15");
    expect(responded.notifications.find((n) => n.kind === "outcome-issued")?.data).toMatchObject({ escalateBy: "2027-12-15" });
    expect(final).toMatchObject({ rung: 3, national: { late: false } });
  });

  it("escalates on a breach without waiting for the setting", () => {
    const { steps, final } = run("breach-escalation.json");
    const breach = steps.find((s) => s.notifications.some((n) => n.kind === "breach"));
    expect(breach).toMatchObject({ firedBy: "TICK 2026-12-04", event: { type: "DEADLINE_MISSED", key: "rung1.respond" } });
    expect(final.breaches.map((b) => b.key)).toEqual(["rung1.respond", "rung2.acknowledge"]);
    expect(final).toMatchObject({ status: "closed", conclusion: { reason: "outcome-accepted", rung: 2 } });
  });
});

describe("simulate CLI", () => {
  it("prints the trajectory and the final outcome", () => {
    const { code, out } = cli([join(dir, "process-to-ombudsman.json")]);
    expect(code).toBe(0);
    expect(out).toMatch(
      / {2}1 {2}2026-03-04 {2}ACKNOWLEDGE handlerId=setting-senco-01\n {4}ladder\.setting\.awaitingAcknowledgement → ladder\.setting\.considering\.active {2}\(rung 1 Setting, open\)/,
    );
    expect(out).toMatch(/deadline rung1\.respond due 2026-03-18 \[england-and-wales\] \(warnings 2026-03-11, 2026-03-13, 2026-03-17\)/);
    expect(out).toMatch(/notify concern-escalated → family, setting, local-service/);
    expect(out).toMatch(/Remedy R4 payment £300\.00 \(due 2026-08-12\)/);
    expect(out).toMatch(/Concluded: final-decision at rung 3 on 2026-07-15/);
  });

  it("explains bad JSON", () => {
    const { code, err } = cli([scenarioFile("{oops")]);
    expect(code).toBe(1);
    expect(err).toMatch(/not valid JSON/);
  });

  it("names the path of every invalid field", () => {
    const scenario = JSON.parse(readFileSync(join(dir, "breach-escalation.json"), "utf8"));
    scenario.events[1] = { type: "RESPOND", at: "2026-12-01", outcome: { findings: [{ issueId: "P1", finding: "maybe" }], reasons: "r", standards: [] } };
    const { code, err } = cli([scenarioFile(JSON.stringify(scenario))]);
    expect(code).toBe(1);
    expect(err).toMatch(/events\[1\]\.outcome\.findings\[0\]\.finding: Invalid option/);
  });

  it("stops at an event the case cannot take, after printing the steps so far", () => {
    const scenario = JSON.parse(readFileSync(join(dir, "breach-escalation.json"), "utf8"));
    scenario.events.splice(1, 1);
    scenario.events[1].at = "2026-11-20";
    const { code, out, err } = cli([scenarioFile(JSON.stringify(scenario))]);
    expect(code).toBe(1);
    expect(out).toMatch(/ACKNOWLEDGE handlerId=setting-head-04/);
    expect(err).toMatch(/step 2 \(ESCALATE at 2026-11-20\): ESCALATE is not allowed in ladder\.setting\.considering\.active: premature/);
  });

  it("explains how to call it", () => {
    expect(cli([])).toMatchObject({ code: 2, err: expect.stringMatching(/usage/) });
  });

  it("parses TICK pseudo-events and refuses unknown ones", () => {
    expect(() => parseScenario({ case: load("breach-escalation.json").case, events: [{ type: "TOCK", at: "2026-12-01" }] })).toThrow(ScenarioError);
    expect(load("breach-escalation.json").events.filter((e) => e.type === "TICK")).toHaveLength(2);
  });
});
