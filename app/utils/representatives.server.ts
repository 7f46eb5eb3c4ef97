import type { Prisma } from "../../generated/prisma/client";
import { inviteUser, queueAccountEmail } from "./accounts.server";
import { auditEntryData } from "./audit.server";
import { londonDate } from "./dates";
import { getPrisma } from "./db.server";
import { publicUrl } from "./outbox.server";
import { todayAsDate } from "./representation-scope";
import type { SessionUser } from "./session.server";

// Representatives and advocates (docs/decisions/020). A parent or carer linked to a child, or a
// young person of 16 or over for themselves, names a representative and records consent with its
// scope: which child, whether they may raise and act on concerns, whether they receive the
// family's letters, and until when. Consent can be withdrawn at any time by whoever may give it,
// and the representative may step down.

/** Age at which a young person names their own representative (Children and Families Act 2014, s.80). */
export const OWN_CONSENT_AGE = 16;

function ageOn(dateOfBirth: Date, today: string): number {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const born = dateOfBirth.toISOString().slice(0, 10).split("-").map(Number) as [number, number, number];
  return y - born[0] - (m < born[1] || (m === born[1] && d < born[2]) ? 1 : 0);
}

/** Children for whom `user` may give (and withdraw) consent: linked as parent or carer, or themselves at 16+. */
export async function consentableChildren(userId: string, today = londonDate()) {
  const prisma = await getPrisma();
  const rows = await prisma.child.findMany({
    where: { erasedAt: null, OR: [{ guardians: { some: { userId } } }, { youngPersonUserId: userId }] },
    select: { id: true, givenName: true, familyName: true, dateOfBirth: true, youngPersonUserId: true },
    orderBy: { givenName: "asc" },
  });
  return rows.filter((c) => c.youngPersonUserId !== userId || ageOn(c.dateOfBirth, today) >= OWN_CONSENT_AGE);
}

export interface RepresentativeInput {
  childId: string;
  name: string;
  email: string;
  actOnConcerns: boolean;
  receiveLetters: boolean;
  validUntil?: string;
}

export function consentSentence(input: { actOnConcerns: boolean; receiveLetters: boolean }): string {
  const parts = [input.actOnConcerns ? "raise concerns and follow and act on them for us" : null, input.receiveLetters ? "receive the letters and emails we receive" : null].filter(
    Boolean,
  );
  return parts.join(", and ");
}

export async function nameRepresentative(
  granter: Pick<SessionUser, "id" | "name">,
  input: RepresentativeInput,
  request?: Request,
  now = new Date(),
): Promise<"named" | "not-yours" | "self"> {
  const children = await consentableChildren(granter.id);
  const child = children.find((c) => c.id === input.childId);
  if (!child) return "not-yours";
  const prisma = await getPrisma();
  const email = input.email.trim().toLowerCase();
  const childName = `${child.givenName} ${child.familyName}`;
  const scope = consentSentence(input);
  return prisma.$transaction(async (tx) => {
    let rep = await tx.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, active: true, erasedAt: true } });
    if (rep?.id === granter.id) return "self" as const;
    if (!rep) {
      const invited = await inviteUser({ name: input.name, email, role: "representative" }, granter, { request, now, db: tx, roleLabel: "a representative" });
      if (!invited.ok) throw new Error("invitation raced with an existing account");
      rep = await tx.user.findUniqueOrThrow({ where: { id: invited.userId }, select: { id: true, name: true, email: true, active: true, erasedAt: true } });
    } else {
      // The representative role grants nothing by itself: only representations in force reach a case.
      await tx.user.update({ where: { id: rep.id }, data: { roles: { connect: { name: "representative" } } } });
      if (rep.active && !rep.erasedAt) {
        await queueAccountEmail(
          tx,
          "account-representative-named",
          rep,
          { grantedBy: granter.name, childName, scope, validUntil: input.validUntil, link: new URL("/sign-in", publicUrl()).toString() },
          `${rep.id}:${child.id}:${now.getTime()}`,
        );
      }
    }
    const created = await tx.representation.create({
      data: {
        childId: child.id,
        grantedById: granter.id,
        representativeId: rep.id,
        actOnConcerns: input.actOnConcerns,
        receiveLetters: input.receiveLetters,
        validUntil: input.validUntil ? todayAsDate(input.validUntil) : null,
        consentText: `${granter.name} consents to ${rep.name} acting for ${childName}: ${scope}${input.validUntil ? `, until ${input.validUntil}` : ""}.`,
        consentedAt: now,
      },
      select: { id: true },
    });
    await tx.auditEntry.create({
      data: auditEntryData(
        {
          action: "representative.named",
          actorId: granter.id,
          targetType: "representation",
          targetId: created.id,
          subjectUserId: rep.id,
          details: { childId: child.id, actOnConcerns: input.actOnConcerns, receiveLetters: input.receiveLetters, validUntil: input.validUntil ?? null },
        },
        request,
      ),
    });
    return "named" as const;
  });
}

/** Withdraws consent (whoever may give it for the child) or steps down (the representative). */
export async function withdrawRepresentation(user: Pick<SessionUser, "id">, representationId: string, request?: Request, now = new Date()): Promise<boolean> {
  const children = (await consentableChildren(user.id)).map((c) => c.id);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const where: Prisma.RepresentationWhereInput = { id: representationId, withdrawnAt: null, OR: [{ childId: { in: children } }, { representativeId: user.id }] };
    const row = await tx.representation.findFirst({ where, select: { id: true, representativeId: true, childId: true } });
    if (!row) return false;
    const { count } = await tx.representation.updateMany({ where: { id: row.id, withdrawnAt: null }, data: { withdrawnAt: now, withdrawnById: user.id } });
    if (count !== 1) return false;
    await tx.auditEntry.create({
      data: auditEntryData(
        {
          action: "representative.withdrawn",
          actorId: user.id,
          targetType: "representation",
          targetId: row.id,
          subjectUserId: row.representativeId,
          details: { childId: row.childId, by: row.representativeId === user.id ? "representative" : "family" },
        },
        request,
      ),
    });
    return true;
  });
}

/** What the page shows: representatives named for the user's children, and whom the user represents. */
export async function representationsOf(userId: string) {
  const children = await consentableChildren(userId);
  const prisma = await getPrisma();
  const select = {
    id: true,
    actOnConcerns: true,
    receiveLetters: true,
    validUntil: true,
    consentText: true,
    consentedAt: true,
    withdrawnAt: true,
    child: { select: { givenName: true, familyName: true } },
    representative: { select: { name: true, email: true } },
  } as const;
  const [named, representing] = await Promise.all([
    prisma.representation.findMany({ where: { childId: { in: children.map((c) => c.id) } }, select, orderBy: [{ consentedAt: "desc" }, { id: "desc" }] }),
    prisma.representation.findMany({ where: { representativeId: userId }, select, orderBy: [{ consentedAt: "desc" }, { id: "desc" }] }),
  ]);
  return { children, named, representing };
}
