import { beforeAll, expect, it } from "vitest";
import { sweepDeadlines, MAX_ATTEMPTS } from "../../app/utils/sweeper.server";
import { dispatchOutbox, MAX_SEND_ATTEMPTS } from "../../app/utils/outbox.server";
import { seed } from "../../prisma/seed";
import { describeEachEngine } from "./engines";
import { raiseTestConcern } from "./support/cases";
import { cookieFor, importRoute } from "./support/routes";

// /admin/dead-letters: what the workers gave up on, for an administrator to retry (docs/decisions/016).

describeEachEngine("dead letters", ({ get }) => {
  let deadlineId = "";
  let emailId = "";
  let caseRef = "";
  beforeAll(async () => {
    const { prisma } = get().db;
    await seed(prisma, { demoCases: false });
    const { cases } = await raiseTestConcern(prisma, { receivedOn: "2026-11-02" });
    caseRef = cases[0]!.ref;
    const deadline = await prisma.deadline.findUniqueOrThrow({ where: { caseId_key: { caseId: cases[0]!.id, key: "rung1.acknowledge" } } });
    deadlineId = deadline.id;
    await prisma.deadline.update({ where: { id: deadlineId }, data: { event: { type: "DEADLINE_MISSED", key: "rung1.acknowledge", at: "broken" } } });
    for (let i = 1; i <= MAX_ATTEMPTS; i++) await sweepDeadlines({ prisma, now: new Date(`2026-12-01T0${i % 10}:00:00Z`), caseId: cases[0]!.id, log: false });
    const email = await prisma.outboxMessage.findFirstOrThrow({ where: { caseId: cases[0]!.id } });
    emailId = email.id;
    await prisma.outboxMessage.updateMany({ where: { id: { not: emailId } }, data: { status: "skipped" } });
    const down = { name: "log" as const, send: async () => Promise.reject(new Error("mail provider said no")) };
    for (let i = 0; i < MAX_SEND_ATTEMPTS; i++) await dispatchOutbox({ prisma, transport: down, now: new Date(Date.UTC(2027, 0, 1 + i)), log: false });
  });

  async function request(method: "GET" | "POST", email: string, body?: Record<string, string>) {
    const cookie = await cookieFor(get().db.prisma, email);
    const headers = new Headers({ Cookie: cookie });
    if (body) headers.set("Content-Type", "application/x-www-form-urlencoded");
    return new Request("http://localhost/admin/dead-letters", { method, headers, ...(body ? { body: new URLSearchParams(body).toString() } : {}) });
  }

  it("lists the dead deadline and email with the case reference and the error, and nothing about the case", async () => {
    const route = await importRoute("admin.dead-letters");
    const response = (await route.loader!({ request: await request("GET", "admin@redress.example.org.uk"), params: {}, context: {} })) as Response;
    const data = await response.json();
    expect(data.deadlines).toEqual([{ kind: "deadline", id: deadlineId, caseRef, attempts: MAX_ATTEMPTS, deadAt: expect.any(String), error: expect.stringContaining("at") }]);
    expect(data.emails).toEqual([{ kind: "email", id: emailId, caseRef, attempts: MAX_SEND_ATTEMPTS, deadAt: expect.any(String), error: "mail provider said no" }]);
    // Reference and error only: no names, addresses, summaries or labels.
    expect(JSON.stringify(data)).not.toMatch(/@|Hussain|test concern|Acknowledge/i);
  });

  it("retries on POST, records who did it in the audit log, and refuses bad input with a 400", async () => {
    const { prisma } = get().db;
    const route = await importRoute("admin.dead-letters");
    const bad = (await route.action!({ request: await request("POST", "admin@redress.example.org.uk", { kind: "parcel", id: "" }), params: {}, context: {} })) as Response;
    expect(bad.status).toBe(400);
    const ok = (await route.action!({ request: await request("POST", "admin@redress.example.org.uk", { kind: "deadline", id: deadlineId }), params: {}, context: {} })) as Response;
    expect(ok.status).toBe(302);
    const row = await prisma.deadline.findUniqueOrThrow({ where: { id: deadlineId } });
    expect([row.status, row.attempts]).toEqual(["open", 0]);
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@redress.example.org.uk" } });
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { action: "dead-letter.retried", targetId: deadlineId } });
    expect(entry.actorId).toBe(admin.id);
    expect(entry.details).toEqual({ kind: "deadline", caseRef });
    // Twice is not twice: it is no longer dead.
    const again = (await route.action!({
      request: await request("POST", "admin@redress.example.org.uk", { kind: "deadline", id: deadlineId }),
      params: {},
      context: {},
    })) as Response;
    expect(again.status).toBe(404);
    const email = (await route.action!({ request: await request("POST", "admin@redress.example.org.uk", { kind: "email", id: emailId }), params: {}, context: {} })) as Response;
    expect(email.status).toBe(302);
    expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id: emailId } })).status).toBe("pending");
  });

  it("is for administrators only", async () => {
    const route = await importRoute("admin.dead-letters");
    await expect(route.loader!({ request: await request("GET", "amira.hussain@example.com"), params: {}, context: {} })).rejects.toMatchObject({ status: 403 });
  });
});
