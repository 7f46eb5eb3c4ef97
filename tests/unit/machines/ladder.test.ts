import { describe, expect, it } from "vitest";
import { allowedEvents, transitionCase, CalendarRangeError, InvalidCaseEventError, startCase } from "../../../machines";
import { acknowledged, atLocalService, caseInput, CaseDriver, outcome, respondedAtSetting, substanceInput } from "./support";

/** What moves the case: messages, notes and evidence are open in every state but closed (tested in ladder.test.ts) and left out here. */
const TIMELINE = new Set(["ADD_EVIDENCE", "ADD_INTERNAL_NOTE", "SEND_MESSAGE"]);
const caseSteps = (types: string[]) => types.filter((type) => !TIMELINE.has(type));

describe("intake", () => {
  it("opens the acknowledgement deadline of 5 working days and tells the family and setting", () => {
    const started = startCase(caseInput({ healthInvolved: true }));
    expect(started.view).toMatchObject({ rung: 1, rungName: "Setting", status: "open", stateValue: "ladder.setting.awaitingAcknowledgement" });
    expect(started.view.stateLabel).toBe("Waiting for the setting to acknowledge the concern");
    expect(started.deadlines.find((d) => d.key === "rung1.acknowledge")).toMatchObject({
      kind: "deadline",
      dueOn: "2026-01-12",
      calendar: "england-and-wales",
      startedBy: "CONCERN_RECEIVED",
      startedOn: "2026-01-05",
      workingDays: 5,
      event: { type: "DEADLINE_MISSED", key: "rung1.acknowledge", at: "2026-01-13" },
    });
    expect(started.notifications).toEqual([{ kind: "concern-received", to: ["family", "setting", "health-partner"], data: expect.objectContaining({ caseRef: "RD-TEST-P" }) }]);
  });

  it("refuses a case whose issue belongs to the other route", () => {
    expect(() => startCase(caseInput({ issues: [{ id: "X", summary: "x", category: "support-level" }] }))).toThrow(/triageConcern/);
  });

  it("falls back to working days when the setting's term dates run out, says so, and tells the setting", () => {
    const school = { kind: "school" as const, settingId: "URN-1", terms: [{ start: "2026-04-13", end: "2026-07-22" }] };
    const started = startCase(caseInput({ receivedOn: "2026-07-20", calendar: school }));
    expect(started.deadlines.find((d) => d.key === "rung1.acknowledge")).toMatchObject({ calendar: "england-and-wales", dueOn: "2026-07-27" });
    expect(started.notifications.map((n) => [n.kind, n.to])).toContainEqual(["term-dates-needed", ["setting"]]);
    expect(started.view.calendarFallback?.reason).toMatch(/term dates \(to 2026-07-22\) do not cover/);
  });

  it("fails loudly when a deadline would fall outside the bank-holiday table", () => {
    const late = startCase(caseInput({ receivedOn: "2035-12-10" }));
    expect(() => transitionCase(late.persisted, { type: "ACKNOWLEDGE", at: "2035-12-17", handlerId: "h" })).toThrow(CalendarRangeError);
  });

  it("refuses events dated before the concern was received", () => {
    new CaseDriver().refuse({ type: "ACKNOWLEDGE", at: "2026-01-02T16:00:00Z", handlerId: "h" }, /dated before the concern was received \(2026-01-05\)/);
  });

  it("keeps the policy version it started with", () => {
    expect(startCase(caseInput()).view.policyVersion).toBe("2026-11");
  });
});

