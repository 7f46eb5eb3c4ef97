import { beforeAll, expect, it } from "vitest";
import { dispatchOutbox, MAX_SEND_ATTEMPTS, retryOutboxMessage, type EmailTransport, type OutgoingEmail } from "../../app/utils/outbox.server";
import { MAX_SESSIONS_PER_USER } from "../../app/utils/limits";
import { createUserSession, endOtherSessions, endSession, getUser, listSessions, SESSION_IDLE_MINUTES, signOut } from "../../app/utils/session.server";
import { seed } from "../../prisma/seed";
import { describeEachEngine } from "./engines";
import { raiseTestConcern } from "./support/cases";

function capturing(failFor: (email: OutgoingEmail) => boolean = () => false): EmailTransport & { sent: OutgoingEmail[] } {
  const sent: OutgoingEmail[] = [];
  return {
    name: "log",
    sent,
    async send(email) {
      if (failFor(email)) throw new Error("mail provider unavailable");
      sent.push(email);
    },
  };
}

describeEachEngine("email outbox", ({ get }) => {
  beforeAll(async () => {
    await seed(get().db.prisma, { demoCases: false });
  });

  it("sends each queued message once, rendered, with its idempotency key and a link to the case", async () => {
    const { prisma } = get().db;
    const { cases } = await raiseTestConcern(prisma);
    const transport = capturing();
    const first = await dispatchOutbox({ prisma, transport, batchSize: 2 });
    expect(first.sent).toBeGreaterThan(0);
    expect(await prisma.outboxMessage.count({ where: { status: "pending" } })).toBe(0);
    const email = transport.sent.find((e) => e.subject.includes(cases[0]!.ref));
    expect(email?.html).toContain(`/cases/${cases[0]!.id}`);
    expect(email?.text).toContain(cases[0]!.ref);
    expect(new Set(transport.sent.map((e) => e.idempotencyKey)).size).toBe(transport.sent.length);
    const again = await dispatchOutbox({ prisma, transport });
    expect(again.sent).toBe(0);
  });

  it("backs off after a failure, retries later, and gives up after the last attempt", async () => {
    const { prisma } = get().db;
    await raiseTestConcern(prisma);
    const down = capturing(() => true);
    let now = new Date("2027-01-04T09:00:00Z");
    const first = await dispatchOutbox({ prisma, transport: down, now });
    expect(first.retrying).toBeGreaterThan(0);
    const retrying = await prisma.outboxMessage.findFirstOrThrow({ where: { status: "pending" } });
    expect(retrying.lastError).toBe("mail provider unavailable");
    expect(retrying.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
    expect((await dispatchOutbox({ prisma, transport: down, now })).retrying).toBe(0); // not yet due again
    for (let attempt = 2; attempt <= MAX_SEND_ATTEMPTS + 1; attempt++) {
      now = new Date(now.getTime() + 7 * 3600_000);
      await dispatchOutbox({ prisma, transport: down, now });
    }
    const failed = await prisma.outboxMessage.findUniqueOrThrow({ where: { id: retrying.id } });
    expect(failed.status).toBe("dead");
    expect(failed.attempts).toBe(MAX_SEND_ATTEMPTS);
    expect(failed.deadAt).not.toBeNull();
    // Retried on demand: back in the queue, and sent once the provider is back.
    expect(await retryOutboxMessage(prisma, failed.id, now)).toBe(true);
    const up = capturing(() => false);
    await dispatchOutbox({ prisma, transport: up, now });
    expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe("sent");
  });
});

describeEachEngine("sessions", ({ get }) => {
  beforeAll(async () => {
    await seed(get().db.prisma, { demoCases: false });
  });

  async function signedInRequest(email: string) {
    const user = await get().db.prisma.user.findUniqueOrThrow({ where: { email } });
    const response = await createUserSession(user.id, new Request("http://localhost/sign-in"), "/dashboard");
    const cookie = response.headers.get("Set-Cookie")!.split(";")[0]!;
    // Each call is a new page load (the session is read once per request).
    return { user, visit: () => new Request("http://localhost/dashboard", { headers: { Cookie: cookie } }) };
  }

  it("finds the user from the cookie, and nobody once the session has expired", async () => {
    const { user, visit } = await signedInRequest("priya.sharma@leeds.example.gov.uk");
    const request = visit();
    expect((await getUser(request))?.id).toBe(user.id);
    expect(await getUser(request)).toBe(await getUser(request)); // one read per request
    await get().db.prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getUser(visit())).toBeNull();
  });

  it("slides the idle expiry on activity but never past the absolute limit", async () => {
    const { user, visit } = await signedInRequest("owen.price@leeds-icb.example.nhs.uk");
    const { prisma } = get().db;
    const created = new Date(Date.now() - 11.9 * 3600_000);
    await prisma.session.updateMany({ where: { userId: user.id }, data: { createdAt: created, lastSeenAt: new Date(Date.now() - 5 * 60_000) } });
    await getUser(visit());
    const session = await prisma.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session.expiresAt.getTime()).toBeLessThanOrEqual(created.getTime() + 12 * 3600_000);
    expect(session.expiresAt.getTime()).toBeLessThan(Date.now() + SESSION_IDLE_MINUTES * 60_000);
  });

  it("signing out deletes the session row, so the old cookie is worthless", async () => {
    const { user, visit } = await signedInRequest("sam.okafor@mediation.example.com");
    await signOut(visit());
    expect(await get().db.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await getUser(visit())).toBeNull();
  });

  it("a deactivated account is signed out at once", async () => {
    const { user, visit } = await signedInRequest("daniel.moore@practice.example.org.uk");
    await get().db.prisma.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await getUser(visit())).toBeNull();
  });
});

