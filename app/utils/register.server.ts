import crypto from "node:crypto";
import {
  allowedOutcomes,
  applyRegisterRequestEvent,
  decideRegister,
  replayRegister,
  startRegisterRequest,
  statusAfter,
  viewCase,
  type PersistedRegisterRequest,
  type RegisterDecisionEvent,
  type RegisterEntryContext,
  type RegisterOutcome,
} from "../../machines";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { applyCaseEventInTransaction, persistedOf } from "./cases.server";
import { settingCalendar } from "./concerns.server";
import { dateColumn, isoFromDateColumn, londonDate } from "./dates";
import { getPrisma } from "./db.server";
import { ILLUSTRATIVE_FRAMEWORK, type FrameworkItemInput } from "./framework-catalogue";
import { publishCount, publishRate, type Published } from "./disclosure";
import { accessLevels, type Access, type Action } from "./permissions";
import { queueDecisionRecorded, queueRecordAwaitingConfirmation, queueRequestReceived } from "./register-emails.server";
import type { Participant, Partner, RecordContent } from "./register-forms";
import type { SessionUser } from "./session.server";

// The register as records (docs/decisions/021): decisions and reviews (append-only), requests for
// consideration (timed by machines/register.machine.ts), the development record (append-only
// versions with partner confirmations) and the National Framework catalogue. Rules come from the
// machine; this module records what it decided, one transaction per change.

type Db = PrismaClient | Prisma.TransactionClient;
type UserActor = { userId: string; name: string };

const REF_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const newRef = (prefix: string, date: string) => `${prefix}-${date.slice(0, 4)}-${[...crypto.randomBytes(6)].map((b) => REF_ALPHABET[b % REF_ALPHABET.length]).join("")}`;

// ───────────────────────────── Who may see and do what ─────────────────────────────

const NOTHING: Prisma.ChildWhereInput = { id: { in: [] } };

function childScopeFor(access: Access, user: SessionUser): Prisma.ChildWhereInput {
  switch (access) {
    case "any":
      return {};
    case "own":
      return { OR: [{ guardians: { some: { userId: user.id } } }, { youngPersonUserId: user.id }] };
    case "setting":
      return user.settingId ? { settingId: user.settingId } : NOTHING;
    case "area":
    case "health":
      return user.localAreaId ? { localAreaId: user.localAreaId } : NOTHING;
    default:
      return NOTHING;
  }
}

/** Children whose register entry the user may `action`: ownership is part of the query. */
export function registerScope(user: SessionUser, action: Action): Prisma.ChildWhereInput {
  const levels = accessLevels(user, action, "register");
  if (levels.length === 0) return NOTHING;
  return { OR: levels.map((level) => childScopeFor(level, user)) };
}

/** The capacity in which a user works on a register entry they reach. */
export function registerCapacity(user: SessionUser): "family" | "setting" | "local-service" | "health" | "social-care" | null {
  const names = user.roles.map((r) => r.name);
  if (names.includes("setting-staff")) return "setting";
  if (names.includes("health-partner")) return "health";
  if (names.includes("social-care")) return "social-care";
  if (names.includes("local-officer")) return "local-service";
  if (names.includes("family") || names.includes("young-person")) return "family";
  return null;
}

export async function childInScope(user: SessionUser, childId: string, action: Action, db?: Db) {
  const prisma = db ?? (await getPrisma());
  return prisma.child.findFirst({
    where: { AND: [{ id: childId }, registerScope(user, action)] },
    select: {
      id: true,
      givenName: true,
      familyName: true,
      registerRef: true,
      registerStatus: true,
      nextReviewOn: true,
      settingId: true,
      localAreaId: true,
      youngPersonUserId: true,
      setting: { select: { name: true, schoolTerms: true } },
    },
  });
}

// ───────────────────────────── The National Framework ─────────────────────────────

export async function currentFramework(db?: Db) {
  const prisma = db ?? (await getPrisma());
  return prisma.frameworkVersion.findFirst({ orderBy: { number: "desc" }, include: { items: { orderBy: { position: "asc" } } } });
}

/** Codes a finding may cite: every item of the current version. */
export async function knownStandardCodes(db?: Db): Promise<string[] | undefined> {
  const framework = await currentFramework(db);
  return framework?.items.map((i) => i.code);
}

