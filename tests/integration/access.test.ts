import { beforeAll, expect, it } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client";
import { verifySignIn, MAX_FAILURES_PER_ACCOUNT_AND_CLIENT, MAX_FAILURES_PER_CLIENT } from "../../app/utils/auth.server";
import { DEMO_PASSWORD } from "../../app/utils/demo-personas";
import { loadCaseForUser } from "../../app/utils/case-page.server";
import { applyCaseEvent } from "../../app/utils/cases.server";
import { caseScope } from "../../app/utils/permissions.server";
import { SESSION_USER_SELECT, type SessionUser } from "../../app/utils/session.server";
import { seed } from "../../prisma/seed";
import { describeEachEngine } from "./engines";
import { outcome, raiseTestConcern } from "./support/cases";

// Who may see which case: every role against the same five cases.

async function sessionUser(prisma: PrismaClient, email: string): Promise<SessionUser> {
  return prisma.user.findUniqueOrThrow({
    where: { email },
    select: SESSION_USER_SELECT,
  });
}

async function makeCase(
  prisma: PrismaClient,
  ref: string,
  childRef: string,
  raisedBy: string,
  opts: { route: "process" | "substance"; rung: number | null; highestRung?: number; healthInvolved?: boolean; status?: string },
) {
  const child = await prisma.child.findUniqueOrThrow({ where: { registerRef: childRef } });
  const raiser = await prisma.user.findUniqueOrThrow({ where: { email: raisedBy } });
  const concern = await prisma.concern.create({
    data: { ref, summary: "test", receivedOn: new Date("2026-11-02"), childId: child.id, raisedById: raiser.id, settingId: child.settingId, localAreaId: child.localAreaId },
  });
  return prisma.case.create({
    data: {
      ref: `${ref}-${opts.route[0]?.toUpperCase()}`,
      concernId: concern.id,
      route: opts.route,
      rung: opts.rung,
      highestRung: opts.highestRung ?? opts.rung ?? 0,
      healthInvolved: opts.healthInvolved ?? false,
      settingId: child.settingId,
      localAreaId: child.localAreaId,
      machineId: "t",
      machineVersion: 1,
      snapshot: {},
      stateValue: "t",
      status: opts.status ?? "open",
    },
  });
}

