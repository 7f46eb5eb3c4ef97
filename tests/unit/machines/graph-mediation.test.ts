import { getSimplePaths } from "@xstate/graph";
import { describe, expect, it } from "vitest";
import { createActor, type SnapshotFrom } from "xstate";
import { DEFAULT_POLICY, type MediationEvent } from "../../../machines";
import { mediationDeadlines, mediationMachine, type MediationInput } from "../../../machines/mediation.machine";
import { dottedPath } from "../../../machines/view";

/**
 * Model-based test: every simple path through the mediation machine, over a
 * sample of events, replayed on a real actor and checked against the model.
 */
type Snapshot = SnapshotFrom<typeof mediationMachine>;

/** Counted when the sample set was last changed; a different count means the machine's shape changed. */
const MEDIATION_SIMPLE_PATHS = 712;

const input: MediationInput = {
  caseRef: "RD-G",
  rung: 2,
  at: "2026-01-07",
  requestedBy: "handler",
  issueIds: ["S1", "S2"],
  respondents: ["local-service"],
  timings: DEFAULT_POLICY.mediation,
  warningPercents: DEFAULT_POLICY.warningPercents,
};

const outcome = (agreedIssueIds: string[]): MediationEvent => ({
  type: "RECORD_MEDIATION_OUTCOME",
  at: "2026-01-20",
  agreedIssueIds,
  actions: agreedIssueIds.length ? [{ kind: "action", description: "Agreed action", dueOn: "2026-02-20" }] : [],
});

const SAMPLE: MediationEvent[] = [
  { type: "SEND_MEDIATION_INFORMATION", at: "2026-01-08" },
  { type: "ACCEPT_MEDIATION", at: "2026-01-09" },
  { type: "DECLINE_MEDIATION", at: "2026-01-09", reason: "Prefers a decision" },
  { type: "ASSIGN_MEDIATOR", at: "2026-01-12", mediatorId: "mediator-1" },
  { type: "SCHEDULE_SESSION", at: "2026-01-12", sessionOn: "2026-01-20" },
  { type: "SCHEDULE_SESSION", at: "2026-01-12", sessionOn: "2026-03-01" },
  { type: "SCHEDULE_SESSION", at: "2026-01-12", sessionOn: "2026-03-02", laterDateAgreed: true },
  { type: "RECORD_SESSION_HELD", at: "2026-01-20", heldOn: "2026-01-20" },
  outcome(["S1", "S2"]),
  outcome(["S1"]),
  outcome([]),
  { type: "ISSUE_CERTIFICATE", at: "2026-01-21" },
];

/** The sweeper's view: every open deadline or warning can fire. */
const events = (snapshot: Snapshot): MediationEvent[] => [...SAMPLE, ...mediationDeadlines(snapshot.context).map((spec) => spec.event)];

/** Control state and what guards and output depend on; warnings sent are deliberately left out. */
const serializeState = (snapshot: Snapshot) =>
  JSON.stringify({
    value: snapshot.value,
    result: snapshot.context.result,
    // the days scheduled (not how often): RECORD_SESSION_HELD's guard asks whether its day is one of them
    sessions: [...new Set(snapshot.context.sessions)].sort(),
    held: (snapshot.context.held ?? []).length > 0,
    breaches: snapshot.context.breaches.map(({ key }) => key).sort(),
  });

const paths = getSimplePaths(mediationMachine, { input, events, serializeState });

function replay(steps: ReadonlyArray<{ event: MediationEvent }>) {
  const actor = createActor(mediationMachine, { input }).start();
  for (const { event } of steps) {
    if (event.type === ("xstate.init" as string)) continue;
    actor.send(event);
    const snapshot = actor.getSnapshot();
    const open = mediationDeadlines(snapshot.context).filter(({ kind }) => kind === "deadline");
    expect(open.length, "one thing is owed at a time").toBeLessThanOrEqual(1);
    if (snapshot.matches("awaitingCertificate")) {
      expect(Object.keys(snapshot.context.clocks)).toEqual(["mediation.certificate"]);
    }
  }
  return actor.getSnapshot();
}

describe("mediation machine: all simple paths", () => {
  it("has the documented number of simple paths", () => {
    expect(paths.length).toBe(MEDIATION_SIMPLE_PATHS);
  });

  it("reaches every state of the machine", () => {
    const reached = new Set(paths.map((path) => dottedPath(path.state.value)));
    expect([...reached].sort()).toEqual([
      "arranging.awaitingMediator",
      "arranging.awaitingSession",
      "arranging.sessionHeld",
      "arranging.sessionScheduled",
      "awaitingCertificate",
      "awaitingDecision",
      "awaitingInformation",
      "concluded",
    ]);
  });

  it("replays every path on a live actor to the state the model predicts", () => {
    for (const path of paths) {
      const snapshot = replay(path.steps);
      expect(serializeState(snapshot)).toBe(serializeState(path.state));
      if (snapshot.status === "done") {
        const { output, context } = snapshot;
        expect(output?.result).toBe(context.result ?? "declined");
        // declined: the decline is the certificate; a certificate not issued in time is deemed on the day it was missed
        const expected = output?.result === "declined" ? snapshot.context.certificateOn : output?.certificateDeemed ? output.certificateOn : "2026-01-21";
        expect(output?.certificateOn).toBe(expected);
        if (output?.result === "declined")
          expect(["2026-01-09", ...(snapshot.context.breaches.length ? [snapshot.context.breaches.at(-1)!.on] : [])]).toContain(output.certificateOn);
        expect(output?.agreedIssueIds.length === 0).toBe(output?.result === "declined" || output?.result === "not-agreed");
      }
    }
  });
});