export async function publishFramework(
  input: { changeSummary: string; illustrative: boolean; items: FrameworkItemInput[]; publishedOn: string },
  publishedById: string | null,
  db?: PrismaClient,
) {
  const prisma = db ?? (await getPrisma());
  return prisma.$transaction(async (tx) => {
    const last = await tx.frameworkVersion.findFirst({ orderBy: { number: "desc" }, select: { number: true } });
    const number = (last?.number ?? 0) + 1;
    return tx.frameworkVersion.create({
      data: {
        number,
        title: input.illustrative ? `National Framework, version ${number} (illustrative)` : `National Framework, version ${number}`,
        illustrative: input.illustrative,
        changeSummary: input.changeSummary,
        publishedOn: dateColumn(input.publishedOn),
        publishedById,
        items: { create: input.items.map((item, position) => ({ ...item, position })) },
      },
    });
  });
}

/** The first, illustrative catalogue, when none has been published (seed and tests). */
export async function ensureFramework(db?: PrismaClient, publishedOn = "2025-09-01") {
  const prisma = db ?? (await getPrisma());
  if (await prisma.frameworkVersion.count()) return;
  await publishFramework({ changeSummary: ILLUSTRATIVE_FRAMEWORK.changeSummary, illustrative: true, items: [...ILLUSTRATIVE_FRAMEWORK.items], publishedOn }, null, prisma);
}

// ───────────────────────────── Register history ─────────────────────────────

const decisionOrder = [{ decidedOn: "asc" }, { createdAt: "asc" }] satisfies Prisma.RegisterDecisionOrderByWithRelationInput[];

const asEvent = (d: { kind: "decision" | "review"; outcome: RegisterOutcome; decidedOn: Date; nextReviewOn: Date | null }): RegisterDecisionEvent => ({
  type: "DECIDE",
  kind: d.kind,
  outcome: d.outcome,
  decidedOn: isoFromDateColumn(d.decidedOn),
  ...(d.nextReviewOn ? { nextReviewOn: isoFromDateColumn(d.nextReviewOn) } : {}),
});

/** Where the child stands, replayed from their decisions through the machine. */
export async function registerEntry(childId: string, db?: Db): Promise<RegisterEntryContext> {
  const prisma = db ?? (await getPrisma());
  const decisions = await prisma.registerDecision.findMany({
    where: { childId },
    orderBy: decisionOrder,
    select: { kind: true, outcome: true, decidedOn: true, nextReviewOn: true },
  });
  return replayRegister(decisions.map(asEvent));
}

export async function outcomesAllowed(childId: string, db?: Db): Promise<RegisterOutcome[]> {
  const entry = await registerEntry(childId, db);
  return [...new Set([...allowedOutcomes(entry, "review"), ...allowedOutcomes(entry, "decision")])];
}

export interface RegisterRemedy {
  value: string;
  caseId: string;
  caseRef: string;
  remedyId: string;
  kind: "register-review" | "record-revision";
  description: string;
  dueOn: string;
  challengedDecisionId: string | null;
}

/** Open "retake the register decision" / "revise the development record" remedies about this child that the setting owes. */
export async function openRegisterRemedies(childId: string, kinds: RegisterRemedy["kind"][], db?: Db): Promise<RegisterRemedy[]> {
  const prisma = db ?? (await getPrisma());
  const cases = await prisma.case.findMany({
    where: { concern: { childId }, status: { not: "closed" } },
    select: { id: true, ref: true, machineId: true, machineVersion: true, snapshot: true, concern: { select: { challengesDecisionId: true } } },
    orderBy: { createdAt: "asc" },
  });
  const remedies: RegisterRemedy[] = [];
  for (const row of cases) {
    for (const remedy of viewCase(persistedOf(row)).remedies) {
      if (remedy.status !== "open" || !(kinds as string[]).includes(remedy.kind) || !remedy.owedBy.includes("setting")) continue;
      remedies.push({
        value: `${row.id}:${remedy.id}`,
        caseId: row.id,
        caseRef: row.ref,
        remedyId: remedy.id,
        kind: remedy.kind as RegisterRemedy["kind"],
        description: remedy.description,
        dueOn: remedy.dueOn,
        challengedDecisionId: row.concern.challengesDecisionId,
      });
    }
  }
  return remedies;
}

