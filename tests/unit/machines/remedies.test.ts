import { describe, expect, it } from "vitest";
import { addWorkingDays, allowedEvents, caseEventSchema } from "../../../machines";
import { respondedAtSetting } from "./support";

const remedies = [
  { kind: "apology" as const, description: "Apology to the family" },
  { kind: "action" as const, description: "Put the reading support in place", dueOn: "2026-02-27" },
];

function accepted() {
  const driver = respondedAtSetting(undefined, remedies);
  driver.send({ type: "ACCEPT_OUTCOME", at: "2026-01-16" });
  return driver;
}

describe("remedies and compliance monitoring", () => {
  it("gives every remedy an id, a due date and a deadline of its own", () => {
    const driver = respondedAtSetting(undefined, remedies);
    expect(driver.view.remedies.map(({ id, kind, dueOn, status, rung, via }) => ({ id, kind, dueOn, status, rung, via }))).toEqual([
      { id: "R1", kind: "apology", dueOn: addWorkingDays("2026-01-15", 20), status: "open", rung: 1, via: "decision" },
      { id: "R2", kind: "action", dueOn: "2026-02-27", status: "open", rung: 1, via: "decision" },
    ]);
    expect(driver.deadline("remedy.R2")).toMatchObject({ dueOn: "2026-02-27", startedBy: "RESPOND", calendar: "calendar-days" });
    expect(driver.deadline("remedy.R1")).toMatchObject({ workingDays: 20, calendar: "england-and-wales" });
  });

  it("keeps the case open after the ladder ends until each remedy is done or reported failed", () => {
    const driver = accepted();
    expect(driver.view.status).toBe("monitoring-compliance");
    expect(allowedEvents(driver.persisted).sort()).toEqual(["REMEDY_DONE", "REMEDY_FAILED"]);
    driver.send({ type: "REMEDY_DONE", at: "2026-01-20", remedyId: "R1", evidence: "Letter sent" });
    expect(driver.view.status).toBe("monitoring-compliance");
    expect(driver.deadline("remedy.R1")).toBeUndefined();
    driver.send({ type: "REMEDY_FAILED", at: "2026-03-02", remedyId: "R2", reason: "No teaching assistant" });
    expect(driver.view.status).toBe("closed");
    expect(driver.view.remedies.map(({ status, settledOn, note }) => ({ status, settledOn, note }))).toEqual([
      { status: "done", settledOn: "2026-01-20", note: "Letter sent" },
      { status: "failed", settledOn: "2026-03-02", note: "No teaching assistant" },
    ]);
  });

  it("reports an overdue remedy, which stays owed", () => {
    const driver = accepted();
    const overdue = driver.send({ type: "DEADLINE_MISSED", key: "remedy.R2", at: "2026-02-28" });
    expect(overdue.notifications).toEqual([
      { kind: "remedy-overdue", to: ["family", "setting"], data: expect.objectContaining({ key: "remedy.R2", familyMayEscalate: false }) },
    ]);
    expect(driver.view.remedies[1]?.status).toBe("open");
    expect(driver.view.status).toBe("monitoring-compliance");
  });

  it("refuses to settle a remedy that is unknown or already settled", () => {
    const driver = accepted();
    driver.refuse({ type: "REMEDY_DONE", at: "2026-01-20", remedyId: "R9" }, /no open remedy R9/);
    driver.send({ type: "REMEDY_DONE", at: "2026-01-20", remedyId: "R1" });
    driver.refuse({ type: "REMEDY_FAILED", at: "2026-01-21", remedyId: "R1", reason: "x" }, /no open remedy R1/);
  });

  it("validates remedy payloads: payments in whole pence, actions with a due date", () => {
    const respond = (remedy: unknown) =>
      caseEventSchema.safeParse({
        type: "RESPOND",
        at: "2026-01-15",
        outcome: { findings: [{ issueId: "P1", finding: "upheld" }], reasons: "r", standards: [], remedies: [remedy] },
      }).success;
    expect(respond({ kind: "payment", description: "p", amountPence: 10000 })).toBe(true);
    expect(respond({ kind: "payment", description: "p", amountPence: 100.5 })).toBe(false);
    expect(respond({ kind: "payment", description: "p" })).toBe(false);
    expect(respond({ kind: "action", description: "a" })).toBe(false);
    expect(respond({ kind: "refund", description: "a" })).toBe(false);
  });
});
