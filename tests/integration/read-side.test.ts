import { expect, it } from "vitest";
import { applyCaseEvent, type EventAuthor } from "../../app/utils/cases.server";
import { getUser } from "../../app/utils/session.server";
import { padHistory } from "../../bench/case-page";
import { seed } from "../../prisma/seed";
import { describeEachEngine } from "./engines";
import { raiseTestConcern } from "./support/cases";
import { cookieFor, importRoute } from "./support/routes";

// The read side of issue 12 (docs/decisions/017): history a page at a time, the session in one
// statement without weakening revocation, and the health endpoints.

const ACTOR: EventAuthor = { kind: "system", name: "read-side-test" };
const SENCO = "helen.clarke@beckettpark.example.com";
const PARENT = "amira.hussain@example.com";

describeEachEngine("read side", ({ get }) => {
  const prisma = () => get().db.prisma;
  const load = async (id: string, url: string, cookie: string, params: Record<string, string>) => {
    const mod = await importRoute(id);
    try {
      const response = (await mod.loader!({ request: new Request(`http://localhost${url}`, { headers: { Cookie: cookie } }), params, context: {} })) as Response;
      return { status: response.status, body: response.status === 200 ? await response.json() : null };
    } catch (thrown) {
      if (thrown instanceof Response) return { status: thrown.status, body: null };
      throw thrown;
    }
  };

  it("the case page shows the latest 20 entries; the full history pages through all of them; families never see reminders", async () => {
    await seed(prisma(), { demoCases: false });
    const caseId = (await raiseTestConcern(prisma(), { receivedOn: "2026-11-02" })).cases[0]!.id;
    await applyCaseEvent(caseId, { type: "ACKNOWLEDGE", at: "2026-11-03", handlerId: "h" }, ACTOR, {}, prisma());
    await padHistory(get().db, caseId, 120); // seq 3..120 cycle PAUSE, RESUME, DEADLINE_WARNING, EXTEND
    const senco = await cookieFor(prisma(), SENCO);
    const parent = await cookieFor(prisma(), PARENT);
    const page = await load("cases.$caseId._index", `/cases/${caseId}`, senco, { caseId });
    expect(page.status).toBe(200);
    expect(page.body.file.history.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 120 - i));
    expect(page.body.file.moreHistory).toBe(true);

    const p1 = await load("cases.$caseId.history", `/cases/${caseId}/history`, senco, { caseId });
    expect(p1.body).toMatchObject({ page: 1, pages: 3, total: 120, first: 1 });
    expect(p1.body.entries).toHaveLength(50);
    const p3 = await load("cases.$caseId.history", `/cases/${caseId}/history?page=3`, senco, { caseId });
    expect(p3.body.entries.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    expect(p3.body.entries.at(-1).title).toBe("Concern raised");
    expect((await load("cases.$caseId.history", `/cases/${caseId}/history?page=4`, senco, { caseId })).status).toBe(404);
    for (const bad of ["0", "-1", "abc", "1.5", "99999999"]) {
      expect((await load("cases.$caseId.history", `/cases/${caseId}/history?page=${bad}`, senco, { caseId })).status).toBe(400);
    }

    // The family: no automatic reminders anywhere, so counts and pages are of what they may see.
    const warnings = await prisma().caseEvent.count({ where: { caseId, type: "DEADLINE_WARNING" } });
    expect(warnings).toBeGreaterThan(20);
    const family = await load("cases.$caseId.history", `/cases/${caseId}/history?page=1`, parent, { caseId });
    expect(family.body.total).toBe(120 - warnings);
    const isReminder = (e: { title: string }) => e.title.startsWith("Reminder sent");
    expect(p1.body.entries.some(isReminder)).toBe(true);
    expect(family.body.entries.some(isReminder)).toBe(false);
    const familyPage = await load("cases.$caseId._index", `/cases/${caseId}`, parent, { caseId });
    expect(familyPage.body.file.history).toHaveLength(20);
    expect(familyPage.body.file.history.some(isReminder)).toBe(false);

    // Someone with no access to the case gets no history either.
    const stranger = await cookieFor(prisma(), "gareth.evans@example.com");
    expect((await load("cases.$caseId.history", `/cases/${caseId}/history`, stranger, { caseId })).status).toBe(404);
  });

  it("the session is read in one statement and revocation is immediate: signed out, expired, deactivated", async () => {
    const ask = (cookie: string) => getUser(new Request("http://localhost/dashboard", { headers: { Cookie: cookie } }));
    const cookie = await cookieFor(prisma(), SENCO);
    const user = await ask(cookie);
    expect(user).toMatchObject({ email: SENCO, setting: { name: expect.any(String) as string }, localArea: null });
    expect(user!.roles.map((r) => r.name)).toEqual(["setting-staff"]);
    expect(user!.roles[0]!.permissions).toEqual(expect.arrayContaining([{ action: "read", entity: "case", access: "setting" }]));
    // The idle expiry slides (at most once a minute), never past the absolute limit.
    const session = await prisma().session.findFirstOrThrow({ where: { user: { email: SENCO } }, orderBy: { createdAt: "desc" } });
    await prisma().session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(Date.now() - 5 * 60_000), expiresAt: new Date(Date.now() + 60_000) } });
    await ask(cookie);
    const slid = await prisma().session.findUniqueOrThrow({ where: { id: session.id } });
    expect(slid.expiresAt.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(slid.lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 10_000);
    // Expired: refused at once.
    await prisma().session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await ask(cookie)).toBeNull();
    // Deactivated account: refused at once, whatever its sessions.
    const second = await cookieFor(prisma(), SENCO);
    expect(await ask(second)).not.toBeNull();
    await prisma().user.update({ where: { email: SENCO }, data: { active: false } });
    expect(await ask(second)).toBeNull();
    await prisma().user.update({ where: { email: SENCO }, data: { active: true } });
    // Signed out (row deleted): refused at once.
    expect(await ask(second)).not.toBeNull();
    await prisma().session.deleteMany({ where: { user: { email: SENCO } } });
    expect(await ask(second)).toBeNull();
    // A role taken away is gone on the next request (no cache of roles).
    const third = await cookieFor(prisma(), SENCO);
    await prisma().user.update({ where: { email: SENCO }, data: { roles: { set: [] } } });
    expect((await ask(third))!.roles).toEqual([]);
  });

  it("/healthz needs nothing; /readyz reports migrations, sweeper lag and backlog, and 503 when a migration is missing", async () => {
    const health = await load("healthz", "/healthz", "", {});
    expect(health).toEqual({ status: 200, body: { status: "alive" } });
    const ready = await load("readyz", "/readyz", "", {});
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: "ready",
      checks: { database: "ok", migrations: "ok" },
      deadlines: { due: expect.any(Number) as number },
      outbox: { pending: expect.any(Number) as number },
    });
    // Counts, dates and ages only: nothing about a person.
    expect(JSON.stringify(ready.body)).not.toMatch(/@|Helen|Amira|RC-/);
    // The cases above are long past their first deadlines: the lag shows it.
    const { readiness } = await import("../../app/utils/health.server");
    const later = await readiness(new Date("2027-06-01T12:00:00Z"));
    expect(later.deadlines!.due).toBeGreaterThan(0);
    expect(later.deadlines!.lagSeconds).toBeGreaterThan(86_400);
    // A migration this code knows but the database lacks: not ready.
    const db = get().db;
    const [last] = await db.query<{ id: string }>(`SELECT id FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`);
    await db.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = $1`, [last!.id]);
    const notReady = await load("readyz", "/readyz", "", {});
    expect(notReady.status).toBe(503);
    await db.query(`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE id = $1`, [last!.id]);
    expect((await load("readyz", "/readyz", "", {})).status).toBe(200);
  });
});
