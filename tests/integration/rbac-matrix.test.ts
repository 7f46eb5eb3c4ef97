import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "../../app/utils/db.server";
import { DEMO_PERSONAS } from "../../app/utils/demo-personas";
import { ROLES, type Access, type Action, type Entity, type RoleName } from "../../app/utils/permissions";
import { seed } from "../../prisma/seed";
import { createTestDatabase, type TestDatabase } from "../support/scratch-database";
import { raiseTestConcern } from "./support/cases";
import { call, cookieFor, importRoute, routeFiles, type Answer, type RouteModule } from "./support/routes";

// Every persona × every route file × GET and POST, called in-process, against a table derived
// from the permission rules (ROLES) and the facts of one fresh case — not from the code under
// test. A new route file without an entry in EXPECTED fails the suite until someone decides
// who may use it.

type Outcome = "allow" | "deny" | "405";
type Persona = { email: string; role: RoleName | null; settingId: string | null; localAreaId: string | null; guardianOfCaseChild: boolean; representsCaseChild: boolean };
interface Fixture {
  caseId: string;
  version: number;
  settingId: string;
  localAreaId: string;
  healthInvolved: boolean;
  inMediation: boolean;
  highestRung: number;
  route: "process" | "substance";
  /** Someone else's account, for the administrator's per-person pages. */
  otherUserId: string;
  /** The case's child, for the register pages (on the register, no development record yet). */
  childId: string;
  /** A pending link request and the setting it asks (docs/decisions/020). */
  linkRequestId: string;
  linkSettingId: string;
  /** An unsent concern draft (docs/decisions/025) and the one person who may open it. */
  draftId: string;
  draftOwner: string;
}

const holds = (p: Persona, permission: `${Action}:${Entity}`) => p.role !== null && ROLES[p.role].permissions.some((perm) => perm.startsWith(`${permission}:`));
const levels = (p: Persona, permission: `${Action}:${Entity}`): Access[] =>
  p.role === null ? [] : ROLES[p.role].permissions.filter((perm) => perm.startsWith(`${permission}:`)).map((perm) => perm.split(":")[2] as Access);

/** Whether an access level reaches the fixture case, in the words of docs/decisions/003. */
function reaches(level: Access, p: Persona, c: Fixture): boolean {
  switch (level) {
    case "own":
      return p.guardianOfCaseChild;
    case "represented":
      return p.representsCaseChild;
    case "setting":
      return p.settingId === c.settingId;
    case "area":
      return p.localAreaId === c.localAreaId;
    case "health":
      return p.localAreaId === c.localAreaId && c.healthInvolved;
    case "assigned":
      return c.inMediation; // and assigned: nobody is, on this case
    case "national-process":
      return c.highestRung === 3 && c.route === "process";
    case "national-substance":
      return c.highestRung === 3 && c.route === "substance";
    case "any":
      return true;
    case "aggregate":
      return false;
  }
}
const canRead = (p: Persona, c: Fixture) => levels(p, "read:case").some((l) => reaches(l, p, c));
/** Register access reaches a child (docs/decisions/021): own, setting, or area (health partners too). */
const reachesChild = (p: Persona, c: Fixture, permission: `${Action}:${Entity}`) =>
  levels(p, permission).some((l) =>
    l === "own" ? p.guardianOfCaseChild : l === "setting" ? p.settingId === c.settingId : l === "area" ? p.localAreaId === c.localAreaId : l === "any",
  );
const childParams = (c: Fixture) => ({ childId: c.childId });

const signedIn = (p: Persona) => (p.role ? "allow" : "deny");
const allow = () => "allow" as const;
/** Staff answering the case (never the family or a representative) may record the young person's views. */
const STAFF_LEVELS: Access[] = ["setting", "area", "health", "national-process", "national-substance"];
const staffOnCase = (p: Persona, c: Fixture): Outcome => (canRead(p, c) && levels(p, "update:case").some((l) => STAFF_LEVELS.includes(l) && reaches(l, p, c)) ? "allow" : "deny");
const familyOrRepresentative = (p: Persona): Outcome => (levels(p, "create:concern").includes("own") || levels(p, "read:case").includes("represented") ? "allow" : "deny");
const settingLinks = (p: Persona, c: Fixture): Outcome => (levels(p, "update:link").includes("setting") && p.settingId === c.linkSettingId ? "allow" : "deny");
const settingLogger = (p: Persona): Outcome => (levels(p, "create:concern").includes("setting") && p.settingId ? "allow" : "deny");
const publicPage = { GET: "allow", POST: "405" } as const;
const evidenceAdder = (p: Persona, c: Fixture): Outcome =>
  // The local service is a party once the concern has reached it (rung 2).
  canRead(p, c) && levels(p, "update:case").some((l) => reaches(l, p, c)) && (p.role !== "local-officer" || c.highestRung >= 2) ? "allow" : "deny";
