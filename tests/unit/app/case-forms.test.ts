import { describe, expect, it } from "vitest";
import { CASE_EVENTS } from "../../../app/components/case-events";
import { applyRemedyIntent, remedyIntent, remedyRowCount, type FormContext } from "../../../app/utils/case-forms";
import { MAX_REMEDIES } from "../../../app/utils/limits";
import { nestFields } from "../../../app/utils/nested-fields";

// The case action forms turn posted fields into machine payloads: money in pence, standards as a
// list, exactly one finding per open issue.

const ctx: FormContext = {
  issueIds: ["i1", "i2"],
  side: "handler",
  capacities: ["setting"],
  userId: "u-helen",
  openRemedyIds: [],
  failedRemedyIds: [],
  mediatorIds: [],
  maxExtensionWorkingDays: 10,
  today: "2026-11-27",
};

const respond = (fields: Record<string, string>) => CASE_EVENTS.RESPOND.fields.schema(ctx).safeParse(fields);
const decided = { "finding-i1": "upheld", "finding-i2": "not-upheld", reasons: "We looked at the plan." };
const messages = (result: ReturnType<typeof respond>) => (result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message])));

describe("RESPOND: pounds to pence", () => {
  it.each([
    ["250", 25_000],
    ["250.5", 25_050],
    ["£1,250.50", 125_050],
    ["0.01", 1],
    ["100000", 10_000_000],
  ])("%s pounds is %i pence", (amount, pence) => {
    const result = respond({ ...decided, "remedy-1-kind": "payment", "remedy-1-description": "Costs of the assessment", "remedy-1-amount": amount });
    expect(result.success).toBe(true);
    if (result.success) expect((result.data.outcome as { remedies: { amountPence?: number }[] }).remedies[0]?.amountPence).toBe(pence);
  });

  it.each(["", "0", "-5", "12.345", "ten", "1e3"])("refuses %j with a message on the amount", (amount) => {
    const result = respond({ ...decided, "remedy-1-kind": "payment", "remedy-1-description": "Costs", "remedy-1-amount": amount });
    expect(messages(result)["remedy-1-amount"]).toBe("Enter remedy 1's amount in pounds, like 250 or 250.50");
  });

  it("refuses more than the largest payment", () => {
    const result = respond({ ...decided, "remedy-1-kind": "payment", "remedy-1-description": "Costs", "remedy-1-amount": "100000.01" });
    expect(messages(result)["remedy-1-amount"]).toBe("Remedy 1's amount must be £100,000 or less");
  });
});

describe("RESPOND: National Framework standards", () => {
  it("reads a list split by commas or lines, without blanks", () => {
    const result = respond({ ...decided, standards: "NF-3.2, NF-4\nNF-1.1.2,, " });
    expect(result.success).toBe(true);
    if (result.success) expect((result.data.outcome as { standards: string[] }).standards).toEqual(["NF-3.2", "NF-4", "NF-1.1.2"]);
  });

  it("names the first reference that is not a standard", () => {
    expect(messages(respond({ ...decided, standards: "NF-3.2, NF3, section 4" })).standards).toBe('"NF3" is not a National Framework standard reference, like NF-3.2');
  });
});

describe("RESPOND: one finding per issue", () => {
  it("gives one finding for each open issue, in order, and records who decided", () => {
    const result = respond({ ...decided, "reasons-i2": "The plan was followed.", "finding-other": "upheld" });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data.decidedBy).toBe("u-helen");
    expect((result.data.outcome as { findings: unknown[] }).findings).toEqual([
      { issueId: "i1", finding: "upheld" },
      { issueId: "i2", finding: "not-upheld", reasons: "The plan was followed." },
    ]);
  });

  it("asks for the finding on each issue left without one", () => {
    const result = respond({ "finding-i1": "upheld", "finding-i2": "maybe", reasons: "" });
    expect(messages(result)).toEqual({ "finding-i2": "Select a finding for this issue", reasons: "Give the reasons for your decision" });
  });
});

describe("EXTEND takes its limit from the case's policy", () => {
  it.each([
    [10, "10", true],
    [10, "11", false],
    [5, "6", false],
  ])("at most %i working days: %s is accepted? %s", (max, days, ok) => {
    const result = CASE_EVENTS.EXTEND.fields.schema({ ...ctx, maxExtensionWorkingDays: max }).safeParse({ workingDays: days, reason: "Waiting for the speech therapist" });
    expect(result.success).toBe(ok);
    if (!ok && !result.success) expect(result.error.issues[0]?.message).toBe(`You can extend by at most ${max} working days at this stage`);
  });
});

