import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseEventType } from "../../machines";
import { actionSlug } from "../../app/utils/case-forms";
import { loadCaseForUser } from "../../app/utils/case-page.server";
import { useDatabase } from "../../app/utils/db.server";
import { caseScope } from "../../app/utils/permissions.server";
import { DEMO_PERSONAS } from "../../app/utils/demo-personas";
import { MAX_BODY_BYTES, MAX_LENGTH } from "../../app/utils/limits";
import { SESSION_USER_SELECT, type SessionUser } from "../../app/utils/session.server";
import { seed } from "../../prisma/seed";
import { createTestDatabase, type TestDatabase } from "../support/scratch-database";
import { call, cookieFor, importRoute, rowChanges, trackRowChanges, type Call, type RouteModule } from "./support/routes";

// Property-based fuzzing of EVERY form action, in-process against the seeded demo database:
// each generated submission carries at least one thing the service must refuse (a NUL or other
// control character, an over-long answer, a repeated field, the wrong content type, an
// oversized body, an impossible date or number, a stale version). For every one: no 5xx, a 4xx
// answer, and not one row changed.

const RUNS = Number(process.env.FUZZ_RUNS_SCALE ?? 1);
const totals = { requests: 0, byStatus: {} as Record<number, number>, msByTarget: {} as Record<string, string> };

type Fields = [string, string][];
interface Target {
  name: string;
  id: string;
  params?: Record<string, string>;
  cookie?: string;
  /** Valid-looking answers for this form; the fuzzer then spoils them. */
  base: fc.Arbitrary<Fields>;
  /** Poisons only this form has (each always refused). */
  own?: fc.Arbitrary<(fields: Fields) => Fields>[];
  runs: number;
}

// Text people might type: any Unicode (letters, emoji, combining marks, RTL), tabs and newlines.
const anyText = fc
  .string({ unit: "binary", maxLength: 60 })
  .map((s) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/g, ""));
const REFUSED_CHARACTERS = ["\u0000", "\u0001", "\u0007", "\u0008", "\u000B", "\u000C", "\u001B", "\u001F", "\u007F", "\u0085", "\u009F", "\u202E", "\u2066"];

const setField = (fields: Fields, key: string, value: string): Fields => [...fields.filter(([k]) => k !== key), [key, value]];

/** Poisons every form must refuse, whatever its fields. */
type Poison = { kind: string; apply: (fields: Fields) => { fields: Fields; contentType?: string | null; raw?: string } };
function commonPoisons(fieldNames: string[]): fc.Arbitrary<Poison> {
  const names = fc.constantFrom(...fieldNames, "note");
  return fc.oneof<fc.Arbitrary<Poison>[]>(
    fc.tuple(names, fc.constantFrom(...REFUSED_CHARACTERS), fc.nat(40)).map(([key, ch, at]) => ({
      kind: "control character",
      apply: (fields: Fields) => {
        // Split on code points, so the poison never cuts an emoji's surrogate pair in half.
        const current = Array.from(fields.find(([k]) => k === key)?.[1] ?? "");
        const pos = Math.min(at, current.length);
        return { fields: setField(fields, key, [...current.slice(0, pos), ch, ...current.slice(pos)].join("")) };
      },
    })),
    fc.tuple(names, fc.integer({ min: MAX_LENGTH.longText + 1, max: MAX_LENGTH.longText + 3000 }), fc.constantFrom("x", "é", "😀", "\u0301")).map(([key, n, ch]) => ({
      kind: "too long",
      apply: (fields: Fields) => ({ fields: setField(fields, key, ch.repeat(Math.ceil(n / ch.length))) }),
    })),
    fc.tuple(fc.constantFrom(...fieldNames.filter((n) => n !== "agreedIssueIds" && n !== "categories"), "version"), anyText).map(([key, extra]) => ({
      kind: "repeated field",
      apply: (fields: Fields) => {
        const existing = fields.find(([k]) => k === key);
        const added: Fields = existing
          ? [[key, extra]]
          : [
              [key, extra],
              [key, extra],
            ];
        return { fields: [...fields, ...added] };
      },
    })),
    fc
      .constantFrom<(string | null)[]>("application/json", "text/plain", "text/plain;charset=UTF-8", "multipart/form-data; boundary=----x", "application/xml", null)
      .map((contentType) => ({
        kind: "wrong content type",
        apply: (fields: Fields) => ({
          fields,
          contentType,
          raw:
            contentType === "application/json"
              ? JSON.stringify(Object.fromEntries(fields))
              : contentType?.startsWith("multipart")
                ? '------x\r\nContent-Disposition: form-data; name="a"\r\n\r\nbroken'
                : undefined,
        }),
      })),
    fc.constant({ kind: "oversized body", apply: (fields: Fields) => ({ fields: [...fields, ["padding", "x".repeat(MAX_BODY_BYTES + 1)] as [string, string]] }) }),
  );
}

