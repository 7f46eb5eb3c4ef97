import { beforeAll, describe, expect, it } from "vitest";
import {
  allowEmailRequest,
  consumeToken,
  hashToken,
  inviteUser,
  issueToken,
  MAX_REQUESTS_PER_EMAIL,
  requestPasswordReset,
  setPasswordWithToken,
  signUp,
  verifyEmail,
} from "../../app/utils/accounts.server";
import { dispatchOutbox, type EmailTransport, type OutgoingEmail } from "../../app/utils/outbox.server";
import { changeRoles } from "../../app/utils/admin.server";
import { verifySignIn } from "../../app/utils/auth.server";
import { loadCaseForUser } from "../../app/utils/case-page.server";
import { casesDueSoonest, listCases } from "../../app/utils/case-list.server";
import { decideLinkRequest, requestLink } from "../../app/utils/links.server";
import { logConcernForFamily } from "../../app/utils/logged-concerns.server";
import { capacitiesOn, caseScope } from "../../app/utils/permissions.server";
import { resolveRecipients } from "../../app/utils/recipients.server";
import { childrenOfUser } from "../../app/utils/representation-scope";
import { nameRepresentative, withdrawRepresentation } from "../../app/utils/representatives.server";
import { SESSION_USER_SELECT, type SessionUser } from "../../app/utils/session.server";
import { londonDate } from "../../app/utils/dates";
import { seed } from "../../prisma/seed";
import { describeEachEngine } from "./engines";
import { raiseTestConcern } from "./support/cases";

// Ways in (docs/decisions/020): tokens, sign-up, links confirmed by the setting, representatives'
// consent scope in every query that gives case access, staff logging a concern, administration.

const PASSWORD = "correct horse battery staple";
const tokenOf = (link: string) => link.split("/").pop()!;

