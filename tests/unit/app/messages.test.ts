import { describe, expect, it } from "vitest";
import { renderNotification } from "../../../emails";
import { actionsFor } from "../../../app/utils/case-actions";
import { entryFor, pastTenseOf } from "../../../app/components/case-events";
import { historyOf, type LogEvent } from "../../../app/utils/case-file";
import type { FormContext } from "../../../app/utils/case-forms";
import { followUpOf, noteReadersOf, threadOf, whenWritten } from "../../../app/utils/case-messages";
import { CASE_EVENT_TYPES, type Party } from "../../../machines";
import { acknowledged, CaseDriver, caseInput, respondedAtSetting } from "../machines/support";

// Messages and internal notes (docs/decisions/023): the catalogue's forms, who may send each, what
// the machine does with them, who reads a note, and what a family's message sets off.

const ALL = CASE_EVENT_TYPES as readonly string[];
const view = (rung: 1 | 2 | 3 | null, pausedForFamily = false) => ({
  rung,
  healthInvolved: true,
  pausedClocks: pausedForFamily ? [{ key: "rung1.respond", label: "The response", pausedSince: "2026-01-07", waitingOn: "family" as const, reason: "The report" }] : [],
});
const mayAct = (party: Party, type: string, rung: 1 | 2 | 3 | null) => actionsFor([party], ALL, view(rung)).includes(type as never);
const form = (capacities: Party[]): FormContext => ({ capacities, side: capacities.includes("family") ? "family" : "handler", userId: "u1" }) as unknown as FormContext;

describe("the catalogue", () => {
  it("a message form gives the writer's part in the case and the words; an empty message is refused with a field message", () => {
    const schema = entryFor("SEND_MESSAGE").fields.schema;
    expect(schema(form(["family"])).parse({ message: "  The report is attached to my email of Monday.  " })).toEqual({
      party: "family",
      message: "The report is attached to my email of Monday.",
    });
    expect(schema(form(["health-partner"])).parse({ message: "We will call you." })).toEqual({ party: "health-partner", message: "We will call you." });
    const refused = schema(form(["setting"])).safeParse({ message: "   " });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ["message"], message: "Enter your message" });
  });

  it("a note form gives the writing body, never the family", () => {
    const schema = entryFor("ADD_INTERNAL_NOTE").fields.schema;
    expect(schema(form(["local-service"])).parse({ note: "Call the SENCo first." })).toEqual({ party: "local-service", note: "Call the SENCo first." });
    expect(schema(form(["national-body"])).safeParse({ note: "" }).success).toBe(false);
  });

  it("both change nothing on the case, so a form opened before another change is still sent; the history says so in words", () => {
    expect(entryFor("SEND_MESSAGE").keepsState).toBe(true);
    expect(entryFor("ADD_INTERNAL_NOTE").keepsState).toBe(true);
    expect(entryFor("RESPOND").keepsState).toBeUndefined();
    expect(pastTenseOf("SEND_MESSAGE")).toBe("Message sent");
    expect(pastTenseOf("ADD_INTERNAL_NOTE")).toBe("Internal note added");
  });
});

describe("who may send", () => {
  it("messages: the family and whoever answers now (with the health partner at rungs 1 and 2); never a mediator", () => {
    expect(["family", "setting", "health-partner"].every((p) => mayAct(p as Party, "SEND_MESSAGE", 1))).toBe(true);
    expect(mayAct("local-service", "SEND_MESSAGE", 1)).toBe(false);
    expect(mayAct("setting", "SEND_MESSAGE", 2)).toBe(false);
    expect(mayAct("local-service", "SEND_MESSAGE", 2)).toBe(true);
    expect(mayAct("national-body", "SEND_MESSAGE", 3)).toBe(true);
    expect(mayAct("health-partner", "SEND_MESSAGE", 3)).toBe(false);
    expect(mayAct("mediator", "SEND_MESSAGE", 1)).toBe(false);
  });

  it("internal notes: each body that has answered so far, never the family or a mediator", () => {
    expect(mayAct("setting", "ADD_INTERNAL_NOTE", 1)).toBe(true);
    expect(mayAct("local-service", "ADD_INTERNAL_NOTE", 1)).toBe(false);
    expect(mayAct("setting", "ADD_INTERNAL_NOTE", 2)).toBe(true);
    expect(mayAct("national-body", "ADD_INTERNAL_NOTE", 3)).toBe(true);
    expect(mayAct("national-body", "ADD_INTERNAL_NOTE", null)).toBe(true);
    for (const rung of [1, 2, 3, null] as const) {
      expect(mayAct("family", "ADD_INTERNAL_NOTE", rung)).toBe(false);
      expect(mayAct("mediator", "ADD_INTERNAL_NOTE", rung)).toBe(false);
    }
  });
});

