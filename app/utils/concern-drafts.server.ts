import type { Prisma } from "../../generated/prisma/client";
import { clockKey, viewCase } from "../../machines";
import { DraftAlreadySent } from "./cases.server";
import { concernText, firstUnanswered, STEP_SCHEMAS, stepsFor, type DraftAnswers, type JourneyContext, type Step } from "./concern-journey";
import { raiseConcernForChild } from "./concerns.server";
import { getPrisma } from "./db.server";
import { ISSUE_CATEGORY_NAMES } from "./issue-categories";
import { CATEGORY_FOR_OUTCOME, challengeableDecisions, challengeableRecordVersion } from "./register-challenges.server";
import { childrenOfUser } from "./representation-scope";
import type { SessionUser } from "./session.server";

// The server side of the raise-a-concern journey (docs/decisions/025): drafts saved after every
// question page, only ever read by their author, expiring DRAFT_DAYS after they were last saved;
// and sending a draft, once, through the same openConcern write as before.

export const DRAFT_DAYS = 28;
const DAY_MS = 86_400_000;

type JourneyUser = Pick<SessionUser, "id" | "name" | "roles">;

export async function childrenOf(userId: string) {
  const prisma = await getPrisma();
  const rows = await prisma.child.findMany({
    where: childrenOfUser(userId),
    select: { id: true, givenName: true, familyName: true, setting: { select: { name: true } } },
    orderBy: { givenName: "asc" },
  });
  return rows.map((c) => ({ id: c.id, name: `${c.givenName} ${c.familyName}`, setting: c.setting.name }));
}

/** What the pages need: the person's children, and the register decisions about the chosen one. */
export async function journeyContext(user: JourneyUser, answers: DraftAnswers): Promise<JourneyContext> {
  const children = await childrenOf(user.id);
  const childId = children.some((c) => c.id === answers.childId) ? answers.childId : undefined;
  const decisions = childId ? await challengeableDecisions([childId]) : [];
  const recordVersion = childId ? await challengeableRecordVersion([childId], answers.challengesRecordVersionId ?? null) : null;
  return {
    children,
    decisions: decisions.map((d) => ({ value: d.id, label: d.label })),
    recordVersion: recordVersion ? { id: recordVersion.id, label: recordVersion.label } : null,
    youngPerson: user.roles.some((r) => r.name === "young-person"),
  };
}

const expiry = (from = new Date()) => new Date(from.getTime() + DRAFT_DAYS * DAY_MS);

/**
 * A new draft. Coming from the register page the link names the child, the decision or record
 * and what the concern is about: each is kept only if it is about one of the person's children.
 */
export async function createDraft(user: JourneyUser, preset: { childId?: string | null; decision?: string | null; recordVersion?: string | null; category?: string | null }) {
  const children = await childrenOf(user.id);
  const childIds = children.map((c) => c.id);
  const decision = preset.decision ? (await challengeableDecisions(childIds)).find((d) => d.id === preset.decision) : undefined;
  const recordVersion = await challengeableRecordVersion(childIds, preset.recordVersion ?? null);
  const childId = decision?.childId ?? recordVersion?.childId ?? children.find((c) => c.id === preset.childId)?.id ?? (children.length === 1 ? children[0]?.id : undefined);
  const category =
    ISSUE_CATEGORY_NAMES.find((c) => c === preset.category) ?? (decision ? CATEGORY_FOR_OUTCOME[decision.outcome] : recordVersion ? "record-not-co-constructed" : undefined);
  const answers: DraftAnswers = {
    ...(childId ? { childId } : {}),
    ...(category ? { categories: [category] } : {}),
    ...(decision && decision.childId === childId ? { challengesDecisionId: decision.id } : {}),
    ...(recordVersion && recordVersion.childId === childId ? { challengesRecordVersionId: recordVersion.id } : {}),
    // With one child there is no question to answer; coming from a child's register page neither.
    answered: childId && (children.length === 1 || preset.childId || decision || recordVersion) ? ["child"] : [],
  };
  const prisma = await getPrisma();
  return prisma.concernDraft.create({ data: { userId: user.id, answers: answers as Prisma.InputJsonValue, expiresAt: expiry() }, select: { id: true } });
}

/** The person's own unsent draft, or null (someone else's, sent, expired or missing: the same answer). */
export async function findDraft(userId: string, id: string) {
  const prisma = await getPrisma();
  const row = await prisma.concernDraft.findFirst({ where: { id, userId, expiresAt: { gt: new Date() } }, select: { id: true, answers: true, concernRef: true, updatedAt: true } });
  return row ? { ...row, answers: (row.answers ?? {}) as DraftAnswers } : null;
}

export async function saveAnswers(userId: string, id: string, answers: DraftAnswers) {
  const prisma = await getPrisma();
  const saved = await prisma.concernDraft.updateMany({ where: { id, userId, concernRef: null }, data: { answers: answers as Prisma.InputJsonValue, expiresAt: expiry() } });
  return saved.count === 1;
}