export class RegisterRefusal extends Error {
  override name = "RegisterRefusal";
}

export interface DecisionInput {
  childId: string;
  outcome: RegisterOutcome;
  decidedOn: string;
  nextReviewOn?: string;
  participants: Participant[];
  evidence: string;
  reasons: { code: string; reason: string }[];
  summary: string;
  remedyCaseId?: string;
  remedyId?: string;
}

/**
 * Records a register decision or review in one transaction: the machine checks it against the
 * child's history; the child's denormalised status and next review are rewritten; an open request
 * for consideration is answered; a remedy it carries out is marked done on its case, linking the
 * new decision to the one it retakes (the overturn rate).
 */
export async function recordRegisterDecision(input: DecisionInput, actor: UserActor, options: { now?: Date; db?: PrismaClient } = {}) {
  const prisma = options.db ?? (await getPrisma());
  const now = options.now ?? new Date();
  return prisma.$transaction((tx) => recordRegisterDecisionInTransaction(tx, input, actor, { now }), { timeout: 30_000, maxWait: 30_000 });
}

type Framework = NonNullable<Awaited<ReturnType<typeof currentFramework>>>;

/** The same, inside a transaction the caller holds (the demo seed batches many); `framework` may be passed to skip reloading it. */
export async function recordRegisterDecisionInTransaction(tx: Prisma.TransactionClient, input: DecisionInput, actor: UserActor, options: { now: Date; framework?: Framework }) {
  const now = options.now;
  const [child] = await tx.$queryRaw<{ settingId: string; localAreaId: string }[]>`SELECT "settingId", "localAreaId" FROM "Child" WHERE id = ${input.childId} FOR UPDATE`;
  if (!child) throw new RegisterRefusal("No such child.");
  const framework = options.framework ?? (await currentFramework(tx));
  if (!framework) throw new RegisterRefusal("No National Framework has been published yet.");
  const criteria = new Set(framework.items.filter((i) => i.kind === "criterion").map((i) => i.code));
  const unknown = input.reasons.find((r) => !criteria.has(r.code));
  if (unknown) throw new RegisterRefusal(`${unknown.code} is not a register criterion in the current National Framework.`);
  if (input.reasons.length === 0) throw new RegisterRefusal("A register decision needs at least one reason tied to a register criterion.");
  const kind = input.outcome === "confirm" || input.outcome === "change" ? "review" : "decision";
  const event: RegisterDecisionEvent = {
    type: "DECIDE",
    kind,
    outcome: input.outcome,
    decidedOn: input.decidedOn,
    ...(input.nextReviewOn ? { nextReviewOn: input.nextReviewOn } : {}),
  };
  let entry: RegisterEntryContext;
  try {
    entry = decideRegister(await registerEntry(input.childId, tx), event);
  } catch (error) {
    throw new RegisterRefusal(error instanceof Error ? error.message : String(error));
  }

  let retakes: { id: string; statusAfter: string } | null = null;
  if (input.remedyCaseId && input.remedyId) {
    const remedy = (await openRegisterRemedies(input.childId, ["register-review"], tx)).find((r) => r.caseId === input.remedyCaseId && r.remedyId === input.remedyId);
    if (!remedy) throw new RegisterRefusal("That remedy is not open, or is not a retaking of this child's register decision.");
    retakes = remedy.challengedDecisionId
      ? await tx.registerDecision.findUnique({ where: { id: remedy.challengedDecisionId }, select: { id: true, statusAfter: true } })
      : await tx.registerDecision.findFirst({
          where: { childId: input.childId },
          orderBy: [{ decidedOn: "desc" }, { createdAt: "desc" }],
          select: { id: true, statusAfter: true },
        });
  }

  const ref = newRef("RD", input.decidedOn);
  const decision = await tx.registerDecision.create({
    data: {
      ref,
      childId: input.childId,
      settingId: child.settingId,
      localAreaId: child.localAreaId,
      kind,
      outcome: input.outcome,
      statusAfter: statusAfter(input.outcome),
      decidedOn: dateColumn(input.decidedOn),
      nextReviewOn: input.nextReviewOn ? dateColumn(input.nextReviewOn) : null,
      participants: input.participants as unknown as Prisma.InputJsonValue,
      evidence: input.evidence,
      reasons: input.reasons as unknown as Prisma.InputJsonValue,
      summary: input.summary,
      frameworkVersionId: framework.id,
      retakesDecisionId: retakes?.id ?? null,
      remedyCaseId: retakes ? input.remedyCaseId : null,
      remedyId: retakes ? input.remedyId : null,
      overturned: retakes ? retakes.statusAfter !== statusAfter(input.outcome) : null,
      recordedById: actor.userId,
      recordedByLabel: actor.name,
    },
  });
  await tx.child.update({ where: { id: input.childId }, data: { registerStatus: entry.status, nextReviewOn: entry.nextReviewOn ? dateColumn(entry.nextReviewOn) : null } });

  // A decision on whether to place answers the child's open request, if there is one.
  let answered: { requestedById: string; receivedOn: Date } | null = null;
  if (input.outcome === "place" || input.outcome === "not_place") {
    const request = await tx.registerRequest.findFirst({ where: { childId: input.childId, status: { in: ["awaiting_decision", "overdue"] } }, orderBy: { receivedOn: "asc" } });
    if (request) {
      const step = applyRegisterRequestEvent(request.snapshot as unknown as PersistedRegisterRequest, {
        type: "DECIDE",
        at: input.decidedOn >= isoFromDateColumn(request.receivedOn) ? input.decidedOn : londonDate(now),
        outcome: input.outcome,
        decisionRef: ref,
      });
      await tx.registerRequest.update({
        where: { id: request.id },
        data: { status: "decided", snapshot: step.persisted as unknown as Prisma.InputJsonValue, decisionId: decision.id, claimedUntil: null },
      });
      answered = { requestedById: request.requestedById, receivedOn: request.receivedOn };
    }
  }
  await queueDecisionRecorded(tx, { ...decision, reasons: input.reasons }, framework.items, answered);
  if (retakes && input.remedyCaseId && input.remedyId) {
    await applyCaseEventInTransaction(
      tx,
      input.remedyCaseId,
      {
        type: "REMEDY_DONE",
        at: now.toISOString(),
        remedyId: input.remedyId,
        evidence: `Register decision retaken: ${ref}, ${OUTCOME_WORDS[input.outcome]} (decided ${input.decidedOn}).`,
      },
      { kind: "user", ...actor },
    );
  }
  return decision;
}