describe("the machine", () => {
  it("a message changes no state and tells the rest of the conversation who wrote, never the words", () => {
    const driver = acknowledged(caseInput({ healthInvolved: true }));
    const before = driver.view.stateValue;
    const sent = driver.send({ type: "SEND_MESSAGE", at: "2026-01-07", party: "family", message: "Can we meet?" });
    expect(sent.from).toBe(sent.to);
    expect(driver.view.stateValue).toBe(before);
    expect(sent.notifications).toEqual([{ kind: "message-received", to: ["setting", "health-partner"], data: { caseRef: "RD-TEST-P", from: "family" } }]);
    expect(JSON.stringify(sent.notifications)).not.toContain("Can we meet?");
    const reply = driver.send({ type: "SEND_MESSAGE", at: "2026-01-08", party: "setting", message: "Yes: Tuesday." });
    expect(reply.notifications[0]).toMatchObject({ to: ["family", "health-partner"] });
  });

  it("refuses a message from a body that does not answer the concern now, and anything once the case is closed", () => {
    const driver = acknowledged();
    driver.refuse({ type: "SEND_MESSAGE", at: "2026-01-07", party: "local-service", message: "Hello" }, /only the family and the organisation handling the concern/);
    const closed = respondedAtSetting();
    closed.send({ type: "ACCEPT_OUTCOME", at: "2026-01-16" });
    expect(closed.view.status).toBe("closed");
    closed.refuse({ type: "SEND_MESSAGE", at: "2026-01-17", party: "family", message: "Thanks" }, /the case is closed/);
    closed.refuse({ type: "ADD_INTERNAL_NOTE", at: "2026-01-17", party: "setting", note: "Done" }, /the case is closed/);
  });

  it("an internal note changes nothing and tells nobody", () => {
    const driver = new CaseDriver();
    const noted = driver.send({ type: "ADD_INTERNAL_NOTE", at: "2026-01-05", party: "setting", note: "Check the EHCP first." });
    expect(noted.from).toBe(noted.to);
    expect(noted.notifications).toEqual([]);
  });
});

describe("a family's message while a pause waits on them", () => {
  it("is followed by RESUME in the same write; a body's message, or one with no pause, is not", () => {
    const driver = acknowledged();
    driver.send({ type: "PAUSE", at: "2026-01-07", reason: "The speech therapy report", waitingOn: "family" });
    const message = { type: "SEND_MESSAGE", at: "2026-01-09", party: "family", message: "Attached by email today." } as const;
    const sent = driver.send(message);
    expect(followUpOf(message, sent)).toEqual({ type: "RESUME", at: "2026-01-09" });
    const fromSetting = { ...message, party: "setting" } as const;
    expect(followUpOf(fromSetting, sent)).toBeUndefined();
    driver.send({ type: "RESUME", at: "2026-01-09" });
    expect(followUpOf(message, driver.send(message))).toBeUndefined();
  });

  it("waiting on someone else, a family message restarts nothing", () => {
    const driver = acknowledged();
    driver.send({ type: "PAUSE", at: "2026-01-07", reason: "The NHS report", waitingOn: "third-party" });
    const message = { type: "SEND_MESSAGE", at: "2026-01-09", party: "family", message: "Any news?" } as const;
    expect(followUpOf(message, driver.send(message))).toBeUndefined();
  });
});

describe("who reads internal notes", () => {
  it("only a body's own staff; nobody acting for the family, even one who also works for a body; no mediator", () => {
    expect(noteReadersOf(["setting"])).toEqual(["setting"]);
    expect(noteReadersOf(["local-service", "health-partner"])).toEqual(["local-service", "health-partner"]);
    expect(noteReadersOf(["family"])).toEqual([]);
    expect(noteReadersOf(["family", "setting"])).toEqual([]);
    expect(noteReadersOf(["mediator"])).toEqual([]);
    expect(noteReadersOf([])).toEqual([]);
  });
});

