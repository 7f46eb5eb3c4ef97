import { describe, expect, it } from "vitest";
import { createActor } from "xstate";
import { addCalendarDays, addWorkingDays, allowedEvents, DEFAULT_POLICY, type CaseEvent, type MediationEvent, type NotificationSpec, type RemedyInput } from "../../../machines";
import { mediationDeadlines, mediationMachine, type MediationInput } from "../../../machines/mediation.machine";
import { acknowledged, CaseDriver, outcome, respondedAtSetting, substanceInput } from "./support";

/** What moves the case: messages, notes and evidence are open in every state but closed (tested in ladder.test.ts) and left out here. */
const TIMELINE = new Set(["ADD_EVIDENCE", "ADD_INTERNAL_NOTE", "SEND_MESSAGE"]);
const caseSteps = (types: string[]) => types.filter((type) => !TIMELINE.has(type));

const input: MediationInput = {
  caseRef: "RD-M",
  rung: 1,
  at: "2026-01-07",
  requestedBy: "family",
  issueIds: ["S1", "S2"],
  respondents: ["setting", "health-partner"],
  timings: DEFAULT_POLICY.mediation,
  warningPercents: DEFAULT_POLICY.warningPercents,
};

function mediation() {
  const actor = createActor(mediationMachine, { input });
  const notifications: NotificationSpec[] = [];
  actor.on("notification", ({ notification }) => notifications.push(notification));
  actor.start();
  const send = (event: MediationEvent) => {
    notifications.length = 0;
    actor.send(event);
    return actor.getSnapshot();
  };
  const deadlines = () => mediationDeadlines(actor.getSnapshot().context).filter((d) => d.kind === "deadline");
  return { actor, notifications, send, deadlines };
}

function arranged() {
  const m = mediation();
  m.send({ type: "SEND_MEDIATION_INFORMATION", at: "2026-01-08" });
  m.send({ type: "ACCEPT_MEDIATION", at: "2026-01-09" });
  m.send({ type: "ASSIGN_MEDIATOR", at: "2026-01-12", mediatorId: "mediator-1" });
  m.send({ type: "SCHEDULE_SESSION", at: "2026-01-12", sessionOn: "2026-01-20" });
  m.send({ type: "RECORD_SESSION_HELD", at: "2026-01-20", heldOn: "2026-01-20" });
  return m;
}

