import crypto from "node:crypto";
import { triageConcern } from "../../machines/triage";
import type { IssueCategory } from "../../machines/route";
import { openConcern } from "./cases.server";
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

export interface RaiseConcernInput {
  childId: string;
  categories: IssueCategory[];
  summary: string;
  healthInvolved: boolean;
  awarenessDate?: string;
  receivedOn?: string;
}

export async function raiseConcernForChild(input: RaiseConcernInput, user: Pick<SessionUser, "id" | "name">) {
  const prisma = await getPrisma();
  const child = await prisma.child.findUniqueOrThrow({ where: { id: input.childId }, select: { settingId: true, localAreaId: true, setting: { select: { name: true } } } });
  const receivedOn = input.receivedOn ?? londonDate();
  for (let attempt = 0; ; attempt++) {
    const concernRef = newConcernRef(Number(receivedOn.slice(0, 4)));
    const cases = triageConcern({
      concernRef,
      receivedOn,
      settingId: child.settingId,
      settingName: child.setting.name,
      localAreaId: child.localAreaId,
      healthInvolved: input.healthInvolved,
      awarenessDate: input.awarenessDate,
      issues: input.categories.map((category, i) => ({ id: `issue-${i + 1}`, category, summary: ISSUE_CATEGORY_TEXT[category].label })),
    });
    try {
      return await openConcern(concernRef, { childId: input.childId, raisedById: user.id, summary: input.summary, receivedOn, cases }, { kind: "user", userId: user.id, name: user.name });
    } catch (error) {
      // A reference collision (1 in ~10^9) is retried with a new reference; anything else is real.
      if (attempt < 3 && (error as { code?: string }).code === "P2002") continue;
      throw error;
    }
  }
}
