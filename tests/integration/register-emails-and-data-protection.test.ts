import { beforeAll, expect, it } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client";
import { ERASED_TEXT, eraseChild, erasePerson } from "../../app/utils/erasure.server";
import { dispatchOutbox, type EmailTransport, type OutgoingEmail } from "../../app/utils/outbox.server";
import type { Participant } from "../../app/utils/register-forms";
import { sweepRegisterReviews } from "../../app/utils/register-emails.server";
import {
  confirmPartnerPart,
  publishedOverturnFigures,
  recordRegisterDecision,
  registerScope,
  registerOverturnFigures,
  requestConsideration,
  saveRecordVersion,
} from "../../app/utils/register.server";
import { subjectAccessExport } from "../../app/utils/subject-access.server";
import { caseScope } from "../../app/utils/permissions.server";
import { SESSION_USER_SELECT } from "../../app/utils/session.server";
import { seed } from "../../prisma/seed";
import { describeEachEngine } from "./engines";

// Register emails through the outbox (queued once, rendered in words, linked to the register page),
// subject access including register text, and erasure redacting it while the facts stay
// (docs/decisions/027), on both engines.

const people: Participant[] = [
  { role: "family", name: "Amira Hussain", invited: true, tookPart: "meeting" },
  { role: "health-lead", name: "Dr Owen Price", invited: true, tookPart: "written-views" },
];

function capturing(): EmailTransport & { sent: OutgoingEmail[] } {
  const sent: OutgoingEmail[] = [];
  return {
    name: "log",
    sent,
    async send(email) {
      sent.push(email);
    },
  };
}