describeEachEngine("access to cases", ({ get }) => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const { prisma } = get().db;
    await seed(prisma, { demoCases: false });
    // Yusuf (Leeds, Beckett Park) and Megan (Cornwall, Truro Bay) are the persona children.
    ids.yusufRung1 = (await makeCase(prisma, "A1", "AN-000001", "amira.hussain@example.com", { route: "process", rung: 1 })).id;
    ids.yusufHealth = (await makeCase(prisma, "A2", "AN-000001", "amira.hussain@example.com", { route: "substance", rung: 2, healthInvolved: true })).id;
    ids.meganNationalProcess = (await makeCase(prisma, "A3", "AN-000002", "gareth.evans@example.com", { route: "process", rung: 3 })).id;
    ids.meganNationalSubstance = (await makeCase(prisma, "A4", "AN-000002", "gareth.evans@example.com", { route: "substance", rung: 3 })).id;
    // Decided by the ombudsman and now only monitoring remedies: the ladder has ended (rung null).
    ids.meganDecidedNationally = (await makeCase(prisma, "A6", "AN-000002", "gareth.evans@example.com", { route: "process", rung: null, highestRung: 3 })).id;
    ids.tylerOwn = (await makeCase(prisma, "A5", "AN-000003", "tyler.brown@example.com", { route: "substance", rung: 1 })).id;
    ids.meganInMediation = (await makeCase(prisma, "A7", "AN-000002", "gareth.evans@example.com", { route: "substance", rung: 3, status: "in-mediation" })).id;
    const mediator = await prisma.user.findUniqueOrThrow({ where: { email: "sam.okafor@mediation.example.com" } });
    // Sam mediated A4 once (that mediation has ended: the case is "open" again) and mediates A7 now.
    await prisma.caseAssignment.create({ data: { caseId: ids.meganNationalSubstance, userId: mediator.id, capacity: "mediator" } });
    await prisma.caseAssignment.create({ data: { caseId: ids.meganInMediation, userId: mediator.id, capacity: "mediator" } });
  });

  const expectations: [string, string[]][] = [
    ["amira.hussain@example.com", ["yusufRung1", "yusufHealth"]],
    ["gareth.evans@example.com", ["meganNationalProcess", "meganNationalSubstance", "meganDecidedNationally", "meganInMediation"]],
    ["tyler.brown@example.com", ["tylerOwn"]],
    ["helen.clarke@beckettpark.example.com", ["yusufRung1", "yusufHealth"]],
    ["priya.sharma@leeds.example.gov.uk", ["yusufRung1", "yusufHealth"]],
    ["owen.price@leeds-icb.example.nhs.uk", ["yusufHealth"]],
    // Only while the mediation runs: not A4, whose mediation ended.
    ["sam.okafor@mediation.example.com", ["meganInMediation"]],
    ["ruth.adeyemi@ombudsman.example.org.uk", ["meganNationalProcess", "meganDecidedNationally"]],
    ["daniel.moore@practice.example.org.uk", ["meganNationalSubstance", "meganInMediation"]],
    ["grace.liu@practice.example.org.uk", []],
    ["admin@redress.example.org.uk", []],
  ];

  it.each(expectations)("%s reads exactly the cases they should", async (email, expected) => {
    const { prisma } = get().db;
    const user = await sessionUser(prisma, email);
    const visible = await prisma.case.findMany({ where: caseScope(user, "read"), select: { id: true } });
    const names = Object.entries(ids)
      .filter(([, id]) => visible.some((v) => v.id === id))
      .map(([name]) => name);
    expect(names.sort()).toEqual([...expected].sort());
  });

  it("lists only the linked cases the reader may open", async () => {
    const { prisma } = get().db;
    const { cases } = await raiseTestConcern(prisma, { childRef: "AN-000002", categories: ["register-refusal", "support-level"] });
    const processCase = cases.find((c) => c.route === "process")!;
    const substanceCase = cases.find((c) => c.route === "substance")!;
    // The process case has reached the ombudsman; its linked substance case has not.
    await prisma.case.update({ where: { id: processCase.id }, data: { highestRung: 3 } });
    const ruth = await loadCaseForUser(await sessionUser(prisma, "ruth.adeyemi@ombudsman.example.org.uk"), processCase.id);
    expect(ruth.row.concern.cases.map((c) => c.id)).toEqual([processCase.id]);
    const gareth = await loadCaseForUser(await sessionUser(prisma, "gareth.evans@example.com"), processCase.id);
    expect(gareth.row.concern.cases.map((c) => c.id).sort()).toEqual([processCase.id, substanceCase.id].sort());
  });

  it("lets only the owing setting, not any respondent, record a rung-1 remedy as done", async () => {
    const { prisma } = get().db;
    const { cases } = await raiseTestConcern(prisma, { childRef: "AN-000001" });
    const id = cases[0]!.id;
    const system = { kind: "system", name: "test" } as const;
    await applyCaseEvent(id, { type: "ACKNOWLEDGE", at: "2026-11-03", handlerId: "a" }, system, {}, prisma);
    await applyCaseEvent(id, { type: "RESPOND", at: "2026-11-10", outcome: outcome(["issue-1"], [{ kind: "apology", description: "Say sorry" }]) }, system, {}, prisma);
    await applyCaseEvent(id, { type: "ACCEPT_OUTCOME", at: "2026-11-11" }, system, {}, prisma);
    const helen = await loadCaseForUser(await sessionUser(prisma, "helen.clarke@beckettpark.example.com"), id);
    const priya = await loadCaseForUser(await sessionUser(prisma, "priya.sharma@leeds.example.gov.uk"), id);
    expect(helen.actions).toContain("REMEDY_DONE");
    expect(helen.settleableRemedyIds).toEqual(["R1"]);
    // The local service can read the case (same area) but neither owes nor ordered this remedy.
    expect(priya.actions).not.toContain("REMEDY_DONE");
    expect(priya.actions).not.toContain("REMEDY_FAILED");
    expect(priya.settleableRemedyIds).toEqual([]);
  });

  it("a mediator may read assigned cases but not update them as a case", async () => {
    const { prisma } = get().db;
    const user = await sessionUser(prisma, "sam.okafor@mediation.example.com");
    expect(await prisma.case.count({ where: caseScope(user, "update") })).toBe(0);
    expect(await prisma.case.count({ where: caseScope(user, "update", "mediation") })).toBe(1);
  });

  it("signs in with the right password only, and throttles guessing", async () => {
    const email = "helen.clarke@beckettpark.example.com";
    expect((await verifySignIn(email, DEMO_PASSWORD, "10.0.0.1")).ok).toBe(true);
    expect(await verifySignIn("nobody@example.com", DEMO_PASSWORD, "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_CLIENT; i++) {
      expect(await verifySignIn(` ${email.toUpperCase()} `, "wrong", "10.0.0.2")).toEqual({ ok: false, reason: "invalid" });
    }
    // The guesser's address waits, even with the right password...
    expect(await verifySignIn(email, DEMO_PASSWORD, "10.0.0.2")).toMatchObject({ ok: false, reason: "throttled" });
    // ...but the owner is not locked out: from their usual address, and from a new one.
    expect((await verifySignIn(email, DEMO_PASSWORD, "10.0.0.1")).ok).toBe(true);
    expect((await verifySignIn(email, DEMO_PASSWORD, "10.0.0.3")).ok).toBe(true);
  });

  it("counts concurrent guesses atomically: 30 at once, only the allowance is checked", async () => {
    const { prisma } = get().db;
    const email = "priya.sharma@leeds.example.gov.uk";
    const results = await Promise.all(Array.from({ length: 30 }, () => verifySignIn(email, "wrong-guess", "10.0.1.1")));
    expect(results.filter((r) => r.ok === false && r.reason === "invalid")).toHaveLength(MAX_FAILURES_PER_ACCOUNT_AND_CLIENT);
    expect(results.filter((r) => r.ok === false && r.reason === "throttled")).toHaveLength(30 - MAX_FAILURES_PER_ACCOUNT_AND_CLIENT);
    expect(await prisma.signInAttempt.count({ where: { email, clientKey: "10.0.1.1" } })).toBe(MAX_FAILURES_PER_ACCOUNT_AND_CLIENT);
  });

  it("limits one address across many accounts", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_CLIENT; i++) {
      expect(await verifySignIn(`nobody${i}@example.com`, "wrong", "10.0.2.1")).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await verifySignIn("owen.price@leeds-icb.example.nhs.uk", DEMO_PASSWORD, "10.0.2.1")).toMatchObject({ ok: false, reason: "throttled" });
    expect((await verifySignIn("owen.price@leeds-icb.example.nhs.uk", DEMO_PASSWORD, "10.0.2.2")).ok).toBe(true);
  });
});
