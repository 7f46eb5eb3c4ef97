import { describe, expect, it } from "vitest";
import { addWorkingDays, allowedEvents } from "../../../machines";
import { atNationalAssessment, caseInput, outcome, substanceInput } from "./support";

const findings = { P1: "upheld" } as const;

function investigating() {
  const driver = atNationalAssessment();
  driver.send({ type: "ACCEPT_FOR_INVESTIGATION", at: "2026-03-02", reasons: "In jurisdiction" });
  return driver;
}

function draftIssued() {
  const driver = investigating();
  driver.send({ type: "ISSUE_DRAFT_DECISION", at: "2026-04-01", outcome: outcome(findings) });
  return driver;
}

describe("national stage: the top of the ladder for each route", () => {
  it("is the ombudsman for the process route and the national practice body for substance", () => {
    expect(atNationalAssessment().view).toMatchObject({ rung: 3, rungName: "Ombudsman", stateValue: "ladder.national.assessment" });
    expect(atNationalAssessment(substanceInput()).view.rungName).toBe("National practice body");
  });

  it("needs a handler who has not handled the concern below", () => {
    const driver = atNationalAssessment();
    expect(driver.view.handlers.map((h) => h.handlerId)).toEqual(["setting-1", "la-1", "national-1"]);
    expect(driver.deadline("rung3.assessment")).toMatchObject({ dueOn: "2026-03-23", workingDays: 20 });
  });

  it("has nowhere further to escalate", () => {
    expect(allowedEvents(atNationalAssessment().persisted)).not.toContain("ESCALATE");
  });
});

describe("assessment", () => {
  it("accepts a concern in time and opens the 65-working-day investigation", () => {
    const driver = investigating();
    expect(driver.view.stateValue).toBe("ladder.national.investigation");
    expect(driver.deadline("rung3.investigation")).toMatchObject({ dueOn: addWorkingDays("2026-03-02", 65), workingDays: 65 });
    expect(driver.view.outcome).toMatchObject({ stage: "assessment", decision: "accepted-for-investigation" });
    expect(driver.view.national).toMatchObject({ escalatedOn: "2026-02-18", timeLimitOn: "2027-01-05", late: false });
  });

  it("cannot reject a concern as late when it is within 12 months of awareness", () => {
    atNationalAssessment().refuse({ type: "REJECT_OUT_OF_TIME", at: "2026-03-02", reasons: "late" }, /within the time limit \(2027-01-05\)/);
  });

  it("never counts the time spent in the ladder against the family", () => {
    // aware 10 Jan 2025, raised with the setting 5 Jan 2026 (in time), at the national body 18 Feb 2026
    const driver = atNationalAssessment(caseInput({ awarenessDate: "2025-01-10" }));
    expect(driver.view.national).toMatchObject({ timeLimitOn: "2026-01-10", late: false });
  });

  it("accepts a late concern only with discretion, and records it", () => {
    // aware 1 Dec 2024: the 12 months had run out before the concern reached the setting
    const late = () => atNationalAssessment(caseInput({ awarenessDate: "2024-12-01" }));
    const driver = late();
    expect(driver.view.national).toMatchObject({ timeLimitOn: "2025-12-01", late: true });
    driver.refuse({ type: "ACCEPT_FOR_INVESTIGATION", at: "2026-03-02" }, /after its time limit \(2025-12-01\); accepting it needs a discretionReason/);
    driver.send({ type: "ACCEPT_FOR_INVESTIGATION", at: "2026-03-02", discretionReason: "The family were waiting for the local service" });
    expect(driver.view.national?.discretionReason).toBe("The family were waiting for the local service");

    const rejected = late();
    rejected.send({ type: "REJECT_OUT_OF_TIME", at: "2026-03-02", reasons: "More than 12 months since the family knew" });
    expect(rejected.view).toMatchObject({ status: "closed", conclusion: { reason: "out-of-time", rung: 3 }, outcome: { decision: "out-of-time" } });
  });

  it("can decide a concern is outside its jurisdiction", () => {
    const driver = atNationalAssessment();
    driver.send({ type: "REJECT_OUT_OF_JURISDICTION", at: "2026-03-02", reasons: "A tribunal matter" });
    expect(driver.view).toMatchObject({ status: "closed", conclusion: { reason: "out-of-jurisdiction" }, outcome: { reasons: "A tribunal matter" } });
    expect(driver.kinds()).toEqual(["assessment-decision", "case-closed"]);
  });
});