describe("rung 1: acknowledge, consider, respond", () => {
  it("runs the response clock from the acknowledgement, not from receipt", () => {
    const driver = acknowledged();
    expect(driver.view.stateValue).toBe("ladder.setting.considering.active");
    expect(driver.deadline("rung1.acknowledge")).toBeUndefined();
    expect(driver.deadline("rung1.respond")).toMatchObject({ dueOn: "2026-01-20", startedBy: "ACKNOWLEDGE", startedOn: "2026-01-06", workingDays: 10 });
    expect(driver.view.handlers).toEqual([{ rung: 1, handlerId: "setting-1", on: "2026-01-06" }]);
  });

  it("requires a finding on every open issue", () => {
    const driver = acknowledged(substanceInput());
    driver.refuse({ type: "RESPOND", at: "2026-01-09", outcome: outcome({ S1: "upheld" }) }, /no finding for issue S2/);
    driver.refuse({ type: "RESPOND", at: "2026-01-09", outcome: outcome({ S1: "upheld", S2: "upheld", S9: "upheld" }) }, /S9 is not open/);
  });

  it("requires a substance outcome to name the National Framework standards relied on", () => {
    const driver = acknowledged(substanceInput());
    driver.refuse({ type: "RESPOND", at: "2026-01-09", outcome: outcome({ S1: "upheld", S2: "upheld" }, [], []) }, /National Framework standards/);
  });

  it("refuses a remedy due before the outcome", () => {
    const driver = acknowledged();
    driver.refuse(
      { type: "RESPOND", at: "2026-01-09", outcome: outcome({ P1: "upheld" }, [{ kind: "action", description: "x", dueOn: "2026-01-08" }]) },
      /remedy is due before the outcome date/,
    );
  });

  it("records the outcome and opens the family's 20-working-day escalation window", () => {
    const driver = respondedAtSetting();
    expect(driver.view.stateValue).toBe("ladder.setting.responded");
    expect(driver.view.outcome).toMatchObject({ rung: 1, stage: "response", on: "2026-01-15", findings: [{ issueId: "P1", finding: "not-upheld" }] });
    expect(driver.view.issues[0]).toMatchObject({ id: "P1", finding: "not-upheld" });
    expect(driver.deadline("rung1.escalationWindow")).toMatchObject({ dueOn: "2026-02-12", workingDays: 20, calendar: "england-and-wales" });
    expect(driver.kinds().filter((kind) => kind !== "deadline-warning")).toEqual(["outcome-issued"]);
  });

  it("closes when the family accepts an outcome without remedies", () => {
    const driver = respondedAtSetting();
    driver.send({ type: "ACCEPT_OUTCOME", at: "2026-01-16" });
    expect(driver.view).toMatchObject({ status: "closed", rung: null, conclusion: { reason: "outcome-accepted", rung: 1, on: "2026-01-16" } });
    expect(driver.last.deadlines).toEqual([]);
    expect(driver.kinds()).toEqual(["outcome-accepted", "case-closed"]);
  });
});

describe("pause, resume and extension", () => {
  it("never pauses the acknowledgement clock", () => {
    const driver = new CaseDriver();
    driver.refuse({ type: "PAUSE", at: "2026-01-06", reason: "waiting", waitingOn: "family" }, /not possible now/);
    expect(driver.deadline("rung1.acknowledge")?.dueOn).toBe("2026-01-12");
  });

  it("stops the response clock while paused and moves its due date by the paused working days", () => {
    const driver = acknowledged();
    driver.send({ type: "PAUSE", at: "2026-01-08", reason: "Waiting for the family's evidence", waitingOn: "family" });
    expect(driver.view.status).toBe("paused");
    expect(driver.deadline("rung1.respond")).toBeUndefined();
    expect(driver.view.pausedClocks).toEqual([
      { key: "rung1.respond", label: expect.any(String), pausedSince: "2026-01-08", waitingOn: "family", reason: "Waiting for the family's evidence" },
    ]);
    driver.send({ type: "RESUME", at: "2026-01-13" });
    expect(driver.view.status).toBe("open");
    expect(driver.deadline("rung1.respond")?.dueOn).toBe("2026-01-23");
    expect(driver.last.notifications[0]).toMatchObject({ kind: "response-resumed", data: { dueOn: "2026-01-23" } });
  });

  it("allows one extension per rung, with a reason, up to the policy's maximum", () => {
    const driver = acknowledged();
    driver.refuse({ type: "EXTEND", at: "2026-01-09", reason: "too long", workingDays: 11 }, /at most 10 working days/);
    driver.send({ type: "EXTEND", at: "2026-01-09", reason: "Waiting for the health lead", workingDays: 10 });
    expect(driver.deadline("rung1.respond")?.dueOn).toBe("2026-02-03");
    expect(driver.deadline("rung1.respond")?.workingDays).toBe(20);
    driver.refuse({ type: "EXTEND", at: "2026-01-12", reason: "again", workingDays: 1 }, /already used its one extension \(Waiting for the health lead\)/);
  });

  it("refuses an extension once the deadline has been breached", () => {
    const driver = acknowledged();
    driver.send({ type: "DEADLINE_MISSED", key: "rung1.respond", at: "2026-01-21" });
    driver.refuse({ type: "EXTEND", at: "2026-01-21", reason: "late", workingDays: 5 }, /deadline has already passed/);
  });
});

