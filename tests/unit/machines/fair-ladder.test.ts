import { describe, expect, it } from "vitest";
import { addCalendarDays, allowedEvents } from "../../../machines";
import { acknowledged, atLocalService, atNationalAssessment, caseInput, CaseDriver, outcome, substanceInput } from "./support";

// The fair-ladder rules not already covered by the shipped scenarios (machines/scenarios/fair-*)
// and by the ladder, mediation, national and remedies tests. Numbers refer to issue 7.

describe("a late body says something, and the family is told (6, 7)", () => {
  it("raises a long-open alert 6 months after receipt, to the family and the body handling it, and again 6 months later", () => {
    const driver = acknowledged();
    driver.send({ type: "PAUSE", at: "2026-01-07", reason: "Waiting for a report", waitingOn: "third-party" });
    const alert = driver.send({ type: "DEADLINE_MISSED", key: "case.longOpen", at: "2026-07-06" });
    expect(alert.notifications.filter((n) => n.kind === "long-open-alert")).toMatchObject([
      { to: ["family", "setting"], data: { openSince: "2026-01-05", months: 6, nextAlertOn: "2027-01-06" } },
    ]);
    expect(driver.view.longOpenAlerts).toEqual(["2026-07-06"]);
    expect(driver.view.delayNoticesOwed).toContain("case.longOpen@2026-07-06");
    expect(driver.deadline("case.longOpen")?.dueOn).toBe("2027-01-06");
  });

  it("lets the body give a dated delay notice for a missed deadline, which the family is sent; the breach stands", () => {
    const driver = acknowledged();
    driver.send({ type: "DEADLINE_MISSED", key: "rung1.respond", at: "2026-01-21" });
    expect(driver.view.delayNoticesOwed).toEqual(["rung1.respond@2026-01-21"]);
    expect(allowedEvents(driver.persisted)).toContain("GIVE_DELAY_NOTICE");
    driver.refuse({ type: "GIVE_DELAY_NOTICE", at: "2026-01-22", reason: "Staff illness", expectedOn: "2026-01-21" }, /new date must not be before/);
    const notice = driver.send({ type: "GIVE_DELAY_NOTICE", at: "2026-01-22", reason: "Staff illness", expectedOn: "2026-01-30" });
    expect(notice.notifications).toEqual([{ kind: "delay-notice", to: ["family", "setting"], data: { caseRef: "RD-TEST-P", reason: "Staff illness", expectedOn: "2026-01-30" } }]);
    expect(driver.view.delayNotices).toEqual([{ keys: ["rung1.respond@2026-01-21"], on: "2026-01-22", reason: "Staff illness", expectedOn: "2026-01-30", rung: 1 }]);
    expect(driver.view.breaches).toEqual([{ key: "rung1.respond", on: "2026-01-21" }]);
    expect(driver.view.delayNoticesOwed).toEqual([]);
    // The family's right to escalate is untouched by the notice.
    expect(driver.send({ type: "ESCALATE", at: "2026-01-23" }).view.rung).toBe(2);
  });

  it("refuses a delay notice when nothing is late", () => {
    acknowledged().refuse({ type: "GIVE_DELAY_NOTICE", at: "2026-01-07", reason: "x", expectedOn: "2026-01-20" }, /no missed deadline is waiting for a delay notice/);
  });
});

describe("time runs one way (8, 9)", () => {
  it("refuses an event dated before the latest event on the case", () => {
    const driver = new CaseDriver(caseInput({ receivedOn: "2026-01-05" }));
    driver.send({ type: "ACKNOWLEDGE", at: "2026-01-06", handlerId: "senco" });
    driver.send({ type: "RESPOND", at: "2026-01-15", outcome: outcome({ P1: "not-upheld" }) });
    driver.refuse({ type: "ESCALATE", at: "2026-01-14" }, /dated 2026-01-14, before the latest event on this case \(2026-01-15\)/);
    expect(driver.view.lastEventOn).toBe("2026-01-15");
  });

  it("applies a deadline that passed before the event first, whoever gets there first: a late extension cannot erase a breach", () => {
    const driver = acknowledged();
    driver.refuse({ type: "EXTEND", at: "2026-01-22", reason: "late", workingDays: 5 }, /the response deadline has already passed \(2026-01-20\)/);
    const late = driver.send({ type: "ESCALATE", at: "2026-01-22" });
    expect(late.caughtUp?.map((e) => e.key)).toContain("rung1.respond");
    expect(late.view.breaches.map((b) => b.key)).toEqual(["rung1.respond"]);
  });
});

