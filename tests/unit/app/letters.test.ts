import { describe, expect, it } from "vitest";
import { transitionCase, startCase, type CaseEvent, type CaseInput, type PersistedCase } from "../../../machines";
import { formatPounds as formatMoney } from "../../../app/utils/case-file";
import { composeLetters, letterText, type LetterEvent, type LetterSource } from "../../../app/utils/letters";

// Letters composed from a case walked through the real machines: findings with the issues' own
// titles and reasons, remedies with money and due dates in words, who decided, what next.

const CASE: CaseInput = {
  caseRef: "RC-2026-LETTER-S",
  route: "substance",
  receivedOn: "2026-04-01",
  settingId: "URN-1",
  settingName: "Beckett Park Primary",
  localAreaId: "E08000035",
  healthInvolved: false,
  issues: [
    { id: "S1", summary: "Speech and language support cut from weekly to termly", category: "support-level" },
    { id: "S2", summary: "No key worker at the move into Reception", category: "transition-support" },
  ],
} as CaseInput;

const remedies = [
  { kind: "payment" as const, description: "Payment for the support missed", amountPence: 125000, dueOn: "2026-12-23" },
  { kind: "apology" as const, description: "A written apology to the family" },
];

function walk(events: Array<CaseEvent & { by: string }>) {
  let persisted: PersistedCase = startCase(CASE).persisted;
  let view = startCase(CASE).view;
  const log: LetterEvent[] = [];
  for (const [i, { by, ...event }] of events.entries()) {
    const step = transitionCase(persisted, event as CaseEvent);
    persisted = step.persisted;
    view = step.view;
    log.push({ seq: i + 2, type: event.type, payload: event, actor: by });
  }
  return { view, log };
}

function sourceOf(events: Array<CaseEvent & { by: string }>, overrides: Partial<LetterSource> = {}): LetterSource {
  const { view, log } = walk(events);
  return {
    view,
    events: log,
    caseRef: "RC-2026-LETTER-S",
    concernRef: "RC-2026-LETTER",
    receivedOn: "2026-04-01",
    settingName: "Beckett Park Primary",
    areaName: "Leeds",
    healthInvolved: false,
    child: "Yusuf Hussain",
    familyName: "Amira Hussain",
    mediators: { "user-sam": "Sam Okafor" },
    dueOn: { "rung1.escalationWindow": "2026-05-19", "rung3.comments": "2026-10-12" },
    ...overrides,
  };
}

const respond = (at: string, by: string): CaseEvent & { by: string } => ({
  type: "RESPOND",
  at,
  by,
  outcome: {
    findings: [
      { issueId: "S1", finding: "upheld", reasons: "Weekly sessions were in the plan and stopped without a review." },
      { issueId: "S2", finding: "not-upheld" },
    ],
    reasons: "The plan was not followed for the speech support.",
    standards: ["NF-3.1"],
    remedies,
  },
});

const toNational: Array<CaseEvent & { by: string }> = [
  { type: "ACKNOWLEDGE", at: "2026-04-02", handlerId: "u-helen", by: "Helen Clarke" },
  respond("2026-04-20", "Helen Clarke"),
  { type: "ESCALATE", at: "2026-04-21", by: "Amira Hussain" },
  { type: "ACKNOWLEDGE", at: "2026-04-22", handlerId: "u-priya", by: "Priya Sharma" },
  respond("2026-05-06", "Priya Sharma"),
  { type: "ESCALATE", at: "2026-05-07", by: "Amira Hussain" },
  { type: "ACKNOWLEDGE", at: "2026-05-08", handlerId: "u-daniel", by: "Daniel Moore" },
  { type: "ACCEPT_FOR_INVESTIGATION", at: "2026-05-11", reasons: "The concern is about the level of support.", by: "Daniel Moore" },
  {
    type: "ISSUE_DRAFT_DECISION",
    at: "2026-09-14",
    by: "Daniel Moore",
    outcome: {
      findings: [
        { issueId: "S1", finding: "upheld", reasons: "Weekly sessions are needed." },
        { issueId: "S2", finding: "partly-upheld" },
      ],
      reasons: "Draft reasons.",
      standards: ["NF-3.1"],
      remedies: [remedies[0]!],
    },
  },
];

