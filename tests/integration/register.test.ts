import { beforeAll, expect, it } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client";
import { applyCaseEvent, type EventAuthor } from "../../app/utils/cases.server";
import { openChildConcern } from "../../app/utils/concerns.server";
import { viewCase } from "../../machines";
import type { Participant } from "../../app/utils/register-forms";
import {
  confirmPartnerPart,
  openRegisterRemedies,
  recordRegisterDecision,
  registerOverturnFigures,
  registerScope,
  RegisterRefusal,
  requestConsideration,
  saveRecordVersion,
  sweepRegisterRequests,
} from "../../app/utils/register.server";
import { SESSION_USER_SELECT, type SessionUser } from "../../app/utils/session.server";
import { seed } from "../../prisma/seed";
import { describeEachEngine } from "./engines";

// The register as records (docs/decisions/021), on both engines: decision history through the
// machine, the request clock and its sweeper hook, record versions and confirmations, who may see
// which child, and a remedy that retakes a decision (the overturn rate).

const user = (prisma: PrismaClient, email: string): Promise<SessionUser> => prisma.user.findUniqueOrThrow({ where: { email }, select: SESSION_USER_SELECT });
const child = (prisma: PrismaClient, registerRef: string) => prisma.child.findUniqueOrThrow({ where: { registerRef } });
const people: Participant[] = [
  { role: "family", name: "Parent", invited: true, tookPart: "meeting" },
  { role: "health-lead", name: "Dr Price", invited: true, tookPart: "written-views" },
];
const base = { participants: people, evidence: "Reports and observations.", summary: "" };