const encode = (fields: Fields) => fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");

let database: TestDatabase;
const targets: Target[] = [];
const modules = new Map<string, RouteModule>();

async function sessionUser(email: string): Promise<SessionUser> {
  return database.db.prisma.user.findUniqueOrThrow({
    where: { email },
    select: SESSION_USER_SELECT,
  });
}

const badDate = fc.constantFrom("0001-01-01", "9999-12-31", "2026-02-30", "1999-12-31", "20261201", "2026-13-01", "+02026-01-01", "");
const isoToday = () => new Date().toISOString().slice(0, 10);

/** Valid-looking fields for a case action, and poisons only it has. */
function caseForm(
  type: CaseEventType,
  page: Awaited<ReturnType<typeof loadCaseForUser>>,
  mediatorId: string,
): { base: fc.Arbitrary<Fields>; own: fc.Arbitrary<(f: Fields) => Fields>[] } {
  const version: Fields = [["version", String(page.row.version)]];
  const staleVersion = fc
    .integer({ min: -5, max: 1000 })
    .filter((v) => v !== page.row.version)
    .map((v) => (f: Fields) => setField(f, "version", String(v)));
  const text = anyText.map((t) => `Reason ${t}`);
  const remedy = fc.tuple(fc.constantFrom("action", "apology", "payment", "register-review"), text).map(([kind, d]): Fields => [
    ["remedy-1-kind", kind],
    ["remedy-1-description", d],
    ["remedy-1-dueOn", isoToday()],
    ["remedy-1-amount", "250"],
  ]);
  const badRemedy = fc.oneof(
    badDate.filter((d) => d !== "").map((d) => (f: Fields) => setField(setField(setField(f, "remedy-1-kind", "action"), "remedy-1-description", "Do it"), "remedy-1-dueOn", d)),
    fc
      .constantFrom("-1", "0", "1e400", "NaN", "£££", "1000001", "12.345")
      .map((a) => (f: Fields) => setField(setField(setField(f, "remedy-1-kind", "payment"), "remedy-1-description", "Pay"), "remedy-1-amount", a)),
  );
  const issues = page.view.issues.map((i) => i.id);
  const outcome = fc
    .tuple(text, remedy)
    .map(([reasons, r]): Fields => [...version, ...issues.map((id): [string, string] => [`finding-${id}`, "upheld"]), ["reasons", reasons], ["standards", "NF-3.2"], ...r]);
  const badFinding = fc
    .string({ maxLength: 12 })
    .filter((s) => !["upheld", "partly-upheld", "not-upheld", "resolved-by-agreement"].includes(s))
    .map((s) => (f: Fields) => setField(f, `finding-${issues[0] ?? "issue-1"}`, s));
  const withText = (key: string) => text.map((t): Fields => [...version, [key, t]]);
  switch (type) {
    case "PAUSE":
      return {
        base: fc.tuple(fc.constantFrom("family", "third-party"), text).map(([w, r]): Fields => [...version, ["waitingOn", w], ["reason", r]]),
        own: [
          staleVersion,
          fc
            .string({ maxLength: 10 })
            .filter((s) => s !== "family" && s !== "third-party")
            .map((s) => (f: Fields) => setField(f, "waitingOn", s)),
        ],
      };
    case "EXTEND":
      return {
        base: text.map((r): Fields => [...version, ["workingDays", "5"], ["reason", r]]),
        own: [staleVersion, fc.constantFrom("0", "21", "-1", "1.5", "1e400", "NaN", "Infinity", "twenty", "").map((n) => (f: Fields) => setField(f, "workingDays", n))],
      };
    case "RESPOND":
    case "ISSUE_DRAFT_DECISION":
    case "ISSUE_FINAL_DECISION":
      return { base: outcome, own: [staleVersion, badFinding, badRemedy] };
    case "SCHEDULE_SESSION":
      return { base: fc.constant([...version, ["sessionOn", isoToday()]] as Fields), own: [staleVersion, badDate.map((d) => (f: Fields) => setField(f, "sessionOn", d))] };
    case "ASSIGN_MEDIATOR":
      return {
        base: fc.constant([...version, ["mediatorId", mediatorId]] as Fields),
        own: [
          staleVersion,
          fc
            .string({ maxLength: 30 })
            .filter((s) => s !== mediatorId)
            .map((s) => (f: Fields) => setField(f, "mediatorId", s)),
        ],
      };
    case "RECORD_MEDIATION_OUTCOME":
      return {
        base: fc.tuple(text, remedy).map(([s, r]): Fields => [...version, ...issues.map((id): [string, string] => ["agreedIssueIds", id]), ["summary", s], ...r]),
        own: [
          staleVersion,
          badRemedy,
          fc
            .string({ maxLength: 10 })
            .filter((s) => !issues.includes(s))
            .map((s) => (f: Fields) => [...f, ["agreedIssueIds", s]]),
        ],
      };
    case "REMEDY_DONE":
    case "REMEDY_FAILED": {
      const remedyId = page.settleableRemedyIds[0] ?? "R1";
      return {
        base: text.map((t): Fields => [...version, ["remedyId", remedyId], [type === "REMEDY_DONE" ? "evidence" : "reason", t]]),
        own: [
          staleVersion,
          fc
            .string({ maxLength: 8 })
            .filter((s) => !page.settleableRemedyIds.includes(s))
            .map((s) => (f: Fields) => setField(f, "remedyId", s)),
        ],
      };
    }
    case "SUBMIT_COMMENTS":
      return { base: withText("comments"), own: [staleVersion, fc.constant((f: Fields) => setField(f, "comments", "   "))] };
    case "REJECT_OUT_OF_JURISDICTION":
    case "REJECT_OUT_OF_TIME":
      return { base: withText("reasons"), own: [staleVersion, fc.constant((f: Fields) => setField(f, "reasons", ""))] };
    case "ACCEPT_FOR_INVESTIGATION":
      return { base: fc.tuple(text, text).map(([a, b]): Fields => [...version, ["reasons", a], ["discretionReason", b]]), own: [staleVersion] };
    case "ESCALATE":
    case "DECLINE_MEDIATION":
    case "WITHDRAW":
      return { base: withText("reason"), own: [staleVersion] };
    default:
      return { base: fc.constant(version), own: [staleVersion] };
  }
}

