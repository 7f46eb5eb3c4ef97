import { describe, expect, it } from "vitest";
import { createActor } from "xstate";
import { transitionCase, CASE_MACHINE_ID, CASE_MACHINE_VERSION, migrateSnapshot, SnapshotVersionError, startCase, type CaseEvent, type PersistedCase } from "../../../machines";
import { toCaseFile } from "../../../machines/case-input";
import { caseMachine } from "../../../machines/case.machine";
import { caseView } from "../../../machines/view";
import { caseInput, outcome, substanceInput } from "./support";

const journey: CaseEvent[] = [
  { type: "ACKNOWLEDGE", at: "2026-01-06", handlerId: "setting-1" },
  { type: "PAUSE", at: "2026-01-07", reason: "Waiting for evidence", waitingOn: "family" },
  { type: "RESUME", at: "2026-01-09" },
  { type: "OFFER_MEDIATION", at: "2026-01-12", requestedBy: "family" },
  { type: "SEND_MEDIATION_INFORMATION", at: "2026-01-13" },
  { type: "ACCEPT_MEDIATION", at: "2026-01-14" },
  { type: "ASSIGN_MEDIATOR", at: "2026-01-14", mediatorId: "med-1" },
  { type: "DEADLINE_WARNING", key: "mediation.session.warn50", at: "2026-01-30" },
  { type: "SCHEDULE_SESSION", at: "2026-01-30", sessionOn: "2026-02-06" },
  { type: "RECORD_SESSION_HELD", at: "2026-02-06", heldOn: "2026-02-06" },
  { type: "RECORD_MEDIATION_OUTCOME", at: "2026-02-06", agreedIssueIds: ["S2"], actions: [{ kind: "apology", description: "Apology" }] },
  { type: "ISSUE_CERTIFICATE", at: "2026-02-09" },
  { type: "RESPOND", at: "2026-02-10", outcome: outcome({ S1: "partly-upheld" }) },
  { type: "ESCALATE", at: "2026-02-11" },
  { type: "ACKNOWLEDGE", at: "2026-02-12", handlerId: "la-1" },
  { type: "RESPOND", at: "2026-03-02", outcome: outcome({ S1: "upheld" }, [{ kind: "payment", description: "Time and trouble", amountPence: 15000 }]) },
  { type: "ACCEPT_OUTCOME", at: "2026-03-03" },
  { type: "REMEDY_DONE", at: "2026-03-04", remedyId: "R1" },
];

const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * One live actor, never persisted. It is sent what the API sent: the deadlines the API caught up
 * on before each event, then the event.
 */
function uninterrupted(events: CaseEvent[]) {
  const actor = createActor(caseMachine, { input: toCaseFile(substanceInput()) }).start();
  let persisted = startCase(substanceInput()).persisted;
  for (const event of events) {
    const step = transitionCase(persisted, event);
    persisted = step.persisted;
    for (const due of step.caughtUp ?? []) actor.send(due);
    actor.send(event);
  }
  return actor;
}

describe("JSON round-trip persistence", () => {
  it("restoring from JSON at every step ends exactly where an uninterrupted run ends", () => {
    let persisted = roundTrip(startCase(substanceInput()).persisted);
    for (const event of journey) persisted = roundTrip(transitionCase(persisted, event).persisted);
    const live = uninterrupted(journey);
    expect(roundTrip(persisted.snapshot)).toEqual(roundTrip(live.getPersistedSnapshot()));
    expect(caseView(live.getSnapshot())).toMatchObject({ status: "monitoring-compliance" });
  });

  it.each(journey.map((_, index) => index + 1))("matches after %i events, mid-mediation included", (count) => {
    const events = journey.slice(0, count);
    let persisted = roundTrip(startCase(substanceInput()).persisted);
    let view;
    for (const event of events) ({ persisted, view } = transitionCase(roundTrip(persisted), event));
    expect(roundTrip(persisted.snapshot)).toEqual(roundTrip(uninterrupted(events).getPersistedSnapshot()));
    expect(view!.lastEventOn).toBe(events.filter((e) => !e.type.startsWith("DEADLINE_")).at(-1)?.at);
    expect(view).toEqual(caseView(uninterrupted(events).getSnapshot()));
  });

  it("persists the invoked mediation actor inside the case snapshot", () => {
    let persisted = startCase(substanceInput()).persisted;
    for (const event of journey.slice(0, 6)) persisted = roundTrip(transitionCase(persisted, event).persisted);
    const snapshot = persisted.snapshot as { value: unknown; children: Record<string, { src: string; snapshot: { value: unknown; context: { offeredOn: string } } }> };
    expect(snapshot.value).toBe("mediation");
    expect(snapshot.children.mediation).toMatchObject({ src: "mediation", snapshot: { value: { arranging: "awaitingMediator" }, context: { offeredOn: "2026-01-12" } } });
  });

  it("persists where to return on the ladder after mediation (deep history)", () => {
    let persisted = startCase(substanceInput()).persisted;
    for (const event of journey.slice(0, 4)) persisted = roundTrip(transitionCase(persisted, event).persisted);
    expect((persisted.snapshot as { historyValue: unknown }).historyValue).toEqual({
      "redress-case.ladder.history": [{ id: "redress-case.ladder.setting.considering.active" }],
    });
  });
});

describe("snapshot versions", () => {
  const stored = (): PersistedCase => roundTrip(startCase(caseInput()).persisted);

  it("stamps every snapshot with the machine id and version", () => {
    expect(stored()).toMatchObject({ machineId: CASE_MACHINE_ID, machineVersion: CASE_MACHINE_VERSION });
  });

  it.each([
    ["an unknown future version", { machineVersion: CASE_MACHINE_VERSION + 1 }, /unknown redress-case version/],
    ["version 0", { machineVersion: 0 }, /unknown redress-case version 0/],
    ["a fractional version", { machineVersion: 1.5 }, /unknown redress-case version 1.5/],
    ["another machine", { machineId: "other" }, /belongs to machine other/],
  ])("refuses %s", (_, change, message) => {
    const persisted = { ...stored(), ...change };
    expect(() => migrateSnapshot(persisted)).toThrow(SnapshotVersionError);
    expect(() => migrateSnapshot(persisted)).toThrow(message);
    expect(() => transitionCase(persisted, { type: "ACKNOWLEDGE", at: "2026-01-06", handlerId: "h" })).toThrow(SnapshotVersionError);
  });

  it("passes the current version through unchanged", () => {
    const persisted = stored();
    expect(migrateSnapshot(persisted)).toEqual(persisted);
  });

  it("runs each migration step in order up to the target version, or refuses a gap", () => {
    const v1 = { machineId: CASE_MACHINE_ID, machineVersion: 1, snapshot: { steps: [] as number[] } };
    const step = (n: number) => (snapshot: unknown) => ({ steps: [...(snapshot as { steps: number[] }).steps, n] });
    expect(migrateSnapshot(v1, { 1: step(1), 2: step(2) }, 3)).toEqual({ machineId: CASE_MACHINE_ID, machineVersion: 3, snapshot: { steps: [1, 2] } });
    expect(() => migrateSnapshot(v1, { 1: step(1) }, 3)).toThrow(/no migration from redress-case version 2 to 3/);
  });
});