describe("warnings at 50/75/90% of a deadline", () => {
  it("schedules the warnings and sends each one once", () => {
    const driver = acknowledged();
    const warnings = driver.last.deadlines.filter((d) => d.kind === "warning" && d.key.startsWith("rung1.respond"));
    expect(warnings.map((w) => [w.key, w.dueOn, w.workingDays])).toEqual([
      ["rung1.respond.warn50", "2026-01-13", 5],
      ["rung1.respond.warn75", "2026-01-15", 7],
      ["rung1.respond.warn90", "2026-01-19", 9],
    ]);
    const fired = driver.send(warnings[0]!.event);
    expect(fired.from).toBe(fired.to);
    expect(fired.notifications).toEqual([{ kind: "deadline-warning", to: ["setting"], data: expect.objectContaining({ key: "rung1.respond", percent: 50, dueOn: "2026-01-20" }) }]);
    expect(driver.deadline("rung1.respond.warn50")).toBeUndefined();
    expect(driver.deadline("rung1.respond.warn75")).toBeDefined();
    const again = driver.send(warnings[0]!.event);
    expect(again.notifications).toEqual([]);
  });

  it("ignores a warning fired before its day has passed", () => {
    const driver = acknowledged();
    const early = driver.send({ type: "DEADLINE_WARNING", key: "rung1.respond.warn50", at: "2026-01-13" });
    expect(early.notifications).toEqual([]);
    expect(driver.deadline("rung1.respond.warn50")).toBeDefined();
  });
});

describe("breach and escalation", () => {
  it("treats an escalation before the setting has finished as premature", () => {
    const driver = acknowledged();
    driver.refuse({ type: "ESCALATE", at: "2026-01-08" }, /premature: the setting has not responded yet and has not missed a deadline/);
  });

  it("gives the family an immediate right to escalate when a deadline is missed", () => {
    const driver = acknowledged();
    const missed = driver.send({ type: "DEADLINE_MISSED", key: "rung1.respond", at: "2026-01-21" });
    expect(missed.to).toBe(missed.from);
    expect(missed.notifications).toEqual([
      { kind: "breach", to: ["family", "setting"], data: expect.objectContaining({ key: "rung1.respond", dueOn: "2026-01-20", familyMayEscalate: true }) },
    ]);
    expect(driver.view.breaches).toEqual([{ key: "rung1.respond", on: "2026-01-21" }]);
    expect(allowedEvents(driver.persisted)).toContain("ESCALATE");
    const escalated = driver.send({ type: "ESCALATE", at: "2026-01-21" });
    expect(escalated.to).toBe("ladder.localService.awaitingAcknowledgement");
  });

  it("lets a missed acknowledgement be escalated too", () => {
    const driver = new CaseDriver();
    driver.send({ type: "DEADLINE_MISSED", key: "rung1.acknowledge", at: "2026-01-13" });
    expect(driver.send({ type: "ESCALATE", at: "2026-01-14" }).to).toBe("ladder.localService.awaitingAcknowledgement");
  });

  it("escalates within the window, with no reason needed, to the local service", () => {
    const driver = respondedAtSetting(caseInput({ healthInvolved: true }));
    const escalated = driver.send({ type: "ESCALATE", at: "2026-02-12" });
    expect(escalated.view).toMatchObject({ rung: 2, rungName: "Local service" });
    expect(driver.deadline("rung1.escalationWindow")).toBeUndefined();
    expect(driver.deadline("rung2.acknowledge")).toMatchObject({ dueOn: "2026-02-19", startedBy: "ESCALATE" });
    expect(escalated.notifications.at(-1)).toMatchObject({ kind: "concern-escalated", to: ["family", "setting", "health-partner", "local-service"] });
  });

  it("refuses an escalation after the window has closed", () => {
    const driver = respondedAtSetting();
    // The window's last day passed before the event: it closes first, whoever gets there first.
    driver.refuse({ type: "ESCALATE", at: "2026-02-13" }, /the case is closed: the time to take it further ended on 2026-02-12/);
  });

  it("lets the outcome stand when the window closes", () => {
    const driver = respondedAtSetting();
    driver.send({ type: "DEADLINE_MISSED", key: "rung1.escalationWindow", at: "2026-02-13" });
    expect(driver.view).toMatchObject({ status: "closed", conclusion: { reason: "escalation-window-closed", rung: 1 } });
    expect(driver.view.breaches).toEqual([]);
  });

  it("requires a different handler at the local service", () => {
    const driver = respondedAtSetting();
    driver.send({ type: "ESCALATE", at: "2026-01-19" });
    driver.refuse({ type: "ACKNOWLEDGE", at: "2026-01-20", handlerId: "setting-1" }, /different person must handle this rung: setting-1/);
    driver.send({ type: "ACKNOWLEDGE", at: "2026-01-20", handlerId: "la-1" });
    expect(driver.deadline("rung2.respond")).toMatchObject({ dueOn: "2026-02-17", workingDays: 20 });
  });

  it("allows an extension of up to 20 working days at the local service", () => {
    const driver = atLocalService();
    driver.refuse({ type: "EXTEND", at: "2026-01-21", reason: "x", workingDays: 21 }, /at most 20/);
    driver.send({ type: "EXTEND", at: "2026-01-21", reason: "Health partner report", workingDays: 20 });
    expect(driver.deadline("rung2.respond")?.dueOn).toBe("2026-03-17");
  });

  it("refuses a premature escalation to the national body until the local service has finished or breached", () => {
    const driver = atLocalService();
    driver.refuse({ type: "ESCALATE", at: "2026-01-21" }, /premature: the local service has not responded/);
    driver.send({ type: "DEADLINE_MISSED", key: "rung2.respond", at: "2026-02-18" });
    expect(driver.send({ type: "ESCALATE", at: "2026-02-18" }).view).toMatchObject({ rung: 3, rungName: "Ombudsman" });
  });
});

