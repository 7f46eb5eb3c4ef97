import { describe, expect, it } from "vitest";
import { addWorkingDays, DEFAULT_POLICY, POLICIES, policySchema, startCase, type Policy } from "../../../machines";
import { caseInput, CaseDriver } from "./support";

describe("versioned policy", () => {
  it("ships the documented defaults", () => {
    expect(DEFAULT_POLICY).toEqual({
      policyVersion: "2026-11",
      acknowledgeWorkingDays: 5,
      setting: { respondWorkingDays: 10, maxExtensionWorkingDays: 10 },
      localService: { respondWorkingDays: 20, maxExtensionWorkingDays: 20 },
      escalationWindowWorkingDays: 20,
      national: {
        acknowledgeWorkingDays: 5,
        assessmentWorkingDays: 20,
        investigationWorkingDays: 65,
        commentsWorkingDays: 10,
        finalDecisionWorkingDays: 10,
        timeLimitMonths: 12,
      },
      mediation: { informationWorkingDays: 3, heldWithinCalendarDays: 30, certificateWorkingDays: 3 },
      remedyDefaultWorkingDays: 20,
      warningPercents: [50, 75, 90],
      fairness: {
        maxPauseWorkingDays: 20,
        maxRespondentMediationOffersPerRung: 1,
        nationalReferralMonths: 12,
        longOpenAlertMonths: 6,
        failedRemedyWindowWorkingDays: 20,
        termDatesCoverCalendarDays: 120,
      },
    });
    expect(POLICIES["2026-11"]).toBe(DEFAULT_POLICY);
  });

  it("rejects malformed policies", () => {
    expect(policySchema.safeParse({ ...DEFAULT_POLICY, policyVersion: "latest" }).success).toBe(false);
    expect(policySchema.safeParse({ ...DEFAULT_POLICY, acknowledgeWorkingDays: 0 }).success).toBe(false);
    expect(policySchema.safeParse({ ...DEFAULT_POLICY, setting: { respondWorkingDays: 2.5, maxExtensionWorkingDays: 10 } }).success).toBe(false);
    expect(() => startCase(caseInput({ policy: { ...DEFAULT_POLICY, warningPercents: [100] } }))).toThrow();
  });

  it("is stored with the case, so a case keeps the timings it started with", () => {
    const older: Policy = { ...DEFAULT_POLICY, policyVersion: "2025-04", acknowledgeWorkingDays: 3, setting: { respondWorkingDays: 15, maxExtensionWorkingDays: 5 } };
    const driver = new CaseDriver(caseInput({ policy: older }));
    expect(driver.view.policyVersion).toBe("2025-04");
    expect(driver.deadline("rung1.acknowledge")?.dueOn).toBe(addWorkingDays("2026-01-05", 3));
    driver.send({ type: "ACKNOWLEDGE", at: "2026-01-06", handlerId: "h" });
    expect(driver.deadline("rung1.respond")?.dueOn).toBe(addWorkingDays("2026-01-06", 15));
    driver.refuse({ type: "EXTEND", at: "2026-01-07", reason: "r", workingDays: 6 }, /at most 5 working days/);
    expect((driver.persisted.snapshot as { context: { file: { policy: Policy } } }).context.file.policy).toEqual(older);
  });
});