describe("parties (11, 13, 15)", () => {
  it("at the national stage, the bodies complained about are the other side in mediation and owe what is agreed", () => {
    const driver = atNationalAssessment(caseInput({ healthInvolved: true }));
    driver.send({ type: "ACCEPT_FOR_INVESTIGATION", at: "2026-03-02" });
    const offered = driver.send({ type: "OFFER_MEDIATION", at: "2026-03-03", requestedBy: "family" });
    expect(offered.notifications.find((n) => n.kind === "mediation-offered")?.to).toEqual(["family", "national-body", "setting", "local-service", "health-partner"]);
    driver.sendAll([
      { type: "SEND_MEDIATION_INFORMATION", at: "2026-03-03" },
      { type: "ACCEPT_MEDIATION", at: "2026-03-04" },
      { type: "ASSIGN_MEDIATOR", at: "2026-03-04", mediatorId: "med-1" },
      { type: "SCHEDULE_SESSION", at: "2026-03-04", sessionOn: "2026-03-10" },
      { type: "RECORD_SESSION_HELD", at: "2026-03-10", heldOn: "2026-03-10" },
      {
        type: "RECORD_MEDIATION_OUTCOME",
        at: "2026-03-10",
        agreedIssueIds: ["P1"],
        actions: [{ kind: "register-review", description: "School to hold a register review", dueOn: "2026-04-10" }],
      },
      { type: "ISSUE_CERTIFICATE", at: "2026-03-11" },
    ]);
    expect(driver.view.remedies).toMatchObject([
      { description: "School to hold a register review", owedBy: ["setting", "local-service", "health-partner"], via: "mediation", rung: 3 },
    ]);
  });

  it("a health partner contributes its part; only a person new to the rung may decide it", () => {
    const driver = atLocalService(substanceInput({ healthInvolved: true }));
    driver.refuse({ type: "CONTRIBUTE_TO_RESPONSE", at: "2026-01-21", party: "local-service", contribution: "x" }, /not a co-respondent/);
    const part = driver.send({ type: "CONTRIBUTE_TO_RESPONSE", at: "2026-01-21", party: "health-partner", contribution: "Therapy resumes in February" });
    expect(part.notifications).toMatchObject([{ kind: "contribution-received", to: ["local-service"], data: { from: "health-partner" } }]);
    expect(driver.view.contributions).toEqual([{ rung: 2, party: "health-partner", on: "2026-01-21", contribution: "Therapy resumes in February" }]);
    // setting-1 handled rung 1: it cannot decide rung 2, whoever clicks
    driver.refuse({ type: "RESPOND", at: "2026-01-22", decidedBy: "setting-1", outcome: outcome({ S1: "upheld", S2: "upheld" }) }, /a different person must decide at this stage/);
    expect(driver.send({ type: "RESPOND", at: "2026-01-22", decidedBy: "la-1", outcome: outcome({ S1: "upheld", S2: "upheld" }) }).view.stateValue).toBe(
      "ladder.localService.responded",
    );
  });

  it("tells the mediator and the other side when the family withdraws during mediation", () => {
    const driver = acknowledged();
    driver.sendAll([
      { type: "OFFER_MEDIATION", at: "2026-01-07", requestedBy: "family" },
      { type: "SEND_MEDIATION_INFORMATION", at: "2026-01-07" },
      { type: "ACCEPT_MEDIATION", at: "2026-01-08" },
      { type: "ASSIGN_MEDIATOR", at: "2026-01-08", mediatorId: "med-1" },
    ]);
    const withdrawn = driver.send({ type: "WITHDRAW", at: "2026-01-09", reason: "We have sorted it out" });
    expect(withdrawn.notifications.find((n) => n.kind === "concern-withdrawn")).toMatchObject({ to: ["family", "setting", "mediator"], data: { reason: "We have sorted it out" } });
  });
});

describe("the family may end a pause that waits on them (1)", () => {
  it("resumes when the family sends the information, and a pause cannot be taken again once the bound is used", () => {
    const driver = acknowledged();
    driver.send({ type: "PAUSE", at: "2026-01-07", reason: "Waiting for the OT report", waitingOn: "family" });
    expect(driver.deadline("rung1.respond.pauseEnds")?.dueOn).toBe("2026-02-04");
    const resumed = driver.send({ type: "RESUME", at: "2026-01-09", information: "The report is attached to my email of 9 January" });
    expect(resumed.notifications).toMatchObject([{ kind: "response-resumed", data: { information: "The report is attached to my email of 9 January" } }]);
    expect(driver.view.pauseDaysLeft).toBe(18);
    driver.send({ type: "PAUSE", at: "2026-01-12", reason: "Waiting again", waitingOn: "third-party" });
    // 18 working days left of the 20: it ends by itself on 5 February
    expect(driver.deadline("rung1.respond.pauseEnds")?.dueOn).toBe("2026-02-05");
    driver.send({ type: "DEADLINE_MISSED", key: "rung1.respond.pauseEnds", at: addCalendarDays("2026-02-05", 1) });
    expect(driver.view.stateValue).toBe("ladder.setting.considering.active");
    expect(driver.view.pauseDaysLeft).toBe(0);
    driver.refuse({ type: "PAUSE", at: "2026-02-09", reason: "Once more", waitingOn: "family" }, /already been paused for the most allowed \(20 working days in total\)/);
  });
});
