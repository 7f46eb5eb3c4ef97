import { describe, expect, it } from "vitest";
import { renderNotification } from "../../../emails";
import { handlerRecipientsFor, type CaseState } from "../../../app/utils/case-write.server";
import { handlingRecipients, type StaffRecipient } from "../../../app/utils/handling-recipients";
import { NATIONAL_INBOX } from "../../../app/utils/recipients.server";
import type { CaseView } from "../../../machines";
import { acknowledged, atLocalService, atNationalAssessment, caseInput } from "../machines/support";

// Who is told of a file put on the case and of a message (docs/decisions/022, 023): the machine
// names the parties; the write path picks the person at each body; the email says what was added.

const evidence = (party: "family" | "setting" | "local-service" | "national-body", visibility: "all-parties" | "handler") => ({
  type: "ADD_EVIDENCE" as const,
  party,
  evidenceId: "ev1",
  description: "Speech and language report",
  fileType: "PDF",
  sizeBytes: 1200,
  visibility,
});

describe("the machine", () => {
  it("tells every party that may read a file, not the body that added it (the family's side: its other members), and changes no state", () => {
    const driver = acknowledged(caseInput({ healthInvolved: true }));
    const before = driver.view.stateValue;
    const added = driver.send({ at: "2026-01-07", ...evidence("family", "all-parties") });
    expect(driver.view.stateValue).toBe(before);
    expect(added.notifications).toEqual([
      {
        kind: "evidence-added",
        to: ["family", "setting", "health-partner"],
        data: { caseRef: "RD-TEST-P", from: "family", description: "Speech and language report", fileType: "PDF", visibility: "all-parties" },
      },
    ]);
    expect(driver.send({ at: "2026-01-07", ...evidence("setting", "all-parties") }).notifications[0]!.to).toEqual(["family", "health-partner"]);
  });

  it("a file kept to the body handling the case is told to that body only, never to the family; its own body's file to nobody", () => {
    const local = atLocalService();
    expect(local.send({ at: local.view.lastEventOn ?? "2026-03-01", ...evidence("family", "handler") }).notifications[0]!.to).toEqual(["local-service"]);
    expect(local.send({ at: local.view.lastEventOn ?? "2026-03-01", ...evidence("local-service", "handler") }).notifications).toEqual([]);
    const all = local.send({ at: local.view.lastEventOn ?? "2026-03-01", ...evidence("local-service", "all-parties") }).notifications[0]!.to;
    expect(all).toEqual(["family", "setting"]);
    const national = atNationalAssessment();
    expect(national.send({ at: national.view.lastEventOn ?? "2026-06-01", ...evidence("setting", "handler") }).notifications[0]!.to).toEqual(["national-body"]);
  });

  it("a file from a log written before files were emailed about (no party) still tells the readers", () => {
    const driver = acknowledged();
    const { party: _party, ...old } = evidence("family", "all-parties");
    expect(driver.send({ at: "2026-01-07", ...old }).notifications[0]).toMatchObject({ to: ["family", "setting"], data: { description: "Speech and language report" } });
  });
});

type View = Pick<CaseView, "handlers" | "peopleConcerned">;
const member = (id: string, lead: string | null = null, party = "setting"): StaffRecipient => ({ party: party as never, name: id, email: `${id}@example.com`, id, lead });
const noOne: View = { handlers: [], peopleConcerned: [] };

describe("the person at a body", () => {
  const staff = [member("head", "lead"), member("governor", "governing-body"), member("senco"), member("teacher")];

  it("is the handler at that rung; else its complaints lead; a lead the concern is about gives way to the governing body's lead", () => {
    expect(handlingRecipients(staff, { ...noOne, handlers: [{ rung: 1, handlerId: "senco", on: "2026-01-02" }] }, 1)).toEqual({ as: "handler", people: [staff[2]] });
    expect(handlingRecipients(staff, { ...noOne, handlers: [{ rung: 2, handlerId: "senco", on: "2026-01-02" }] }, 1)).toEqual({ as: "lead", people: [staff[0]] });
    expect(handlingRecipients(staff, { ...noOne, peopleConcerned: [{ personId: "head", description: "The head", on: "2026-01-02", rung: 1 }] }, 1)).toEqual({
      as: "lead",
      people: [staff[1]],
    });
  });

  it("is never a person the concern is about, even when they were the handler; with no lead, everyone else there", () => {
    const view: View = {
      handlers: [{ rung: 1, handlerId: "senco", on: "2026-01-02" }],
      peopleConcerned: [{ personId: "senco", description: "The SENCo", on: "2026-01-03", rung: 1 }],
    };
    expect(handlingRecipients(staff, view, 1).people.map((p) => p.id)).toEqual(["head"]);
    expect(handlingRecipients([member("senco"), member("teacher")], view, 1)).toEqual({ as: "staff", people: [member("teacher")] });
  });
});