describeEachEngine("ways in", ({ get }) => {
  let prisma: ReturnType<typeof get>["db"]["prisma"];
  const session = async (email: string): Promise<SessionUser> => (await prisma.user.findUniqueOrThrow({ where: { email }, select: SESSION_USER_SELECT })) as SessionUser;
  const outboxLink = async (to: string, kind: string) => {
    const row = await prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: to, kind }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    return (row.payload as { link: string }).link;
  };
  const audits = async (action: string, targetId?: string) => prisma.auditEntry.count({ where: { action, ...(targetId ? { targetId } : {}) } });

  beforeAll(async () => {
    prisma = get().db.prisma;
    await seed(prisma, { demoCases: false });
  }, 120_000);

  describe("tokens", () => {
    it("stores only the hash, works once, and expires", async () => {
      const user = await prisma.user.findUniqueOrThrow({ where: { email: "gareth.evans@example.com" } });
      const now = new Date("2026-11-20T10:00:00Z");
      const { token } = await issueToken(prisma, user.id, "reset-password", now);
      expect(await prisma.accountToken.count({ where: { tokenHash: token } })).toBe(0);
      expect(await prisma.accountToken.count({ where: { tokenHash: hashToken(token) } })).toBe(1);
      // Expired an hour later.
      expect(await consumeToken(prisma, token, "reset-password", new Date(now.getTime() + 61 * 60_000))).toBeNull();
      // The wrong purpose never matches.
      expect(await consumeToken(prisma, token, "verify-email", now)).toBeNull();
      expect(await consumeToken(prisma, token, "reset-password", new Date(now.getTime() + 59 * 60_000))).toBe(user.id);
      expect(await consumeToken(prisma, token, "reset-password", new Date(now.getTime() + 59 * 60_000))).toBeNull();
    });

    it("a newer link supersedes an older one of the same purpose", async () => {
      const user = await prisma.user.findUniqueOrThrow({ where: { email: "gareth.evans@example.com" } });
      const older = await issueToken(prisma, user.id, "reset-password");
      const newer = await issueToken(prisma, user.id, "reset-password");
      expect(await consumeToken(prisma, older.token, "reset-password")).toBeNull();
      expect(await consumeToken(prisma, newer.token, "reset-password")).toBe(user.id);
    });

    it("two requests racing with one link: exactly one wins", async () => {
      const user = await prisma.user.findUniqueOrThrow({ where: { email: "gareth.evans@example.com" } });
      const { token } = await issueToken(prisma, user.id, "reset-password");
      const results = await Promise.all([setPasswordWithToken(token, "reset-password", PASSWORD), setPasswordWithToken(token, "reset-password", `${PASSWORD}!`)]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });

  describe("sign-up and reset", () => {
    it("a new family member signs up, cannot sign in until the emailed link is used, then can", async () => {
      const email = "new.parent@example.com";
      await signUp({ name: "Lena Novak", email, password: PASSWORD });
      const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { roles: true } });
      expect(user.emailVerifiedAt).toBeNull();
      expect(user.roles.map((r) => r.name)).toEqual(["family"]);
      expect(await verifySignIn(email, PASSWORD, "test-client-1")).toEqual({ ok: false, reason: "unverified" });
      const link = await outboxLink(email, "account-verify-email");
      expect(link).toMatch(/\/verify-email\/[A-Za-z0-9_-]{43}$/);
      const row = await prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: email, kind: "account-verify-email" } });
      expect(row.caseId).toBeNull();
      expect(await verifyEmail(tokenOf(link))).toBe(user.id);
      expect(await verifyEmail(tokenOf(link))).toBeNull();
      expect((await verifySignIn(email, PASSWORD, "test-client-1")).ok).toBe(true);
      expect(await audits("account.signed-up", user.id)).toBe(1);
      expect(await audits("account.email-verified", user.id)).toBe(1);
    });

    it("signing up with an address that has an account changes nothing and tells its owner", async () => {
      const before = await prisma.user.findUniqueOrThrow({ where: { email: "amira.hussain@example.com" } });
      await signUp({ name: "Someone Else", email: "Amira.Hussain@example.com", password: PASSWORD });
      const after = await prisma.user.findUniqueOrThrow({ where: { email: "amira.hussain@example.com" } });
      expect(after.passwordHash).toBe(before.passwordHash);
      expect(after.name).toBe(before.name);
      expect(await prisma.outboxMessage.count({ where: { toAddress: "amira.hussain@example.com", kind: "account-already-registered" } })).toBe(1);
      expect(await prisma.accountToken.count({ where: { userId: before.id, purpose: "verify-email" } })).toBe(0);
    });

    it("a reset request for an unknown address sends nothing; for a known one a link that works once and ends every session", async () => {
      expect(await requestPasswordReset("nobody@example.com")).toBe(false);
      expect(await prisma.outboxMessage.count({ where: { toAddress: "nobody@example.com" } })).toBe(0);
      const user = await prisma.user.findUniqueOrThrow({ where: { email: "tyler.brown@example.com" } });
      await prisma.session.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 3600_000) } });
      expect(await requestPasswordReset("tyler.brown@example.com")).toBe(true);
      const token = tokenOf(await outboxLink("tyler.brown@example.com", "account-reset-password"));
      expect(await setPasswordWithToken(token, "reset-password", PASSWORD)).toBe(user.id);
      expect(await setPasswordWithToken(token, "reset-password", `${PASSWORD}2`)).toBeNull();
      expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
      expect((await verifySignIn("tyler.brown@example.com", PASSWORD, "test-client-2")).ok).toBe(true);
      expect(await audits("account.password-reset", user.id)).toBe(1);
    });

    it("the dispatcher sends account emails without a case and keeps no usable link once really sent", async () => {
      const email = "scrub.me@example.com";
      await signUp({ name: "Scrub Test", email, password: PASSWORD });
      const sent: OutgoingEmail[] = [];
      const transport: EmailTransport = { name: "resend", send: async (e) => void sent.push(e) };
      await dispatchOutbox({ prisma, transport });
      const mine = sent.find((e) => e.to === email);
      expect(mine?.subject).toBe("Confirm your email address for Redress");
      expect(mine?.link).toMatch(/\/verify-email\//);
      expect(mine?.text).toContain(mine!.link!);
      const row = await prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: email } });
      expect(row.status).toBe("sent");
      expect((row.payload as { link: unknown }).link).toBeNull();
    });

    it("throttles email-sending requests per address", async () => {
      const results = [];
      for (let i = 0; i <= MAX_REQUESTS_PER_EMAIL; i++) results.push(await allowEmailRequest("reset", "flood@example.com", `client-${i}`));
      expect(results).toEqual([...Array(MAX_REQUESTS_PER_EMAIL).fill(true), false]);
    });
  });

  describe("linking a family member to a child", () => {
    it("sees nothing until the child's setting confirms; another setting cannot decide; the link is emailed and audited", async () => {
      const { cases } = await raiseTestConcern(prisma, { childRef: "AN-000001" });
      const yusuf = await prisma.child.findUniqueOrThrow({ where: { registerRef: "AN-000001" } });
      await signUp({ name: "Farid Hussain", email: "farid@example.com", password: PASSWORD });
      await verifyEmail(tokenOf(await outboxLink("farid@example.com", "account-verify-email")));
      const farid = await session("farid@example.com");
      const request = await requestLink(farid, {
        childGivenName: "Yusuf",
        childFamilyName: "Hussain",
        childDateOfBirth: yusuf.dateOfBirth.toISOString().slice(0, 10),
        settingId: yusuf.settingId,
        relationship: "father",
      });
      expect(await prisma.case.count({ where: caseScope(farid, "read") })).toBe(0);
      expect(await prisma.child.count({ where: childrenOfUser(farid.id) })).toBe(0);

      const otherSenco = await session("senco@truro-bay-community-school.example.com");
      expect(await decideLinkRequest(otherSenco, request.id, { decision: "confirm", childId: yusuf.id })).toBe(false);
      const helen = await session("helen.clarke@beckettpark.example.com");
      const megan = await prisma.child.findUniqueOrThrow({ where: { registerRef: "AN-000002" } });
      // A child of another setting cannot be linked through this setting's request.
      expect(await decideLinkRequest(helen, request.id, { decision: "confirm", childId: megan.id })).toBe(false);
      expect(await decideLinkRequest(helen, request.id, { decision: "confirm", childId: yusuf.id })).toBe(true);
      expect(await decideLinkRequest(helen, request.id, { decision: "refuse", reason: "changed my mind" })).toBe(false);

      const link = await prisma.guardianship.findUniqueOrThrow({ where: { userId_childId: { userId: farid.id, childId: yusuf.id } } });
      expect(link.relationship).toBe("father");
      expect(await prisma.case.count({ where: { AND: [{ id: cases[0]!.id }, caseScope(farid, "read")] } })).toBe(1);
      expect(await audits("link.requested", request.id)).toBe(1);
      expect(await audits("link.confirmed", request.id)).toBe(1);
      expect(await prisma.outboxMessage.count({ where: { toAddress: "farid@example.com", kind: "account-link-decided" } })).toBe(1);
    });

    it("a refusal records the reason and links nothing", async () => {
      const someone = await session("new.parent@example.com");
      const helen = await session("helen.clarke@beckettpark.example.com");
      const request = await requestLink(someone, {
        childGivenName: "Nobody",
        childFamilyName: "Known",
        childDateOfBirth: "2018-01-01",
        settingId: helen.settingId!,
        relationship: "mother",
      });
      expect(await decideLinkRequest(helen, request.id, { decision: "refuse", reason: "No child of that name and birthday here." })).toBe(true);
      const row = await prisma.linkRequest.findUniqueOrThrow({ where: { id: request.id } });
      expect(row).toMatchObject({ status: "refused", reason: "No child of that name and birthday here.", decidedById: helen.id });
      expect(await prisma.guardianship.count({ where: { userId: someone.id } })).toBe(0);
      expect(await audits("link.refused", request.id)).toBe(1);
    });
  });

  describe("representatives: consent scope in every query that gives case access", () => {
    it("the seeded advocate reaches Yusuf's cases through every door, and nothing of Megan's", async () => {
      const yusufCase = (await raiseTestConcern(prisma, { childRef: "AN-000001" })).cases[0]!;
      const meganCase = (await raiseTestConcern(prisma, { childRef: "AN-000002" })).cases[0]!;
      const nadia = await session("nadia.rahman@leeds-sendiass.example.org.uk");
      const readable = async (id: string) => prisma.case.count({ where: { AND: [{ id }, caseScope(nadia, "read")] } });
      expect(await readable(yusufCase.id)).toBe(1);
      expect(await readable(meganCase.id)).toBe(0);
      expect(await prisma.case.count({ where: { AND: [{ id: meganCase.id }, caseScope(nadia, "update")] } })).toBe(0);
      expect(await capacitiesOn(prisma, nadia, yusufCase.id)).toEqual(["family"]);
      expect(await capacitiesOn(prisma, nadia, meganCase.id)).toEqual([]);
      await expect(loadCaseForUser(nadia, meganCase.id)).rejects.toMatchObject({ status: 404 });
      expect((await loadCaseForUser(nadia, yusufCase.id)).row.id).toBe(yusufCase.id);
      expect((await listCases(nadia)).map((c) => c.id)).not.toContain(meganCase.id);
      expect((await casesDueSoonest(nadia)).every((d) => d.id !== meganCase.id)).toBe(true);
      const children = await prisma.child.findMany({ where: childrenOfUser(nadia.id), select: { registerRef: true } });
      expect(children.map((c) => c.registerRef)).toEqual(["AN-000001"]);
      const letters = await prisma.$transaction((tx) => resolveRecipients(tx, yusufCase.id, ["family"]));
      expect(letters.map((r) => r.email)).toContain(nadia.email);
      const meganLetters = await prisma.$transaction((tx) => resolveRecipients(tx, meganCase.id, ["family"]));
      expect(meganLetters.map((r) => r.email)).not.toContain(nadia.email);
    });

    it("letters only, an end date passed, or consent withdrawn: each gives exactly what is consented", async () => {
      const gareth = await session("gareth.evans@example.com");
      const megan = await prisma.child.findUniqueOrThrow({ where: { registerRef: "AN-000002" } });
      const meganCase = (await raiseTestConcern(prisma, { childRef: "AN-000002" })).cases[0]!;
      // Letters only: no case access at all, but the letters.
      expect(await nameRepresentative(gareth, { childId: megan.id, name: "Owain Jones", email: "owain@advocacy.example.org", actOnConcerns: false, receiveLetters: true })).toBe(
        "named",
      );
      const owain = await prisma.user.findUniqueOrThrow({ where: { email: "owain@advocacy.example.org" } });
      await prisma.user.update({ where: { id: owain.id }, data: { passwordHash: "x", emailVerifiedAt: new Date() } });
      const owainSession = await session("owain@advocacy.example.org");
      expect(owainSession.roles.map((r) => r.name)).toEqual(["representative"]);
      expect(await prisma.case.count({ where: caseScope(owainSession, "read") })).toBe(0);
      expect(await prisma.child.count({ where: childrenOfUser(owain.id) })).toBe(0);
      const letters = () => prisma.$transaction((tx) => resolveRecipients(tx, meganCase.id, ["family"])).then((r) => r.map((x) => x.email));
      expect(await letters()).toContain("owain@advocacy.example.org");
      expect(await prisma.outboxMessage.count({ where: { toAddress: "owain@advocacy.example.org", kind: "account-invitation" } })).toBe(1);

      // Acting, but the consent ended yesterday.
      const rep = await prisma.representation.findFirstOrThrow({ where: { representativeId: owain.id } });
      await prisma.representation.update({ where: { id: rep.id }, data: { actOnConcerns: true, validUntil: new Date("2026-01-01T00:00:00Z") } });
      expect(await prisma.case.count({ where: caseScope(owainSession, "read") })).toBe(0);
      expect(await letters()).not.toContain("owain@advocacy.example.org");

      // In force again, then withdrawn by the family.
      await prisma.representation.update({ where: { id: rep.id }, data: { validUntil: null } });
      expect(await prisma.case.count({ where: { AND: [{ id: meganCase.id }, caseScope(owainSession, "read")] } })).toBe(1);
      expect(await withdrawRepresentation(gareth, rep.id)).toBe(true);
      expect(await prisma.case.count({ where: caseScope(owainSession, "read") })).toBe(0);
      expect(await capacitiesOn(prisma, owainSession, meganCase.id)).toEqual([]);
      expect(await letters()).not.toContain("owain@advocacy.example.org");
      expect(await audits("representative.named", rep.id)).toBe(1);
      expect(await audits("representative.withdrawn", rep.id)).toBe(1);
    });

    it("only someone who may consent can name or withdraw: not another family, not a young person under 16", async () => {
      const amira = await session("amira.hussain@example.com");
      const megan = await prisma.child.findUniqueOrThrow({ where: { registerRef: "AN-000002" } });
      expect(await nameRepresentative(amira, { childId: megan.id, name: "X", email: "x@example.com", actOnConcerns: true, receiveLetters: true })).toBe("not-yours");
      const nadiaRep = await prisma.representation.findFirstOrThrow({ where: { representative: { email: "nadia.rahman@leeds-sendiass.example.org.uk" } } });
      const gareth = await session("gareth.evans@example.com");
      expect(await withdrawRepresentation(gareth, nadiaRep.id)).toBe(false);
      expect((await prisma.representation.findUniqueOrThrow({ where: { id: nadiaRep.id } })).withdrawnAt).toBeNull();
    });
  });

  describe("staff log a concern for the family", () => {
    it("opens it through the real path with the true receipt date; the family sees it; the bounds hold", async () => {
      const helen = await session("helen.clarke@beckettpark.example.com");
      const amira = await session("amira.hussain@example.com");
      const yusuf = await prisma.child.findUniqueOrThrow({ where: { registerRef: "AN-000001" } });
      const base = {
        childId: yusuf.id,
        raisedById: amira.id,
        channel: "phone" as const,
        categories: ["support-level" as const],
        summary: "Phoned about speech therapy sessions missed all term.",
        healthInvolved: false,
      };
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      expect(await logConcernForFamily(helen, { ...base, receivedOn: tomorrow })).toMatchObject({ ok: false, field: "receivedOn" });
      const linkedOn = (await prisma.guardianship.findUniqueOrThrow({ where: { userId_childId: { userId: amira.id, childId: yusuf.id } } })).linkedAt.toISOString().slice(0, 10);
      const before = new Date(new Date(`${linkedOn}T00:00:00Z`).getTime() - 86_400_000).toISOString().slice(0, 10);
      expect(await logConcernForFamily(helen, { ...base, receivedOn: before })).toMatchObject({ ok: false, field: "receivedOn" });
      const otherSenco = await session("senco@truro-bay-community-school.example.com");
      expect(await logConcernForFamily(otherSenco, { ...base, receivedOn: londonDate() })).toMatchObject({ ok: false, field: "childId" });

      const receivedOn = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
      const result = await logConcernForFamily(helen, { ...base, receivedOn });
      if (!result.ok) throw new Error(result.message);
      const concern = await prisma.concern.findUniqueOrThrow({ where: { ref: result.concernRef } });
      expect(concern).toMatchObject({ receivedVia: "phone", loggedById: helen.id, raisedById: amira.id });
      expect(concern.receivedOn.toISOString().slice(0, 10)).toBe(receivedOn);
      const deadline = await prisma.deadline.findFirstOrThrow({ where: { caseId: result.caseIds[0]!, kind: "deadline" }, orderBy: { dueOn: "asc" } });
      expect(deadline.startedOn.toISOString().slice(0, 10)).toBe(receivedOn);
      expect(await prisma.case.count({ where: { AND: [{ id: result.caseIds[0]! }, caseScope(amira, "read")] } })).toBe(1);
      const first = await prisma.caseEvent.findFirstOrThrow({ where: { caseId: result.caseIds[0]!, seq: 1 } });
      expect(first.actorId).toBe(helen.id);
      expect(await audits("concern.logged-for-family", concern.id)).toBe(1);
    });
  });

  describe("administration", () => {
    it("invites with an emailed link, changes roles with before and after audited, never removes one's own administration", async () => {
      const admin = await session("admin@redress.example.org.uk");
      const beckett = await prisma.setting.findFirstOrThrow({ where: { name: "Beckett Park Primary School" } });
      const invited = await inviteUser({ name: "Ravi Patel", email: "ravi.patel@beckettpark.example.com", role: "setting-staff", settingId: beckett.id }, admin);
      if (!invited.ok) throw new Error("not invited");
      expect(await inviteUser({ name: "Ravi again", email: "RAVI.PATEL@beckettpark.example.com", role: "family" }, admin)).toEqual({ ok: false, reason: "exists" });
      expect(await verifySignIn("ravi.patel@beckettpark.example.com", PASSWORD, "c3")).toEqual({ ok: false, reason: "invalid" });
      const token = tokenOf(await outboxLink("ravi.patel@beckettpark.example.com", "account-invitation"));
      expect(await setPasswordWithToken(token, "invitation", PASSWORD)).toBe(invited.userId);
      expect((await verifySignIn("ravi.patel@beckettpark.example.com", PASSWORD, "c3")).ok).toBe(true);
      expect(await audits("user.invited", invited.userId)).toBe(1);
      expect(await audits("account.invitation-accepted", invited.userId)).toBe(1);

      expect(await changeRoles(admin, invited.userId, { roles: ["setting-staff", "local-officer"], settingId: beckett.id, localAreaId: beckett.localAreaId }, undefined)).toBe(
        "changed",
      );
      const entry = await prisma.auditEntry.findFirstOrThrow({ where: { action: "user.roles-changed", targetId: invited.userId } });
      expect(entry.details).toMatchObject({ before: { roles: ["setting-staff"] }, after: { roles: ["local-officer", "setting-staff"] } });
      expect(entry.actorId).toBe(admin.id);
      expect(await changeRoles(admin, admin.id, { roles: ["family"], settingId: null, localAreaId: null })).toBe("own-admin");
      expect((await session(admin.email)).roles.map((r) => r.name)).toContain("administrator");
    });
  });
});
