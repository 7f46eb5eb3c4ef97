import type { IssueCategory } from "../../machines";
import { auditEntryData } from "./audit.server";
import { newConcernRef, openChildConcern } from "./concerns.server";
import { londonDate } from "./dates";
import { getPrisma } from "./db.server";
import { formatDate } from "./format";
import type { SessionUser } from "./session.server";

// Staff log a concern on the family's behalf when it reached them by phone, letter, email or in
// person (docs/decisions/020). It goes through the same code as a concern raised online
// (openChildConcern → openConcern → the machines) with the TRUE receipt date, so every clock
// starts from first contact; the channel and who logged it are recorded on the concern.

import { CHANNELS, type Channel } from "./ways-in-options";
export { CHANNELS, CHANNEL_VALUES, type Channel } from "./ways-in-options";
export const CHANNEL_LABEL: Record<string, string> = { online: "Raised online", ...Object.fromEntries(CHANNELS.map((c) => [c.value, c.label])) };

/** A child of the staff member's setting with the people who may be the concern's raiser (linked family, the young person). */
export async function childForLogging(settingId: string, childId: string) {
  const prisma = await getPrisma();
  return prisma.child.findFirst({
    where: { id: childId, settingId, erasedAt: null },
    select: {
      id: true,
      givenName: true,
      familyName: true,
      settingId: true,
      localAreaId: true,
      setting: { select: { name: true, schoolTerms: true } },
      guardians: { where: { user: { active: true } }, select: { relationship: true, linkedAt: true, user: { select: { id: true, name: true } } } },
      youngPersonUser: { select: { id: true, name: true, active: true } },
    },
  });
}

export async function childrenOfSetting(settingId: string) {
  const prisma = await getPrisma();
  return prisma.child.findMany({
    where: { settingId, erasedAt: null },
    select: { id: true, givenName: true, familyName: true, dateOfBirth: true },
    orderBy: [{ familyName: "asc" }, { givenName: "asc" }],
  });
}

export interface LoggedConcernInput {
  childId: string;
  raisedById: string;
  channel: Channel;
  receivedOn: string;
  categories: IssueCategory[];
  summary: string;
  healthInvolved: boolean;
}

export type LogResult = { ok: true; concernRef: string; caseIds: string[] } | { ok: false; field: "childId" | "raisedById" | "receivedOn"; message: string };

export async function logConcernForFamily(staff: Pick<SessionUser, "id" | "name" | "settingId">, input: LoggedConcernInput, request?: Request): Promise<LogResult> {
  if (!staff.settingId) return { ok: false, field: "childId", message: "Select the child or young person" };
  const child = await childForLogging(staff.settingId, input.childId);
  if (!child) return { ok: false, field: "childId", message: "Select the child or young person" };
  const guardian = child.guardians.find((g) => g.user.id === input.raisedById);
  const youngPerson = child.youngPersonUser?.active && child.youngPersonUser.id === input.raisedById ? child.youngPersonUser : null;
  if (!guardian && !youngPerson) return { ok: false, field: "raisedById", message: "Select who raised the concern" };
  if (input.receivedOn > londonDate()) return { ok: false, field: "receivedOn", message: "The date it was received must be today or in the past" };
  const linkedOn = guardian ? guardian.linkedAt.toISOString().slice(0, 10) : null;
  if (linkedOn && input.receivedOn < linkedOn) {
    return { ok: false, field: "receivedOn", message: `The date it was received cannot be before ${guardian?.user.name} was linked to the child (${formatDate(linkedOn)})` };
  }
  const prisma = await getPrisma();
  const raiser = guardian?.user ?? youngPerson!;
  for (let attempt = 0; ; attempt++) {
    const concernRef = newConcernRef(Number(input.receivedOn.slice(0, 4)));
    try {
      const { concern, cases } = await openChildConcern(
        prisma,
        concernRef,
        child,
        raiser.id,
        {
          categories: input.categories,
          summary: input.summary,
          healthInvolved: input.healthInvolved,
          receivedOn: input.receivedOn,
          receivedVia: input.channel,
          loggedById: staff.id,
        },
        { kind: "user", userId: staff.id, name: staff.name },
      );
      await prisma.auditEntry.create({
        data: auditEntryData(
          {
            action: "concern.logged-for-family",
            actorId: staff.id,
            targetType: "concern",
            targetId: concern.id,
            subjectUserId: raiser.id,
            details: { ref: concern.ref, channel: input.channel, receivedOn: input.receivedOn },
          },
          request,
        ),
      });
      return { ok: true, concernRef: concern.ref, caseIds: cases.map((c) => c.id) };
    } catch (error) {
      if (attempt < 3 && (error as { code?: string }).code === "P2002") continue;
      throw error;
    }
  }
}
