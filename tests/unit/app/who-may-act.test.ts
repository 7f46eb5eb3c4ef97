import { describe, expect, it } from "vitest";
import { CASE_EVENT_TYPES, DEADLINE_EVENT_TYPES, type CaseEventType, type Party } from "../../../machines";
import { actionsFor } from "../../../app/utils/case-actions";

// Who may send which event, by capacity, rung and health involvement: machines' SENDERS, asked
// through the app's actionsFor. The machine's "allowed" list is given as every event, so these
// tests read the who-may-act table alone.

const PARTIES: Party[] = ["family", "setting", "local-service", "health-partner", "mediator", "national-body"];
const ALL = CASE_EVENT_TYPES as readonly string[];
type Ctx = { rung: 1 | 2 | 3; healthInvolved: boolean; pausedForFamily?: boolean };

/** The parts of a case's view who-may-act reads: its rung, health involvement and whether a pause waits on the family. */
const viewOf = ({ rung, healthInvolved, pausedForFamily }: Ctx) => ({
  rung,
  healthInvolved,
  pausedClocks: pausedForFamily
    ? [{ key: `rung${rung}.respond`, label: "The response", pausedSince: "2026-11-02", waitingOn: "family" as const, reason: "Waiting for the report" }]
    : [],
});
const offeredTo = (party: Party, ctx: Ctx): readonly string[] => actionsFor([party], ALL, viewOf(ctx));
const mayAct = (party: Party, type: CaseEventType, ctx: Ctx) => offeredTo(party, ctx).includes(type);
const whoMay = (type: CaseEventType, ctx: Ctx) => PARTIES.filter((party) => mayAct(party, type, ctx));

const contexts: Ctx[] = [1, 2, 3].flatMap((rung) =>
  [true, false].flatMap((healthInvolved) => [true, false].map((pausedForFamily) => ({ rung: rung as 1 | 2 | 3, healthInvolved, pausedForFamily }))),
);

describe("who may act", () => {
  it("never offers a deadline event to a person: only the sweeper sends them", () => {
    for (const ctx of contexts) for (const party of PARTIES) for (const type of DEADLINE_EVENT_TYPES) expect(mayAct(party, type, ctx)).toBe(false);
  });

  it("offers every other event to someone in some case", () => {
    const offered = new Set(contexts.flatMap((ctx) => PARTIES.flatMap((party) => offeredTo(party, ctx))));
    const unoffered = CASE_EVENT_TYPES.filter((type) => !offered.has(type) && !(DEADLINE_EVENT_TYPES as readonly string[]).includes(type));
    expect(unoffered).toEqual([]);
  });

  it("offers only what the machine allows now", () => {
    expect(actionsFor(["setting"], ["ACKNOWLEDGE", "DEADLINE_MISSED", "NOT_AN_EVENT"], viewOf({ rung: 1, healthInvolved: false }))).toEqual(["ACKNOWLEDGE"]);
    expect(actionsFor(["setting"], [], viewOf({ rung: 1, healthInvolved: false }))).toEqual([]);
  });

  it.each([
    [1, false, ["setting"]],
    [1, true, ["setting", "health-partner"]],
    [2, false, ["local-service"]],
    [2, true, ["local-service", "health-partner"]],
    [3, true, ["national-body"]],
  ] as const)("at rung %i (health involved: %s) the concern is acknowledged by %j", (rung, healthInvolved, expected) => {
    expect(whoMay("ACKNOWLEDGE", { rung, healthInvolved })).toEqual(expected);
  });

  it("lets the lead respondent send the response and a health partner only add its part", () => {
    for (const rung of [1, 2] as const) {
      const ctx = { rung, healthInvolved: true };
      expect(whoMay("RESPOND", ctx)).toEqual([rung === 1 ? "setting" : "local-service"]);
      expect(whoMay("CONTRIBUTE_TO_RESPONSE", ctx)).toEqual(["health-partner"]);
      expect(whoMay("CONTRIBUTE_TO_RESPONSE", { rung, healthInvolved: false })).toEqual([]);
    }
    expect(whoMay("CONTRIBUTE_TO_RESPONSE", { rung: 3, healthInvolved: true })).toEqual([]);
  });

  it("keeps the family's choices the family's", () => {
    for (const type of ["ESCALATE", "ACCEPT_OUTCOME", "WITHDRAW", "ACCEPT_MEDIATION", "DECLINE_MEDIATION", "TAKE_REMEDY_FURTHER"] as const) {
      for (const ctx of contexts) expect(whoMay(type, ctx)).toEqual(["family"]);
    }
  });

  it("lets the family restart the clock only when the pause waits on them", () => {
    expect(whoMay("RESUME", { rung: 1, healthInvolved: false, pausedForFamily: true })).toEqual(["family", "setting"]);
    expect(whoMay("RESUME", { rung: 1, healthInvolved: false, pausedForFamily: false })).toEqual(["setting"]);
  });

  it("lets only the mediator run the sessions", () => {
    for (const type of ["SCHEDULE_SESSION", "RECORD_SESSION_HELD", "RECORD_MEDIATION_OUTCOME"] as const) {
      for (const ctx of contexts) expect(whoMay(type, ctx)).toEqual(["mediator"]);
    }
  });

  it("asks for comments on a draft decision from the family and every body it is about, not the body deciding", () => {
    expect(whoMay("SUBMIT_COMMENTS", { rung: 3, healthInvolved: true })).toEqual(["family", "setting", "local-service", "health-partner"]);
    expect(whoMay("SUBMIT_COMMENTS", { rung: 3, healthInvolved: false })).toEqual(["family", "setting", "local-service"]);
  });

  it("leaves national decisions to the national body", () => {
    for (const type of ["ACCEPT_FOR_INVESTIGATION", "REJECT_OUT_OF_JURISDICTION", "REJECT_OUT_OF_TIME", "ISSUE_DRAFT_DECISION", "ISSUE_FINAL_DECISION"] as const) {
      expect(whoMay(type, { rung: 3, healthInvolved: true })).toEqual(["national-body"]);
    }
  });
});
