import { strFromU8, unzipSync } from "fflate";
import { beforeAll, expect, it } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client";
import type { CaseEvent } from "../../machines";
import { applyCaseEvent, type EventAuthor as Actor } from "../../app/utils/cases.server";
import { formatPublished } from "../../app/utils/disclosure";
import { MEASURE_BY_KEY } from "../../app/utils/patterns-measures";
import { seed } from "../../prisma/seed";
import { pdfText } from "../support/pdf-text";
import { describeEachEngine } from "./engines";
import { raiseTestConcern } from "./support/cases";
import { cookieFor, importRoute, routePath, type RouteModule } from "./support/routes";

// Letters and the case bundle through the real routes: the PDFs hold the reference and the
// findings, the bundle holds every letter, and only the case's readers get them.

async function get(mod: RouteModule, id: string, params: Record<string, string>, cookie?: string): Promise<Response> {
  const request = new Request(`http://localhost${routePath(id, params)}`, { headers: cookie ? { Cookie: cookie } : {} });
  try {
    const result = await mod.loader!({ request, params, context: {} });
    return result instanceof Response ? result : new Response(JSON.stringify(result), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function actorFor(prisma: PrismaClient, email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  return { kind: "user", userId: user.id, name: user.name };
}

const EMAILS = {
  family: "amira.hussain@example.com",
  otherFamily: "gareth.evans@example.com",
  setting: "helen.clarke@beckettpark.example.com",
  local: "priya.sharma@leeds.example.gov.uk",
  national: "daniel.moore@practice.example.org.uk",
  otherNational: "ruth.adeyemi@ombudsman.example.org.uk",
  analyst: "grace.liu@practice.example.org.uk",
  admin: "admin@redress.example.org.uk",
};

describeEachEngine("letters and the case bundle", ({ get: db }) => {
  let caseId = "";
  let ref = "";
  const routes: Record<string, RouteModule> = {};
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    const { prisma } = db().db;
    await seed(prisma, { demoCases: false });
    const { cases } = await raiseTestConcern(prisma, { childRef: "AN-000001", categories: ["support-level", "support-quality"], receivedOn: "2026-11-02" });
    caseId = cases[0]!.id;
    ref = cases[0]!.ref;
    const row = await prisma.case.findUniqueOrThrow({ where: { id: caseId }, select: { snapshot: true } });
    const issueIds = (row.snapshot as { context: { file: { issues: Array<{ id: string }> } } }).context.file.issues.map((i) => i.id);
    const [family, setting, local, national] = await Promise.all([
      actorFor(prisma, EMAILS.family),
      actorFor(prisma, EMAILS.setting),
      actorFor(prisma, EMAILS.local),
      actorFor(prisma, EMAILS.national),
    ]);
    const outcome = (reasons: string) => ({
      findings: issueIds.map((issueId, i) => ({
        issueId,
        finding: i === 0 ? ("upheld" as const) : ("not-upheld" as const),
        ...(i === 0 ? { reasons: `${reasons} for the first issue.` } : {}),
      })),
      reasons,
      standards: ["NF-3.2"],
      remedies: [{ kind: "payment" as const, description: "Payment for the support missed", amountPence: 125000, dueOn: "2026-12-23" }],
    });
    const steps: Array<[CaseEvent, Actor]> = [
      [{ type: "ACKNOWLEDGE", at: "2026-11-03", handlerId: setting.kind === "user" ? setting.userId : "" }, setting],
      [{ type: "RESPOND", at: "2026-11-05", outcome: outcome("The setting found the plan was not followed") }, setting],
      [{ type: "ESCALATE", at: "2026-11-06" }, family],
      [{ type: "ACKNOWLEDGE", at: "2026-11-09", handlerId: local.kind === "user" ? local.userId : "" }, local],
      [{ type: "RESPOND", at: "2026-11-12", outcome: outcome("The local service agreed with the setting") }, local],
      [{ type: "ESCALATE", at: "2026-11-13" }, family],
      [{ type: "ACKNOWLEDGE", at: "2026-11-16", handlerId: national.kind === "user" ? national.userId : "" }, national],
      [{ type: "ACCEPT_FOR_INVESTIGATION", at: "2026-11-17", reasons: "The concern is about the level of support." }, national],
      [{ type: "ISSUE_DRAFT_DECISION", at: "2026-11-18", outcome: outcome("Draft: the support fell short") }, national],
      [{ type: "SUBMIT_COMMENTS", at: "2026-11-19", party: "family", comments: "We agree with the draft." }, family],
      [{ type: "SUBMIT_COMMENTS", at: "2026-11-19", party: "setting", comments: "No comments." }, setting],
      [{ type: "SUBMIT_COMMENTS", at: "2026-11-19", party: "local-service", comments: "No comments." }, local],
      [{ type: "ISSUE_FINAL_DECISION", at: "2026-11-20", outcome: outcome("Final: the support fell short") }, national],
    ];
    for (const [event, actor] of steps) await applyCaseEvent(caseId, event, actor, {}, prisma);
    for (const id of ["cases.$caseId.letters._index", "cases.$caseId.letters.$letterId._index", "cases.$caseId.letters.$letterId.pdf", "cases.$caseId.bundle[.]zip"])
      routes[id] = await importRoute(id);
    for (const [who, email] of Object.entries(EMAILS)) cookies[who] = await cookieFor(prisma, email);
  }, 120_000);

  it("lists every letter with its date, oldest first, for the family", async () => {
    const answer = await get(routes["cases.$caseId.letters._index"]!, "cases.$caseId.letters._index", { caseId }, cookies.family);
    expect(answer.status).toBe(200);
    const data = (await answer.json()) as { letters: Array<{ id: string; title: string; issuedOn: string; draft: boolean }>; bundle: boolean };
    expect(data.letters.map((l) => [l.id, l.issuedOn])).toEqual([
      ["response-1", "5 November 2026"],
      ["response-2", "12 November 2026"],
      ["assessment-decision-1", "17 November 2026"],
      ["draft-decision-1", "18 November 2026"],
      ["final-decision-1", "20 November 2026"],
    ]);
    expect(data.letters.find((l) => l.id === "draft-decision-1")!.draft).toBe(true);
    expect(data.bundle).toBe(true);
  });

  it("a letter's PDF holds the reference, the body, the findings, the money and the dates; a draft says DRAFT", async () => {
    const answer = await get(routes["cases.$caseId.letters.$letterId.pdf"]!, "cases.$caseId.letters.$letterId.pdf", { caseId, letterId: "final-decision-1" }, cookies.family);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Type")).toBe("application/pdf");
    expect(answer.headers.get("Content-Disposition")).toBe(`attachment; filename="${ref}-final-decision-1.pdf"`);
    const bytes = new Uint8Array(await answer.arrayBuffer());
    expect(strFromU8(bytes.slice(0, 5))).toBe("%PDF-");
    const text = await pdfText(bytes);
    expect(text).toContain(ref);
    expect(text).toContain("The National Practice Body");
    expect(text).toContain("Final decision");
    expect(text).toContain("Final: the support fell short for the first issue.");
    expect(text).toContain("Finding: Upheld");
    expect(text).toContain("Finding: Not upheld");
    expect(text).toContain("£1,250.00");
    expect(text).toContain("By 23 December 2026");
    expect(text).toContain("Yusuf");
    expect(text).not.toMatch(/\b2026-\d\d-\d\d\b|issue-\d/);
    const draft = await get(routes["cases.$caseId.letters.$letterId.pdf"]!, "cases.$caseId.letters.$letterId.pdf", { caseId, letterId: "draft-decision-1" }, cookies.national);
    const draftText = await pdfText(new Uint8Array(await draft.arrayBuffer()));
    expect(draftText).toContain("DRAFT – NOT THE FINAL DECISION");
    expect(draftText).toContain("Draft: the support fell short");
  });

  it("the bundle holds every letter's PDF, the history and the evidence list, for the family and the national body", async () => {
    for (const who of ["family", "national"]) {
      const answer = await get(routes["cases.$caseId.bundle[.]zip"]!, "cases.$caseId.bundle[.]zip", { caseId }, cookies[who]);
      expect(answer.status, who).toBe(200);
      expect(answer.headers.get("Content-Type")).toBe("application/zip");
      const files = unzipSync(new Uint8Array(await answer.arrayBuffer()));
      expect(Object.keys(files).sort()).toEqual([
        "case-history.pdf",
        "contents.txt",
        "evidence-list.pdf",
        "letters/01-outcome-of-the-concern-at-stage-1.pdf",
        "letters/02-outcome-of-the-concern-at-stage-2.pdf",
        "letters/03-assessment-decision.pdf",
        "letters/04-draft-decision.pdf",
        "letters/05-final-decision.pdf",
      ]);
      expect(await pdfText(files["letters/01-outcome-of-the-concern-at-stage-1.pdf"]!)).toContain("Beckett Park");
      const history = await pdfText(files["case-history.pdf"]!);
      expect(history).toContain(ref);
      expect(history).toContain("Final decision issued");
      expect(history).toContain("Daniel Moore");
      const evidence = await pdfText(files["evidence-list.pdf"]!);
      expect(evidence).toContain("Comments on the draft decision");
      expect(evidence).toContain("We agree with the draft.");
      expect(strFromU8(files["contents.txt"]!)).toContain("letters/05-final-decision.pdf: Final decision, The National Practice Body, 20 November 2026");
    }
  });

  it("other readers of the case get the letters but not the bundle; everyone else gets nothing", async () => {
    const expectations: Array<[string, number, number, number]> = [
      // who, letters list, a letter's PDF, the bundle
      ["setting", 200, 200, 403],
      ["local", 200, 200, 403],
      ["otherFamily", 404, 404, 404],
      ["otherNational", 404, 404, 404],
      ["analyst", 403, 403, 403],
      ["admin", 403, 403, 403],
    ];
    for (const [who, list, letter, bundle] of expectations) {
      expect((await get(routes["cases.$caseId.letters._index"]!, "cases.$caseId.letters._index", { caseId }, cookies[who])).status, `${who} list`).toBe(list);
      expect(
        (await get(routes["cases.$caseId.letters.$letterId.pdf"]!, "cases.$caseId.letters.$letterId.pdf", { caseId, letterId: "response-1" }, cookies[who])).status,
        `${who} pdf`,
      ).toBe(letter);
      expect(
        (await get(routes["cases.$caseId.letters.$letterId._index"]!, "cases.$caseId.letters.$letterId._index", { caseId, letterId: "response-1" }, cookies[who])).status,
        `${who} page`,
      ).toBe(letter);
      expect((await get(routes["cases.$caseId.bundle[.]zip"]!, "cases.$caseId.bundle[.]zip", { caseId }, cookies[who])).status, `${who} bundle`).toBe(bundle);
    }
    // Signed out: sent to sign in.
    expect((await get(routes["cases.$caseId.bundle[.]zip"]!, "cases.$caseId.bundle[.]zip", { caseId })).status).toBe(302);
    // A letter that does not exist on a readable case is simply not found.
    expect(
      (await get(routes["cases.$caseId.letters.$letterId.pdf"]!, "cases.$caseId.letters.$letterId.pdf", { caseId, letterId: "final-decision-9" }, cookies.family)).status,
    ).toBe(404);
  });

  it("every download and letter view is in the audit log with whose data it was", async () => {
    const { prisma } = db().db;
    const entries = await prisma.auditEntry.findMany({ where: { action: "case.viewed", targetId: caseId }, select: { details: true, subjectUserId: true } });
    const pages = entries.map((e) => (e.details as { page: string }).page);
    expect(pages).toEqual(expect.arrayContaining(["letters", "letter-pdf:final-decision-1", "letter:response-1", "bundle"]));
    const family = await prisma.user.findUniqueOrThrow({ where: { email: EMAILS.family } });
    expect(entries.every((e) => e.subjectUserId === family.id)).toBe(true);
  });

  it("the annual review letter's PDF carries exactly the page's published figures, under the page's access rules", async () => {
    const { prisma } = db().db;
    const leeds = await prisma.localArea.findFirstOrThrow({ where: { name: "Leeds" }, select: { id: true } });
    const cornwall = await prisma.localArea.findFirstOrThrow({ where: { name: "Cornwall" }, select: { id: true } });
    const page = await importRoute("analytics.letters.$level.$id");
    const pdfRoute = await importRoute("analytics.letters.$level.$id_.pdf");
    const params = { level: "area", id: leeds.id };
    const call = async (mod: RouteModule, id: string, p: Record<string, string>, cookie?: string) => {
      const request = new Request(`http://localhost/analytics/letters/${p.level}/${p.id}${id.endsWith("pdf") ? "/pdf" : ""}?year=2026`, {
        headers: cookie ? { Cookie: cookie } : {},
      });
      try {
        return (await mod.loader!({ request, params: p, context: {} })) as Response;
      } catch (thrown) {
        if (thrown instanceof Response) return thrown;
        throw thrown;
      }
    };
    const data = (await (await call(page, "page", params, cookies.analyst)).json()) as {
      letter: { name: string; figures: Array<{ key: keyof typeof MEASURE_BY_KEY; own: never; similar: never }> };
    };
    const answer = await call(pdfRoute, "pdf", params, cookies.analyst);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Type")).toBe("application/pdf");
    expect(answer.headers.get("Content-Disposition")).toBe('attachment; filename="annual-review-letter-2026-leeds.pdf"');
    const text = await pdfText(new Uint8Array(await answer.arrayBuffer()));
    expect(text).toContain("Annual review letter 2026");
    expect(text).toContain("Counts are rounded to the nearest 5");
    const lines = text.split("\n").map((l) => l.trim());
    for (const f of data.letter.figures) {
      const unit = MEASURE_BY_KEY[f.key].unit === "%" ? "%" : "";
      // Each row's own and similar figures, as published, follow its label.
      const at = lines.findIndex((l) => l.startsWith(MEASURE_BY_KEY[f.key].label));
      expect(at, MEASURE_BY_KEY[f.key].label).toBeGreaterThanOrEqual(0);
      expect(lines.slice(at, at + 4).join(" "), MEASURE_BY_KEY[f.key].label).toContain(`${formatPublished(f.own, unit)} ${formatPublished(f.similar, unit)}`);
    }
    // A local officer reads their own area's letter, not another's; a family none.
    expect((await call(pdfRoute, "pdf", params, cookies.local)).status).toBe(200);
    expect((await call(pdfRoute, "pdf", { level: "area", id: cornwall.id }, cookies.local)).status).toBe(404);
    expect((await call(pdfRoute, "pdf", params, cookies.family)).status).toBe(403);
  });
});