describe("draft decision, comments, final decision", () => {
  it("sends the draft to both parties with a 10-working-day comment window", () => {
    const driver = draftIssued();
    expect(driver.view.stateValue).toBe("ladder.national.awaitingComments");
    expect(driver.deadline("rung3.comments")).toMatchObject({ dueOn: "2026-04-17" });
    expect(driver.last.notifications[0]).toMatchObject({ kind: "draft-decision-issued", to: ["family", "setting", "local-service", "national-body"] });
    expect(driver.view.outcome).toMatchObject({ stage: "draft-decision" });
  });

  it("moves to the final decision when the window closes without both comments", () => {
    const driver = draftIssued();
    driver.send({ type: "SUBMIT_COMMENTS", at: "2026-04-02", party: "family", comments: "Agreed" });
    expect(driver.view.stateValue).toBe("ladder.national.awaitingComments");
    driver.send({ type: "DEADLINE_MISSED", key: "rung3.comments", at: "2026-04-18" });
    expect(driver.view.stateValue).toBe("ladder.national.finalising");
    expect(driver.view.breaches).toEqual([]);
    expect(driver.deadline("rung3.finalDecision")).toMatchObject({ startedOn: "2026-04-18", dueOn: "2026-05-05" });
  });

  it("keeps every comment from every party, more than one each, and closes once all have commented", () => {
    const driver = draftIssued();
    driver.send({ type: "SUBMIT_COMMENTS", at: "2026-04-02", party: "local-service", comments: "Accept" });
    driver.send({ type: "SUBMIT_COMMENTS", at: "2026-04-03", party: "local-service", comments: "One correction: the date of the review" });
    driver.send({ type: "SUBMIT_COMMENTS", at: "2026-04-07", party: "family", comments: "Agreed" });
    expect(driver.view.stateValue).toBe("ladder.national.awaitingComments");
    const closed = driver.send({ type: "SUBMIT_COMMENTS", at: "2026-04-08", party: "setting", comments: "The school accepts" });
    expect(driver.view.stateValue).toBe("ladder.national.finalising");
    expect(driver.view.national?.comments).toEqual([
      { party: "local-service", on: "2026-04-02", comments: "Accept" },
      { party: "local-service", on: "2026-04-03", comments: "One correction: the date of the review" },
      { party: "family", on: "2026-04-07", comments: "Agreed" },
      { party: "setting", on: "2026-04-08", comments: "The school accepts" },
    ]);
    expect(driver.deadline("rung3.comments")).toBeUndefined();
    // every party is told the window closed, not only the family
    expect(closed.notifications.find((n) => n.kind === "comments-closed")?.to).toEqual(["family", "setting", "local-service", "national-body"]);
  });

  it("lets a health partner comment where health is involved", () => {
    const driver = atNationalAssessment(caseInput({ healthInvolved: true }));
    driver.send({ type: "ACCEPT_FOR_INVESTIGATION", at: "2026-03-02" });
    driver.send({ type: "ISSUE_DRAFT_DECISION", at: "2026-04-01", outcome: outcome(findings) });
    driver.send({ type: "SUBMIT_COMMENTS", at: "2026-04-02", party: "health-partner", comments: "The therapy dates are right" });
    expect(driver.view.national?.comments).toMatchObject([{ party: "health-partner" }]);
  });

  it("issues the final decision with remedies owed by the bodies complained about", () => {
    const driver = draftIssued();
    driver.send({ type: "DEADLINE_MISSED", key: "rung3.comments", at: "2026-04-18" });
    driver.refuse({ type: "ISSUE_FINAL_DECISION", at: "2026-04-22", outcome: outcome({ Z9: "upheld" }) }, /no finding for issue P1; issue Z9 is not open/);
    driver.send({
      type: "ISSUE_FINAL_DECISION",
      at: "2026-04-22",
      outcome: outcome(findings, [
        { kind: "payment", description: "Time and trouble", amountPence: 25000 },
        { kind: "register-review", description: "Review the register decision", dueOn: "2026-05-29" },
      ]),
    });
    expect(driver.view).toMatchObject({ status: "monitoring-compliance", conclusion: { reason: "final-decision", rung: 3 } });
    expect(driver.view.remedies.map((r) => [r.id, r.kind, r.dueOn, r.owedBy])).toEqual([
      ["R1", "payment", addWorkingDays("2026-04-22", 20), ["setting", "local-service"]],
      ["R2", "register-review", "2026-05-29", ["setting", "local-service"]],
    ]);
    driver.send({ type: "REMEDY_DONE", at: "2026-04-30", remedyId: "R1" });
    expect(driver.last.notifications[0]).toMatchObject({ kind: "remedy-done", to: ["family", "setting", "local-service", "national-body"] });
  });
});