describe("letters composed from the case record", () => {
  it("a response letter names each issue by its title, gives its finding and reasons, remedies with money and dates, who decided and what next", () => {
    const letters = composeLetters(sourceOf(toNational.slice(0, 2)));
    expect(letters.map((l) => l.id)).toEqual(["response-1"]);
    const [letter] = letters;
    expect(letter!.from).toBe("Beckett Park Primary");
    expect(letter!.issuedOn).toBe("20 April 2026");
    expect(letter!.signedBy).toEqual({ name: "Helen Clarke", role: "for Beckett Park Primary" });
    const text = letterText(letter!);
    expect(text).toContain("Speech and language support cut from weekly to termly: Upheld. Weekly sessions were in the plan and stopped without a review.");
    expect(text).toContain("No key worker at the move into Reception: Not upheld");
    expect(text).toContain("Payment: Payment for the support missed (£1,250.00). Beckett Park Primary. By 23 December 2026");
    expect(text).toMatch(/Apology: A written apology to the family\. Beckett Park Primary\. By \d{1,2} \w+ 2026/);
    expect(text).toContain("take the concern to Leeds local service until 19 May 2026");
    expect(text).toContain("National Framework standards relied on: NF-3.1.");
    expect(text).toContain("Child or young person: Yusuf Hussain");
    // No internal ids or raw ISO dates anywhere in the letter.
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b|\bS[12]\b|\bR\d\b|u-helen/);
  });

  it("the national stage gives an assessment letter and a draft clearly marked DRAFT with its proposed remedies", () => {
    const letters = composeLetters(sourceOf(toNational));
    expect(letters.map((l) => l.kind)).toEqual(["response", "response", "assessment-decision", "draft-decision"]);
    expect(letters[1]!.from).toBe("Leeds local service");
    const assessment = letterText(letters[2]!);
    expect(assessment).toContain("The National Practice Body has assessed the concern about Yusuf Hussain and will investigate it.");
    const draft = letters[3]!;
    expect(draft.draft).toBe(true);
    expect(draft.from).toBe("The National Practice Body");
    const text = letterText(draft);
    expect(text).toContain("DRAFT: this is not the final decision.");
    expect(text).toContain("No key worker at the move into Reception: Partly upheld");
    expect(text).toContain("Payment: Payment for the support missed (£1,250.00). Beckett Park Primary and Leeds local service. By 23 December 2026");
    expect(text).toContain("until 12 October 2026");
  });

  it("the final decision follows the comments; its remedies carry the dates the machine set", () => {
    const events: Array<CaseEvent & { by: string }> = [
      ...toNational,
      { type: "SUBMIT_COMMENTS", at: "2026-09-15", party: "family", comments: "Please start soon.", by: "Amira Hussain" },
      { type: "SUBMIT_COMMENTS", at: "2026-09-15", party: "setting", comments: "Agreed.", by: "Helen Clarke" },
      { type: "SUBMIT_COMMENTS", at: "2026-09-15", party: "local-service", comments: "Agreed.", by: "Priya Sharma" },
      {
        type: "ISSUE_FINAL_DECISION",
        at: "2026-09-30",
        by: "Daniel Moore",
        outcome: {
          findings: [
            { issueId: "S1", finding: "upheld" },
            { issueId: "S2", finding: "upheld", reasons: "No key worker was named." },
          ],
          reasons: "Final reasons.",
          standards: ["NF-3.1"],
          remedies,
        },
      },
    ];
    const letters = composeLetters(sourceOf(events));
    const final = letters.at(-1)!;
    expect(final.kind).toBe("final-decision");
    expect(final.draft).toBe(false);
    const text = letterText(final);
    expect(text).toContain("No key worker at the move into Reception: Upheld. No key worker was named.");
    expect(text).toContain("(£1,250.00). Beckett Park Primary and Leeds local service. By 23 December 2026");
    expect(text).toContain("This is the final decision");
    expect(final.signedBy.name).toBe("Daniel Moore");
  });

  it("mediation gives an agreement letter and a certificate, with the mediator's name and the session held", () => {
    const events: Array<CaseEvent & { by: string }> = [
      { type: "ACKNOWLEDGE", at: "2026-04-02", handlerId: "u-helen", by: "Helen Clarke" },
      { type: "OFFER_MEDIATION", at: "2026-04-03", requestedBy: "family", by: "Amira Hussain" },
      { type: "SEND_MEDIATION_INFORMATION", at: "2026-04-06", by: "Helen Clarke" },
      { type: "ACCEPT_MEDIATION", at: "2026-04-07", by: "Amira Hussain" },
      { type: "ASSIGN_MEDIATOR", at: "2026-04-08", mediatorId: "user-sam", by: "Helen Clarke" },
      { type: "SCHEDULE_SESSION", at: "2026-04-08", sessionOn: "2026-04-20", by: "Sam Okafor" },
      { type: "RECORD_SESSION_HELD", at: "2026-04-20", heldOn: "2026-04-20", by: "Sam Okafor" },
      {
        type: "RECORD_MEDIATION_OUTCOME",
        at: "2026-04-20",
        agreedIssueIds: ["S2"],
        summary: "A key worker will be named",
        actions: [{ kind: "action", description: "Name a key worker", dueOn: "2026-05-01" }],
        by: "Sam Okafor",
      },
      { type: "ISSUE_CERTIFICATE", at: "2026-04-21", by: "Sam Okafor" },
    ];
    const letters = composeLetters(sourceOf(events));
    expect(letters.map((l) => l.id)).toEqual(["mediation-agreement-1", "mediation-certificate-1"]);
    const agreement = letterText(letters[0]!);
    expect(agreement).toContain("No key worker at the move into Reception: Resolved by agreement");
    expect(agreement).toContain("Action: Name a key worker. Beckett Park Primary. By 1 May 2026");
    expect(agreement).toContain("The issues not settled (Speech and language support cut from weekly to termly) go back to Beckett Park Primary.");
    expect(letters[0]!.signedBy).toEqual({ name: "Sam Okafor", role: "Mediator" });
    const certificate = letterText(letters[1]!);
    expect(certificate).toContain("Mediator: Sam Okafor");
    expect(certificate).toContain("Session held: 20 April 2026");
    expect(certificate).toContain("Agreement was reached on some of the issues.");
    expect(letters[1]!.issuedOn).toBe("21 April 2026");
  });

  it("a reader not entitled to the child's name sees neither the child's nor the family's name", () => {
    const [letter] = composeLetters(sourceOf(toNational.slice(0, 2), { child: null, familyName: null }));
    const text = letterText(letter!);
    expect(letter!.to).toBeNull();
    expect(text).not.toContain("Yusuf");
    expect(text).not.toContain("Amira");
    expect(text).toContain("the concern about the child");
  });

  it("money is in pounds with thousands separators and pence", () => {
    expect(formatMoney(125000)).toBe("£1,250.00");
    expect(formatMoney(5)).toBe("£0.05");
    expect(formatMoney(100000000)).toBe("£1,000,000.00");
  });
});