describe("mediation machine", () => {
  it("owes the family information within 3 working days of the offer", () => {
    const m = mediation();
    expect(m.actor.getSnapshot().value).toBe("awaitingInformation");
    expect(m.deadlines()).toMatchObject([{ key: "mediation.information", dueOn: addWorkingDays("2026-01-07", 3), startedBy: "OFFER_MEDIATION" }]);
    m.send({ type: "SEND_MEDIATION_INFORMATION", at: "2026-01-08" });
    expect(m.deadlines()).toEqual([]);
    expect(m.notifications.map((n) => n.kind)).toEqual(["mediation-information-sent"]);
  });

  it("ends at once when the family declines: the decline is the certificate", () => {
    const m = mediation();
    m.send({ type: "SEND_MEDIATION_INFORMATION", at: "2026-01-08" });
    const done = m.send({ type: "DECLINE_MEDIATION", at: "2026-01-09", reason: "We want a decision" });
    expect(done.status).toBe("done");
    expect(m.deadlines()).toEqual([]);
    expect(done.output).toMatchObject({ result: "declined", certificateOn: "2026-01-09", agreedIssueIds: [], declineReason: "We want a decision" });
    expect(m.notifications).toMatchObject([{ kind: "mediation-declined", to: ["family", "setting", "health-partner"] }]);
  });

  it("owes the information to the body arranging it, never to a mediator not yet assigned", () => {
    const m = mediation();
    expect(m.deadlines()[0]?.key).toBe("mediation.information");
    const warning = mediationDeadlines(m.actor.getSnapshot().context).find((d) => d.kind === "warning")!;
    m.send(warning.event);
    expect(m.notifications).toMatchObject([{ kind: "deadline-warning", to: ["setting", "health-partner"] }]);
  });

  it("tells the mediator when assigned, and lets a session after the window go ahead only when both sides agree", () => {
    const m = mediation();
    m.send({ type: "SEND_MEDIATION_INFORMATION", at: "2026-01-08" });
    m.send({ type: "ACCEPT_MEDIATION", at: "2026-01-09" });
    m.send({ type: "ASSIGN_MEDIATOR", at: "2026-01-12", mediatorId: "mediator-1" });
    expect(m.notifications).toMatchObject([{ kind: "mediator-assigned", to: expect.arrayContaining(["mediator", "family"]) }]);
    expect(m.send({ type: "SCHEDULE_SESSION", at: "2026-01-12", sessionOn: "2026-03-02" }).value).toEqual({ arranging: "awaitingSession" });
    expect(m.send({ type: "SCHEDULE_SESSION", at: "2026-01-12", sessionOn: "2026-03-02", laterDateAgreed: true }).value).toEqual({ arranging: "sessionScheduled" });
  });

  it("stops the session clock when the session is held, however long the write-up takes", () => {
    const m = mediation();
    m.send({ type: "SEND_MEDIATION_INFORMATION", at: "2026-01-08" });
    m.send({ type: "ACCEPT_MEDIATION", at: "2026-01-09" });
    m.send({ type: "ASSIGN_MEDIATOR", at: "2026-01-12", mediatorId: "mediator-1" });
    m.send({ type: "SCHEDULE_SESSION", at: "2026-01-12", sessionOn: "2026-02-06" });
    // logged the day after it was held: allowed; a day it was not scheduled for, or a future day: refused
    expect(m.actor.getSnapshot().can({ type: "RECORD_SESSION_HELD", at: "2026-02-07", heldOn: "2026-02-05" })).toBe(false);
    expect(m.actor.getSnapshot().can({ type: "RECORD_SESSION_HELD", at: "2026-02-05", heldOn: "2026-02-06" })).toBe(false);
    expect(m.send({ type: "RECORD_SESSION_HELD", at: "2026-02-07", heldOn: "2026-02-06" }).value).toEqual({ arranging: "sessionHeld" });
    expect(m.deadlines()).toEqual([]);
    expect(m.actor.getSnapshot().context.breaches).toEqual([]);
    expect(m.send({ type: "RECORD_MEDIATION_OUTCOME", at: "2026-02-20", agreedIssueIds: ["S1"], actions: [] }).value).toBe("awaitingCertificate");
  });

  it("ends by itself when the certificate is not issued in time: the breach is recorded, the family is not held", () => {
    const m = arranged();
    m.send({ type: "RECORD_MEDIATION_OUTCOME", at: "2026-01-20", agreedIssueIds: [], actions: [] });
    const missed = m.deadlines()[0]!;
    const done = m.send(missed.event);
    expect(done.status).toBe("done");
    expect(done.output).toMatchObject({ result: "not-agreed", certificateDeemed: true, breaches: [{ key: "mediation.certificate" }] });
  });

  it("holds the session within 30 calendar days of acceptance", () => {
    const m = mediation();
    m.send({ type: "SEND_MEDIATION_INFORMATION", at: "2026-01-08" });
    m.send({ type: "ACCEPT_MEDIATION", at: "2026-01-09" });
    expect(m.deadlines()).toMatchObject([{ key: "mediation.session", dueOn: addCalendarDays("2026-01-09", 30), calendar: "calendar-days", calendarDays: 30 }]);
    m.send({ type: "ASSIGN_MEDIATOR", at: "2026-01-12", mediatorId: "mediator-1" });
    expect(m.send({ type: "SCHEDULE_SESSION", at: "2026-01-12", sessionOn: "2026-02-09" }).value).toEqual({ arranging: "awaitingSession" });
    expect(m.send({ type: "SCHEDULE_SESSION", at: "2026-01-12", sessionOn: "2026-01-11" }).value).toEqual({ arranging: "awaitingSession" });
    expect(m.send({ type: "SCHEDULE_SESSION", at: "2026-01-12", sessionOn: "2026-02-08" }).value).toEqual({ arranging: "sessionScheduled" });
    expect(m.send({ type: "SCHEDULE_SESSION", at: "2026-01-13", sessionOn: "2026-01-30" }).context.sessions).toEqual(["2026-02-08", "2026-01-30"]);
  });

  it("cannot schedule a session before a mediator is assigned", () => {
    const m = mediation();
    m.send({ type: "SEND_MEDIATION_INFORMATION", at: "2026-01-08" });
    m.send({ type: "ACCEPT_MEDIATION", at: "2026-01-09" });
    expect(m.actor.getSnapshot().can({ type: "SCHEDULE_SESSION", at: "2026-01-12", sessionOn: "2026-01-20" })).toBe(false);
  });

  it.each([
    [["S1", "S2"], "agreed"],
    [["S2"], "partly-agreed"],
    [[], "not-agreed"],
  ] as const)("records %j as %s, then owes a certificate within 3 working days", (agreedIssueIds, result) => {
    const m = arranged();
    m.send({ type: "RECORD_MEDIATION_OUTCOME", at: "2026-01-20", agreedIssueIds: [...agreedIssueIds], actions: [] });
    expect(m.actor.getSnapshot().context.result).toBe(result);
    expect(m.deadlines()).toMatchObject([{ key: "mediation.certificate", dueOn: "2026-01-23" }]);
    expect(m.send({ type: "ISSUE_CERTIFICATE", at: "2026-01-22" }).output).toMatchObject({ result, agreedIssueIds, sessions: ["2026-01-20"] });
  });

  it("records no outcome before a session is recorded as held", () => {
    const m = mediation();
    m.send({ type: "SEND_MEDIATION_INFORMATION", at: "2026-01-08" });
    m.send({ type: "ACCEPT_MEDIATION", at: "2026-01-09" });
    m.send({ type: "ASSIGN_MEDIATOR", at: "2026-01-12", mediatorId: "mediator-1" });
    m.send({ type: "SCHEDULE_SESSION", at: "2026-01-12", sessionOn: "2026-01-20" });
    expect(m.actor.getSnapshot().can({ type: "RECORD_MEDIATION_OUTCOME", at: "2026-01-20", agreedIssueIds: [], actions: [] })).toBe(false);
  });

  it("refuses an inconsistent outcome", () => {
    const m = arranged();
    const can = (event: Partial<Extract<MediationEvent, { type: "RECORD_MEDIATION_OUTCOME" }>>) =>
      m.actor.getSnapshot().can({ type: "RECORD_MEDIATION_OUTCOME", at: "2026-01-20", agreedIssueIds: [], actions: [], ...event });
    expect(can({ agreedIssueIds: ["S9"] })).toBe(false);
    expect(can({ agreedIssueIds: ["S1", "S1"] })).toBe(false);
    expect(can({ actions: [{ kind: "apology", description: "a" }] })).toBe(false); // actions without agreement
    expect(can({ agreedIssueIds: ["S1"], actions: [{ kind: "action", description: "a", dueOn: "2026-01-19" }] })).toBe(false);
    expect(can({ agreedIssueIds: ["S1"], actions: [{ kind: "action", description: "a", dueOn: "2026-02-19" }] })).toBe(true);
  });

  it("reports a breach when the session window passes, and carries on", () => {
    const m = mediation();
    m.send({ type: "SEND_MEDIATION_INFORMATION", at: "2026-01-08" });
    m.send({ type: "ACCEPT_MEDIATION", at: "2026-01-09" });
    const missed = m.deadlines()[0]!;
    m.send(missed.event);
    expect(m.notifications).toEqual([{ kind: "breach", to: ["family", "mediator", "setting", "health-partner"], data: expect.objectContaining({ key: "mediation.session" }) }]);
    expect(m.deadlines()).toEqual([]);
    expect(m.actor.getSnapshot().context.breaches).toEqual([{ key: "mediation.session", on: "2026-02-09" }]);
    expect(m.send({ type: "DECLINE_MEDIATION", at: "2026-02-10" }).value).toBe("concluded");
  });
});

