import { beforeAll, expect, it } from "vitest";
import { loader as caseLoader } from "../../app/routes/cases.$caseId._index";
import { loader as caseActionLoader } from "../../app/routes/cases.$caseId.$action";
import { action as adminUsersAction } from "../../app/routes/admin.users";
import { loader as adminExportLoader } from "../../app/routes/admin.users.$userId.export";
import { loader as accountExportLoader } from "../../app/routes/account.export";
import { action as signInAction } from "../../app/routes/sign-in";
import { verifyAuditLog } from "../../app/utils/audit-verify.server";
import { applyCaseEvent, type EventAuthor } from "../../app/utils/cases.server";
import { DEMO_PASSWORD } from "../../app/utils/demo-personas";
import { ERASED_TEXT, eraseChild, erasePerson } from "../../app/utils/erasure.server";
import { DIMENSIONS } from "../../app/utils/patterns-measures";
import { groupTable } from "../../app/utils/patterns.server";
import { runRetention, runRetentionDaily } from "../../app/utils/retention.server";
import { createUserSession } from "../../app/utils/session.server";
import { seed } from "../../prisma/seed";
import { describeEachEngine } from "./engines";
import { outcome, raiseTestConcern } from "./support/cases";

// Issue 11: audit records for security events and views of personal data (defect 9), and the
// data-protection duties: subject access, retention, erasure by pseudonymisation (defect 11).

const HANDLER: EventAuthor = { kind: "system", name: "test-handler" };
type RouteArgs = Parameters<typeof caseLoader>[0];
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as RouteArgs;