const OUTCOME_WORDS: Record<RegisterOutcome, string> = {
  place: "placed on the register",
  not_place: "not placed on the register",
  remove: "removed from the register",
  confirm: "review: support confirmed",
  change: "review: support changed",
};

// ───────────────────────────── Requests for consideration ─────────────────────────────

export async function requestConsideration(
  input: { childId: string; reasons: string; requesterKind: "family" | "young-person" | "professional"; receivedOn?: string },
  actor: UserActor,
  db?: PrismaClient,
) {
  const prisma = db ?? (await getPrisma());
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Child" WHERE id = ${input.childId} FOR UPDATE`;
    const child = await tx.child.findUniqueOrThrow({
      where: { id: input.childId },
      select: { settingId: true, localAreaId: true, registerStatus: true, setting: { select: { schoolTerms: true } } },
    });
    if (child.registerStatus === "on_register") throw new RegisterRefusal("The child is already on the register.");
    if (await tx.registerRequest.count({ where: { childId: input.childId, status: { in: ["awaiting_decision", "overdue"] } } })) {
      throw new RegisterRefusal("The setting is already considering a request for this child.");
    }
    const receivedOn = input.receivedOn ?? londonDate();
    const ref = newRef("RQ", receivedOn);
    const step = startRegisterRequest({ ref, receivedOn, calendar: settingCalendar(child.settingId, child.setting.schoolTerms) });
    const request = await tx.registerRequest.create({
      data: {
        ref,
        childId: input.childId,
        settingId: child.settingId,
        localAreaId: child.localAreaId,
        requestedById: actor.userId,
        requesterKind: input.requesterKind,
        reasons: input.reasons,
        receivedOn: dateColumn(receivedOn),
        dueOn: dateColumn(step.context.dueOn),
        calendar: step.context.calendarId,
        snapshot: step.persisted as unknown as Prisma.InputJsonValue,
      },
    });
    await queueRequestReceived(tx, request);
    return request;
  });
}

