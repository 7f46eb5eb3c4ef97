import { describe, expect, it } from "vitest";
import { addWorkingDays, allowedEvents, caseEventSchema } from "../../../machines";
import { respondedAtSetting } from "./support";

/** What moves the case: messages, notes and evidence are open in every state but closed (tested in ladder.test.ts) and left out here. */
const TIMELINE = new Set(["ADD_EVIDENCE", "ADD_INTERNAL_NOTE", "SEND_MESSAGE"]);
const caseSteps = (types: string[]) => types.filter((type) => !TIMELINE.has(type));

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
    expect(caseSteps(allowedEvents(driver.persisted)).sort()).toEqual(["REMEDY_DONE", "REMEDY_FAILED"]);
    driver.send({ type: "REMEDY_DONE", at: "2026-01-20", remedyId: "R1", evidence: "Letter sent" });
    expect(driver.view.status).toBe("monitoring-compliance");
    expect(driver.deadline("remedy.R1")).toBeUndefined();
    const failed = driver.send({ type: "REMEDY_FAILED", at: "2026-03-02", remedyId: "R2", reason: "No teaching assistant" });
    // the family has 20 working days to take the failed remedy further; the case waits for them
    expect(driver.view.status).toBe("monitoring-compliance");
    expect(driver.view.failedRemediesOpen).toEqual([{ remedyId: "R2", until: addWorkingDays("2026-03-02", 20), toRung: 2 }]);
    // R2 was due 27 February: the overdue report comes first (catch-up), then the failure, told only to who was told
    expect(failed.notifications.map((n) => n.kind)).toEqual(["remedy-overdue", "remedy-failed"]);
    expect(failed.notifications.at(-1)).toMatchObject({ kind: "remedy-failed", to: ["family", "setting"], data: { told: ["family", "setting"], takeFurtherTo: 2 } });
    expect(allowedEvents(driver.persisted)).toContain("TAKE_REMEDY_FURTHER");
    driver.send({ type: "DEADLINE_MISSED", key: "remedy.R2.takeFurther", at: addWorkingDays("2026-03-02", 21) });
    expect(driver.view.status).toBe("closed");
    expect(driver.view.remedies.map(({ status, settledOn, note }) => ({ status, settledOn, note }))).toEqual([
      { status: "done", settledOn: "2026-01-20", note: "Letter sent" },
      { status: "failed", settledOn: "2026-03-02", note: "No teaching assistant" },
    ]);
  });

  it("lets the family take a failed remedy further, up the ladder (fair ladder 16)", () => {
    const driver = accepted();
    driver.send({ type: "REMEDY_FAILED", at: "2026-03-02", remedyId: "R2", reason: "No teaching assistant" });
    driver.refuse({ type: "TAKE_REMEDY_FURTHER", at: "2026-03-03", remedyId: "R1", reason: "x" }, /R1 has not been reported as failed/);
    const further = driver.send({ type: "TAKE_REMEDY_FURTHER", at: "2026-03-03", remedyId: "R2", reason: "The school has still not arranged support" });
    expect(further.to).toBe("ladder.localService.awaitingAcknowledgement");
    expect(driver.view).toMatchObject({ rung: 2, status: "open", remedyReferrals: [{ remedyId: "R2", toRung: 2 }] });
    expect(driver.view.conclusion).toBeUndefined();
    expect(driver.deadline("rung2.acknowledge")).toMatchObject({ startedBy: "TAKE_REMEDY_FURTHER" });
  });

  it("reports an overdue remedy, which stays owed", () => {
    const driver = accepted();
    const overdue = driver.send({ type: "DEADLINE_MISSED", key: "remedy.R2", at: "2026-02-28" });
    expect(overdue.notifications).toEqual([{ kind: "remedy-overdue", to: ["family", "setting"], data: expect.objectContaining({ key: "remedy.R2", familyMayEscalate: false }) }]);
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

  it("records which remedy replaced which: the earlier one is marked replaced and stops being owed, a stranger's id is refused", () => {
    const driver = respondedAtSetting(undefined, remedies);
    driver.send({ type: "ESCALATE", at: "2026-01-16" });
    const officer = "officer-1";
    driver.send({ type: "ACKNOWLEDGE", at: "2026-01-19", handlerId: officer });
    const issueIds = driver.view.issues.map((i) => i.id);
    const outcome = (replaces: string) => ({
      findings: issueIds.map((issueId) => ({ issueId, finding: "upheld" as const })),
      reasons: "The support was not put in place.",
      standards: ["NF-3.2"],
      remedies: [{ kind: "action" as const, description: "Put six hours of reading support in place", dueOn: "2026-03-13", replaces }],
    });
    driver.refuse({ type: "RESPOND", at: "2026-01-23", outcome: outcome("R9"), decidedBy: officer }, /replace only an earlier remedy/);
    driver.send({ type: "RESPOND", at: "2026-01-23", outcome: outcome("R2"), decidedBy: officer });
    expect(driver.view.remedies.map(({ id, status, replaces, settledOn }) => ({ id, status, replaces, settledOn }))).toEqual([
      { id: "R1", status: "open", replaces: undefined, settledOn: undefined },
      { id: "R2", status: "replaced", replaces: undefined, settledOn: "2026-01-23" },
      { id: "R3", status: "open", replaces: "R2", settledOn: undefined },
    ]);
    expect(driver.deadline("remedy.R2")).toBeUndefined();
    expect(driver.deadline("remedy.R3")).toMatchObject({ dueOn: "2026-03-13" });
  });
});