describeEachEngine("audit trail and data protection", ({ get }) => {
  beforeAll(async () => {
    await seed(get().db.prisma, { demoCases: false });
  });

  const prisma = () => get().db.prisma;
  const userByEmail = (email: string) => prisma().user.findUniqueOrThrow({ where: { email } });

  async function cookieFor(email: string) {
    const user = await userByEmail(email);
    const response = await createUserSession(user.id, new Request("http://localhost/sign-in"), "/dashboard");
    return response.headers.get("Set-Cookie")!.split(";")[0]!;
  }
  const get_ = (url: string, cookie: string) => new Request(`http://localhost${url}`, { headers: { Cookie: cookie } });
  const post = (url: string, form: Record<string, string>, cookie?: string) =>
    new Request(`http://localhost${url}`, {
      method: "POST",
      body: new URLSearchParams(form),
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    });

  it("records every view of a case page and of an action form: who, which case, whose data", async () => {
    const amira = await userByEmail("amira.hussain@example.com");
    const helen = await userByEmail("helen.clarke@beckettpark.example.com");
    const caseId = (await raiseTestConcern(prisma())).cases[0]!.id;
    const cookie = await cookieFor(helen.email);
    await caseLoader(args(get_(`/cases/${caseId}`, cookie), { caseId }));
    await caseActionLoader(args(get_(`/cases/${caseId}/acknowledge`, cookie), { caseId, action: "acknowledge" }));
    const views = await prisma().auditEntry.findMany({ where: { action: "case.viewed", targetId: caseId }, orderBy: { id: "asc" } });
    expect(views.map((v) => [v.actorId, v.subjectUserId, (v.details as { page: string }).page])).toEqual([
      [helen.id, amira.id, "case"],
      [helen.id, amira.id, "action:ACKNOWLEDGE"],
    ]);
    expect(views.every((v) => v.requestId)).toBe(true);
  });

  it("records failed and successful sign-ins without storing the address typed", async () => {
    const tyler = await userByEmail("tyler.brown@example.com");
    await signInAction(args(post("/sign-in", { email: tyler.email, password: "not-the-password" })));
    await signInAction(args(post("/sign-in", { email: "nobody@example.com", password: "whatever-it-is" })));
    await signInAction(args(post("/sign-in", { email: tyler.email, password: DEMO_PASSWORD }))).catch((r: unknown) => r);
    const entries = await prisma().auditEntry.findMany({ where: { action: { startsWith: "sign-in." } }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.action, e.subjectUserId])).toEqual([
      ["sign-in.failed", tyler.id],
      ["sign-in.failed", null],
      ["sign-in.succeeded", tyler.id],
    ]);
    expect(JSON.stringify(entries.map((e) => ({ ...e, id: String(e.id) })))).not.toMatch(/tyler\.brown|nobody@/);
  });

  it("records deactivation and reactivation with the administrator who did it", async () => {
    const admin = await userByEmail("admin@redress.example.org.uk");
    const priya = await userByEmail("priya.sharma@leeds.example.gov.uk");
    const cookie = await cookieFor(admin.email);
    await adminUsersAction(args(post("/admin/users", { userId: priya.id, active: "false" }, cookie)));
    await adminUsersAction(args(post("/admin/users", { userId: priya.id, active: "true" }, cookie)));
    const entries = await prisma().auditEntry.findMany({ where: { targetId: priya.id, action: { startsWith: "user." } }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([
      ["user.deactivated", admin.id],
      ["user.reactivated", admin.id],
    ]);
  });

  it("keeps audit entries append-only", async () => {
    const entry = await prisma().auditEntry.findFirstOrThrow();
    await expect(prisma().auditEntry.update({ where: { id: entry.id }, data: { action: "sign-in.succeeded" } })).rejects.toThrow(/append-only|permission denied/);
    await expect(prisma().auditEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only|permission denied/);
  });

  it("exports everything held about a person, to them or to an administrator, and audits each export", async () => {
    const amira = await userByEmail("amira.hussain@example.com");
    const response = await accountExportLoader(args(get_("/account/export", await cookieFor(amira.email))));
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="redress-subject-access-/);
    const text = await response.text();
    const data = JSON.parse(text);
    expect(data.account).toMatchObject({ id: amira.id, email: amira.email, name: "Amira Hussain" });
    expect(data.roles.map((r: { name: string }) => r.name)).toEqual(["family"]);
    expect(data.childrenLinked.map((c: { givenName: string; relationship: string }) => [c.givenName, c.relationship])).toEqual([["Yusuf", "mother"]]);
    expect(data.concernsRaised.length).toBeGreaterThan(0);
    expect(data.concernsRaised[0].cases[0].events[0].type).toBe("CONCERN_RAISED");
    expect(data.messagesSentToThem.length).toBeGreaterThan(0);
    expect(data.auditEntries.map((a: { action: string }) => a.action)).toContain("case.viewed");
    expect(text).not.toMatch(/passwordHash|argon2/);

    const admin = await userByEmail("admin@redress.example.org.uk");
    const byAdmin = await adminExportLoader(args(get_(`/admin/users/${amira.id}/export`, await cookieFor(admin.email)), { userId: amira.id }));
    expect(JSON.parse(await byAdmin.text()).account.id).toBe(amira.id);
    const exports = await prisma().auditEntry.findMany({ where: { action: "export.subject-access", subjectUserId: amira.id }, orderBy: { id: "asc" } });
    expect(exports.map((e) => [e.actorId, (e.details as { by: string }).by])).toEqual([
      [amira.id, "self"],
      [admin.id, "administrator"],
    ]);
    // Only administrators may export someone else's data.
    const helenCookie = await cookieFor("helen.clarke@beckettpark.example.com");
    await expect(adminExportLoader(args(get_(`/admin/users/${amira.id}/export`, helenCookie), { userId: amira.id }))).rejects.toMatchObject({ status: 403 });
  });

  it("erases a person and their child by pseudonymisation: no name or address left, every statistic identical, the case log still verifies", async () => {
    const gareth = await userByEmail("gareth.evans@example.com");
    const megan = await prisma().child.findUniqueOrThrow({ where: { registerRef: "AN-000002" } });
    const caseId = (await raiseTestConcern(prisma(), { childRef: "AN-000002", receivedOn: "2026-03-02" })).cases[0]!.id;
    await applyCaseEvent(caseId, { type: "ACKNOWLEDGE", at: "2026-03-03", handlerId: "h" }, HANDLER, {}, prisma());
    await applyCaseEvent(caseId, { type: "RESPOND", at: "2026-03-05", outcome: outcome(["issue-1"]) }, HANDLER, {}, prisma());
    await applyCaseEvent(caseId, { type: "ACCEPT_OUTCOME", at: "2026-03-06" }, { kind: "user", userId: gareth.id, name: gareth.name }, {}, prisma());
    await prisma().signInAttempt.create({ data: { email: gareth.email, clientKey: "198.51.100.7", succeeded: false } });
    const year = { from: "2026-01-01", to: "2026-12-31" };
    const before = await Promise.all(DIMENSIONS.map((d) => groupTable(d, year)));

    await erasePerson(prisma(), gareth.id, { actorId: null, reason: "test: erasure request" });
    await eraseChild(prisma(), megan.id, { actorId: null, reason: "test: erasure request" });

    expect(await Promise.all(DIMENSIONS.map((d) => groupTable(d, year)))).toEqual(before);
    const everything = JSON.stringify({
      users: await prisma().user.findMany(),
      children: await prisma().child.findMany({ where: { id: megan.id } }),
      concerns: await prisma().concern.findMany({ where: { childId: megan.id } }),
      outbox: await prisma().outboxMessage.findMany(),
      attempts: await prisma().signInAttempt.findMany(),
    });
    expect(everything).not.toMatch(/Gareth|gareth\.evans|Megan/);
    const erased = await prisma().user.findUniqueOrThrow({ where: { id: gareth.id } });
    expect(erased).toMatchObject({ active: false, passwordHash: null });
    expect(erased.erasedAt).not.toBeNull();
    expect((await prisma().concern.findFirstOrThrow({ where: { childId: megan.id } })).summary).toBe(ERASED_TEXT);
    expect(await prisma().session.count({ where: { userId: gareth.id } })).toBe(0);
    expect((await prisma().auditEntry.findMany({ where: { action: "person.erased" } })).length).toBe(2);
    expect((await verifyAuditLog(prisma())).findings).toEqual([]);
    // The case page shows him by his pseudonym: names come from the account, not the log.
    const staff = await prisma().user.findFirstOrThrow({ where: { settingId: megan.settingId } });
    const page = await (await caseLoader(args(get_(`/cases/${caseId}`, await cookieFor(staff.email)), { caseId }))).json();
    expect(page.file.history.map((e: { by: string }) => e.by)).toContain(erased.name);
    expect(JSON.stringify(page)).not.toMatch(/Gareth|Megan/);
  });

  it("applies the retention schedule: a dry run changes nothing; a run purges and pseudonymises; the daily job runs once a day", async () => {
    const tyler = await userByEmail("tyler.brown@example.com");
    const caseId = (await raiseTestConcern(prisma(), { childRef: "AN-000003" })).cases[0]!.id;
    await applyCaseEvent(caseId, { type: "WITHDRAW", at: "2026-11-03" }, HANDLER, {}, prisma());
    const inSevenYears = new Date(Date.now() + 7 * 366 * 86_400_000);
    const counts = async () => ({
      sessions: await prisma().session.count(),
      attempts: await prisma().signInAttempt.count(),
      emails: await prisma().outboxMessage.count({ where: { status: { in: ["sent", "skipped", "failed"] } } }),
      tylerChild: (await prisma().child.findUniqueOrThrow({ where: { registerRef: "AN-000003" } })).givenName,
    });
    await prisma().outboxMessage.updateMany({ where: { caseId }, data: { status: "sent", sentAt: new Date() } });
    const start = await counts();
    expect(start.sessions).toBeGreaterThan(0);
    expect(start.attempts).toBeGreaterThan(0);
    expect(start.emails).toBeGreaterThan(0);

    const dry = await runRetention({ now: inSevenYears, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, expiredSessions: start.sessions, signInAttempts: start.attempts, settledEmails: start.emails, closedConcernsPseudonymised: 1 });
    expect(await counts()).toEqual(start);

    const real = await runRetention({ now: inSevenYears });
    expect(real).toMatchObject({ dryRun: false, expiredSessions: start.sessions, signInAttempts: start.attempts, settledEmails: start.emails, closedConcernsPseudonymised: 1 });
    expect(await counts()).toEqual({ sessions: 0, attempts: 0, emails: 0, tylerChild: "Erased" });
    // Tyler's account is active: only his register entry's names went (closed concern, 6 years on).
    expect((await prisma().user.findUniqueOrThrow({ where: { id: tyler.id } })).erasedAt).toBeNull();
    // Open concerns keep their child's names.
    expect((await prisma().child.findUniqueOrThrow({ where: { registerRef: "AN-000001" } })).givenName).toBe("Yusuf");

    // The worker ticks every minute; the job itself runs once a day (the last run is in the audit trail).
    expect(await runRetentionDaily()).toBeNull();
    expect(await runRetentionDaily({ now: new Date(Date.now() + 25 * 3600_000) })).not.toBeNull();
  });
});