describeEachEngine("register emails, subject access and erasure", ({ get }) => {
  let prisma: PrismaClient;
  let helen: { userId: string; name: string };
  let amira: { id: string; name: string; email: string };
  let yusufId: string;
  const kinds = async (email: string) =>
    (await prisma.outboxMessage.findMany({ where: { toAddress: email, kind: { startsWith: "register-" } }, orderBy: { createdAt: "asc" }, select: { kind: true } })).map(
      (m) => m.kind,
    );

  beforeAll(async () => {
    prisma = get().db.prisma;
    await seed(prisma, { demoCases: false });
    const h = await prisma.user.findUniqueOrThrow({ where: { email: "helen.clarke@beckettpark.example.com" } });
    helen = { userId: h.id, name: h.name };
    amira = await prisma.user.findUniqueOrThrow({ where: { email: "amira.hussain@example.com" }, select: { id: true, name: true, email: true } });
    const yusuf = await prisma.child.findUniqueOrThrow({ where: { registerRef: "AN-000001" } });
    yusufId = yusuf.id;
    await prisma.child.update({ where: { id: yusufId }, data: { registerStatus: "not_considered", nextReviewOn: null } });
    await prisma.outboxMessage.deleteMany({ where: { kind: { startsWith: "register-" } } });
  }, 120_000);

  it("tells the setting about a request, the requester about its decision, the family about a placement, and a partner about a record to confirm, once each", async () => {
    await requestConsideration(
      { childId: yusufId, reasons: "He finds the dinner hall overwhelming and hides under the table.", requesterKind: "family", receivedOn: "2026-11-02" },
      { userId: amira.id, name: amira.name },
      prisma,
    );
    expect(await kinds("helen.clarke@beckettpark.example.com")).toEqual(["register-request-received"]);
    expect(await kinds(amira.email)).toEqual([]);

    await recordRegisterDecision(
      {
        childId: yusufId,
        outcome: "not_place",
        decidedOn: "2026-11-20",
        participants: people,
        evidence: "Class teacher's observations over six weeks.",
        reasons: [{ code: "NF-R8", reason: "Whole-class support meets his needs for now." }],
        summary: "Not placed; reviewed again if lunchtimes do not improve.",
      },
      helen,
      { db: prisma },
    );
    // The requester gets the "your request has been decided" email instead of a second one.
    expect(await kinds(amira.email)).toEqual(["register-request-decided"]);

    await recordRegisterDecision(
      {
        childId: yusufId,
        outcome: "place",
        decidedOn: "2026-11-24",
        nextReviewOn: "2027-01-15",
        participants: people,
        evidence: "Speech and language therapy report.",
        reasons: [{ code: "NF-R4", reason: "He needs daily small-group support with social communication." }],
        summary: "Placed.",
      },
      helen,
      { db: prisma },
    );
    expect(await kinds(amira.email)).toEqual(["register-request-decided", "register-decision-recorded"]);

    await saveRecordVersion(
      {
        childId: yusufId,
        content: {
          views: "I like drawing trains and I want a quiet place at lunch.",
          aspirations: "To drive a train.",
          needs: "Social communication.",
          support: [
            { partner: "setting", provision: "Quiet lunch club", amount: "45 minutes", frequency: "daily" },
            { partner: "health", provision: "Speech and language therapy", amount: "1 hour", frequency: "fortnightly" },
          ],
          outcomes: "Eats lunch with two friends.",
          transitions: "",
        },
        changeSummary: "First version, written with Yusuf and his mother.",
      },
      helen,
      { db: prisma },
    );
    expect(await kinds("owen.price@leeds-icb.example.nhs.uk")).toEqual(["register-record-awaiting-confirmation"]);
    // The local service has no part in this version: nothing for it.
    expect(await kinds("priya.sharma@leeds.example.gov.uk")).toEqual([]);

    const transport = capturing();
    await dispatchOutbox({ prisma, transport });
    const decided = transport.sent.find((e) => e.to === amira.email && e.subject.includes("has been decided"))!;
    expect(decided.subject).toBe("Your request about Yusuf Hussain has been decided");
    expect(decided.text).toContain("Yusuf Hussain has not been placed on the additional needs register.");
    expect(decided.text).toContain("2 November 2026");
    expect(decided.text).toContain("Whole-class support meets his needs for now.");
    expect(decided.text).toContain("Raise a concern about this decision");
    expect(decided.html).toContain(`/register/${yusufId}`);
    const placed = transport.sent.find((e) => e.to === amira.email && e.subject.startsWith("Register decision"))!;
    expect(placed.text).toContain("The next review is due by 15 January 2027.");
    const confirm = transport.sent.find((e) => e.to === "owen.price@leeds-icb.example.nhs.uk")!;
    expect(confirm.html).toContain(`/register/${yusufId}/confirm`);
    for (const email of transport.sent.filter((e) => /^(Register|Your request|Request|Confirm)/.test(e.subject))) {
      // Words only: no machine values, raw dates or ids in what a person reads.
      expect(email.text).not.toMatch(/not_place|\d{4}-\d{2}-\d{2}|NF-R\d/);
      expect(email.text.replace(/https?:\/\/\S+/g, "")).not.toContain(yusufId);
    }
  });

  it("writes about a review due soon and then overdue, once per review date, to the family and the setting", async () => {
    const before = await prisma.outboxMessage.count();
    // Not yet within 20 days of 15 January 2027.
    expect(await sweepRegisterReviews({ prisma, now: new Date("2026-12-20T09:00:00Z") })).toEqual({ dueSoon: 0, overdue: 0 });
    expect(await sweepRegisterReviews({ prisma, now: new Date("2026-12-28T09:00:00Z") })).toEqual({ dueSoon: 1, overdue: 0 });
    expect(await sweepRegisterReviews({ prisma, now: new Date("2026-12-29T09:00:00Z") })).toEqual({ dueSoon: 0, overdue: 0 });
    expect(await kinds(amira.email)).toContain("register-review-due-soon");
    expect(await kinds("helen.clarke@beckettpark.example.com")).toContain("register-review-due-soon");
    expect(await sweepRegisterReviews({ prisma, now: new Date("2027-01-18T09:00:00Z") })).toEqual({ dueSoon: 0, overdue: 1 });
    expect(await sweepRegisterReviews({ prisma, now: new Date("2027-01-19T09:00:00Z") })).toEqual({ dueSoon: 0, overdue: 0 });
    const reviewMails = await prisma.outboxMessage.findMany({
      where: { kind: { in: ["register-review-due-soon", "register-review-overdue"] }, payload: { path: ["reviewOn"], equals: "2027-01-15" } },
    });
    // Exactly one of each per recipient, whatever the number of sweeps.
    const perRecipient = new Map<string, number>();
    for (const m of reviewMails) perRecipient.set(`${m.kind}:${m.toAddress}`, (perRecipient.get(`${m.kind}:${m.toAddress}`) ?? 0) + 1);
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
    expect(perRecipient.get(`register-review-overdue:${amira.email}`)).toBe(1);
    expect(perRecipient.get("register-review-overdue:helen.clarke@beckettpark.example.com")).toBe(1);
    expect(await prisma.outboxMessage.count()).toBe(before + reviewMails.length);
    const setting = (await prisma.outboxMessage.findFirstOrThrow({ where: { kind: "register-review-overdue", toAddress: "helen.clarke@beckettpark.example.com" } }))
      .payload as Record<string, unknown>;
    expect(setting.audience).toBe("setting");
  });

  it("lets children's social care read and confirm its part of records in its area, asks it by email, and shows it no case files", async () => {
    const marcus = await prisma.user.findUniqueOrThrow({ where: { email: "marcus.bell@leeds.example.gov.uk" }, select: SESSION_USER_SELECT });
    const yusuf = await prisma.child.findUniqueOrThrow({ where: { id: yusufId } });
    const reached = await prisma.child.findMany({ where: registerScope(marcus, "update"), select: { localAreaId: true } });
    expect(reached.length).toBe(await prisma.child.count({ where: { localAreaId: yusuf.localAreaId } }));
    expect(reached.every((c) => c.localAreaId === yusuf.localAreaId)).toBe(true);
    expect(await prisma.case.count({ where: caseScope(marcus, "read") })).toBe(0);
    const version = await saveRecordVersion(
      {
        childId: yusufId,
        content: {
          views: "I like drawing trains and I want a quiet place at lunch.",
          aspirations: "To drive a train.",
          needs: "Social communication.",
          support: [
            { partner: "setting", provision: "Quiet lunch club", amount: "45 minutes", frequency: "daily" },
            { partner: "social-care", provision: "Family support worker visits", amount: "1 hour", frequency: "weekly" },
          ],
          outcomes: "Eats lunch with two friends.",
          transitions: "",
        },
        changeSummary: "Social care support added.",
      },
      helen,
      { db: prisma },
    );
    expect(await kinds("marcus.bell@leeds.example.gov.uk")).toEqual(["register-record-awaiting-confirmation"]);
    await confirmPartnerPart({ versionId: version.id, childId: yusufId, partner: "social-care", note: "" }, { userId: marcus.id, name: marcus.name }, { db: prisma });
    expect(await prisma.partnerConfirmation.count({ where: { versionId: version.id, partner: "social-care" } })).toBe(1);
  });

  it("publishes the overturn figures with disclosure control: small counts show as 0 and no rate on a small base", async () => {
    const yusuf = await prisma.child.findUniqueOrThrow({ where: { id: yusufId } });
    const raw = await registerOverturnFigures({ localAreaId: yusuf.localAreaId, decidedOn: { gte: new Date("2026-01-01"), lte: new Date("2026-12-31") } }, prisma);
    expect(raw.decisions).toBe(2);
    const published = await publishedOverturnFigures({ from: "2026-01-01", to: "2026-12-31", areaId: yusuf.localAreaId }, prisma);
    expect(published.decisions).toEqual({ value: 0 });
    expect(published.challengeRate).toEqual({ value: null, reason: "c" });
    expect(published.overturnRate).toEqual({ value: null, reason: "none" });
    // Decisions are counted by their date: none in 2025.
    expect((await publishedOverturnFigures({ from: "2025-01-01", to: "2025-12-31", areaId: yusuf.localAreaId }, prisma)).challengeRate).toEqual({ value: null, reason: "none" });
  });

  it("gives the family their register text in a subject access export", async () => {
    const data = (await subjectAccessExport(prisma, amira.id))!;
    const json = JSON.stringify(data.register);
    expect(json).toContain("He finds the dinner hall overwhelming");
    expect(json).toContain("Whole-class support meets his needs for now.");
    expect(json).toContain("I like drawing trains");
    expect(data.register.decisionsAboutTheirChildren.map((d) => d.outcome)).toEqual(["not_place", "place"]);
    expect(data.register.requestsAboutTheirChildren).toHaveLength(1);
    // Helen's export holds what she recorded about children who are not hers.
    const helenData = (await subjectAccessExport(prisma, helen.userId))!;
    expect(helenData.register.decisionsTheyRecorded.length).toBeGreaterThanOrEqual(2);
    expect(helenData.register.recordVersionsTheyWrote.length).toBeGreaterThanOrEqual(1);
  });

  it("erasure redacts register free text, keeps the decision facts, and the append-only guard still refuses any other change", async () => {
    const facts = async () =>
      (
        await prisma.registerDecision.findMany({
          where: { childId: yusufId },
          orderBy: { decidedOn: "asc" },
          select: { outcome: true, decidedOn: true, nextReviewOn: true, reasons: true, participants: true },
        })
      ).map((d) => ({
        outcome: d.outcome,
        decidedOn: d.decidedOn,
        nextReviewOn: d.nextReviewOn,
        codes: (d.reasons as { code: string }[]).map((r) => r.code),
        tookPart: (d.participants as { tookPart: string }[]).map((p) => p.tookPart),
      }));
    const before = await facts();

    await erasePerson(prisma, amira.id, { actorId: null, reason: "test: erasure request" });
    const request = await prisma.registerRequest.findFirstOrThrow({ where: { childId: yusufId } });
    expect(request.reasons).toBe(ERASED_TEXT);
    expect(request.erasedAt).not.toBeNull();
    // Her name as a participant is replaced by her pseudonym.
    const named = await prisma.registerDecision.findFirstOrThrow({ where: { childId: yusufId } });
    expect(JSON.stringify(named.participants)).not.toContain("Amira Hussain");

    await eraseChild(prisma, yusufId, { actorId: null, reason: "test: erasure request" });
    const decisions = await prisma.registerDecision.findMany({ where: { childId: yusufId } });
    for (const d of decisions) {
      expect(d.evidence).toBe(ERASED_TEXT);
      expect(d.summary).toBe(ERASED_TEXT);
      expect((d.reasons as { reason: string }[]).every((r) => r.reason === ERASED_TEXT)).toBe(true);
      expect(d.erasedAt).not.toBeNull();
    }
    expect(await facts()).toEqual(before);
    const version = await prisma.developmentRecordVersion.findFirstOrThrow({ where: { record: { childId: yusufId } }, orderBy: { number: "asc" } });
    const content = version.content as { views: string; support: { partner: string; provision: string; amount: string }[] };
    expect(content.views).toBe(ERASED_TEXT);
    expect(content.support.map((s) => [s.partner, s.provision, s.amount])).toEqual([
      ["setting", ERASED_TEXT, "45 minutes"],
      ["health", ERASED_TEXT, "1 hour"],
    ]);
    expect(JSON.stringify(await prisma.registerDecision.findMany({ where: { childId: yusufId } }))).not.toContain("dinner hall");

    // Erasure is the only change the guard lets through: facts cannot be altered under its cover.
    await expect(prisma.registerDecision.update({ where: { id: decisions[0]!.id }, data: { outcome: "remove", erasedAt: new Date() } })).rejects.toThrow(/append-only/);
    await expect(prisma.registerDecision.update({ where: { id: decisions[0]!.id }, data: { summary: "rewritten" } })).rejects.toThrow(/append-only/);
    await expect(prisma.registerDecision.delete({ where: { id: decisions[0]!.id } })).rejects.toThrow(/append-only/);
  });
});