export async function deleteDraft(userId: string, id: string) {
  const prisma = await getPrisma();
  const deleted = await prisma.concernDraft.deleteMany({ where: { id, userId, concernRef: null } });
  return deleted.count === 1;
}

/** The person's unsent drafts for the home page, newest first; expired ones are deleted on the way. */
export async function unsentDrafts(user: JourneyUser) {
  const prisma = await getPrisma();
  await prisma.concernDraft.deleteMany({ where: { userId: user.id, expiresAt: { lte: new Date() } } });
  const rows = await prisma.concernDraft.findMany({
    where: { userId: user.id, concernRef: null },
    orderBy: { updatedAt: "desc" },
    select: { id: true, answers: true, updatedAt: true, expiresAt: true },
  });
  if (!rows.length) return [];
  const children = await childrenOf(user.id);
  return rows.map((row) => {
    const answers = (row.answers ?? {}) as DraftAnswers;
    return { id: row.id, child: children.find((c) => c.id === answers.childId)?.name ?? null, savedAt: row.updatedAt, expiresAt: row.expiresAt };
  });
}

export type SendResult = { status: "sent"; ref: string } | { status: "incomplete"; step: Step } | { status: "gone" };

/** Checks every answer again (the child, the decision, each page's schema) and sends the concern, once. */
export async function sendDraft(user: JourneyUser, id: string): Promise<SendResult> {
  const draft = await findDraft(user.id, id);
  if (!draft) return { status: "gone" };
  if (draft.concernRef) return { status: "sent", ref: draft.concernRef };
  const answers = draft.answers;
  const ctx = await journeyContext(user, answers);
  const unanswered = firstUnanswered(answers, ctx);
  if (unanswered !== "check") return { status: "incomplete", step: unanswered };
  // Not one of their children (any more): ask again, as if never answered.
  if (!ctx.children.some((c) => c.id === answers.childId)) return { status: "incomplete", step: stepsFor(ctx)[0] ?? "child" };
  if (answers.challengesDecisionId && !ctx.decisions.some((d) => d.value === answers.challengesDecisionId)) return { status: "incomplete", step: "decision" };
  for (const step of stepsFor(ctx)) {
    if (step === "child" || step === "decision") continue;
    if (!STEP_SCHEMAS[step].safeParse(postedFor(step, answers)).success) return { status: "incomplete", step };
  }
  try {
    const { concern } = await raiseConcernForChild(
      {
        childId: answers.childId as string,
        categories: answers.categories ?? [],
        summary: concernText(answers),
        healthInvolved: answers.healthInvolved === "yes",
        awarenessDate: answers.awarenessDate ?? undefined,
        challengesDecisionId: answers.challengesDecisionId ?? undefined,
        challengesRecordVersionId: ctx.recordVersion?.id,
        draftId: id,
      },
      user,
    );
    return { status: "sent", ref: concern.ref };
  } catch (error) {
    if (!(error instanceof DraftAlreadySent)) throw error;
    const again = await findDraft(user.id, id);
    return again?.concernRef ? { status: "sent", ref: again.concernRef } : { status: "gone" };
  }
}

/** A saved answer as its page would post it, so each page's schema checks it again before sending. */
export function postedFor(step: Step, answers: DraftAnswers): Record<string, unknown> {
  switch (step) {
    case "child":
      return { childId: answers.childId };
    case "about":
      return { categories: answers.categories };
    case "decision":
      return { challengesDecisionId: answers.challengesDecisionId ?? "none" };
    case "details":
      return { summary: answers.summary };
    case "outcome":
      return { outcomeWanted: answers.outcomeWanted ?? "" };
    case "health":
      return { healthInvolved: answers.healthInvolved };
    case "aware":
      return { awarenessDate: answers.awarenessDate ?? "" };
  }
}

/** The sent concern for the confirmation page: its cases, and when the setting must acknowledge. */
export async function sentConcern(userId: string, id: string) {
  const prisma = await getPrisma();
  const draft = await prisma.concernDraft.findFirst({ where: { id, userId, concernRef: { not: null } }, select: { concernRef: true } });
  if (!draft?.concernRef) return null;
  const concern = await prisma.concern.findUnique({
    where: { ref: draft.concernRef },
    select: {
      ref: true,
      raisedById: true,
      setting: { select: { name: true } },
      cases: { select: { id: true, ref: true, route: true, machineId: true, machineVersion: true, snapshot: true }, orderBy: { ref: "asc" } },
    },
  });
  // The confirmation is for the person who sent it (a draft is only ever theirs).
  if (!concern || concern.raisedById !== userId) return null;
  const acknowledgeBy = concern.cases
    .map((row) => viewCase(row).deadlines.find((deadline) => deadline.key === clockKey.acknowledge(1))?.dueOn)
    .filter((d): d is string => Boolean(d))
    .sort()[0];
  return { ref: concern.ref, setting: concern.setting.name, cases: concern.cases.map((c) => ({ id: c.id, ref: c.ref, route: c.route })), acknowledgeBy: acknowledgeBy ?? null };
}