/** A whole mediation inside a case: offered, arranged the next days, held on sessionOn, certified on certificateOn. */
function mediated(plan: { offeredOn: string; sessionOn: string; certificateOn: string; agreedIssueIds?: string[]; actions?: RemedyInput[] }): CaseEvent[] {
  const arrangedOn = addWorkingDays(plan.offeredOn, 1);
  return [
    { type: "OFFER_MEDIATION", at: plan.offeredOn, requestedBy: "family" },
    { type: "SEND_MEDIATION_INFORMATION", at: plan.offeredOn },
    { type: "ACCEPT_MEDIATION", at: arrangedOn },
    { type: "ASSIGN_MEDIATOR", at: arrangedOn, mediatorId: "med-1" },
    { type: "SCHEDULE_SESSION", at: arrangedOn, sessionOn: plan.sessionOn },
    { type: "RECORD_SESSION_HELD", at: plan.sessionOn, heldOn: plan.sessionOn },
    { type: "RECORD_MEDIATION_OUTCOME", at: plan.sessionOn, agreedIssueIds: plan.agreedIssueIds ?? [], actions: plan.actions ?? [] },
    { type: "ISSUE_CERTIFICATE", at: plan.certificateOn },
  ];
}

describe("mediation inside a case", () => {
  it("is offered only once the concern is acknowledged", () => {
    const fresh = new CaseDriver(substanceInput());
    expect(allowedEvents(fresh.persisted)).not.toContain("OFFER_MEDIATION");
    fresh.refuse({ type: "OFFER_MEDIATION", at: "2026-01-06", requestedBy: "family" }, /not possible now/);
    expect(allowedEvents(acknowledged(substanceInput()).persisted)).toContain("OFFER_MEDIATION");
    expect(allowedEvents(respondedAtSetting(substanceInput()).persisted)).toContain("OFFER_MEDIATION");
  });

  it("stops no respondent's clock on an offer: a declined offer returns to the ladder at once with the date unchanged", () => {
    const driver = acknowledged(substanceInput());
    const dueBefore = driver.deadline("rung1.respond")?.dueOn;
    const offered = driver.send({ type: "OFFER_MEDIATION", at: "2026-01-08", requestedBy: "handler" });
    expect(offered.to).toBe("mediation.awaitingInformation");
    expect(offered.view).toMatchObject({ status: "in-mediation", rung: 1, mediation: { status: "in-progress", requestedBy: "handler" } });
    expect(driver.deadline("rung1.respond")?.dueOn).toBe(dueBefore);
    driver.send({ type: "SEND_MEDIATION_INFORMATION", at: "2026-01-09" });
    const back = driver.send({ type: "DECLINE_MEDIATION", at: "2026-01-12" });
    expect(back.to).toBe("ladder.setting.considering.active");
    expect(driver.deadline("rung1.respond")?.dueOn).toBe(dueBefore);
    expect(back.notifications.map((n) => n.kind)).toEqual(["mediation-declined", "returned-to-ladder"]);
    expect(back.view.mediation).toMatchObject({ status: "concluded", result: "declined", certificateOn: "2026-01-12" });
  });

  it("pauses every clock once mediation is accepted, and moves the due date on afterwards", () => {
    const driver = acknowledged(substanceInput());
    driver.sendAll([
      { type: "OFFER_MEDIATION", at: "2026-01-08", requestedBy: "handler" },
      { type: "SEND_MEDIATION_INFORMATION", at: "2026-01-08" },
    ]);
    const accepted = driver.send({ type: "ACCEPT_MEDIATION", at: "2026-01-09" });
    expect(accepted.deadlines.map((d) => d.key)).not.toContain("rung1.respond");
    expect(accepted.view.pausedClocks).toMatchObject([{ key: "rung1.respond", waitingOn: "mediation" }]);
    const back = driver.send({ type: "DECLINE_MEDIATION", at: "2026-01-14" });
    expect(back.to).toBe("ladder.setting.considering.active");
    // paused 9th → 14th: three working days (12, 13, 14)
    expect(driver.deadline("rung1.respond")?.dueOn).toBe(addWorkingDays("2026-01-20", 3));
  });

  it("caps a respondent's offers at one per rung; the family may still ask", () => {
    const driver = acknowledged(substanceInput());
    driver.sendAll([
      { type: "OFFER_MEDIATION", at: "2026-01-08", requestedBy: "handler" },
      { type: "DECLINE_MEDIATION", at: "2026-01-08" },
    ]);
    driver.refuse({ type: "OFFER_MEDIATION", at: "2026-01-09", requestedBy: "handler" }, /already offered mediation 1 time/);
    expect(driver.send({ type: "OFFER_MEDIATION", at: "2026-01-09", requestedBy: "family" }).to).toBe("mediation.awaitingInformation");
  });

  it("leaves a clock paused for the family paused when mediation ends", () => {
    const driver = acknowledged(substanceInput());
    driver.sendAll([
      { type: "PAUSE", at: "2026-01-07", reason: "Waiting for evidence", waitingOn: "family" },
      { type: "OFFER_MEDIATION", at: "2026-01-08", requestedBy: "family" },
      { type: "DECLINE_MEDIATION", at: "2026-01-09" },
    ]);
    expect(driver.view.stateValue).toBe("ladder.setting.considering.paused");
    expect(driver.view.pausedClocks).toMatchObject([{ key: "rung1.respond", waitingOn: "family", pausedSince: "2026-01-07" }]);
  });

  it("keeps the family's escalation window open while mediating after a response", () => {
    const driver = respondedAtSetting(substanceInput());
    driver.sendAll(mediated({ offeredOn: "2026-02-02", sessionOn: "2026-02-20", certificateOn: "2026-02-23" }));
    expect(driver.view.stateValue).toBe("ladder.setting.responded");
    // window was due 2026-02-12; paused 2nd → 23rd: 15 working days
    expect(driver.deadline("rung1.escalationWindow")?.dueOn).toBe(addWorkingDays("2026-02-12", 15));
    expect(driver.send({ type: "ESCALATE", at: "2026-02-24" }).view.rung).toBe(2);
  });

  it("closes the matters a partial agreement covers and returns the rest to the ladder", () => {
    const driver = acknowledged(substanceInput());
    driver.sendAll(
      mediated({
        offeredOn: "2026-01-07",
        sessionOn: "2026-01-15",
        certificateOn: "2026-01-16",
        agreedIssueIds: ["S2"],
        actions: [{ kind: "action", description: "Write a transition plan", dueOn: "2026-02-13" }],
      }),
    );
    expect(driver.view.stateValue).toBe("ladder.setting.considering.active");
    expect(driver.view.issues.map(({ id, finding, settledByAgreement }) => [id, finding, settledByAgreement])).toEqual([
      ["S1", undefined, false],
      ["S2", "resolved-by-agreement", true],
    ]);
    expect(driver.view.remedies).toMatchObject([{ id: "R1", via: "mediation", rung: 1, dueOn: "2026-02-13", issuedOn: "2026-01-15" }]);
    driver.refuse({ type: "RESPOND", at: "2026-01-19", outcome: outcome({ S1: "upheld", S2: "upheld" }) }, /issue S2 is not open/);
    driver.send({ type: "RESPOND", at: "2026-01-19", outcome: outcome({ S1: "upheld" }) });
    expect(driver.view.stateValue).toBe("ladder.setting.responded");
  });

  it("ends the ladder when the agreement covers every open matter; its actions are tracked as remedies", () => {
    const driver = acknowledged(substanceInput());
    driver.sendAll(
      mediated({
        offeredOn: "2026-01-07",
        sessionOn: "2026-01-15",
        certificateOn: "2026-01-16",
        agreedIssueIds: ["S1", "S2"],
        actions: [{ kind: "apology", description: "Apology" }],
      }),
    );
    expect(driver.view).toMatchObject({ status: "monitoring-compliance", conclusion: { reason: "resolved-by-agreement", rung: 1, on: "2026-01-16" } });
    expect(driver.view.outcome).toMatchObject({ stage: "mediation", findings: [{ finding: "resolved-by-agreement" }, { finding: "resolved-by-agreement" }] });
    expect(driver.last.deadlines.filter((d) => d.kind === "deadline").map((d) => d.key)).toEqual(["remedy.R1"]);
    driver.send({ type: "REMEDY_DONE", at: "2026-01-20", remedyId: "R1" });
    expect(driver.view.status).toBe("closed");
  });

  it("explains a refused mediation event with the mediation's own reason", () => {
    const driver = acknowledged(substanceInput());
    driver.send({ type: "OFFER_MEDIATION", at: "2026-01-07", requestedBy: "family" });
    driver.refuse({ type: "ACCEPT_MEDIATION", at: "2026-01-07" }, /ACCEPT_MEDIATION is not possible now \(Mediation offered: the family is owed information/);
    driver.sendAll([
      { type: "SEND_MEDIATION_INFORMATION", at: "2026-01-07" },
      { type: "ACCEPT_MEDIATION", at: "2026-01-08" },
      { type: "ASSIGN_MEDIATOR", at: "2026-01-08", mediatorId: "med-1" },
    ]);
    driver.refuse({ type: "SCHEDULE_SESSION", at: "2026-01-08", sessionOn: "2026-03-01" }, /a session must be between 2026-01-08 and 2026-02-07/);
    expect(caseSteps(allowedEvents(driver.persisted)).sort()).toEqual(["DECLINE_MEDIATION", "SCHEDULE_SESSION", "WITHDRAW"]);
  });

  it("relays mediation deadlines and their breaches through the case", () => {
    const driver = acknowledged(substanceInput());
    const offered = driver.send({ type: "OFFER_MEDIATION", at: "2026-01-07", requestedBy: "family" });
    const information = offered.deadlines.find((d) => d.key === "mediation.information")!;
    const missed = driver.send(information.event);
    expect(missed.from).toBe(missed.to);
    expect(missed.notifications).toMatchObject([{ kind: "breach", data: { key: "mediation.information" } }]);
    const stale = driver.send(information.event);
    expect(stale.notifications).toEqual([]);
  });

  it("can be left by withdrawing the whole concern", () => {
    const driver = acknowledged(substanceInput());
    driver.send({ type: "OFFER_MEDIATION", at: "2026-01-07", requestedBy: "family" });
    const withdrawn = driver.send({ type: "WITHDRAW", at: "2026-01-08" });
    expect(withdrawn).toMatchObject({ from: "mediation.awaitingInformation", to: "closed" });
    expect(withdrawn.view.conclusion).toMatchObject({ reason: "withdrawn", rung: 1 });
    expect(withdrawn.deadlines).toEqual([]);
  });
});