describeEachEngine("sessions per person", ({ get }) => {
  it(`keeps at most ${MAX_SESSIONS_PER_USER} sessions: signing in again ends the oldest`, async () => {
    const { prisma } = get().db;
    const user = await prisma.user.create({ data: { email: `many-${Date.now()}@example.com`, name: "Many Devices" } });
    const cookies: string[] = [];
    for (let i = 0; i < MAX_SESSIONS_PER_USER + 2; i++) {
      const response = await createUserSession(user.id, new Request("http://localhost/sign-in", { headers: { "User-Agent": `device ${i}` } }), "/dashboard");
      cookies.push(response.headers.get("Set-Cookie") ?? "");
    }
    const left = await prisma.session.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
    expect(left).toHaveLength(MAX_SESSIONS_PER_USER);
    expect(left.map((s) => s.userAgent)).toEqual(Array.from({ length: MAX_SESSIONS_PER_USER }, (_, i) => `device ${i + 2}`));
    // The oldest cookie no longer signs anyone in; the newest does.
    expect(await getUser(new Request("http://localhost/", { headers: { Cookie: cookies[0]!.split(";")[0]! } }))).toBeNull();
    expect((await getUser(new Request("http://localhost/", { headers: { Cookie: cookies.at(-1)!.split(";")[0]! } })))?.id).toBe(user.id);
  });

  it("lists a person's sessions and ends only their own", async () => {
    const { prisma } = get().db;
    const [a, b] = await Promise.all([
      prisma.user.create({ data: { email: `a-${Date.now()}@example.com`, name: "A" } }),
      prisma.user.create({ data: { email: `b-${Date.now()}@example.com`, name: "B" } }),
    ]);
    const sa1 = await prisma.session.create({ data: { userId: a.id, expiresAt: new Date(Date.now() + 60_000), userAgent: "Mozilla/5.0 (Windows NT 10.0) Firefox/130.0" } });
    const sa2 = await prisma.session.create({ data: { userId: a.id, expiresAt: new Date(Date.now() + 60_000) } });
    const sb = await prisma.session.create({ data: { userId: b.id, expiresAt: new Date(Date.now() + 60_000) } });
    const listed = await listSessions(a.id, sa1.id);
    expect(listed.map((s) => [s.id, s.current]).sort()).toEqual(
      [
        [sa1.id, true],
        [sa2.id, false],
      ].sort(),
    );
    expect(await endSession(a.id, sb.id)).toBe(false); // someone else's
    expect(await prisma.session.count({ where: { id: sb.id } })).toBe(1);
    expect(await endSession(a.id, sa2.id)).toBe(true);
    expect(await endOtherSessions(a.id, sa1.id)).toBe(0);
    expect(await prisma.session.count({ where: { userId: a.id } })).toBe(1);
  });
});