describeEachEngine("the register", ({ get }) => {
  let prisma: PrismaClient;
  let helen: { userId: string; name: string };

  beforeAll(async () => {
    prisma = get().db.prisma;
    await seed(prisma, { demoCases: false });
    const h = await user(prisma, "helen.clarke@beckettpark.example.com");
    helen = { userId: h.id, name: h.name };
  }, 120_000);

  it("keeps a decision history, answers the request, and derives the child's status from it", async () => {
    const yusuf = await child(prisma, "AN-000001");
    await prisma.child.update({ where: { id: yusuf.id }, data: { registerStatus: "not_considered" } });
    const amira = await user(prisma, "amira.hussain@example.com");
    const request = await requestConsideration(
      { childId: yusuf.id, reasons: "He struggles at lunch and in groups.", requesterKind: "family", receivedOn: "2026-11-02" },
      { userId: amira.id, name: amira.name },
      prisma,
    );
    // Beckett Park counts working days: 20 after Monday 2 November 2026.
    expect(request.dueOn.toISOString().slice(0, 10)).toBe("2026-11-30");
    await expect(requestConsideration({ childId: yusuf.id, reasons: "Again, please.", requesterKind: "family" }, { userId: amira.id, name: amira.name }, prisma)).rejects.toThrow(
      RegisterRefusal,
    );

    const refused = await recordRegisterDecision(
      { ...base, childId: yusuf.id, outcome: "not_place", decidedOn: "2026-11-20", reasons: [{ code: "NF-R8", reason: "Met by ordinary provision." }] },
      helen,
      { db: prisma },
    );
    expect((await prisma.registerRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("decided");
    expect((await prisma.registerRequest.findUniqueOrThrow({ where: { id: request.id } })).decisionId).toBe(refused.id);
    expect((await child(prisma, "AN-000001")).registerStatus).toBe("considered_not_placed");

    await recordRegisterDecision(
      { ...base, childId: yusuf.id, outcome: "place", decidedOn: "2026-11-24", nextReviewOn: "2027-05-24", reasons: [{ code: "NF-R4", reason: "Social communication." }] },
      helen,
      { db: prisma },
    );
    await recordRegisterDecision(
      { ...base, childId: yusuf.id, outcome: "confirm", decidedOn: "2026-11-25", nextReviewOn: "2027-11-25", reasons: [{ code: "NF-R4", reason: "Continues." }] },
      helen,
      { db: prisma },
    );
    const now = await child(prisma, "AN-000001");
    expect(now.registerStatus).toBe("on_register");
    expect(now.nextReviewOn?.toISOString().slice(0, 10)).toBe("2027-11-25");

    const before = await prisma.registerDecision.count({ where: { childId: yusuf.id } });
    // The machine refuses what the history does not allow; a reason must cite a register criterion.
    await expect(
      recordRegisterDecision(
        { ...base, childId: yusuf.id, outcome: "place", decidedOn: "2026-11-26", nextReviewOn: "2027-05-01", reasons: [{ code: "NF-R4", reason: "x" }] },
        helen,
        { db: prisma },
      ),
    ).rejects.toThrow("already on the register");
    await expect(
      recordRegisterDecision(
        { ...base, childId: yusuf.id, outcome: "remove", decidedOn: "2026-11-26", reasons: [{ code: "NF-3.2", reason: "a standard, not a criterion" }] },
        helen,
        { db: prisma },
      ),
    ).rejects.toThrow("not a register criterion");
    await expect(
      recordRegisterDecision({ ...base, childId: yusuf.id, outcome: "remove", decidedOn: "2026-11-01", reasons: [{ code: "NF-R8", reason: "x" }] }, helen, { db: prisma }),
    ).rejects.toThrow("before the child's previous register decision");
    expect(await prisma.registerDecision.count({ where: { childId: yusuf.id } })).toBe(before);
    // History is never rewritten.
    await expect(prisma.registerDecision.update({ where: { id: refused.id }, data: { evidence: "changed" } })).rejects.toThrow();
  });

  it("marks a request overdue exactly once after its due day, and it is still owed a decision", async () => {
    const megan = await child(prisma, "AN-000002");
    await prisma.child.update({ where: { id: megan.id }, data: { registerStatus: "not_considered" } });
    const gareth = await user(prisma, "gareth.evans@example.com");
    const request = await requestConsideration(
      { childId: megan.id, reasons: "She does not speak in class.", requesterKind: "family", receivedOn: "2026-11-02" },
      { userId: gareth.id, name: gareth.name },
      prisma,
    );
    const due = request.dueOn.toISOString().slice(0, 10);
    expect(await sweepRegisterRequests({ prisma, now: new Date(`${due}T20:00:00Z`) })).toEqual({ overdue: 0 });
    expect(await sweepRegisterRequests({ prisma, now: new Date("2027-02-01T09:00:00Z") })).toEqual({ overdue: 1 });
    expect(await sweepRegisterRequests({ prisma, now: new Date("2027-02-02T09:00:00Z") })).toEqual({ overdue: 0 });
    expect((await prisma.registerRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("overdue");
    const truro = await prisma.user.findFirstOrThrow({ where: { settingId: megan.settingId }, select: { id: true, name: true } });
    await recordRegisterDecision(
      { ...base, childId: megan.id, outcome: "place", decidedOn: "2027-02-03", nextReviewOn: "2027-08-03", reasons: [{ code: "NF-R4", reason: "Expressive language." }] },
      { userId: truro.id, name: truro.name },
      { db: prisma, now: new Date("2027-02-03T10:00:00Z") },
    );
    expect((await prisma.registerRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("decided");
  });

  it("versions the development record, with partner confirmations of the latest version only", async () => {
    const yusuf = await child(prisma, "AN-000001");
    const owen = await user(prisma, "owen.price@leeds-icb.example.nhs.uk");
    const priya = await user(prisma, "priya.sharma@leeds.example.gov.uk");
    const content = {
      views: "I like maths.",
      aspirations: "",
      needs: "Social communication.",
      support: [
        { partner: "setting" as const, provision: "Small group", amount: "30 minutes", frequency: "daily" },
        { partner: "health" as const, provision: "Speech therapy", amount: "45 minutes", frequency: "fortnightly" },
      ],
      outcomes: "Joins group work.",
      transitions: "",
    };
    const v1 = await saveRecordVersion({ childId: yusuf.id, content, changeSummary: "First." }, helen, { db: prisma });
    const v2 = await saveRecordVersion({ childId: yusuf.id, content: { ...content, views: "I like maths and Lego." }, changeSummary: "Views updated." }, helen, { db: prisma });
    expect([v1.number, v2.number]).toEqual([1, 2]);
    const asOwen = { userId: owen.id, name: owen.name };
    await expect(confirmPartnerPart({ versionId: v1.id, childId: yusuf.id, partner: "health", note: "" }, asOwen, { db: prisma })).rejects.toThrow("confirm the latest version");
    await confirmPartnerPart({ versionId: v2.id, childId: yusuf.id, partner: "health", note: "Booked." }, asOwen, { db: prisma });
    await expect(confirmPartnerPart({ versionId: v2.id, childId: yusuf.id, partner: "health", note: "" }, asOwen, { db: prisma })).rejects.toThrow("already confirmed");
    await expect(
      confirmPartnerPart({ versionId: v2.id, childId: yusuf.id, partner: "local-service", note: "" }, { userId: priya.id, name: priya.name }, { db: prisma }),
    ).rejects.toThrow("no part to confirm");
    await expect(prisma.developmentRecordVersion.update({ where: { id: v1.id }, data: { changeSummary: "rewritten" } })).rejects.toThrow();
    const versions = await prisma.developmentRecordVersion.findMany({ where: { record: { childId: yusuf.id } }, orderBy: { number: "asc" }, include: { confirmations: true } });
    expect(versions.map((v) => [v.number, v.authorLabel, v.confirmations.map((c) => c.partner)])).toEqual([
      [1, "Helen Clarke", []],
      [2, "Helen Clarke", ["health"]],
    ]);
  });

  it("lets each person reach only the register entries they should, and the record follows the child", async () => {
    const reach = async (email: string) =>
      (await prisma.child.findMany({ where: registerScope(await user(prisma, email), "read"), select: { registerRef: true } })).map((c) => c.registerRef);
    expect(await reach("amira.hussain@example.com")).toEqual(["AN-000001"]);
    expect(await reach("tyler.brown@example.com")).toEqual(["AN-000003"]);
    const yusuf = await child(prisma, "AN-000001");
    const beckett = await prisma.child.count({ where: { settingId: yusuf.settingId } });
    expect((await reach("helen.clarke@beckettpark.example.com")).length).toBe(beckett);
    expect((await reach("owen.price@leeds-icb.example.nhs.uk")).length).toBe(await prisma.child.count({ where: { localAreaId: yusuf.localAreaId } }));
    for (const email of ["grace.liu@practice.example.org.uk", "admin@redress.example.org.uk", "ruth.adeyemi@ombudsman.example.org.uk", "sam.okafor@mediation.example.com"])
      expect(await reach(email)).toEqual([]);
    // Amira may add views (update) but never decide: that is the setting's.
    expect(await prisma.child.count({ where: registerScope(await user(prisma, "amira.hussain@example.com"), "update") })).toBe(1);

    // Yusuf moves to another Leeds setting: its SENCo now reaches him and his record; Helen does not.
    const other = await prisma.setting.findFirstOrThrow({
      where: { localAreaId: yusuf.localAreaId, id: { not: yusuf.settingId } },
      include: { staff: { select: { email: true } } },
    });
    await prisma.child.update({ where: { id: yusuf.id }, data: { settingId: other.id } });
    const newSenco = other.staff[0]!.email;
    expect(await reach(newSenco)).toContain("AN-000001");
    expect(await reach("helen.clarke@beckettpark.example.com")).not.toContain("AN-000001");
    expect(await prisma.developmentRecordVersion.count({ where: { record: { child: registerScope(await user(prisma, newSenco), "read") } } })).toBeGreaterThanOrEqual(2);
    await prisma.child.update({ where: { id: yusuf.id }, data: { settingId: yusuf.settingId } });
  });

  it("links a decision retaken under a remedy to the one challenged, closes the remedy, and counts the overturn", async () => {
    const kid = await prisma.child.findFirstOrThrow({
      where: { registerRef: { notIn: ["AN-000001", "AN-000002", "AN-000003"] }, settingId: (await child(prisma, "AN-000001")).settingId },
      include: { guardians: true, setting: true },
    });
    await prisma.child.update({ where: { id: kid.id }, data: { registerStatus: "not_considered" } });
    const refused = await recordRegisterDecision(
      { ...base, childId: kid.id, outcome: "not_place", decidedOn: "2026-10-01", reasons: [{ code: "NF-R8", reason: "Met by ordinary provision." }] },
      helen,
      { db: prisma },
    );
    const family: EventAuthor = { kind: "user", userId: kid.guardians[0]!.userId, name: "Parent" };
    const { cases } = await openChildConcern(
      prisma,
      `RC-REG-${Date.now()}`,
      kid,
      kid.guardians[0]!.userId,
      { categories: ["register-refusal"], summary: "The health lead was not asked.", healthInvolved: false, receivedOn: "2026-10-05", challengesDecisionId: refused.id },
      family,
    );
    const caseId = cases[0]!.id;
    const handler: EventAuthor = { kind: "user", ...helen };
    await applyCaseEvent(caseId, { type: "ACKNOWLEDGE", at: "2026-10-06", handlerId: helen.userId }, handler, {}, prisma);
    await applyCaseEvent(
      caseId,
      {
        type: "RESPOND",
        at: "2026-10-12",
        decidedBy: helen.userId,
        outcome: {
          findings: [{ issueId: "issue-1", finding: "upheld" }],
          reasons: "The health lead was not invited.",
          standards: ["NF-1.3"],
          remedies: [{ kind: "register-review", description: "Retake the decision with the health lead." }],
        },
      },
      handler,
      {},
      prisma,
    );
    const [remedy] = await openRegisterRemedies(kid.id, ["register-review"], prisma);
    expect(remedy).toMatchObject({ caseId, remedyId: "R1", challengedDecisionId: refused.id });

    const retaken = await recordRegisterDecision(
      {
        ...base,
        childId: kid.id,
        outcome: "place",
        decidedOn: "2026-10-20",
        nextReviewOn: "2027-04-20",
        reasons: [{ code: "NF-R3", reason: "Health need confirmed." }],
        remedyCaseId: caseId,
        remedyId: "R1",
      },
      helen,
      { db: prisma, now: new Date("2026-10-20T10:00:00Z") },
    );
    expect(retaken).toMatchObject({ retakesDecisionId: refused.id, overturned: true, remedyCaseId: caseId, remedyId: "R1" });
    const row = await prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    const done = viewCase({ machineId: row.machineId, machineVersion: row.machineVersion, snapshot: row.snapshot }).remedies[0];
    expect(done).toMatchObject({ status: "done", settledOn: "2026-10-20" });
    expect(await openRegisterRemedies(kid.id, ["register-review"], prisma)).toEqual([]);
    expect(await registerOverturnFigures({ childId: kid.id }, prisma)).toEqual({ decisions: 2, challenged: 1, retaken: 1, overturned: 1 });
  });
});