describe("the thread and the history", () => {
  const names = { setting: "Beckett Park Primary School", national: "the Ombudsman", people: {} };
  const events: LogEvent[] = [
    {
      seq: 4,
      type: "SEND_MESSAGE",
      payload: { at: "2026-01-08", party: "setting", message: "Yes: Tuesday." },
      toState: "ladder.setting.considering.active",
      actor: "Helen Clarke",
      recordedAt: "2026-01-08T14:05:00.000Z",
    },
    {
      seq: 3,
      type: "SEND_MESSAGE",
      payload: { at: "2026-01-07", party: "family", message: "Can we meet?" },
      toState: "ladder.setting.considering.active",
      actor: "Amira Hussain",
      recordedAt: "2026-01-07T09:30:00.000Z",
    },
    {
      seq: 5,
      type: "ADD_INTERNAL_NOTE",
      payload: { at: "2026-01-08", party: "setting", note: "Ask the head." },
      toState: "ladder.setting.considering.active",
      actor: "Helen Clarke",
      recordedAt: "2026-01-08T15:00:00.000Z",
    },
  ];

  it("reads oldest first with who wrote, in what part, and the words", () => {
    const thread = threadOf(events, names);
    expect(thread.map((e) => e.when)).toEqual(["7 January 2026 at 9:30am", "8 January 2026 at 2:05pm", "8 January 2026 at 3:00pm"]);
    expect(thread.map((e) => [e.seq, e.by, e.role, e.text, e.fromFamily])).toEqual([
      [3, "Amira Hussain", "The family", "Can we meet?", true],
      [4, "Helen Clarke", "Beckett Park Primary School", "Yes: Tuesday.", false],
      [5, "Helen Clarke", "Beckett Park Primary School", "Ask the head.", false],
    ]);
  });

  it("the history names who wrote without repeating the words", () => {
    const titles = historyOf(events, { remedies: [], issues: [] }, names, false).map((e) => [e.title, e.quote]);
    expect(titles).toEqual([
      ["Message from Beckett Park Primary School", undefined],
      ["Message from the family", undefined],
      ["Internal note added (only staff of Beckett Park Primary School can see it)", undefined],
    ]);
  });
});

describe("when a message was written", () => {
  it("says the day and time it was recorded, or only its own day when it was recorded later (a replayed story)", () => {
    expect(whenWritten("2026-11-28", "2026-11-28T15:05:00.000Z")).toBe("28 November 2026 at 3:05pm");
    expect(whenWritten("2026-07-01", "2026-07-01T08:00:00.000Z")).toBe("1 July 2026 at 9:00am");
    expect(whenWritten("2026-11-20", "2026-11-28T00:38:00.000Z")).toBe("20 November 2026");
  });
});

describe("the email", () => {
  it("says who wrote and links to the messages, never carrying a message", async () => {
    const rendered = await renderNotification("message-received", { caseRef: "RC-1", from: "setting", party: "family", caseUrl: "https://redress.example/cases/c1" });
    expect(rendered.subject).toBe("Concern RC-1: you have a new message");
    expect(rendered.text).toContain("The setting, which is handling your concern, has sent a message about your concern");
    expect(rendered.text).toContain("the message is not in this email");
    expect(rendered.html).toContain('href="https://redress.example/cases/c1#messages"');
    const toSetting = await renderNotification("message-received", { caseRef: "RC-1", from: "family", party: "setting" });
    expect(toSetting.text).toContain("The family has sent a message about this concern");
  });

  it("the pause email points the family to the message form on their concern", async () => {
    const rendered = await renderNotification("response-paused", {
      caseRef: "RC-1",
      rung: 1,
      reason: "The report",
      waitingOn: "family",
      party: "family",
      caseUrl: "https://redress.example/cases/c1",
    });
    expect(rendered.html).toContain('href="https://redress.example/cases/c1#messages"');
    expect(rendered.text).toContain("Send the information as a message on your concern in Redress");
  });
});
