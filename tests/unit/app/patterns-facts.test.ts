import { describe, expect, it } from "vitest";
import { transitionCase, startCase, triageConcern, type CaseStep } from "../../../machines";
import { ageBand, deriveCaseFacts, type LoggedEvent } from "../../../app/utils/patterns-facts";

// Fact rows from the machine's own view: walk a case and check what the read model would hold.
function walk(events: Parameters<typeof transitionCase>[1][]): { step: CaseStep; log: LoggedEvent[] } {
  const [input] = triageConcern({
    concernRef: "RC-T-1",
    receivedOn: "2026-03-02",
    settingId: "s",
    settingName: "S",
    localAreaId: "a",
    healthInvolved: false,
    issues: [{ id: "issue-1", category: "support-level", summary: "x" }],
  });
  let step: CaseStep = startCase(input!);
  const log: LoggedEvent[] = [{ type: "CONCERN_RAISED", on: "2026-03-02", toState: step.view.stateValue }];
  for (const e of events) {
    const t = transitionCase(step.persisted, e);
    step = t;
    log.push({ type: e.type, on: e.at.slice(0, 10), toState: t.to });
  }
  return { step, log };
}

const outcome = (finding: "upheld" | "not-upheld") => ({ findings: [{ issueId: "issue-1", finding }], reasons: "Reasons.", standards: ["NF-1"], remedies: [] });

describe("case facts", () => {
  it("records timings in working days, the rung reached and findings per rung", () => {
    const { step, log } = walk([
      { type: "ACKNOWLEDGE", at: "2026-03-04", handlerId: "h1" },
      { type: "EXTEND", at: "2026-03-05", reason: "Report awaited", workingDays: 5 },
      { type: "RESPOND", at: "2026-03-16", outcome: outcome("not-upheld") },
      { type: "ESCALATE", at: "2026-03-18" },
      { type: "ACKNOWLEDGE", at: "2026-03-19", handlerId: "h2" },
      { type: "RESPOND", at: "2026-03-26", outcome: outcome("upheld") },
      { type: "ACCEPT_OUTCOME", at: "2026-03-27" },
    ]);
    const f = deriveCaseFacts(step.view, log, "2026-03-02");
    expect(f).toMatchObject({
      highestRung: 2,
      rung2On: "2026-03-18",
      ackDays1: 2,
      decideDays1: 10, // 2 March (Mon) → 16 March (Mon): 10 working days
      upheld1: false,
      ackDays2: 1,
      decideDays2: 6,
      upheld2: true,
      extensions: 1,
      breaches1: 0,
      conclusion: "outcome-accepted",
      concludedOn: "2026-03-27",
      status: "closed",
    });
  });

  it("counts a missed deadline as a breach, but not an escalation window closing", () => {
    const acknowledged = walk([{ type: "ACKNOWLEDGE", at: "2026-03-04", handlerId: "h1" }]);
    const missed = acknowledged.step.deadlines.find((d) => d.key === "rung1.respond")!.event;
    const { step, log } = walk([{ type: "ACKNOWLEDGE", at: "2026-03-04", handlerId: "h1" }, missed, { type: "RESPOND", at: "2026-04-01", outcome: outcome("upheld") }]);
    expect(step.view.breaches.map((b) => b.key)).toEqual(["rung1.respond"]);
    expect(deriveCaseFacts(step.view, log, "2026-03-02")).toMatchObject({ breaches1: 1, breaches2: 0, upheld1: true });
    const windowClosed = { ...step.view, breaches: [...step.view.breaches, { key: "rung1.escalationWindow", on: "2026-05-01" }, { key: "remedy.R1", on: "2026-05-01" }] };
    expect(deriveCaseFacts(windowClosed, log, "2026-03-02")).toMatchObject({ breaches1: 1 });
  });

  it("puts ages into the published bands", () => {
    expect([ageBand("2022-05-01", "2026-04-30"), ageBand("2021-05-01", "2026-05-01"), ageBand("2015-01-01", "2026-01-01"), ageBand("2010-06-01", "2026-06-01")]).toEqual([
      "0-4",
      "5-10",
      "11-15",
      "16-25",
    ]);
  });
});
