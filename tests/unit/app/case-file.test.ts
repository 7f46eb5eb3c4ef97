import { describe, expect, it } from "vitest";
import type { CaseView } from "../../../machines";
import {
  draftDefaults,
  draftRemediesOf,
  remedyLineage,
  escalationsOf,
  familyPrompts,
  formatPounds,
  historyOf,
  successBanner,
  writtenOf,
  type LogEvent,
} from "../../../app/utils/case-file";

const names = { setting: "Aston Vale College", national: "the Ombudsman", people: { u9: "Sam Okafor" } };
const view = {
  remedies: [
    {
      id: "R1",
      kind: "action",
      description: "Restore 8 hours a week",
      rung: 1,
      via: "decision",
      issuedOn: "2026-11-02",
      dueOn: "2026-12-01",
      owedBy: ["setting"],
      status: "failed",
      note: "Staff shortage",
    },
  ],
  issues: [{ id: "issue-1", summary: "Support when moving between settings", category: "transition-support", settledByAgreement: false }],
} as unknown as CaseView;

const ev = (seq: number, type: string, payload: Record<string, unknown>, toState = "ladder.setting.considering.active", actor = "Helen Clarke"): LogEvent => ({
  seq,
  type,
  payload: { type, at: "2026-11-20", ...payload },
  toState,
  actor,
  recordedAt: "2026-11-20T10:00:00.000Z",
});

describe("the history as a person would tell it", () => {
  const events = [
    ev(2, "PAUSE", { reason: "The speech therapist's report", waitingOn: "family" }, "ladder.setting.considering.paused"),
    ev(3, "DEADLINE_WARNING", { key: "rung1.respond.warn75" }, "ladder.setting.considering.active", "Redress (automatic)"),
    ev(4, "EXTEND", { reason: "The SENCo is away", workingDays: 5 }),
    ev(5, "REMEDY_FAILED", { remedyId: "R1", reason: "Staff shortage" }, "monitoringCompliance"),
    ev(6, "ESCALATE", { reason: "Nobody explained the decision" }, "ladder.localService.awaitingAcknowledgement", "Amira Hussain"),
    ev(7, "ASSIGN_MEDIATOR", { mediatorId: "u9" }, "mediation"),
    ev(8, "DEADLINE_MISSED", { key: "rung1.acknowledge" }, "ladder.setting.awaitingAcknowledgement", "Redress (automatic)"),
  ];

  it("quotes what people wrote, names the remedy and the person, and never shows ids or ISO dates in the words", () => {
    const history = historyOf(events, view, names, false);
    expect(history.find((h) => h.seq === 2)).toMatchObject({
      title: "Response clock paused, waiting for information from the family",
      quote: { text: "The speech therapist's report" },
    });
    expect(history.find((h) => h.seq === 4)).toMatchObject({ title: "Response deadline extended by 5 working days", quote: { label: "Reason", text: "The SENCo is away" } });
    expect(history.find((h) => h.seq === 5)).toMatchObject({ title: "Remedy not done: “Restore 8 hours a week”" });
    // Shown in its own section ("Why the family took the concern further"), not repeated here.
    expect(history.find((h) => h.seq === 6)).toEqual(expect.objectContaining({ title: "The family took the concern to the local service" }));
    expect(history.find((h) => h.seq === 6)?.quote).toBeUndefined();
    expect(history.find((h) => h.seq === 7)?.title).toBe("Mediator assigned: Sam Okafor");
    expect(history.find((h) => h.seq === 8)?.title).toBe("Aston Vale College’s deadline to acknowledge the concern was missed");
    const words = JSON.stringify(history.map(({ title, quote }) => [title, quote]));
    expect(words).not.toMatch(/R1|u9|rung1|\d{4}-\d{2}-\d{2}/);
  });

  it("hides automatic reminders from the family, not from the people who owe the deadline", () => {
    expect(historyOf(events, view, names, true).some((h) => h.seq === 3)).toBe(false);
    expect(historyOf(events, view, names, false).find((h) => h.seq === 3)?.title).toBe("Reminder sent: Aston Vale College’s deadline to respond with an outcome is 75% through");
  });

  it("keeps comments with who wrote them, and escalation reasons for the next rung", () => {
    const comments = writtenOf(
      [ev(9, "SUBMIT_COMMENTS", { party: "respondent", comments: "We accept it." }, "ladder.national.awaitingComments", "Priya Sharma")],
      "SUBMIT_COMMENTS",
    );
    expect(comments).toEqual([{ seq: 9, by: "Priya Sharma", party: "the local service", on: "2026-11-20", text: "We accept it." }]);
    expect(escalationsOf(events, names)).toEqual([{ seq: 6, to: "the local service", on: "2026-11-20", reason: "Nobody explained the decision" }]);
  });
});