describe("the write path's recipients for a message or a file", () => {
  const state = (recipients: CaseState["recipients"]): CaseState => ({ route: "process", recipients }) as CaseState;
  const officers = [member("priya", "lead", "local-service"), member("omar", null, "local-service")];
  const caseworkers = [member("ruth", "lead", "national-staff"), member("kai", null, "national-staff")];
  const family = [member("amira", null, "family"), member("sam", null, "family")];
  const family_ = { kind: "user" as const, userId: "amira", name: "Amira" };

  it("goes to the local service's handler or lead, and the national body's handler, lead or (with neither) its casework inbox", () => {
    const s = state([...family, ...officers, ...caseworkers]);
    expect(handlerRecipientsFor(s, ["local-service"], noOne, family_).map((r) => r.email)).toEqual(["priya@example.com"]);
    expect(handlerRecipientsFor(s, ["local-service"], { ...noOne, handlers: [{ rung: 2, handlerId: "omar", on: "x" }] }, family_).map((r) => r.email)).toEqual([
      "omar@example.com",
    ]);
    expect(handlerRecipientsFor(s, ["national-body"], { ...noOne, handlers: [{ rung: 3, handlerId: "kai", on: "x" }] }, family_)).toEqual([
      { party: "national-body", name: "kai", email: "kai@example.com" },
    ]);
    expect(handlerRecipientsFor(s, ["national-body"], noOne, family_).map((r) => r.email)).toEqual(["ruth@example.com"]);
    expect(handlerRecipientsFor(state([...family, member("kai", null, "national-staff")]), ["national-body"], noOne, family_)).toEqual([
      { party: "national-body", ...NATIONAL_INBOX.process },
    ]);
  });

  it("never tells the person who acted; the rest of their side is told", () => {
    const s = state([...family, ...officers]);
    expect(handlerRecipientsFor(s, ["family"], noOne, family_).map((r) => r.email)).toEqual(["sam@example.com"]);
    expect(handlerRecipientsFor(s, ["local-service"], noOne, { kind: "user", userId: "priya", name: "Priya" })).toEqual([]);
  });
});

describe("the email", () => {
  const data = { caseRef: "RC-1", from: "family", actorName: "Amira Hussain", description: "Speech and language report", fileType: "PDF", visibility: "all-parties" };

  it("says who added what and links to the evidence on the case, never the file, in HTML and plain text", async () => {
    const rendered = await renderNotification("evidence-added", { ...data, party: "setting", caseUrl: "https://redress.example/cases/c1" });
    expect(rendered.subject).toBe("Concern RC-1: new evidence has been added");
    expect(rendered.text).toContain("Amira Hussain (the family) has added a file (PDF) to this concern");
    expect(rendered.text).toContain("What the file is: Speech and language report");
    expect(rendered.html).toContain("Speech and language report");
    expect(rendered.html).toContain('href="https://redress.example/cases/c1#evidence"');
    for (const part of [rendered.text, rendered.html]) expect(part).not.toMatch(/\d{4}-\d{2}-\d{2}|ev1|all-parties/);
  });

  it("to the family, names the organisation; a private file says the family cannot see it", async () => {
    const toFamily = await renderNotification("evidence-added", { ...data, from: "setting", actorName: "Helen Clarke", party: "family" });
    expect(toFamily.text).toContain("Helen Clarke (the setting, which is dealing with your concern) has added a file (PDF) to your concern");
    expect(toFamily.text).toContain("Sign in to Redress and open the concern to see its evidence.");
    // Another of the family (a second guardian, the young person) is told by name only.
    const toOtherGuardian = await renderNotification("evidence-added", { ...data, party: "family" });
    expect(toOtherGuardian.text).toContain("Amira Hussain has added a file (PDF) to your concern");
    const privateFile = await renderNotification("evidence-added", { ...data, visibility: "handler", party: "local-service" });
    expect(privateFile.text).toContain("Only the organisation handling the concern can see this file. The family cannot see it.");
  });
});
