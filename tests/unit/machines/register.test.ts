import { describe, expect, it } from "vitest";
import {
  applyRegisterRequestEvent,
  canRegisterRequest,
  decideRegister,
  REGISTER_POLICY,
  RegisterDecisionRefused,
  RegisterRequestEventRefused,
  REQUEST_DEADLINE_KEY,
  replayRegister,
  reviewState,
  startRegisterRequest,
  type CalendarSpec,
  type RegisterDecisionEvent,
} from "../../../machines";

const decide = (outcome: RegisterDecisionEvent["outcome"], decidedOn: string, nextReviewOn?: string, kind: RegisterDecisionEvent["kind"] = "decision"): RegisterDecisionEvent => ({
  type: "DECIDE",
  kind,
  outcome,
  decidedOn,
  ...(nextReviewOn ? { nextReviewOn } : {}),
});

describe("register entry: decisions and reviews", () => {
  it("derives the child's status and next review from the history, in order", () => {
    const history = [
      decide("not_place", "2025-01-10"),
      decide("place", "2025-06-02", "2025-12-01"),
      decide("confirm", "2025-11-20", "2026-05-20", "review"),
      decide("change", "2026-05-18", "2026-11-18", "review"),
    ];
    expect(replayRegister(history.slice(0, 1))).toMatchObject({ status: "considered_not_placed", decisions: 1 });
    expect(replayRegister(history.slice(0, 1)).nextReviewOn).toBeUndefined();
    const now = replayRegister(history);
    expect(now).toMatchObject({ status: "on_register", decisions: 4, lastDecidedOn: "2026-05-18", nextReviewOn: "2026-11-18", placedOn: "2025-06-02" });
    const removed = decideRegister(now, decide("remove", "2026-07-01"));
    expect(removed).toMatchObject({ status: "removed", nextReviewOn: undefined });
    // A removed child can be considered again.
    expect(decideRegister(removed, decide("place", "2027-01-04", "2027-07-01"))).toMatchObject({ status: "on_register", placedOn: "2027-01-04" });
  });

  it.each([
    ["a review of a child not on the register", [], decide("confirm", "2026-01-05", "2026-06-01", "review"), "Only a child on the register can have a review."],
    [
      "placing a child already on the register",
      [decide("place", "2025-06-02", "2025-12-01")],
      decide("place", "2025-09-01", "2026-03-01"),
      "The child is already on the register: record a review or a decision to remove.",
    ],
    ["removing a child not on the register", [], decide("remove", "2026-01-05"), "The child is not on the register: the decision is whether to place them."],
    [
      "a decision dated before the previous one",
      [decide("place", "2025-06-02", "2025-12-01")],
      decide("confirm", "2025-05-01", "2025-12-01", "review"),
      "A decision cannot be dated before the child's previous register decision.",
    ],
    ["placing without a review date", [], decide("place", "2026-01-05"), "Set the date of the next review."],
    ["a review date on the decision day", [], decide("place", "2026-01-05", "2026-01-05"), "The next review must be after the decision."],
    ["a review date on a refusal", [], decide("not_place", "2026-01-05", "2026-06-01"), "Only a child on the register has a next review."],
  ])("refuses %s, saying why", (_name, history, event, reason) => {
    const context = replayRegister(history);
    expect(() => decideRegister(context, event)).toThrow(new RegisterDecisionRefused(reason));
  });

  it("reports a review as scheduled, due soon or overdue by calendar days", () => {
    const context = replayRegister([decide("place", "2026-01-05", "2026-07-01")]);
    expect(reviewState(context, "2026-03-01")).toEqual({ state: "scheduled", dueOn: "2026-07-01" });
    expect(reviewState(context, "2026-06-10")).toEqual({ state: "due-soon", dueOn: "2026-07-01" });
    expect(reviewState(context, "2026-07-01")).toEqual({ state: "due-soon", dueOn: "2026-07-01" });
    expect(reviewState(context, "2026-07-11")).toEqual({ state: "overdue", dueOn: "2026-07-01", daysOverdue: 10 });
    expect(reviewState(replayRegister([decide("not_place", "2026-01-05")]), "2027-01-01")).toEqual({ state: "none" });
  });
});