describe("the final decision starts from the draft", () => {
  const draftView = {
    outcomes: [
      { rung: 1, stage: "response", on: "2026-11-02", findings: [{ issueId: "issue-1", finding: "not-upheld" }], reasons: "Old", standards: [], remedyIds: [] },
      {
        rung: 3,
        stage: "draft-decision",
        on: "2026-11-20",
        findings: [{ issueId: "issue-1", finding: "upheld", reasons: "No invitation" }],
        reasons: "Upheld",
        standards: ["NF-1.3", "NF-2.1"],
        remedyIds: [],
      },
    ],
  } as unknown as CaseView;
  const remedies = draftRemediesOf([
    ev(10, "ISSUE_DRAFT_DECISION", {
      outcome: {
        remedies: [
          { kind: "payment", description: "Time and trouble", amountPence: 125050 },
          { kind: "action", description: "Invite the family", dueOn: "2027-01-29" },
        ],
      },
    }),
  ]);

  it("fills every field of the form from the latest draft, remedies included", () => {
    expect(draftDefaults(draftView, remedies.at(-1)!)).toEqual({
      "finding-issue-1": "upheld",
      "reasons-issue-1": "No invitation",
      reasons: "Upheld",
      standards: "NF-1.3, NF-2.1",
      "remedy-1-kind": "payment",
      "remedy-1-description": "Time and trouble",
      "remedy-1-amount": "1250.50",
      "remedy-2-kind": "action",
      "remedy-2-description": "Invite the family",
      "remedy-2-dueOn": "2027-01-29",
    });
  });

  it("starts empty when there is no draft", () => {
    expect(draftDefaults({ outcomes: [] } as unknown as CaseView, [])).toEqual({});
  });
});

describe("the family's decision first", () => {
  const base = { rung: 1, breaches: [], pausedClocks: [], deadlines: [] } as unknown as CaseView;
  it("says by when the family must decide after a response", () => {
    const responded = { ...base, stateValue: "ladder.setting.responded", deadlines: [{ key: "rung1.escalationWindow", dueOn: "2026-12-23" }] } as unknown as CaseView;
    expect(familyPrompts(responded, names, { isFamily: true, mayEscalateNow: false })[0]?.text).toBe(
      "You need to decide by 23 December 2026 whether to accept the outcome or take it to the local service.",
    );
    expect(familyPrompts(responded, names, { isFamily: false, mayEscalateNow: true })[0]?.text).toMatch(/^The family needs to decide by 23 December 2026/);
  });

  it("says a missed deadline lets the family take it further now, only when they can", () => {
    const missed = { ...base, stateValue: "ladder.setting.awaitingAcknowledgement", breaches: [{ key: "rung1.acknowledge", on: "2026-12-02" }] } as unknown as CaseView;
    expect(familyPrompts(missed, names, { isFamily: true, mayEscalateNow: true })[0]?.text).toBe(
      "Aston Vale College missed its deadline to acknowledge the concern on 2 December 2026: you can take this further now.",
    );
    expect(familyPrompts(missed, names, { isFamily: true, mayEscalateNow: false })).toEqual([]);
  });
});

describe("words for people", () => {
  it("writes money with pence and thousands", () => {
    expect(formatPounds(125000)).toBe("£1,250.00");
  });

  it("success banners say what happens next, never “: done”", () => {
    for (const type of ["ACKNOWLEDGE", "REMEDY_DONE", "ESCALATE", "SUBMIT_COMMENTS"]) {
      const banner = successBanner(type, false);
      expect(banner.title).not.toMatch(/: done$/);
      expect(banner.body).toBeTruthy();
    }
  });
});

describe("remedy lineage", () => {
  it("says which remedy replaced which, with who ordered the earlier one and when", () => {
    const remedies = [
      { id: "R1", kind: "action", description: "Restore 8 hours", rung: 1, via: "decision", issuedOn: "2026-12-03", dueOn: "2027-01-05", owedBy: ["setting"], status: "replaced" },
      { id: "R2", kind: "apology", description: "Say sorry", rung: 1, via: "decision", issuedOn: "2026-12-03", dueOn: "2027-01-05", owedBy: ["setting"], status: "open" },
      {
        id: "R3",
        kind: "action",
        description: "Restore six hours a week",
        rung: 3,
        via: "decision",
        issuedOn: "2027-02-10",
        dueOn: "2027-03-10",
        owedBy: ["setting", "local-service"],
        status: "open",
        replaces: "R1",
      },
    ];
    expect(remedyLineage({ remedies, route: "substance" } as unknown as CaseView)).toEqual({
      R3: { replaces: "Restore 8 hours, ordered by the setting on 3 December 2026" },
      R1: { replacedBy: "Restore six hours a week, ordered by the national practice body on 10 February 2027" },
    });
    expect(remedyLineage({ remedies: remedies.slice(0, 2), route: "process" } as unknown as CaseView)).toEqual({});
  });
});