const draftOwner = (p: Persona, c: Fixture): Outcome => (p.email === c.draftOwner && holds(p, "create:concern") ? "allow" : "deny");

/** route file → method → who may (the case is new at rung 1: the family may withdraw, the setting acknowledges). */
const EXPECTED: Record<string, { GET: (p: Persona, c: Fixture) => Outcome; POST: (p: Persona, c: Fixture) => Outcome; params?: (c: Fixture) => Record<string, string> }> = {
  _index: { GET: () => "allow", POST: () => "405" },
  accessibility: { GET: () => publicPage.GET, POST: () => publicPage.POST },
  privacy: { GET: () => publicPage.GET, POST: () => publicPage.POST },
  feedback: { GET: () => publicPage.GET, POST: () => publicPage.POST },
  "signed-out": { GET: () => publicPage.GET, POST: () => publicPage.POST },
  "sign-in": { GET: () => "allow", POST: () => "allow" },
  "sign-out": { GET: () => "allow", POST: () => "allow" },
  dashboard: { GET: signedIn, POST: () => "405" },
  "account.password": { GET: signedIn, POST: signedIn },
  "account.sessions": { GET: signedIn, POST: signedIn },
  "admin.dead-letters": { GET: (p) => (holds(p, "update:user") ? "allow" : "deny"), POST: (p) => (holds(p, "update:user") ? "allow" : "deny") },
  "admin.users": { GET: (p) => (holds(p, "read:user") ? "allow" : "deny"), POST: (p) => (holds(p, "update:user") ? "allow" : "deny") },
  "account.export": { GET: signedIn, POST: () => "405" },
  "admin.users.$userId.export": { GET: (p) => (holds(p, "update:user") ? "allow" : "deny"), POST: () => "405", params: (c) => ({ userId: c.otherUserId }) },
  "admin.users_.$userId.erase": {
    GET: (p) => (holds(p, "update:user") ? "allow" : "deny"),
    POST: (p) => (holds(p, "update:user") ? "allow" : "deny"),
    params: (c) => ({ userId: c.otherUserId }),
  },
  "analytics._index": { GET: (p) => (holds(p, "read:analytics") ? "allow" : "deny"), POST: () => "405" },
  "analytics.funnel": { GET: (p) => (holds(p, "read:analytics") ? "allow" : "deny"), POST: () => "405" },
  "analytics.letters._index": { GET: (p) => (holds(p, "read:analytics") ? "allow" : "deny"), POST: () => "405" },
  "analytics.export[.]csv": { GET: (p) => (holds(p, "read:analytics") ? "allow" : "deny"), POST: () => "405" },
  // A local officer reads the letters of their own area only; national analysts any.
  "analytics.letters.$level.$id": {
    GET: (p, c) => (holds(p, "read:analytics") && (!levels(p, "read:analytics").every((l) => l === "area") || p.localAreaId === c.localAreaId) ? "allow" : "deny"),
    POST: () => "405",
    params: (c) => ({ level: "area", id: c.localAreaId }),
  },
  // The same letter as a PDF, under the page's own rules.
  "analytics.letters.$level.$id_.pdf": {
    GET: (p, c) => (holds(p, "read:analytics") && (!levels(p, "read:analytics").every((l) => l === "area") || p.localAreaId === c.localAreaId) ? "allow" : "deny"),
    POST: () => "405",
    params: (c) => ({ level: "area", id: c.localAreaId }),
  },
  methodology: { GET: () => publicPage.GET, POST: () => publicPage.POST },
  "open-data": { GET: () => publicPage.GET, POST: () => publicPage.POST },
  "open-data[.]csv": { GET: () => publicPage.GET, POST: () => publicPage.POST },
  "cases._index": { GET: (p) => (holds(p, "read:case") ? "allow" : "deny"), POST: () => "405" },
  "concerns.new": { GET: (p) => (holds(p, "create:concern") ? "allow" : "deny"), POST: (p) => (holds(p, "create:concern") ? "allow" : "deny") },
  // Load-balancer probes: no sign-in, nothing personal (docs/decisions/017).
  healthz: { GET: () => "allow", POST: () => "405" },
  readyz: { GET: () => "allow", POST: () => "405" },
  "cases.$caseId.history": { GET: (p, c) => (canRead(p, c) ? "allow" : "deny"), POST: () => "405", params: (c) => ({ caseId: c.caseId }) },
  "cases.$caseId._index": { GET: (p, c) => (canRead(p, c) ? "allow" : "deny"), POST: () => "405", params: (c) => ({ caseId: c.caseId }) },
  // Every message on the case (and the reader's own body's notes): whoever may read the case.
  // Evidence (docs/decisions/022): adding is for the parties so far (the family, and each body that has answered); a file that is not there is not found, for everyone.
  "cases.$caseId.add-evidence": { GET: evidenceAdder, POST: evidenceAdder, params: (c) => ({ caseId: c.caseId }) },
  "cases.$caseId.evidence.$evidenceId": { GET: () => "deny", POST: () => "405", params: (c) => ({ caseId: c.caseId, evidenceId: "no-such-file" }) },
  // The benchmark's bare document route (docs/decisions/029): a page with nothing to read, outside production.
  bench: { GET: allow, POST: () => "405" },
  "cases.$caseId.messages": { GET: (p, c) => (canRead(p, c) ? "allow" : "deny"), POST: () => "405", params: (c) => ({ caseId: c.caseId }) },
  // Letters: whoever may read the case. The fixture case has no letter yet, so a letter's page and
  // PDF are "not found" for everyone (and never a 500); tests/integration/letters.test.ts covers
  // them on a decided case.
  "cases.$caseId.letters._index": { GET: (p, c) => (canRead(p, c) ? "allow" : "deny"), POST: () => "405", params: (c) => ({ caseId: c.caseId }) },
  "cases.$caseId.letters.$letterId._index": { GET: () => "deny", POST: () => "405", params: (c) => ({ caseId: c.caseId, letterId: "response-1" }) },
  "cases.$caseId.letters.$letterId.pdf": { GET: () => "deny", POST: () => "405", params: (c) => ({ caseId: c.caseId, letterId: "response-1" }) },
  // The case bundle: the family and the national body (once the case reaches it), no other reader.
  "cases.$caseId.bundle[.]zip": {
    GET: (p, c) => (levels(p, "update:case").some((l) => (l === "own" || l === "represented" || l.startsWith("national-")) && reaches(l, p, c)) ? "allow" : "deny"),
    POST: () => "405",
    params: (c) => ({ caseId: c.caseId }),
  },
  "register._index": { GET: (p) => (holds(p, "read:register") ? "allow" : "deny"), POST: () => "405" },
  "register.$childId._index": { GET: (p, c) => (reachesChild(p, c, "read:register") ? "allow" : "deny"), POST: () => "405", params: childParams },
  // Register decisions are the setting's; requests come from the family or a professional in the area.
  "register.$childId.decide": {
    GET: (p, c) => (p.role === "setting-staff" && reachesChild(p, c, "update:register") ? "allow" : "deny"),
    POST: (p, c) => (p.role === "setting-staff" && reachesChild(p, c, "update:register") ? "allow" : "deny"),
    params: childParams,
  },
  "register.$childId.request": {
    GET: (p, c) => (reachesChild(p, c, "create:register") ? "allow" : "deny"),
    POST: (p, c) => (reachesChild(p, c, "create:register") ? "allow" : "deny"),
    params: childParams,
  },
  // The setting writes the record; the family adds views once one exists (none in the fixture).
  "register.$childId.record": {
    GET: (p, c) => (p.role === "setting-staff" && reachesChild(p, c, "update:register") ? "allow" : "deny"),
    POST: (p, c) => (p.role === "setting-staff" && reachesChild(p, c, "update:register") ? "allow" : "deny"),
    params: childParams,
  },
  "register.$childId.confirm": {
    GET: (p, c) => ((p.role === "health-partner" || p.role === "local-officer" || p.role === "social-care") && reachesChild(p, c, "update:register") ? "allow" : "deny"),
    POST: (p, c) => ((p.role === "health-partner" || p.role === "local-officer" || p.role === "social-care") && reachesChild(p, c, "update:register") ? "allow" : "deny"),
    params: childParams,
  },
  "framework._index": { GET: () => publicPage.GET, POST: () => publicPage.POST },
  "framework.publish": { GET: (p) => (holds(p, "update:framework") ? "allow" : "deny"), POST: (p) => (holds(p, "update:framework") ? "allow" : "deny") },
  // Withdrawing is the family's alone (the capacity "own" gives them), or their representative's within consent.
  "cases.$caseId.$action": {
    GET: (p, c) => (canRead(p, c) && levels(p, "update:case").some((l) => (l === "own" || l === "represented") && reaches(l, p, c)) ? "allow" : "deny"),
    POST: (p, c) => (canRead(p, c) && levels(p, "update:case").some((l) => (l === "own" || l === "represented") && reaches(l, p, c)) ? "allow" : "deny"),
    params: (c) => ({ caseId: c.caseId, action: "withdraw" }),
  },
  // Ways in (docs/decisions/020). Signed-out pages answer everyone; a bad body is a 400.
  "sign-up": { GET: allow, POST: allow },
  "forgotten-password": { GET: allow, POST: allow },
  "verify-email.$token": { GET: allow, POST: allow, params: () => ({ token: "x".repeat(43) }) },
  "reset-password.$token": { GET: allow, POST: allow, params: () => ({ token: "x".repeat(43) }) },
  "accept-invitation.$token": { GET: allow, POST: allow, params: () => ({ token: "x".repeat(43) }) },
  // Demo and test only (404 in production, see the page).
  "demo.mailbox": { GET: allow, POST: () => "405" },
  "account.children": { GET: (p) => (holds(p, "create:link") ? "allow" : "deny"), POST: (p) => (holds(p, "create:link") ? "allow" : "deny") },
  "account.representatives": { GET: familyOrRepresentative, POST: familyOrRepresentative },
  "setting.link-requests._index": { GET: (p) => (levels(p, "read:link").includes("setting") && p.settingId ? "allow" : "deny"), POST: () => "405" },
  "setting.link-requests.$requestId": { GET: settingLinks, POST: settingLinks, params: (c) => ({ requestId: c.linkRequestId }) },
  "setting.concerns.new": { GET: settingLogger, POST: settingLogger },
  "cases.$caseId.views": { GET: staffOnCase, POST: staffOnCase, params: (c) => ({ caseId: c.caseId }) },
  "admin.invite": { GET: (p) => (holds(p, "update:user") ? "allow" : "deny"), POST: (p) => (holds(p, "update:user") ? "allow" : "deny") },
  "admin.accounts.$userId": {
    GET: (p) => (holds(p, "update:user") ? "allow" : "deny"),
    POST: (p) => (holds(p, "update:user") ? "allow" : "deny"),
    params: (c) => ({ userId: c.otherUserId }),
  },
  "admin.settings._index": { GET: (p) => (holds(p, "update:setting") ? "allow" : "deny"), POST: () => "405" },
  "admin.settings.$settingId": {
    GET: (p) => (holds(p, "update:setting") ? "allow" : "deny"),
    POST: (p) => (holds(p, "update:setting") ? "allow" : "deny"),
    params: (c) => ({ settingId: c.settingId }),
  },
  "admin.areas": { GET: (p) => (holds(p, "update:setting") ? "allow" : "deny"), POST: (p) => (holds(p, "update:setting") ? "allow" : "deny") },
  "admin.policies": { GET: (p) => (holds(p, "update:setting") ? "allow" : "deny"), POST: (p) => (holds(p, "update:setting") ? "allow" : "deny") },
  // A concern draft is its author's alone (docs/decisions/025): everyone else gets the same 404.
  "concerns.new_.$draftId.$step": { GET: draftOwner, POST: draftOwner, params: (c) => ({ draftId: c.draftId, step: "about" }) },
  "concerns.new_.$draftId.check": { GET: draftOwner, POST: draftOwner, params: (c) => ({ draftId: c.draftId }) },
  // Not sent yet: there is no confirmation to show, to anyone.
  "concerns.new_.$draftId.sent": { GET: () => "deny", POST: () => "405", params: (c) => ({ draftId: c.draftId }) },
  // Last: the author's POST deletes the draft.
  "concerns.new_.$draftId.delete": { GET: draftOwner, POST: draftOwner, params: (c) => ({ draftId: c.draftId }) },
};

