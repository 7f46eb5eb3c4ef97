import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client";
import { strFromU8, unzipSync } from "fflate";
import { applyCaseEvent, type EventAuthor } from "../../app/utils/cases.server";
import { eraseChild } from "../../app/utils/erasure.server";
import { londonDate } from "../../app/utils/dates";
import { localEvidenceStore, useEvidenceStore } from "../../app/utils/evidence-store.server";
import { EVIDENCE_MAX_FILES_PER_CASE } from "../../app/utils/limits";
import { seed } from "../../prisma/seed";
import { DOCX, HTML_AS_PDF, PDF, PNG } from "../support/evidence-files";
import { describeEachEngine } from "./engines";
import { raiseTestConcern } from "./support/cases";
import { cookieFor, importRoute, type RouteModule } from "./support/routes";

// Evidence through the real routes on both engines (docs/decisions/022): the file is recorded as
// a case event through the one writer, its visibility is enforced on the list, the history and
// the download, forged content is refused, the count cap holds, and the family's file ends a
// pause that waits on them in the same write.

const EMAILS = {
  family: "amira.hussain@example.com",
  otherFamily: "gareth.evans@example.com",
  setting: "helen.clarke@beckettpark.example.com",
  local: "priya.sharma@leeds.example.gov.uk",
  admin: "admin@redress.example.org.uk",
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redress-evidence-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function settle(promise: Promise<unknown> | unknown): Promise<Response> {
  try {
    const result = await promise;
    return result instanceof Response ? result : new Response(JSON.stringify(result), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describeEachEngine("evidence on a case", ({ get: db, engine }) => {
  let prisma: PrismaClient;
  let caseId = "";
  const cookies: Record<string, string> = {};
  let add: RouteModule, download: RouteModule, casePage: RouteModule;

  const upload = (who: keyof typeof EMAILS, file: { bytes: Uint8Array; name: string; type?: string }, fields: Record<string, string>) => {
    const form = new FormData();
    form.set("file", new File([Buffer.from(file.bytes)], file.name, { type: file.type ?? "application/octet-stream" }));
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    const request = new Request(`http://localhost/cases/${caseId}/add-evidence`, { method: "POST", body: form, headers: { Cookie: cookies[who]! } });
    return settle(add.action!({ request, params: { caseId }, context: {} }));
  };
  const get = (mod: RouteModule, url: string, params: Record<string, string>, who: keyof typeof EMAILS) =>
    settle(mod.loader!({ request: new Request(`http://localhost${url}`, { headers: { Cookie: cookies[who]! } }), params, context: {} }));
  const evidenceEvents = () => prisma.caseEvent.findMany({ where: { caseId, type: { in: ["ADD_EVIDENCE", "RESUME"] } }, orderBy: { seq: "asc" } });
  const pageFor = async (who: keyof typeof EMAILS) => (await (await get(casePage, `/cases/${caseId}`, { caseId }, who)).json()) as Record<string, unknown>;

  beforeAll(async () => {
    prisma = db().db.prisma;
    useEvidenceStore(localEvidenceStore(path.join(dir, engine)));
    await seed(prisma, { demoCases: false });
    const today = londonDate();
    const { cases } = await raiseTestConcern(prisma, { childRef: "AN-000001", receivedOn: today });
    caseId = cases[0]!.id;
    for (const [who, email] of Object.entries(EMAILS)) cookies[who] = await cookieFor(prisma, email);
    [add, download, casePage] = await Promise.all([
      importRoute("cases.$caseId.add-evidence"),
      importRoute("cases.$caseId.evidence.$evidenceId"),
      importRoute("cases.$caseId._index"),
    ]);
  });

  it("the family adds a file for everyone: one ADD_EVIDENCE event, no state change, hash-chained, by name", async () => {
    const res = await upload("family", { bytes: PDF, name: "SALT report.pdf", type: "application/pdf" }, { description: "Speech and language report", visibility: "all-parties" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/cases/${caseId}`);
    const [event] = await evidenceEvents();
    expect(event).toMatchObject({ type: "ADD_EVIDENCE", actorLabel: "Amira Hussain" });
    expect(event!.fromState).toBe(event!.toState);
    expect(event!.payload).toMatchObject({ description: "Speech and language report", fileType: "PDF", sizeBytes: PDF.length, visibility: "all-parties" });
    const previous = await prisma.caseEvent.findFirstOrThrow({ where: { caseId, seq: event!.seq - 1 } });
    expect(event!.prevHash).toBe(previous.hash);
    const row = await prisma.evidence.findFirstOrThrow({ where: { caseId } });
    expect(row).toMatchObject({ kind: "pdf", mediaType: "application/pdf", fileName: "SALT report.pdf", addedAs: "family", rung: 1, seq: event!.seq });
    expect(row.sha256).toMatch(/^[a-f0-9]{64}$/);
    expect(fs.readFileSync(path.join(dir, engine, row.storageKey.slice(0, 2), row.storageKey))).toEqual(Buffer.from(PDF));
  });

  it("the setting sees it on the case page and in the history, and downloads it as an attachment", async () => {
    const page = await pageFor("setting");
    const evidence = (page.evidence as { items: Array<{ id: string; description: string; addedBy: string }> }).items;
    expect(evidence).toEqual([expect.objectContaining({ description: "Speech and language report", addedBy: "Amira Hussain" })]);
    const history = (page.file as { history: Array<{ title: string }> }).history.map((h) => h.title);
    expect(history).toContain(`Evidence added: Speech and language report (PDF, ${PDF.length} bytes)`);
    const res = await get(download, `/cases/${caseId}/evidence/${evidence[0]!.id}`, { caseId, evidenceId: evidence[0]!.id }, "setting");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="SALT report.pdf"/);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
  });

  it("a file kept to the organisation handling the concern: the setting (handling it) reads it, the local service (not yet) gets 403 and never sees its description", async () => {
    const res = await upload("family", { bytes: PNG, name: "photo.png" }, { description: "Photo of the medical letter", visibility: "handler" });
    expect(res.status).toBe(302);
    const row = await prisma.evidence.findFirstOrThrow({ where: { caseId, visibility: "handler" } });
    const url = `/cases/${caseId}/evidence/${row.id}`;
    const params = { caseId, evidenceId: row.id };
    expect((await get(download, url, params, "setting")).status).toBe(200);
    expect((await get(download, url, params, "family")).status).toBe(200);
    expect((await get(download, url, params, "local")).status).toBe(403);
    const local = JSON.stringify(await pageFor("local"));
    expect(local).not.toContain("Photo of the medical letter");
    expect(local).toContain("Evidence added for the organisation handling the concern only");
    expect(JSON.stringify(await pageFor("setting"))).toContain("Photo of the medical letter");
  });

  it("anyone else: another family and an administrator get 404, for the file and the page", async () => {
    const row = await prisma.evidence.findFirstOrThrow({ where: { caseId } });
    for (const who of ["otherFamily", "admin"] as const) {
      const res = await get(download, `/cases/${caseId}/evidence/${row.id}`, { caseId, evidenceId: row.id }, who);
      expect([403, 404]).toContain(res.status);
      expect((await upload(who, { bytes: PDF, name: "x.pdf" }, { description: "Not mine", visibility: "all-parties" })).status).toBeGreaterThanOrEqual(403);
    }
    expect(await prisma.evidence.count({ where: { caseId, description: "Not mine" } })).toBe(0);
  });

  it("refuses forged content whatever its name and claimed type, and records nothing", async () => {
    const before = await prisma.caseEvent.count({ where: { caseId } });
    const res = await upload("family", { bytes: HTML_AS_PDF, name: "report.pdf", type: "application/pdf" }, { description: "Report", visibility: "all-parties" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Record<string, string[]> }).errors.file).toEqual([
      "The selected file must be a PDF, Word, OpenDocument text, JPEG, PNG, GIF or WebP file",
    ]);
    expect(await prisma.caseEvent.count({ where: { caseId } })).toBe(before);
    expect(await prisma.evidence.count({ where: { caseId } })).toBe(2);
  });

  it("the other side is emailed what was added and by whom, never the file: a family's file goes to the setting's complaints lead (no handler yet), a private one never to the family", async () => {
    const emails = await prisma.outboxMessage.findMany({ where: { caseId, kind: "evidence-added" }, orderBy: { createdAt: "asc" } });
    // No handler yet: the setting's complaints lead (Helen), not all its staff nor its governing body's lead; the family who added it, nobody.
    expect(emails.map((e) => [e.toAddress, (e.payload as { description: string }).description, (e.payload as { visibility: string }).visibility])).toEqual([
      [EMAILS.setting, "Speech and language report", "all-parties"],
      [EMAILS.setting, "Photo of the medical letter", "handler"],
    ]);
    expect(emails[0]!.payload).toMatchObject({ from: "family", actorName: "Amira Hussain", fileType: "PDF", party: "setting" });
    for (const email of emails) expect(JSON.stringify(email.payload)).not.toMatch(/storageKey|sha256|evidenceId/);

    // The setting's file for everyone goes to the family; one kept to the organisation handling the concern (the setting itself) to nobody.
    expect((await upload("setting", { bytes: PDF, name: "plan.pdf" }, { description: "Support plan, autumn term", visibility: "all-parties" })).status).toBe(302);
    expect((await upload("setting", { bytes: PDF, name: "notes.pdf" }, { description: "Staff notes", visibility: "handler" })).status).toBe(302);
    const later = await prisma.outboxMessage.findMany({ where: { caseId, kind: "evidence-added", id: { notIn: emails.map((e) => e.id) } } });
    expect(later.map((e) => [e.toAddress, (e.payload as { description: string }).description])).toEqual([[EMAILS.family, "Support plan, autumn term"]]);
  });

  it("a file one guardian adds is emailed to the family's other guardian, never to the one who added it", async () => {
    const { concern } = await prisma.case.findUniqueOrThrow({ where: { id: caseId }, select: { concern: { select: { childId: true } } } });
    const second = await prisma.user.create({ data: { name: "Bilal Hussain", email: `bilal.${engine}@example.com` } });
    await prisma.guardianship.create({ data: { userId: second.id, childId: concern.childId, relationship: "father" } });
    const before = (await prisma.outboxMessage.findMany({ where: { caseId, kind: "evidence-added" }, select: { id: true } })).map((e) => e.id);
    expect((await upload("family", { bytes: PDF, name: "letter.pdf" }, { description: "Letter from the GP", visibility: "all-parties" })).status).toBe(302);
    const sent = await prisma.outboxMessage.findMany({ where: { caseId, kind: "evidence-added", id: { notIn: before } }, orderBy: { toAddress: "asc" } });
    expect(sent.map((e) => [e.toAddress, (e.payload as { party: string }).party])).toEqual([
      [`bilal.${engine}@example.com`, "family"],
      [EMAILS.setting, "setting"],
    ]);
    expect(sent[0]!.payload).toMatchObject({ from: "family", actorName: "Amira Hussain", description: "Letter from the GP" });
  });

  it("answers a missing file and missing answers with field messages", async () => {
    const form = new FormData();
    form.set("description", "");
    const request = new Request(`http://localhost/cases/${caseId}/add-evidence`, { method: "POST", body: form, headers: { Cookie: cookies.family! } });
    const res = await settle(add.action!({ request, params: { caseId }, context: {} }));
    expect(res.status).toBe(400);
    expect(Object.keys(((await res.json()) as { errors: Record<string, string[]> }).errors)).toEqual(["file", "description", "visibility"]);
  });

  it("a file from the family ends a pause waiting on them, in the same write", async () => {
    const setting = await prisma.user.findUniqueOrThrow({ where: { email: EMAILS.setting } });
    const author: EventAuthor = { kind: "user", userId: setting.id, name: setting.name };
    await applyCaseEvent(caseId, { type: "ACKNOWLEDGE", at: londonDate(), handlerId: setting.id }, author);
    await applyCaseEvent(caseId, { type: "PAUSE", at: londonDate(), reason: "The latest annual review", waitingOn: "family" }, author);
    const version = (await prisma.case.findUniqueOrThrow({ where: { id: caseId } })).version;
    const res = await upload("family", { bytes: DOCX, name: "annual review.docx" }, { description: "Annual review notes", visibility: "all-parties" });
    expect(res.status).toBe(302);
    const kase = await prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(kase.version).toBe(version + 2);
    expect(kase.stateValue).not.toContain("paused");
    const [added, resumed] = (await prisma.caseEvent.findMany({ where: { caseId, seq: { gt: version } }, orderBy: { seq: "asc" } })).map((e) => [e.type, e.payload] as const);
    expect(added![0]).toBe("ADD_EVIDENCE");
    expect(resumed).toEqual(["RESUME", expect.objectContaining({ information: "Evidence added: Annual review notes" })]);
  });

  it("holds no more than the count cap per case", async () => {
    const existing = await prisma.evidence.count({ where: { caseId } });
    const template = await prisma.evidence.findFirstOrThrow({ where: { caseId } });
    const { id: _id, storageKey: _k, ...rest } = template;
    await prisma.evidence.createMany({
      data: Array.from({ length: EVIDENCE_MAX_FILES_PER_CASE - existing }, (_, i) => ({ ...rest, storageKey: i.toString(16).padStart(32, "0") })),
    });
    const before = await prisma.caseEvent.count({ where: { caseId } });
    const res = await upload("family", { bytes: PDF, name: "one more.pdf" }, { description: "One too many", visibility: "all-parties" });
    expect(res.status).toBe(409);
    expect(await prisma.caseEvent.count({ where: { caseId } })).toBe(before);
    expect(await prisma.evidence.count({ where: { caseId } })).toBe(EVIDENCE_MAX_FILES_PER_CASE);
    // Nothing was left behind in the store for the refused file.
    expect(fs.readdirSync(path.join(dir, engine, "incoming"))).toEqual([]);
  });

  it("the family's case bundle holds the files they may see; erasing the child deletes the stored files and keeps the records' hashes", async () => {
    const bundle = await importRoute("cases.$caseId.bundle[.]zip");
    const res = await get(bundle, `/cases/${caseId}/bundle.zip`, { caseId }, "family");
    expect(res.status).toBe(200);
    const zip = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const names = Object.keys(zip).filter((n) => n.startsWith("evidence/"));
    expect(names).toEqual(expect.arrayContaining(["evidence/01-SALT report.pdf"]));
    expect(zip["evidence/01-SALT report.pdf"]).toEqual(PDF);
    // The setting's private file is not in the family's bundle (they added none privately here but the setting's is hidden).
    expect(strFromU8(zip["contents.txt"]!)).toContain("Speech and language report");

    const child = await prisma.child.findUniqueOrThrow({ where: { registerRef: "AN-000001" } });
    const stored = await prisma.evidence.findFirstOrThrow({ where: { caseId, description: "Speech and language report" } });
    const file = path.join(dir, engine, stored.storageKey.slice(0, 2), stored.storageKey);
    expect(fs.existsSync(file)).toBe(true);
    const result = await eraseChild(prisma, child.id, { actorId: null, reason: "test: erasure request" });
    expect(result.evidenceFiles).toBeGreaterThanOrEqual(3);
    expect(fs.existsSync(file)).toBe(false);
    const after = await prisma.evidence.findUniqueOrThrow({ where: { id: stored.id } });
    expect(after).toMatchObject({ description: "[removed: personal data erased]", sha256: stored.sha256 });
    expect(after.erasedAt).not.toBeNull();
    const page = JSON.stringify(await pageFor("family"));
    expect(page).not.toContain("SALT report.pdf");
  });
});
