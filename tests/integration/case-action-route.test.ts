import { beforeAll, expect, it } from "vitest";
import { seed } from "../../prisma/seed";
import { describeEachEngine } from "./engines";
import { raiseTestConcern } from "./support/cases";
import { cookieFor, importRoute, type RouteModule } from "./support/routes";

// The case action route's answers, called as Remix calls them (real Requests, a scratch database):
// 404 for what does not exist or cannot be seen, 403 for what this person may not do, 400 with
// field messages for a wrong form, 409 for a stale one, and never a changed case unless it worked.

const HELEN = "helen.clarke@beckettpark.example.com"; // SENCo at Yusuf's school: answers at rung 1
const AMIRA = "amira.hussain@example.com"; // Yusuf's parent
const GRACE = "grace.liu@practice.example.org.uk"; // analyst: no case files at all
const OWEN = "owen.price@leeds-icb.example.nhs.uk"; // health partner: health cases only

type Answer = { status: number; location: string | null; body: unknown };

let route: RouteModule;

async function send(
  method: "GET" | "POST",
  caseId: string,
  action: string,
  cookie: string,
  form?: Record<string, string>,
  contentType = "application/x-www-form-urlencoded",
): Promise<Answer> {
  const headers = new Headers({ Cookie: cookie });
  if (method === "POST") headers.set("Content-Type", contentType);
  const request = new Request(`http://localhost/cases/${caseId}/${action}`, {
    method,
    headers,
    ...(method === "POST" ? { body: new URLSearchParams(form ?? {}).toString() } : {}),
  });
  const fn = method === "GET" ? route.loader! : route.action!;
  let response: unknown;
  try {
    response = await fn({ request, params: { caseId, action }, context: { clientAddress: "127.0.0.9" } });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown;
  }
  if (!(response instanceof Response)) throw new Error("the route answered without a Response");
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // a plain-text answer (403, 404, 415)
  }
  return { status: response.status, location: response.headers.get("Location"), body };
}

describeEachEngine("case action route", ({ get }) => {
  let caseId = "";
  const cookies: Record<string, string> = {};
  const version = async () => (await get().db.prisma.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } })).version;
  const eventCount = async () => get().db.prisma.caseEvent.count({ where: { caseId } });

  beforeAll(async () => {
    route = await importRoute("cases.$caseId.$action");
    const { prisma } = get().db;
    await seed(prisma, { demoCases: false });
    const { cases } = await raiseTestConcern(prisma, { childRef: "AN-000001", categories: ["support-level"] });
    caseId = cases[0]!.id;
    for (const email of [HELEN, AMIRA, GRACE, OWEN]) cookies[email] = await cookieFor(prisma, email);
  });

  it("shows the form to the person who may act", async () => {
    const answer = await send("GET", caseId, "acknowledge", cookies[HELEN]!);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ caseId, type: "ACKNOWLEDGE", title: "Acknowledge the concern" });
  });

  it("404: an action that does not exist, a case that does not exist, a case this person cannot see", async () => {
    expect((await send("GET", caseId, "no-such-action", cookies[HELEN]!)).status).toBe(404);
    expect((await send("POST", caseId, "deadline-missed", cookies[HELEN]!, { version: String(await version()) })).status).toBe(404);
    expect((await send("GET", "no-such-case", "acknowledge", cookies[HELEN]!)).status).toBe(404);
    expect((await send("GET", "bad\u0000id", "acknowledge", cookies[HELEN]!)).status).toBe(404);
    // Not a health case: the health partner may not know it exists.
    expect((await send("GET", caseId, "acknowledge", cookies[OWEN]!)).status).toBe(404);
  });

  it("403: a person who can see the case but may not do this, and a role with no case files", async () => {
    const before = await eventCount();
    const family = await send("POST", caseId, "acknowledge", cookies[AMIRA]!, { version: String(await version()) });
    expect(family.status).toBe(403);
    expect(family.body).toBe("“Acknowledge the concern” is not something you can do on this case at the moment.");
    expect((await send("GET", caseId, "acknowledge", cookies[AMIRA]!)).status).toBe(403);
    expect((await send("GET", caseId, "acknowledge", cookies[GRACE]!)).status).toBe(403);
    // The family's own action, but not now: there is no outcome to accept yet.
    expect((await send("POST", caseId, "accept-outcome", cookies[AMIRA]!, { version: String(await version()) })).status).toBe(403);
    expect(await eventCount()).toBe(before);
  });

  it("redirects to sign in without a session", async () => {
    const answer = await send("POST", caseId, "acknowledge", "", { version: "1" });
    expect(answer.status).toBe(302);
    expect(answer.location).toMatch(/^\/sign-in\?redirectTo=/);
  });

  it("415: only forms from its own pages", async () => {
    const answer = await send("POST", caseId, "acknowledge", cookies[HELEN]!, { version: String(await version()) }, "application/json");
    expect(answer.status).toBe(415);
  });

  it("409: a stale form is refused with an explanation, the answers kept, nothing saved", async () => {
    const before = { version: await version(), events: await eventCount() };
    const answer = await send("POST", caseId, "acknowledge", cookies[HELEN]!, { version: String(before.version - 1) });
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({
      errors: { form: ["Someone else updated this case while you were working on it. Nothing you entered was saved: go back to the case to see what changed."] },
      values: { version: String(before.version - 1) },
    });
    expect({ version: await version(), events: await eventCount() }).toEqual(before);
  });

  it("acts, then 409 when the same form is sent again", async () => {
    const current = await version();
    const done = await send("POST", caseId, "acknowledge", cookies[HELEN]!, { version: String(current) });
    expect(done.status).toBe(302);
    expect(done.location).toBe(`/cases/${caseId}`);
    expect(await version()).toBe(current + 1);
    const again = await send("POST", caseId, "acknowledge", cookies[HELEN]!, { version: String(current) });
    expect(again.status).toBe(409);
    expect(await version()).toBe(current + 1);
  });

  it("400: field messages for a wrong form, the answers put back, nothing saved", async () => {
    const before = { version: await version(), events: await eventCount() };
    const answer = await send("POST", caseId, "pause", cookies[HELEN]!, { version: String(before.version), waitingOn: "the-moon", reason: "  " });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      errors: { waitingOn: ["Select who you are waiting for"], reason: ["Say what information you are waiting for"] },
      values: { version: String(before.version), waitingOn: "the-moon", reason: "  " },
    });
    const twice = await send("POST", caseId, "extend", cookies[HELEN]!, { version: String(before.version), workingDays: "3", reason: "a\u0007b" });
    expect(twice.status).toBe(400);
    expect(Object.keys((twice.body as { errors: object }).errors)).toEqual(["reason"]);
    expect({ version: await version(), events: await eventCount() }).toEqual(before);
  });
});
