import { unzipSync } from "fflate";
import { beforeAll, expect, it } from "vitest";
import { applyCaseEvent, type EventAuthor } from "../../app/utils/cases.server";
import { londonDate } from "../../app/utils/dates";
import { subjectAccessExport } from "../../app/utils/subject-access.server";
import { seed } from "../../prisma/seed";
import { pdfText } from "../support/pdf-text";
import { describeEachEngine } from "./engines";
import { raiseTestConcern } from "./support/cases";
import { cookieFor, importRoute } from "./support/routes";

// Messages and internal notes through the real routes on both engines (docs/decisions/023): who
// may send each, a note never reaching the family or another body (page, history, bundle), the
// email queued without the message, and a family message ending a pause that waits on them.

const AMIRA = "amira.hussain@example.com"; // Yusuf's parent
const HELEN = "helen.clarke@beckettpark.example.com"; // SENCo at Yusuf's school: answers at rung 1
const PRIYA = "priya.sharma@leeds.example.gov.uk"; // local service in the same area: reads the case, is not in its conversation yet
const GRACE = "grace.liu@practice.example.org.uk"; // analyst: no case files at all

const NOTE = "Mum sounded upset on the phone; check the EHCP annual review date before replying.";
const FAMILY_MESSAGE = "Could we meet before half term to talk about the reading support?";
const REPLY = "Yes: Tuesday at 3:30pm in the school office suits us.";

type Answer = { status: number; location: string | null; body: unknown; text: string; bytes?: Uint8Array };

async function request(id: string, method: "GET" | "POST", url: string, params: Record<string, string>, cookie: string, form?: Record<string, string>): Promise<Answer> {
  const mod = await importRoute(id);
  const headers = new Headers({ Cookie: cookie });
  if (method === "POST") headers.set("Content-Type", "application/x-www-form-urlencoded");
  const req = new Request(`http://localhost${url}`, { method, headers, ...(method === "POST" ? { body: new URLSearchParams(form ?? {}).toString() } : {}) });
  let response: unknown;
  try {
    response = await (method === "GET" ? mod.loader! : mod.action!)({ request: req, params, context: { clientAddress: "127.0.0.9" } });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown;
  }
  if (!(response instanceof Response)) throw new Error("the route answered without a Response");
  const isZip = response.headers.get("Content-Type") === "application/zip";
  const bytes = isZip ? new Uint8Array(await response.arrayBuffer()) : undefined;
  const text = isZip ? "" : await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // a plain-text answer
  }
  return { status: response.status, location: response.headers.get("Location"), body, text, ...(bytes ? { bytes } : {}) };
}