describe("stale deadline events", () => {
  it("are no-ops when the key is no longer open", () => {
    const driver = acknowledged();
    const before = JSON.stringify(driver.persisted);
    const stale = driver.send({ type: "DEADLINE_MISSED", key: "rung1.acknowledge", at: "2026-01-13" });
    expect(stale.from).toBe(stale.to);
    expect(stale.notifications).toEqual([]);
    expect(JSON.stringify(stale.persisted)).toBe(before);
  });

  it("are no-ops when the due date has moved on (extension)", () => {
    const driver = acknowledged();
    driver.send({ type: "EXTEND", at: "2026-01-09", reason: "r", workingDays: 5 });
    const stale = driver.send({ type: "DEADLINE_MISSED", key: "rung1.respond", at: "2026-01-21" });
    expect(stale.notifications).toEqual([]);
    expect(driver.view.breaches).toEqual([]);
  });

  it("are no-ops on a closed case", () => {
    const driver = respondedAtSetting();
    driver.send({ type: "ACCEPT_OUTCOME", at: "2026-01-16" });
    const stale = driver.send({ type: "DEADLINE_MISSED", key: "rung1.escalationWindow", at: "2026-02-13" });
    expect(stale).toMatchObject({ from: "closed", to: "closed", notifications: [] });
  });
});

describe("withdrawal", () => {
  it("can happen at any rung and records every open issue as withdrawn", () => {
    const driver = acknowledged(substanceInput());
    driver.send({ type: "WITHDRAW", at: "2026-01-08", reason: "Resolved informally" });
    expect(driver.view).toMatchObject({ status: "closed", conclusion: { reason: "withdrawn", rung: 1 } });
    expect(driver.view.issues.map((i) => i.finding)).toEqual(["withdrawn", "withdrawn"]);
    expect(driver.last.deadlines).toEqual([]);
  });

  it("keeps monitoring remedies already promised", () => {
    const driver = respondedAtSetting(caseInput(), [{ kind: "apology", description: "Apology" }]);
    driver.sendAll([
      { type: "ESCALATE", at: "2026-01-19" },
      { type: "WITHDRAW", at: "2026-01-20" },
    ]);
    expect(driver.view).toMatchObject({ status: "monitoring-compliance", conclusion: { reason: "withdrawn", rung: 2 } });
    expect(driver.last.deadlines.map((d) => d.key)).toContain("remedy.R1");
    driver.refuse({ type: "WITHDRAW", at: "2026-01-21" }, /not possible now/);
  });
});

describe("event validation", () => {
  it("rejects malformed events with zod paths", () => {
    const driver = acknowledged();
    expect(() => driver.send({ type: "ACKNOWLEDGE", at: "yesterday", handlerId: "" } as never)).toThrow(InvalidCaseEventError);
    try {
      driver.send({ type: "RESPOND", at: "2026-01-09", outcome: { findings: [{ issueId: "P1", finding: "maybe" }] } } as never);
    } catch (error) {
      expect((error as InvalidCaseEventError).message).toMatch(/outcome\.findings\.0\.finding/);
    }
    expect.assertions(2);
  });
});

describe("allowed events", () => {
  it("takes messages, internal notes and evidence in every open state, and none once closed", () => {
    for (const driver of [acknowledged(), respondedAtSetting()]) expect(allowedEvents(driver.persisted)).toEqual(expect.arrayContaining([...TIMELINE]));
  });
  it("offers only what the current state allows", () => {
    const driver = acknowledged();
    expect(caseSteps(allowedEvents(driver.persisted)).sort()).toEqual([
      "ASSIGN_HANDLER",
      "EXTEND",
      "MARK_URGENT",
      "NAME_PERSON_CONCERNED",
      "OFFER_MEDIATION",
      "PAUSE",
      "RESPOND",
      "WITHDRAW",
    ]);
    const responded = respondedAtSetting();
    expect(caseSteps(allowedEvents(responded.persisted, "2026-02-12")).sort()).toEqual([
      "ACCEPT_OUTCOME",
      "ASSIGN_HANDLER",
      "ESCALATE",
      "MARK_URGENT",
      "NAME_PERSON_CONCERNED",
      "OFFER_MEDIATION",
      "WITHDRAW",
    ]);
    expect(allowedEvents(responded.persisted, "2026-02-13")).not.toContain("ESCALATE");
  });
});