/** Acknowledging belongs to whoever answers at rung 1: the setting. */
const ACKNOWLEDGE = (p: Persona, c: Fixture): Outcome => (levels(p, "update:case").some((l) => l === "setting" && reaches(l, p, c)) ? "allow" : "deny");

function classify(a: Answer): Outcome | "error" {
  if (a.status >= 500) return "error";
  if (a.status === 405) return "405";
  if (a.status === 403 || a.status === 404) return "deny";
  if (a.status >= 300 && a.status < 400 && a.location?.startsWith("/sign-in")) return "deny";
  return "allow";
}

let database: TestDatabase;
let fixture: Fixture;
let personas: Persona[];
const modules = new Map<string, RouteModule>();

beforeAll(async () => {
  database = await createTestDatabase("pglite");
  useDatabase(database.db);
  const { prisma } = database.db;
  await seed(prisma, { demoCases: false });
  const { cases } = await raiseTestConcern(prisma, { childRef: "AN-000001" });
  const row = await prisma.case.findUniqueOrThrow({
    where: { id: cases[0]!.id },
    include: { concern: { include: { child: { include: { guardians: true, representations: true } } } } },
  });
  const linkRequest = await prisma.linkRequest.findFirstOrThrow({ where: { status: "pending" } });
  const other = await prisma.user.findFirstOrThrow({ where: { email: { startsWith: "parent." } }, select: { id: true } });
  const owner = await prisma.user.findFirstOrThrow({ where: { id: { in: row.concern.child.guardians.map((g) => g.userId) } }, select: { id: true, email: true } });
  const draft = await prisma.concernDraft.create({
    data: { userId: owner.id, answers: { childId: row.concern.childId, answered: [] }, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  fixture = {
    caseId: row.id,
    version: row.version,
    settingId: row.settingId,
    localAreaId: row.localAreaId,
    healthInvolved: row.healthInvolved,
    inMediation: row.status === "in-mediation",
    highestRung: row.highestRung,
    route: row.route,
    otherUserId: other.id,
    childId: row.concern.childId,
    linkRequestId: linkRequest.id,
    linkSettingId: linkRequest.settingId,
    draftId: draft.id,
    draftOwner: owner.email,
  };
  const guardians = new Set(row.concern.child.guardians.map((g) => g.userId));
  personas = [{ email: "", role: null, settingId: null, localAreaId: null, guardianOfCaseChild: false, representsCaseChild: false }];
  for (const persona of DEMO_PERSONAS) {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: persona.email } });
    personas.push({
      email: persona.email,
      role: persona.role,
      settingId: user.settingId,
      localAreaId: user.localAreaId,
      guardianOfCaseChild: guardians.has(user.id) || row.concern.child.youngPersonUserId === user.id,
      representsCaseChild: row.concern.child.representations.some((r) => r.representativeId === user.id && r.actOnConcerns && !r.withdrawnAt),
    });
  }
  for (const id of routeFiles()) modules.set(id, await importRoute(id));
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

// A body no action accepts (a NUL byte), so an allowed POST answers 400 and changes nothing,
// while a refused one is refused before the body is read.
const badBody = (c: Fixture) => `version=${c.version}&reason=%00&userId=%00&email=%00`;

describe("role-based access matrix", () => {
  it("has an expectation for every route file", () => {
    expect(routeFiles().filter((id) => !(id in EXPECTED))).toEqual([]);
  });

  it("every persona × route × method answers as the permission rules say", async () => {
    const { prisma } = database.db;
    const mismatches: string[] = [];
    let cells = 0;
    const check = async (p: Persona, id: string, method: "GET" | "POST", expected: Outcome, params: Record<string, string>) => {
      const cookie = p.role ? await cookieFor(prisma, p.email) : undefined;
      const answer = await call(modules.get(id)!, { id, method, params, ...(cookie ? { cookie } : {}), ...(method === "POST" ? { body: badBody(fixture) } : {}) });
      const got = classify(answer);
      cells++;
      if (got !== expected)
        mismatches.push(
          `${p.role ?? "signed-out"} ${method} ${id} ${JSON.stringify(params)}: expected ${expected}, got ${got} (${answer.status}${answer.error ? ` ${String(answer.error)}` : ""})`,
        );
    };
    const before = await prisma.case.findUniqueOrThrow({ where: { id: fixture.caseId }, select: { version: true } });
    for (const p of personas) {
      for (const [id, rule] of Object.entries(EXPECTED)) {
        const params = rule.params?.(fixture) ?? {};
        await check(p, id, "GET", rule.GET(p, fixture), params);
        await check(p, id, "POST", rule.POST(p, fixture), params);
      }
      const ack = { caseId: fixture.caseId, action: "acknowledge" };
      await check(p, "cases.$caseId.$action", "GET", ACKNOWLEDGE(p, fixture), ack);
      await check(p, "cases.$caseId.$action", "POST", ACKNOWLEDGE(p, fixture), ack);
    }
    expect(mismatches).toEqual([]);
    expect(cells).toBe(personas.length * (Object.keys(EXPECTED).length + 1) * 2);
    // Nothing was changed by any of it.
    expect((await prisma.case.findUniqueOrThrow({ where: { id: fixture.caseId }, select: { version: true } })).version).toBe(before.version);
  }, 300_000); // every persona × every route, on a machine shared with other work
});
