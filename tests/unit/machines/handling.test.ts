import { describe, expect, it } from "vitest";
import { viewCase } from "../../../machines";
import { CaseDriver, caseInput } from "./support";

// Who handles a concern, who it is about, and urgency (docs/decisions/024).

describe("assigning the handler", () => {
  it("keeps the lead's choice when someone else acknowledges, and tells only the new handler", () => {
    const driver = new CaseDriver(caseInput());
    const assigned = driver.send({ type: "ASSIGN_HANDLER", handlerId: "ben", at: "2026-01-06" });
    expect(assigned.notifications).toEqual([expect.objectContaining({ kind: "handler-assigned", to: ["setting"], data: expect.objectContaining({ handlerId: "ben" }) })]);
    const acknowledged = driver.send({ type: "ACKNOWLEDGE", handlerId: "helen", at: "2026-01-07" });
    expect(acknowledged.view.handlerId).toBe("ben");
    expect(acknowledged.view.handlers).toEqual([{ rung: 1, handlerId: "ben", on: "2026-01-06", assigned: true }]);
    expect(acknowledged.notifications[0]).toEqual(expect.objectContaining({ kind: "concern-acknowledged", data: expect.objectContaining({ handlerId: "ben" }) }));
  });

  it("makes whoever acknowledges the handler when nobody was assigned, and lets the lead reassign afterwards", () => {
    const driver = new CaseDriver(caseInput());
    expect(driver.send({ type: "ACKNOWLEDGE", handlerId: "helen", at: "2026-01-07" }).view.handlerId).toBe("helen");
    expect(driver.send({ type: "ASSIGN_HANDLER", handlerId: "ben", at: "2026-01-08" }).view.handlerId).toBe("ben");
  });

  it("refuses a person the concern is about, as handler or by acknowledging it", () => {
    const driver = new CaseDriver(caseInput());
    driver.send({ type: "NAME_PERSON_CONCERNED", personId: "helen", description: "The SENCo", at: "2026-01-06" });
    expect(viewCase(driver.persisted).peopleConcerned).toEqual([{ personId: "helen", description: "The SENCo", on: "2026-01-06", rung: 1 }]);
    driver.refuse({ type: "ASSIGN_HANDLER", handlerId: "helen", at: "2026-01-06" }, /the concern is about this person/);
    driver.refuse({ type: "ACKNOWLEDGE", handlerId: "helen", at: "2026-01-06" }, /the concern is about this person/);
    expect(driver.send({ type: "ACKNOWLEDGE", handlerId: "ben", at: "2026-01-06" }).view.handlerId).toBe("ben");
  });

  it("records a person without an account by description only; nobody is refused for it", () => {
    const driver = new CaseDriver(caseInput());
    driver.send({ type: "NAME_PERSON_CONCERNED", description: "The headteacher", at: "2026-01-06" });
    expect(driver.send({ type: "ASSIGN_HANDLER", handlerId: "ben", at: "2026-01-06" }).view.handlerId).toBe("ben");
  });
});

describe("marking a concern urgent", () => {
  it("records the reason once, tells the family and the setting, and changes no deadline", () => {
    const driver = new CaseDriver(caseInput());
    const before = viewCase(driver.persisted).deadlines;
    const marked = driver.send({ type: "MARK_URGENT", reason: "out-of-education", details: "Off school since Monday", at: "2026-01-06" });
    expect(marked.view.urgent).toEqual({ reason: "out-of-education", details: "Off school since Monday", on: "2026-01-06", rung: 1 });
    expect(marked.view.deadlines).toEqual(before);
    expect(marked.notifications).toEqual([expect.objectContaining({ kind: "marked-urgent", to: ["family", "setting"] })]);
    driver.refuse({ type: "MARK_URGENT", reason: "safeguarding", at: "2026-01-07" }, /already marked urgent/);
  });
});

describe("what is owed (the queues read it)", () => {
  it("lists running and missed clocks with who owes them, not paused ones or the six-month alert", () => {
    const driver = new CaseDriver(caseInput());
    expect(viewCase(driver.persisted).owed).toEqual([{ key: "rung1.acknowledge", kind: "deadline", owedBy: ["setting"], dueOn: "2026-01-12" }]);
    driver.send({ type: "DEADLINE_MISSED", key: "rung1.acknowledge", at: "2026-01-13" });
    expect(viewCase(driver.persisted).owed).toEqual([{ key: "rung1.acknowledge", kind: "deadline", owedBy: ["setting"], dueOn: "2026-01-12", missedOn: "2026-01-13" }]);
    driver.send({ type: "ACKNOWLEDGE", handlerId: "helen", at: "2026-01-14" });
    const owed = viewCase(driver.persisted).owed;
    expect(owed.map((o) => o.key)).toEqual(["rung1.respond"]);
    driver.send({ type: "PAUSE", reason: "Waiting for the EP report", waitingOn: "third-party", at: "2026-01-15" });
    expect(viewCase(driver.persisted).owed).toEqual([]);
  });
});
