import crypto from "node:crypto";
import { z } from "zod";
import { triageConcern, type CalendarSpec, type IssueCategory } from "../../machines";
import type { PrismaClient } from "../../generated/prisma/client";
import { openConcern, type EventAuthor } from "./cases.server";
import { londonDate } from "./dates";
import { getPrisma } from "./db.server";
import { ISSUE_CATEGORY_TEXT } from "./issue-categories";
import type { SessionUser } from "./session.server";

// Reference numbers people can read out on the phone: no 0/O or 1/I.
const REF_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function newConcernRef(year: number, random: (n: number) => Buffer = crypto.randomBytes): string {
  const bytes = random(6);
  const code = [...bytes].map((b) => REF_ALPHABET[b % REF_ALPHABET.length]).join("");
  return `RC-${year}-${code}`;
}

export interface ConcernDetails {
  categories: IssueCategory[];
  summary: string;
  healthInvolved: boolean;
  receivedOn: string;
  awarenessDate?: string;
  /** The register decision or record version the concern challenges (docs/decisions/021). */
  challengesDecisionId?: string;
  challengesRecordVersionId?: string;
  receivedVia?: string;
  loggedById?: string;
  /** The draft the concern was written in, marked sent in the same transaction (docs/decisions/025). */
  draftId?: string;
}

export interface ConcernChild {
  id: string;
  settingId: string;
  localAreaId: string;
  setting: { name: string; schoolTerms: unknown };
}

const termsSchema = z.array(z.object({ start: z.iso.date(), end: z.iso.date() })).min(1);

/** The calendar the setting answers in: its own school days when it has term dates, else working days. */
export function settingCalendar(settingId: string, schoolTerms: unknown): CalendarSpec {
  if (schoolTerms === null || schoolTerms === undefined) return { kind: "england-and-wales" };
  const terms = termsSchema.safeParse(schoolTerms);
  if (!terms.success) throw new Error(`Setting ${settingId} has malformed term dates: ${terms.error.issues[0]?.message}`);
  return { kind: "school", settingId, terms: terms.data };
}

/** Splits a child's concern into one case per route (triage) and opens them in one transaction. */
export function openChildConcern(prisma: PrismaClient, concernRef: string, child: ConcernChild, raisedById: string, details: ConcernDetails, actor: EventAuthor) {
  const cases = triageConcern({
    concernRef,
    receivedOn: details.receivedOn,
    settingId: child.settingId,
    settingName: child.setting.name,
    localAreaId: child.localAreaId,
    calendar: settingCalendar(child.settingId, child.setting.schoolTerms),
    healthInvolved: details.healthInvolved,
    awarenessDate: details.awarenessDate,
    issues: details.categories.map((category, i) => ({ id: `issue-${i + 1}`, category, summary: ISSUE_CATEGORY_TEXT[category].label })),
  });
  return openConcern(
    concernRef,
    {
      childId: child.id,
      raisedById,
      summary: details.summary,
      receivedOn: details.receivedOn,
      cases,
      challengesDecisionId: details.challengesDecisionId,
      challengesRecordVersionId: details.challengesRecordVersionId,
      receivedVia: details.receivedVia,
      loggedById: details.loggedById,
      draftId: details.draftId,
    },
    actor,
    prisma,
  );
}

export type RaiseConcernInput = Omit<ConcernDetails, "receivedOn"> & { childId: string; receivedOn?: string };

export async function raiseConcernForChild(input: RaiseConcernInput, user: Pick<SessionUser, "id" | "name">) {
  const prisma = await getPrisma();
  const child = await prisma.child.findUniqueOrThrow({
    where: { id: input.childId },
    select: { id: true, settingId: true, localAreaId: true, setting: { select: { name: true, schoolTerms: true } } },
  });
  const details = { ...input, receivedOn: input.receivedOn ?? londonDate() };
  for (let attempt = 0; ; attempt++) {
    const concernRef = newConcernRef(Number(details.receivedOn.slice(0, 4)));
    try {
      return await openChildConcern(prisma, concernRef, child, user.id, details, { kind: "user", userId: user.id, name: user.name });
    } catch (error) {
      // A reference collision (1 in ~10^9) is retried with a new reference; anything else is real.
      if (attempt < 3 && (error as { code?: string }).code === "P2002") continue;
      throw error;
    }
  }
}