beforeAll(async () => {
  database = await createTestDatabase("pglite");
  useDatabase(database.db);
  const { prisma } = database.db;
  await seed(prisma); // the demo data: cases at every stage, replayed through the machines
  for (const id of ["sign-in", "account.password", "account.sessions", "admin.users", "concerns.new", "concerns.new_.$draftId.$step", "cases.$caseId.$action"])
    modules.set(id, await importRoute(id));
  const cookies = new Map<string, string>();
  for (const p of DEMO_PERSONAS) cookies.set(p.email, await cookieFor(prisma, p.email));
  const amira = await prisma.user.findUniqueOrThrow({ where: { email: "amira.hussain@example.com" }, include: { guardianOf: true } });
  const sam = await prisma.user.findUniqueOrThrow({ where: { email: "sam.okafor@mediation.example.com" } });
  const someUser = await prisma.user.findUniqueOrThrow({ where: { email: "tyler.brown@example.com" } });

  targets.push({
    name: "sign in",
    id: "sign-in",
    base: fc.tuple(fc.emailAddress(), anyText, fc.constantFrom("", "/dashboard", "/cases")).map(([e, p, r]): Fields => [
      ["email", e],
      ["password", `pw${p}`],
      ["redirectTo", r],
    ]),
    own: [
      fc
        .string({ unit: "binary", minLength: MAX_LENGTH.email - 5, maxLength: 9000 })
        .map((s) => (f: Fields) => setField(f, "email", `${"a".repeat(MAX_LENGTH.email)}${s}@example.com`)),
      fc.constantFrom("/\t/evil.example", "/\r\n/x", "/\u0000", "/\u0085").map((r) => (f: Fields) => setField(f, "redirectTo", r)),
      fc
        .string({ maxLength: 20 })
        .filter((s) => !s.includes("@"))
        .map((s) => (f: Fields) => setField(f, "email", s)),
      fc.constant((f: Fields) => setField(f, "password", "")),
      fc.constant((f: Fields) => [...setField(f, "intent", "persona"), ["email", "someone@example.com"]] as Fields),
    ],
    runs: 4000,
  });
  targets.push({
    name: "change password",
    id: "account.password",
    cookie: cookies.get("helen.clarke@beckettpark.example.com"),
    base: fc.tuple(anyText, anyText).map(([a, b]): Fields => [
      ["currentPassword", `a${a}`],
      ["newPassword", `new-password-${b}`],
      ["confirmPassword", `new-password-${b}`],
    ]),
    own: [
      fc.constant((f: Fields) => setField(f, "confirmPassword", "different-password-1")),
      fc.string({ maxLength: 11 }).map((s) => (f: Fields) => setField(setField(f, "newPassword", s), "confirmPassword", s)),
      fc.constant((f: Fields) => setField(setField(f, "newPassword", "x".repeat(201)), "confirmPassword", "x".repeat(201))),
    ],
    runs: 1200,
  });
  targets.push({
    name: "end a session",
    id: "account.sessions",
    cookie: cookies.get("priya.sharma@leeds.example.gov.uk"),
    base: fc.constantFrom<Fields>(
      [
        ["intent", "end"],
        ["sessionId", "x"],
      ],
      [["intent", "end-others"]],
    ),
    own: [
      fc
        .string({ maxLength: 12 })
        .filter((s) => s !== "end" && s !== "end-others")
        .map((s) => (f: Fields) => setField(f, "intent", s)),
    ],
    runs: 1000,
  });
  targets.push({
    name: "activate or deactivate an account",
    id: "admin.users",
    cookie: cookies.get("admin@redress.example.org.uk"),
    base: fc.tuple(fc.constantFrom("true", "false"), fc.constantFrom("", "?page=2", "?role=family")).map(([a, r]): Fields => [
      ["userId", someUser.id],
      ["active", a],
      ["returnTo", r],
    ]),
    own: [
      fc
        .string({ maxLength: 8 })
        .filter((s) => s !== "true" && s !== "false")
        .map((s) => (f: Fields) => setField(f, "active", s)),
      fc.constantFrom("?\r\nSet-Cookie: x", "?\u0000", "?\u0007").map((r) => (f: Fields) => setField(f, "returnTo", r)),
    ],
    runs: 1000,
  });
  // Raising a concern: the start page and every question page of Amira's draft (docs/decisions/025).
  const draft = await prisma.concernDraft.create({
    data: { userId: amira.id, answers: { childId: amira.guardianOf[0]?.childId, answered: [] }, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const amiraCookie = cookies.get("amira.hussain@example.com");
  const step = (name: string, stepId: string, base: fc.Arbitrary<Fields>, own: fc.Arbitrary<(f: Fields) => Fields>[], runs = 200) =>
    targets.push({ name: `raise a concern: ${name}`, id: "concerns.new_.$draftId.$step", params: { draftId: draft.id, step: stepId }, cookie: amiraCookie, base, own, runs });
  targets.push({
    name: "raise a concern: start",
    id: "concerns.new",
    cookie: amiraCookie,
    base: fc.constant<Fields>([["category", "support-level"]]),
    own: [fc.string({ minLength: MAX_LENGTH.id + 1, maxLength: 200 }).map((s) => (f: Fields) => setField(f, "decision", s))],
    runs: 200,
  });
  step("what it is about", "about", fc.constant<Fields>([["categories", "support-level"]]), [
    fc.string({ maxLength: 15 }).map((s) => (f: Fields) => setField(f, "categories", s)),
    fc.constant((f: Fields) => f.filter(([k]) => k !== "categories")),
  ]);
  step("which decision", "decision", fc.constant<Fields>([["challengesDecisionId", "none"]]), [
    fc
      .string({ maxLength: 30 })
      .filter((s) => s !== "none")
      .map((s) => (f: Fields) => setField(f, "challengesDecisionId", s)),
  ]);
  step(
    "the concern",
    "details",
    anyText.map((t): Fields => [["summary", `My concern about support is this: ${t}`]]),
    [fc.string({ maxLength: 19 }).map((s) => (f: Fields) => setField(f, "summary", s))],
  );
  step(
    "what should happen",
    "outcome",
    anyText.map((t): Fields => [["outcomeWanted", t]]),
    [],
  );
  step("health services", "health", fc.constantFrom<Fields>([["healthInvolved", "yes"]], [["healthInvolved", "no"]]), [
    fc
      .string({ maxLength: 10 })
      .filter((s) => s !== "yes" && s !== "no")
      .map((s) => (f: Fields) => setField(f, "healthInvolved", s)),
  ]);
  const badParts = fc.constantFrom<[string, string, string]>(
    ["31", "", "2026"],
    ["", "", "2026"],
    ["30", "2", "2026"],
    ["1", "13", "2026"],
    ["1", "1", "26"],
    ["1", "1", "2999"],
    ["31", "12", "1999"],
    ["x", "y", "z"],
    ["1.5", "1", "2026"],
  );
  step(
    "when they found out",
    "aware",
    fc.constant<Fields>([
      ["awarenessDate-day", "2"],
      ["awarenessDate-month", "9"],
      ["awarenessDate-year", "2026"],
    ]),
    [
      badParts.map(
        ([d, m, y]) =>
          (f: Fields) =>
            setField(setField(setField(f, "awarenessDate-day", d), "awarenessDate-month", m), "awarenessDate-year", y),
      ),
    ],
  );
  // A page Amira is not asked (she has one child) takes nothing, whatever is sent.
  step("which child (not asked)", "child", fc.constant<Fields>([["childId", amira.guardianOf[0]?.childId ?? ""]]), [fc.constant((f: Fields) => f)], 100);

  // Every case action the demo data offers someone right now, once per action type.
  const seen = new Set<CaseEventType>();
  for (const persona of DEMO_PERSONAS) {
    const user = await sessionUser(persona.email);
    const visible = await prisma.case.findMany({ where: caseScope(user, "update"), select: { id: true }, orderBy: { ref: "asc" } });
    const mediating = await prisma.case.findMany({ where: caseScope(user, "update", "mediation"), select: { id: true }, orderBy: { ref: "asc" } });
    for (const { id } of [...visible, ...mediating]) {
      let page: Awaited<ReturnType<typeof loadCaseForUser>>;
      try {
        page = await loadCaseForUser(user, id);
      } catch {
        continue;
      }
      for (const type of page.actions) {
        if (seen.has(type)) continue;
        seen.add(type);
        const form = caseForm(type, page, sam.id);
        targets.push({
          name: `case action ${type}`,
          id: "cases.$caseId.$action",
          params: { caseId: id, action: actionSlug(type) },
          cookie: cookies.get(persona.email),
          base: form.base,
          own: form.own,
          runs: 0,
        });
      }
    }
  }
  await trackRowChanges(prisma);
  const caseTargets = targets.filter((t) => t.id === "cases.$caseId.$action");
  for (const t of caseTargets) t.runs = Math.ceil(1600 / Math.max(1, caseTargets.length));
}, 170_000);

afterAll(async () => {
  console.log(`form fuzz: ${totals.requests} bad submissions, by status ${JSON.stringify(totals.byStatus)}\n${JSON.stringify(totals.msByTarget, null, 1)}`);
  await database?.drop();
});

describe("fuzzing every form action with bad input", () => {
  it("finds every form action in the demo data", () => {
    expect(targets.filter((t) => t.id === "cases.$caseId.$action").length).toBeGreaterThanOrEqual(8);
    expect(targets.reduce((n, t) => n + t.runs, 0) * RUNS).toBeGreaterThanOrEqual(10_000);
  });

  it("would notice a changed row (the counter the fuzzer relies on works)", async () => {
    const { prisma } = database.db;
    const before = await rowChanges(prisma);
    await prisma.signInAttempt.create({ data: { email: "counter@example.com", clientKey: "test", succeeded: false } });
    await prisma.signInAttempt.deleteMany({ where: { email: "counter@example.com" } });
    expect(Number(await rowChanges(prisma)) - Number(before)).toBe(2);
  });

  it("answers every bad submission with a 4xx, never a 5xx, and changes nothing", async () => {
    const { prisma } = database.db;
    for (const target of targets) {
      const fieldNames = await fc.sample(target.base, 1)[0]!.map(([k]) => k);
      const ownPoisons = (target.own ?? []).map((own) => own.map((fn): Poison => ({ kind: "form-specific", apply: (f: Fields) => ({ fields: fn(f) }) })));
      const poisons = fc.array(fc.oneof<fc.Arbitrary<Poison>[]>(commonPoisons(fieldNames), ...ownPoisons), { minLength: 1, maxLength: 3 });
      let last = await rowChanges(prisma);
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(target.base, poisons, async (base, spoil) => {
          let fields = base;
          let contentType: string | null | undefined;
          let raw: string | undefined;
          for (const poison of spoil) {
            const out = poison.apply(fields);
            fields = out.fields;
            if (out.contentType !== undefined) contentType = out.contentType;
            if (out.raw !== undefined) raw = out.raw;
          }
          const request: Call = {
            id: target.id,
            method: "POST",
            ...(target.params ? { params: target.params } : {}),
            ...(target.cookie ? { cookie: target.cookie } : {}),
            body: raw ?? encode(fields),
            ...(contentType !== undefined ? { contentType } : {}),
          };
          const answer = await call(modules.get(target.id)!, request);
          totals.requests++;
          totals.byStatus[answer.status] = (totals.byStatus[answer.status] ?? 0) + 1;
          if (answer.status >= 500) throw new Error(`${target.name}: ${answer.status} for ${spoil.map((s) => s.kind).join(", ")}: ${String(answer.error)}`);
          expect(answer.status, `${target.name}: ${spoil.map((s) => s.kind).join(", ")}`).toBeGreaterThanOrEqual(400);
          // Compared after EVERY request (each one's "after" is the next one's "before").
          const now = await rowChanges(prisma);
          expect(now, `${target.name}: rows changed by ${spoil.map((s) => s.kind).join(", ")}`).toBe(last);
          last = now;
        }),
        { numRuns: target.runs * RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261127) },
      );
      totals.msByTarget[target.name] = `${target.runs * RUNS} in ${Date.now() - started} ms`;
    }
    expect(totals.requests).toBeGreaterThanOrEqual(10_000 * RUNS);
  }, 600_000);
});
