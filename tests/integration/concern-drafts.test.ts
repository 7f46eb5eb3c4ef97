import { beforeAll, describe, expect, it } from "vitest";
import { sendDraft, unsentDrafts } from "../../app/utils/concern-drafts.server";
import { SESSION_USER_SELECT, type SessionUser } from "../../app/utils/session.server";
import { seed } from "../../prisma/seed";
import { describeEachEngine } from "./engines";
import { call, cookieFor, importRoute, type RouteModule } from "./support/routes";

// Raising a concern through the question pages (docs/decisions/025), through the real route
// modules: the draft is saved after every page and survives a new session; sending it creates
// exactly one concern, however many times (or however concurrently) it is sent.

const ANSWERS: Record<string, string> = {
  about: "categories=support-level",
  decision: "challengesDecisionId=none",
  details: `summary=${encodeURIComponent("The one-to-one hours were cut from ten to four without a review.")}`,
  outcome: `outcomeWanted=${encodeURIComponent("Put the hours back until a review is held.")}`,
  health: "healthInvolved=no",
  aware: "awarenessDate-day=2&awarenessDate-month=9&awarenessDate-year=2026",
};

describeEachEngine("raising a concern through a draft", ({ get }) => {
  let prisma: ReturnType<typeof get>["db"]["prisma"];
  let amira: SessionUser;
  let cookie: string;
  const modules = new Map<string, RouteModule>();
  const route = (id: string) => modules.get(id)!;
  const concernsOf = () => prisma.concern.count({ where: { raisedById: amira.id } });

  /** Start, then answer each page the service asks, until `stopAfter` or check your answers. */
  async function walk(stopAfter?: string): Promise<{ draftId: string; last: string | null }> {
    const started = await call(route("concerns.new"), { id: "concerns.new", method: "POST", cookie, body: "" });
    expect(started.status).toBe(302);
    let location = started.location ?? "";
    const draftId = /^\/concerns\/new\/([^/]+)\//.exec(location)?.[1] ?? "";
    for (let guard = 0; guard < 10; guard++) {
      const step = /\/concerns\/new\/[^/]+\/(\w+)/.exec(location)?.[1] ?? "";
      if (step === "check") return { draftId, last: "check" };
      const id = "concerns.new_.$draftId.$step";
      const answer = await call(route(id), { id, method: "POST", cookie, params: { draftId, step }, body: ANSWERS[step] ?? "" });
      expect(answer.status, step).toBe(302);
      location = answer.location ?? "";
      if (step === stopAfter) return { draftId, last: location };
    }
    throw new Error("the journey did not reach check your answers");
  }

  beforeAll(async () => {
    prisma = get().db.prisma;
    await seed(prisma, { demoCases: false });
    for (const id of ["concerns.new", "concerns.new_.$draftId.$step", "concerns.new_.$draftId.check", "concerns.new_.$draftId.sent"]) modules.set(id, await importRoute(id));
    amira = (await prisma.user.findUniqueOrThrow({ where: { email: "amira.hussain@example.com" }, select: SESSION_USER_SELECT })) as SessionUser;
    cookie = await cookieFor(prisma, amira.email);
  }, 120_000);

  it("saves each page in the draft, and picks up where it was left in a new session", async () => {
    const { draftId, last } = await walk("details");
    expect(last).toBe(`/concerns/new/${draftId}/outcome`);
    const row = await prisma.concernDraft.findUniqueOrThrow({ where: { id: draftId } });
    expect(row.answers).toMatchObject({ categories: ["support-level"], summary: "The one-to-one hours were cut from ten to four without a review." });
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(27 * 86_400_000);
    expect(await concernsOf()).toBe(0);

    // Signed out and in again: a new session finds the draft and goes on at the first unanswered page.
    const later = await cookieFor(prisma, amira.email);
    expect((await unsentDrafts(amira)).map((d) => d.id)).toContain(draftId);
    const resumed = await call(route("concerns.new_.$draftId.$step"), { id: "concerns.new_.$draftId.$step", method: "GET", cookie: later, params: { draftId, step: "continue" } });
    expect(resumed).toMatchObject({ status: 302, location: `/concerns/new/${draftId}/outcome` });
    // Check your answers will not open before every page is answered.
    const early = await call(route("concerns.new_.$draftId.check"), { id: "concerns.new_.$draftId.check", method: "POST", cookie: later, params: { draftId } });
    expect(early).toMatchObject({ status: 302, location: `/concerns/new/${draftId}/outcome` });
    expect(await concernsOf()).toBe(0);
  });

  it("a wrong answer is refused with 400 and leaves the saved answers as they were", async () => {
    const { draftId } = await walk("details");
    const before = await prisma.concernDraft.findUniqueOrThrow({ where: { id: draftId } });
    const id = "concerns.new_.$draftId.$step";
    for (const [step, body] of [
      ["details", "summary=too%20short"],
      ["aware", "awarenessDate-day=31&awarenessDate-month=&awarenessDate-year=2026"],
      ["about", "categories=not-a-category"],
    ]) {
      expect((await call(route(id), { id, method: "POST", cookie, params: { draftId, step: step! }, body })).status, step).toBe(400);
    }
    expect((await prisma.concernDraft.findUniqueOrThrow({ where: { id: draftId } })).answers).toEqual(before.answers);
  });

  it("sending creates exactly one concern; sending again, or twice at once, creates no other", async () => {
    const before = await concernsOf();
    const { draftId } = await walk();
    const check = { id: "concerns.new_.$draftId.check", method: "POST" as const, cookie, params: { draftId } };
    expect(await call(route(check.id), check)).toMatchObject({ status: 302, location: `/concerns/new/${draftId}/sent` });
    expect(await concernsOf()).toBe(before + 1);
    const draft = await prisma.concernDraft.findUniqueOrThrow({ where: { id: draftId } });
    const concern = await prisma.concern.findUniqueOrThrow({ where: { ref: draft.concernRef ?? "" }, include: { cases: true } });
    expect(concern.summary).toBe("The one-to-one hours were cut from ten to four without a review.\n\nWhat I would like to happen:\nPut the hours back until a review is held.");
    expect(concern.cases).toHaveLength(1);
    // The same form sent again: the same confirmation, nothing new.
    expect(await call(route(check.id), check)).toMatchObject({ status: 302, location: `/concerns/new/${draftId}/sent` });
    expect((await call(route("concerns.new_.$draftId.sent"), { ...check, id: "concerns.new_.$draftId.sent", method: "GET" })).status).toBe(200);
    expect(await concernsOf()).toBe(before + 1);
    // The sent draft's pages now only lead to the confirmation.
    const step = await call(route("concerns.new_.$draftId.$step"), {
      id: "concerns.new_.$draftId.$step",
      method: "POST",
      cookie,
      params: { draftId, step: "details" },
      body: ANSWERS.details!,
    });
    expect(step).toMatchObject({ status: 302, location: `/concerns/new/${draftId}/sent` });

    // Two sends of one draft at the same moment (a double click on two tabs): one concern.
    const { draftId: twice } = await walk();
    const results = await Promise.all([sendDraft(amira, twice), sendDraft(amira, twice)]);
    expect(results.map((r) => r.status)).toEqual(["sent", "sent"]);
    expect(new Set(results.map((r) => (r.status === "sent" ? r.ref : "")))).toHaveProperty("size", 1);
    expect(await concernsOf()).toBe(before + 2);
    expect(await unsentDrafts(amira).then((drafts) => drafts.some((d) => d.id === draftId || d.id === twice))).toBe(false);
  });

  describe("drafts expire", () => {
    it("a draft past its expiry cannot be opened and is deleted when the list is read", async () => {
      const { draftId } = await walk("about");
      await prisma.concernDraft.update({ where: { id: draftId }, data: { expiresAt: new Date(Date.now() - 1000) } });
      const opened = await call(route("concerns.new_.$draftId.$step"), { id: "concerns.new_.$draftId.$step", method: "GET", cookie, params: { draftId, step: "details" } });
      expect(opened.status).toBe(404);
      await unsentDrafts(amira);
      expect(await prisma.concernDraft.count({ where: { id: draftId } })).toBe(0);
    });
  });
});