describeEachEngine("messages and internal notes", ({ get }) => {
  let caseId = "";
  const cookies: Record<string, string> = {};
  const prisma = () => get().db.prisma;
  const version = async () => (await prisma().case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } })).version;
  const act = async (who: string, action: string, form: Record<string, string>) =>
    request("cases.$caseId.$action", "POST", `/cases/${caseId}/${action}`, { caseId, action }, cookies[who]!, { version: String(await version()), ...form });
  const page = (who: string) => request("cases.$caseId._index", "GET", `/cases/${caseId}`, { caseId }, cookies[who]!);
  const history = (who: string) => request("cases.$caseId.history", "GET", `/cases/${caseId}/history`, { caseId }, cookies[who]!);
  const messagesPage = (who: string) => request("cases.$caseId.messages", "GET", `/cases/${caseId}/messages`, { caseId }, cookies[who]!);

  beforeAll(async () => {
    await seed(prisma(), { demoCases: false });
    caseId = (await raiseTestConcern(prisma(), { childRef: "AN-000001", receivedOn: "2026-11-02" })).cases[0]!.id;
    const helen = await prisma().user.findUniqueOrThrow({ where: { email: HELEN } });
    const by: EventAuthor = { kind: "user", userId: helen.id, name: helen.name };
    await applyCaseEvent(caseId, { type: "ACKNOWLEDGE", at: "2026-11-03", handlerId: helen.id }, by, {}, prisma());
    for (const email of [AMIRA, HELEN, PRIYA, GRACE]) cookies[email] = await cookieFor(prisma(), email);
  });

  it("the family and the setting write to each other; each message is a logged event and the other side is emailed that one is waiting, never what it says", async () => {
    const before = await version();
    const sent = await act(AMIRA, "send-message", { message: FAMILY_MESSAGE });
    expect(sent.status).toBe(302);
    expect(sent.location).toBe(`/cases/${caseId}`);
    const reply = await act(HELEN, "send-message", { message: REPLY });
    expect(reply.status).toBe(302);
    expect(await version()).toBe(before + 2);
    const logged = await prisma().caseEvent.findMany({ where: { caseId, type: "SEND_MESSAGE" }, orderBy: { seq: "asc" } });
    expect(logged.map((e) => [e.actorLabel, (e.payload as { party: string }).party, e.fromState === e.toState])).toEqual([
      ["Amira Hussain", "family", true],
      ["Helen Clarke", "setting", true],
    ]);
    const emails = await prisma().outboxMessage.findMany({ where: { caseId, kind: "message-received" }, orderBy: { createdAt: "asc" } });
    // The family's message goes to the case's handler at the setting (Helen, who acknowledged it), not all its staff; the reply to the family.
    expect(emails.map((e) => e.toAddress).sort()).toEqual([AMIRA, HELEN].sort());
    for (const email of emails) expect(JSON.stringify(email.payload)).not.toMatch(/half term|Tuesday/);

    // The thread, newest last, to the family and to the setting alike; the local service reads it too.
    for (const who of [AMIRA, HELEN, PRIYA]) {
      const thread = ((await page(who)).body as { thread: { messages: Array<{ by: string; text: string }> } }).thread;
      expect(thread.messages.map((m) => [m.by, m.text])).toEqual([
        ["Amira Hussain", FAMILY_MESSAGE],
        ["Helen Clarke", REPLY],
      ]);
    }
  });

  it("with no handler yet a family's message goes to the setting's complaints lead; a lead the concern is about is never told, the governing body's lead is instead", async () => {
    const other = (await raiseTestConcern(prisma(), { childRef: "AN-000001", receivedOn: "2026-11-02" })).cases[0]!.id;
    const amira = await prisma().user.findUniqueOrThrow({ where: { email: AMIRA } });
    const helen = await prisma().user.findUniqueOrThrow({ where: { email: HELEN } });
    const family: EventAuthor = { kind: "user", userId: amira.id, name: amira.name };
    const toSetting = async () => {
      const before = (await prisma().outboxMessage.findMany({ where: { caseId: other, kind: "message-received" }, select: { id: true } })).map((e) => e.id);
      await applyCaseEvent(other, { type: "SEND_MESSAGE", at: "2026-11-03", party: "family", message: "Hello" }, family, {}, prisma());
      return (await prisma().outboxMessage.findMany({ where: { caseId: other, kind: "message-received", id: { notIn: before } } })).map((e) => e.toAddress).sort();
    };
    expect(await toSetting()).toEqual([HELEN]);
    await applyCaseEvent(
      other,
      { type: "NAME_PERSON_CONCERNED", at: "2026-11-03", personId: helen.id, description: "The SENCo" },
      { kind: "user", userId: helen.id, name: helen.name },
      {},
      prisma(),
    );
    expect(await toSetting()).toEqual(["margaret.hughes@beckettpark.example.com"]);
  });

  it("who may send: not a body that does not answer the concern now, not a role without case files; an empty message is a 400 with its field message", async () => {
    const before = await version();
    expect((await act(PRIYA, "send-message", { message: "Hello" })).status).toBe(403);
    expect((await act(GRACE, "send-message", { message: "Hello" })).status).toBe(403);
    const empty = await act(AMIRA, "send-message", { message: "   " });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ errors: { message: ["Enter your message"] } });
    expect(await version()).toBe(before);
  });

  it("a message is never refused as stale: it changes nothing that the form was based on", async () => {
    const stale = await request("cases.$caseId.$action", "POST", `/cases/${caseId}/send-message`, { caseId, action: "send-message" }, cookies[AMIRA]!, {
      version: String((await version()) - 1),
      message: "One more thing: the taxi was late again.",
    });
    expect(stale.status).toBe(302);
  });

  it("an internal note is for the setting's own staff: never in the family's page, history, messages page or bundle, nor the local service's; the family posting one is a 403", async () => {
    const emailsBefore = await prisma().outboxMessage.count({ where: { caseId } });
    const noted = await act(HELEN, "add-internal-note", { note: NOTE });
    expect(noted.status).toBe(302);
    expect(await prisma().outboxMessage.count({ where: { caseId } })).toBe(emailsBefore);

    const family = await act(AMIRA, "add-internal-note", { note: "Let me see" });
    expect(family.status).toBe(403);
    expect((await request("cases.$caseId.$action", "GET", `/cases/${caseId}/add-internal-note`, { caseId, action: "add-internal-note" }, cookies[AMIRA]!)).status).toBe(403);
    expect((await act(PRIYA, "add-internal-note", { note: "Not mine to write" })).status).toBe(403);

    // Loaded for the setting: the note and who wrote it.
    const helen = (await page(HELEN)).body as { thread: { notes: { entries: Array<{ text: string; by: string }> } } };
    expect(helen.thread.notes.entries.map((n) => [n.by, n.text])).toEqual([["Helen Clarke", NOTE]]);
    expect(JSON.stringify((await history(HELEN)).body)).toContain("Internal note added");

    // Loaded for anyone else: not a word of it, and not even a line saying it exists.
    for (const who of [AMIRA, PRIYA]) {
      for (const answer of [await page(who), await history(who), await messagesPage(who)]) {
        expect(answer.status, who).toBe(200);
        expect(answer.text, who).not.toContain("EHCP annual review");
        expect(answer.text, who).not.toContain("Internal note");
      }
      expect(((await page(who)).body as { thread: { notes: unknown } }).thread.notes).toBeNull();
    }
    // The history's count is of what the family may see.
    const familyHistory = (await history(AMIRA)).body as { total: number };
    const helenHistory = (await history(HELEN)).body as { total: number };
    expect(helenHistory.total - familyHistory.total).toBe(1);

    // The family's case bundle: the messages are there, the note is not.
    const bundle = await request("cases.$caseId.bundle[.]zip", "GET", `/cases/${caseId}/bundle.zip`, { caseId }, cookies[AMIRA]!);
    expect(bundle.status).toBe(200);
    const files = unzipSync(bundle.bytes!);
    const texts = (await Promise.all(["case-history.pdf", "evidence-list.pdf"].map((f) => pdfText(files[f]!)))).join("\n");
    expect(texts).toContain("Message sent");
    expect(texts).toContain("reading support");
    expect(texts).not.toContain("EHCP");
    expect(texts).not.toContain("Internal note");
  });

  it("the note is personal data about the family: it is in the subject-access export for them (docs/decisions/023)", async () => {
    const amira = await prisma().user.findUniqueOrThrow({ where: { email: AMIRA } });
    const exported = await subjectAccessExport(prisma(), amira.id);
    expect(JSON.stringify(exported)).toContain("EHCP annual review");
  });

  it("a family message while the response waits on them ends the pause in the same write, and the form says so first", async () => {
    const helen = await prisma().user.findUniqueOrThrow({ where: { email: HELEN } });
    await applyCaseEvent(
      caseId,
      { type: "PAUSE", at: londonDate(), reason: "The latest speech and language therapy report", waitingOn: "family" },
      { kind: "user", userId: helen.id, name: helen.name },
      {},
      prisma(),
    );
    const form = await request("cases.$caseId.$action", "GET", `/cases/${caseId}/send-message`, { caseId, action: "send-message" }, cookies[AMIRA]!);
    expect((form.body as { explains: string }).explains).toContain("sending a message restarts the response deadline");
    const staffForm = await request("cases.$caseId.$action", "GET", `/cases/${caseId}/send-message`, { caseId, action: "send-message" }, cookies[HELEN]!);
    expect((staffForm.body as { explains: string }).explains).not.toContain("restarts");

    const before = await version();
    const sent = await act(AMIRA, "send-message", { message: "I emailed the report to the school office this morning." });
    expect(sent.status).toBe(302);
    expect(await version()).toBe(before + 2);
    const [message, resume] = await prisma().caseEvent.findMany({ where: { caseId, seq: { gt: before } }, orderBy: { seq: "asc" } });
    expect(message).toMatchObject({ type: "SEND_MESSAGE", actorLabel: "Amira Hussain" });
    expect(resume).toMatchObject({ type: "RESUME", actorLabel: "Amira Hussain", fromState: "ladder.setting.considering.paused", toState: "ladder.setting.considering.active" });
    expect(resume!.prevHash).toBe(message!.hash);
    expect(await prisma().outboxMessage.count({ where: { caseId, kind: "response-resumed" } })).toBeGreaterThan(0);
    const row = await prisma().case.findUniqueOrThrow({ where: { id: caseId }, select: { stateValue: true } });
    expect(row.stateValue).toBe("ladder.setting.considering.active");
  });
});