describe("request for consideration: the decision clock", () => {
  const working = { kind: "england-and-wales" } as const;

  it("is due 20 working days after receipt, skipping weekends and bank holidays", () => {
    // Received Monday 21 December 2026: Christmas Day (Fri) and Boxing Day substitute (Mon 28) are not counted.
    const step = startRegisterRequest({ ref: "RQ-1", receivedOn: "2026-12-21", calendar: working });
    expect(REGISTER_POLICY.decideRequestWithinWorkingDays).toBe(20);
    expect(step.state).toBe("awaitingDecision");
    expect(step.context).toMatchObject({ startsOn: "2026-12-21", dueOn: "2027-01-21", calendarId: "england-and-wales" });
    expect(step.deadline).toEqual({ key: REQUEST_DEADLINE_KEY, dueOn: "2027-01-21", calendar: "england-and-wales", event: { type: "DEADLINE_MISSED", key: REQUEST_DEADLINE_KEY } });
  });

  it("counts the setting's school days when it has term dates, starting on the first school day", () => {
    const school: CalendarSpec = {
      kind: "school",
      settingId: "s1",
      terms: [
        { start: "2026-09-03", end: "2026-10-23" },
        { start: "2026-11-02", end: "2026-12-18" },
      ],
    };
    // Received in half term: the clock starts on Monday 2 November.
    const step = startRegisterRequest({ ref: "RQ-2", receivedOn: "2026-10-28", calendar: school, workingDays: 5 });
    expect(step.context).toMatchObject({ startsOn: "2026-11-02", dueOn: "2026-11-09", calendarId: "school:s1" });
  });

  it("becomes overdue only after the due day, and is still owed a decision", () => {
    const step = startRegisterRequest({ ref: "RQ-3", receivedOn: "2026-11-02", calendar: working, workingDays: 5 });
    expect(step.context.dueOn).toBe("2026-11-09");
    const onTheDay = { type: "DEADLINE_MISSED", at: "2026-11-09T18:00:00Z", key: REQUEST_DEADLINE_KEY } as const;
    expect(canRegisterRequest(step.persisted, onTheDay)).toBe(false);
    expect(canRegisterRequest(step.persisted, { ...onTheDay, key: "something-else", at: "2026-11-10T08:00:00Z" })).toBe(false);
    const late = applyRegisterRequestEvent(JSON.parse(JSON.stringify(step.persisted)), { ...onTheDay, at: "2026-11-10T08:00:00Z" });
    expect(late.state).toBe("overdue");
    expect(late.context.overdueOn).toBe("2026-11-10");
    expect(late.deadline).toBeNull();
    const decided = applyRegisterRequestEvent(late.persisted, { type: "DECIDE", at: "2026-11-12T10:00:00Z", outcome: "not_place", decisionRef: "RD-9" });
    expect(decided).toMatchObject({ state: "decided", deadline: null, context: { decidedOn: "2026-11-12", outcome: "not_place", decisionRef: "RD-9", overdueOn: "2026-11-10" } });
    expect(() => applyRegisterRequestEvent(decided.persisted, { type: "WITHDRAW", at: "2026-11-13T10:00:00Z" })).toThrow(RegisterRequestEventRefused);
  });

  it("refuses a decision dated before the request was received, and can be withdrawn while open", () => {
    const step = startRegisterRequest({ ref: "RQ-4", receivedOn: "2026-11-02", calendar: working });
    expect(() => applyRegisterRequestEvent(step.persisted, { type: "DECIDE", at: "2026-10-30T10:00:00Z", outcome: "place", decisionRef: "RD-1" })).toThrow(
      RegisterRequestEventRefused,
    );
    const withdrawn = applyRegisterRequestEvent(step.persisted, { type: "WITHDRAW", at: "2026-11-03T10:00:00Z" });
    expect(withdrawn).toMatchObject({ state: "withdrawn", deadline: null, context: { withdrawnOn: "2026-11-03" } });
  });
});