describe("Add another remedy: numbered rows, added and removed without JavaScript", () => {
  it("counts the rows posted, empty ones too (the hidden count keeps a row nobody typed in)", () => {
    expect(remedyRowCount({ "remedy-1-description": "", "remedy-3-kind": "apology" })).toBe(3);
    expect(remedyRowCount({ remedyRows: "2" })).toBe(2);
    expect(remedyRowCount({ remedyRows: "9999" })).toBe(MAX_REMEDIES);
  });

  it("adds a row and keeps everything typed", () => {
    const fields = { reasons: "Because", "remedy-1-kind": "payment", "remedy-1-description": "Pay", "remedy-1-amount": "250", remedyRows: "1", intent: "add-remedy" };
    expect(applyRemedyIntent(fields, remedyIntent(fields.intent)!)).toEqual({
      reasons: "Because",
      "remedy-1-kind": "payment",
      "remedy-1-description": "Pay",
      "remedy-1-amount": "250",
      remedyRows: "2",
    });
  });

  it("removes a row: the later rows move up a number with their own values", () => {
    const fields = {
      "remedy-1-kind": "apology",
      "remedy-1-description": "Say sorry",
      "remedy-2-kind": "action",
      "remedy-2-description": "Do it",
      "remedy-2-dueOn": "2027-01-29",
      "remedy-3-kind": "payment",
      "remedy-3-description": "Pay",
      "remedy-3-amount": "10",
      remedyRows: "3",
    };
    expect(remedyIntent("remove-remedy-2")).toEqual({ remove: 2 });
    expect(applyRemedyIntent(fields, { remove: 2 })).toEqual({
      "remedy-1-kind": "apology",
      "remedy-1-description": "Say sorry",
      "remedy-2-kind": "payment",
      "remedy-2-description": "Pay",
      "remedy-2-amount": "10",
      remedyRows: "2",
    });
    expect(remedyIntent("delete-everything")).toBeUndefined();
  });

  it("moves a due date's day, month and year boxes with their row", () => {
    const fields = {
      "remedy-1-kind": "apology",
      "remedy-1-description": "Say sorry",
      "remedy-2-kind": "action",
      "remedy-2-description": "Do it",
      "remedy-2-dueOn-day": "29",
      "remedy-2-dueOn-month": "1",
      "remedy-2-dueOn-year": "2027",
      remedyRows: "2",
    };
    expect(applyRemedyIntent(fields, { remove: 1 })).toEqual({
      "remedy-1-kind": "action",
      "remedy-1-description": "Do it",
      "remedy-1-dueOn-day": "29",
      "remedy-1-dueOn-month": "1",
      "remedy-1-dueOn-year": "2027",
      remedyRows: "1",
    });
  });

  it("reads each row's due date from its date input, and names the row when it is wrong", () => {
    const rows = (day: string, month: string, year: string) =>
      respond(
        nestFields({
          ...decided,
          "remedy-1-kind": "apology",
          "remedy-1-description": "Say sorry",
          "remedy-2-kind": "action",
          "remedy-2-description": "Do it",
          "remedy-2-dueOn-day": day,
          "remedy-2-dueOn-month": month,
          "remedy-2-dueOn-year": year,
        }) as Record<string, string>,
      );
    const ok = rows("29", "1", "2027");
    expect(ok.success && ok.data.outcome.remedies.map((r) => r.dueOn)).toEqual([undefined, "2027-01-29"]);
    expect(messages(rows("30", "2", "2027"))).toEqual({ "remedy-2-dueOn": "Enter the due date for remedy 2 as a real date, for example 27 3 2027" });
    expect(messages(rows("29", "", "2027"))).toEqual({ "remedy-2-dueOn": "The due date for remedy 2 must include a month" });
    expect(messages(rows("29", "1", "27"))).toEqual({ "remedy-2-dueOn": "The due date for remedy 2 must include a year with 4 numbers, like 2026" });
    expect(messages(rows("", "", ""))).toEqual({ "remedy-2-dueOn": "Enter the date action 2 is due" });
  });

  it("stops adding at the cap", () => {
    const full = Object.fromEntries(Array.from({ length: MAX_REMEDIES }, (_, i) => [`remedy-${i + 1}-description`, `R${i + 1}`]));
    expect(applyRemedyIntent(full, { add: true }).remedyRows).toBe(String(MAX_REMEDIES));
  });

  it("parses any number of rows up to the cap, skips empty ones, and refuses more", () => {
    const rows = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [
        [`remedy-${i + 1}-kind`, i === 2 ? "" : "apology"],
        [`remedy-${i + 1}-description`, i === 2 ? "" : `Apology ${i + 1}`],
      ]).flat(),
    );
    const result = respond({ ...decided, ...rows });
    expect(result.success && result.data.outcome.remedies.map((r) => r.description)).toEqual(["Apology 1", "Apology 2", "Apology 4", "Apology 5"]);
    const tooMany = respond({ ...decided, [`remedy-${MAX_REMEDIES + 1}-kind`]: "apology", [`remedy-${MAX_REMEDIES + 1}-description`]: "One too many" });
    expect(messages(tooMany).remedies).toBe(`You can give at most ${MAX_REMEDIES} remedies in one decision`);
  });

  it("asks for the kind when a remedy is described but no kind is chosen", () => {
    expect(messages(respond({ ...decided, "remedy-1-description": "Do something" }))["remedy-1-kind"]).toBe("Select the kind of remedy 1");
  });

  it("a remedy may replace only an earlier remedy on the case, and each one only once", () => {
    const withEarlier = CASE_EVENTS.RESPOND.fields.schema({ ...ctx, earlierRemedyIds: ["R1"] });
    const row = (n: number, replaces: string) => ({ [`remedy-${n}-kind`]: "apology", [`remedy-${n}-description`]: `Apology ${n}`, [`remedy-${n}-replaces`]: replaces });
    const ok = withEarlier.safeParse({ ...decided, ...row(1, "R1") });
    expect(ok.success && ok.data.outcome.remedies[0]).toMatchObject({ replaces: "R1" });
    const stranger = withEarlier.safeParse({ ...decided, ...row(1, "R7") });
    expect(stranger.success ? {} : Object.fromEntries(stranger.error.issues.map((i) => [i.path.join("."), i.message]))).toMatchObject({
      "remedy-1-replaces": "Choose an earlier remedy on this case for remedy 1 to replace",
    });
    const twice = withEarlier.safeParse({ ...decided, ...row(1, "R1"), ...row(2, "R1") });
    expect(twice.success ? {} : Object.fromEntries(twice.error.issues.map((i) => [i.path.join("."), i.message]))).toMatchObject({
      remedies: "Two remedies replace the same earlier remedy: choose it for one of them only",
    });
  });
});
