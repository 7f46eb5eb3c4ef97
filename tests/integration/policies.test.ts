import { beforeAll, expect, it } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client";
import { applyCaseEvent, persistedOf } from "../../app/utils/cases.server";
import { openChildConcern } from "../../app/utils/concerns.server";
import { londonDate } from "../../app/utils/dates";
import { policyInForce, publishedPolicies, publishPolicy } from "../../app/utils/policies.server";
import { addCalendarDays, viewCase, type Policy } from "../../machines";
import { POLICY_2026_11 } from "../../machines/policy";
import { seed } from "../../prisma/seed";
import { describeEachEngine } from "./engines";

// Timeline policies as data (docs/decisions/027), on both engines: the first version is the one
// that was code, a new version applies to cases opened from its effective date, and cases already
// open keep theirs through later events.

describeEachEngine("timeline policies", ({ get }) => {
  let prisma: PrismaClient;
  let adminId: string;
  const today = londonDate();
  const yesterday = new Date(Date.now() - 24 * 3600 * 1000);

  const openFor = async (ref: string) => {
    const child = await prisma.child.findUniqueOrThrow({
      where: { registerRef: "AN-000001" },
      select: { id: true, settingId: true, localAreaId: true, setting: { select: { name: true, schoolTerms: true } }, guardians: { select: { userId: true } } },
    });
    const raiser = child.guardians[0]!.userId;
    const { cases } = await openChildConcern(
      prisma,
      ref,
      child,
      raiser,
      { categories: ["family-not-involved"], summary: "Nobody answers my emails.", healthInvolved: false, receivedOn: today },
      { kind: "user", userId: raiser, name: "Parent" },
    );
    return cases[0]!;
  };
  const policyOf = async (caseId: string) => viewCase(persistedOf(await prisma.case.findUniqueOrThrow({ where: { id: caseId } })));

  beforeAll(async () => {
    prisma = get().db.prisma;
    await seed(prisma, { demoCases: false });
    adminId = (await prisma.user.findUniqueOrThrow({ where: { email: "admin@redress.example.org.uk" } })).id;
  }, 120_000);

  it("starts with the policy that was code, as the machine's schema reads it", async () => {
    const versions = await publishedPolicies(prisma);
    expect(versions.map((v) => v.policyVersion)).toEqual(["2026-11"]);
    expect(versions[0]!.policy).toEqual(POLICY_2026_11);
    expect(await policyInForce(prisma, today)).toEqual(POLICY_2026_11);
  });

  it("refuses a version taking effect today or earlier, a name already used, and a date before the latest version's", async () => {
    const next: Policy = { ...POLICY_2026_11, policyVersion: "2027-09" };
    expect(await publishPolicy({ policy: next, effectiveOn: today, changeSummary: "x" }, { id: adminId }, { db: prisma })).toMatchObject({ ok: false, field: "effectiveOn" });
    expect(await publishPolicy({ policy: POLICY_2026_11, effectiveOn: addCalendarDays(today, 10), changeSummary: "x" }, { id: adminId }, { db: prisma })).toMatchObject({
      ok: false,
      field: "policyVersion",
    });
    await expect(
      publishPolicy({ policy: { ...next, acknowledgeWorkingDays: 0 }, effectiveOn: addCalendarDays(today, 10), changeSummary: "x" }, { id: adminId }, { db: prisma }),
    ).rejects.toThrow();
    expect(await prisma.policyVersion.count()).toBe(1);
  });

  it("gives cases opened on or after the effective date the new version; cases already open keep theirs", async () => {
    const before = await openFor(`RC-POL-${Date.now()}-A`);
    expect((await policyOf(before.id)).policyVersion).toBe("2026-11");

    // Published yesterday, taking effect today: a case opened now follows it.
    const tighter: Policy = {
      ...POLICY_2026_11,
      policyVersion: "2027-01",
      acknowledgeWorkingDays: 3,
      setting: { respondWorkingDays: 8, maxExtensionWorkingDays: 5 },
      remedyDefaultWorkingDays: 15,
    };
    expect(await publishPolicy({ policy: tighter, effectiveOn: today, changeSummary: "Quicker acknowledgement." }, { id: adminId }, { db: prisma, now: yesterday })).toEqual({
      ok: true,
    });
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "policy.published" } });
    expect(audit.actorId).toBe(adminId);
    expect((audit.details as { policyVersion: string }).policyVersion).toBe("2027-01");

    const after = await openFor(`RC-POL-${Date.now()}-B`);
    const view = await policyOf(after.id);
    expect(view.policyVersion).toBe("2027-01");
    expect(view.remedyDefaultWorkingDays).toBe(15);
    // Acknowledgement due 3 working days after receipt under the new policy, 5 under the old.
    const ackDue = (v: typeof view) => v.deadlines.find((d) => d.key.includes("ack"))?.dueOn;
    expect(ackDue(view)).not.toEqual(ackDue(await policyOf(before.id)));

    // The earlier case keeps its policy through later events.
    const helen = await prisma.user.findUniqueOrThrow({ where: { email: "helen.clarke@beckettpark.example.com" } });
    await applyCaseEvent(before.id, { type: "ACKNOWLEDGE", at: today, handlerId: helen.id }, { kind: "user", userId: helen.id, name: helen.name }, {}, prisma);
    expect((await policyOf(before.id)).policyVersion).toBe("2026-11");
    expect((await policyOf(before.id)).remedyDefaultWorkingDays).toBe(20);

    // Published versions are never rewritten.
    await expect(prisma.policyVersion.updateMany({ data: { changeSummary: "rewritten" } })).rejects.toThrow(/append-only/);
  });
});