/**
 * The sweeper's hook for requests (docs/decisions/021): requests still awaiting a decision after
 * their due day get the machine's DEADLINE_MISSED and become overdue, exactly once (the row is
 * locked with SKIP LOCKED and its status flips in the same transaction). Set-based: one
 * transaction per batch. Called by the server's interval job and `npm run sweep`.
 */
export async function sweepRegisterRequests(options: { now?: Date; prisma?: PrismaClient; batchSize?: number } = {}): Promise<{ overdue: number }> {
  const prisma = options.prisma ?? (await getPrisma());
  const now = options.now ?? new Date();
  const today = londonDate(now);
  const batchSize = options.batchSize ?? 100;
  let overdue = 0;
  for (;;) {
    const fired = await prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; snapshot: unknown }[]>`
        SELECT id, snapshot FROM "RegisterRequest"
        WHERE status = 'awaiting_decision' AND "dueOn" < ${today}::date
        ORDER BY "dueOn", id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
      for (const row of rows) {
        const step = applyRegisterRequestEvent(row.snapshot as PersistedRegisterRequest, { type: "DEADLINE_MISSED", at: now.toISOString(), key: "register-request.decision" });
        await tx.registerRequest.update({ where: { id: row.id }, data: { status: "overdue", snapshot: step.persisted as unknown as Prisma.InputJsonValue } });
      }
      return rows.length;
    });
    overdue += fired;
    if (fired < batchSize) return { overdue };
  }
}

// ───────────────────────────── The development record ─────────────────────────────

/** A new version of the child's record (the first creates the record). Versions are never edited. */
export async function saveRecordVersion(
  input: { childId: string; content: RecordContent; changeSummary: string; remedyCaseId?: string; remedyId?: string },
  actor: UserActor,
  options: { now?: Date; db?: PrismaClient } = {},
) {
  const prisma = options.db ?? (await getPrisma());
  const now = options.now ?? new Date();
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Child" WHERE id = ${input.childId} FOR UPDATE`;
      const child = await tx.child.findUniqueOrThrow({ where: { id: input.childId }, select: { settingId: true } });
      const record = await tx.developmentRecord.upsert({ where: { childId: input.childId }, create: { childId: input.childId, createdAt: now }, update: {} });
      const last = await tx.developmentRecordVersion.findFirst({ where: { recordId: record.id }, orderBy: { number: "desc" }, select: { number: true } });
      const version = await tx.developmentRecordVersion.create({
        data: {
          recordId: record.id,
          number: (last?.number ?? 0) + 1,
          settingId: child.settingId,
          content: input.content as unknown as Prisma.InputJsonValue,
          changeSummary: input.changeSummary,
          authorId: actor.userId,
          authorLabel: actor.name,
          createdAt: now,
        },
      });
      await queueRecordAwaitingConfirmation(tx, {
        id: version.id,
        childId: input.childId,
        authorLabel: actor.name,
        partners: input.content.support.map((s) => s.partner),
      });
      if (input.remedyCaseId && input.remedyId) {
        const open = await openRegisterRemedies(input.childId, ["record-revision"], tx);
        if (!open.some((r) => r.caseId === input.remedyCaseId && r.remedyId === input.remedyId))
          throw new RegisterRefusal("That remedy is not open, or is not a revision of this child's development record.");
        await applyCaseEventInTransaction(
          tx,
          input.remedyCaseId,
          { type: "REMEDY_DONE", at: now.toISOString(), remedyId: input.remedyId, evidence: `Development record revised: version ${version.number}.` },
          { kind: "user", ...actor },
        );
      }
      return version;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}

export async function confirmPartnerPart(
  input: { versionId: string; childId: string; partner: Partner; note: string },
  actor: UserActor,
  options: { now?: Date; db?: PrismaClient } = {},
) {
  const prisma = options.db ?? (await getPrisma());
  const version = await prisma.developmentRecordVersion.findFirst({
    where: { id: input.versionId, record: { childId: input.childId } },
    select: { id: true, content: true, recordId: true, number: true },
  });
  if (!version) throw new RegisterRefusal("That version of the record was not found.");
  const latest = await prisma.developmentRecordVersion.findFirst({ where: { recordId: version.recordId }, orderBy: { number: "desc" }, select: { id: true } });
  if (latest?.id !== version.id) throw new RegisterRefusal("The record has changed since: confirm the latest version.");
  const content = version.content as unknown as RecordContent;
  if (!content.support.some((s) => s.partner === input.partner)) throw new RegisterRefusal("This version of the record gives your service no part to confirm.");
  const already = "Your service has already confirmed its part of this version.";
  if (await prisma.partnerConfirmation.count({ where: { versionId: version.id, partner: input.partner } })) throw new RegisterRefusal(already);
  try {
    return await prisma.partnerConfirmation.create({
      data: {
        versionId: version.id,
        partner: input.partner,
        confirmedById: actor.userId,
        confirmedByLabel: actor.name,
        note: input.note || null,
        ...(options.now ? { createdAt: options.now } : {}),
      },
    });
  } catch (error) {
    // A confirmation racing this one (the unique key): the same answer.
    if ((error as { code?: string }).code === "P2002" || /unique/i.test(String((error as Error).message))) throw new RegisterRefusal(already);
    throw error;
  }
}

// ───────────────────────────── Reading a child's register page ─────────────────────────────

export async function childRegister(childId: string, db?: Db) {
  const prisma = db ?? (await getPrisma());
  const [decisions, requests, record] = await Promise.all([
    prisma.registerDecision.findMany({
      where: { childId },
      orderBy: [{ decidedOn: "desc" }, { createdAt: "desc" }],
      include: {
        framework: { select: { number: true, illustrative: true, items: { select: { code: true, title: true } } } },
        retakes: { select: { ref: true } },
        challengedBy: { select: { ref: true, cases: { select: { id: true } } } },
      },
    }),
    prisma.registerRequest.findMany({ where: { childId }, orderBy: { receivedOn: "desc" }, include: { decision: { select: { ref: true } } } }),
    prisma.developmentRecord.findUnique({
      where: { childId },
      include: { versions: { orderBy: { number: "desc" }, include: { confirmations: { orderBy: { createdAt: "asc" } } } } },
    }),
  ]);
  const settingIds = [...new Set([...decisions.map((d) => d.settingId), ...(record?.versions.map((v) => v.settingId) ?? [])])];
  const settings = await prisma.setting.findMany({ where: { id: { in: settingIds } }, select: { id: true, name: true } });
  const settingName = new Map(settings.map((s) => [s.id, s.name]));
  return { decisions, requests, record, settingName: Object.fromEntries(settingName) };
}

/** Register decisions retaken under a remedy, and how many of those changed the result. */
export async function registerOverturnFigures(where: Prisma.RegisterDecisionWhereInput = {}, db?: Db) {
  const prisma = db ?? (await getPrisma());
  const [decisions, challenged, retaken, overturned] = await Promise.all([
    prisma.registerDecision.count({ where }),
    prisma.registerDecision.count({ where: { ...where, challengedBy: { some: {} } } }),
    prisma.registerDecision.count({ where: { ...where, retakesDecisionId: { not: null } } }),
    prisma.registerDecision.count({ where: { ...where, overturned: true } }),
  ]);
  return { decisions, challenged, retaken, overturned };
}

export interface PublishedOverturnFigures {
  decisions: Published;
  challenged: Published;
  retaken: Published;
  overturned: Published;
  /** Of decisions retaken under a remedy, the share whose result changed. */
  overturnRate: Published;
  /** Of decisions made, the share challenged by a concern. */
  challengeRate: Published;
}

/**
 * The overturn figures as the patterns pages publish them (docs/decisions/011, 027): register
 * decisions and reviews made in the period (by decision date) in England or one local area;
 * counts rounded to 5, rates worked out from the unrounded counts and only on big enough bases.
 */
export async function publishedOverturnFigures(filters: { from: string; to: string; areaId?: string }, db?: Db): Promise<PublishedOverturnFigures> {
  const where: Prisma.RegisterDecisionWhereInput = {
    decidedOn: { gte: dateColumn(filters.from), lte: dateColumn(filters.to) },
    ...(filters.areaId ? { localAreaId: filters.areaId } : {}),
  };
  const f = await registerOverturnFigures(where, db);
  return {
    decisions: publishCount(f.decisions),
    challenged: publishCount(f.challenged),
    retaken: publishCount(f.retaken),
    overturned: publishCount(f.overturned),
    overturnRate: publishRate(f.overturned, f.retaken),
    challengeRate: publishRate(f.challenged, f.decisions),
  };
}
