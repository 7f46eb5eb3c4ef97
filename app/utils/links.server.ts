import { queueAccountEmail } from "./accounts.server";
import { auditEntryData } from "./audit.server";
import { getPrisma } from "./db.server";
import { publicUrl } from "./outbox.server";
import type { SessionUser } from "./session.server";

// Linking a family member to a child (docs/decisions/020): the person asks, naming the child,
// their date of birth and setting; the setting confirms (choosing the register entry) or refuses
// with a reason. Until confirmed the person sees nothing of the child.

export { RELATIONSHIPS, RELATIONSHIP_VALUES } from "./ways-in-options";

const dateColumn = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

export interface LinkRequestInput {
  childGivenName: string;
  childFamilyName: string;
  childDateOfBirth: string;
  settingId: string;
  relationship: string;
}

export async function requestLink(user: Pick<SessionUser, "id">, input: LinkRequestInput, request?: Request) {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const created = await tx.linkRequest.create({
      data: {
        requesterId: user.id,
        childGivenName: input.childGivenName,
        childFamilyName: input.childFamilyName,
        childDateOfBirth: dateColumn(input.childDateOfBirth),
        settingId: input.settingId,
        relationship: input.relationship,
      },
      select: { id: true },
    });
    await tx.auditEntry.create({
      data: auditEntryData(
        { action: "link.requested", actorId: user.id, targetType: "link-request", targetId: created.id, subjectUserId: user.id, details: { settingId: input.settingId } },
        request,
      ),
    });
    return created;
  });
}

/** Withdraws one's own pending request. */
export async function withdrawLinkRequest(user: Pick<SessionUser, "id">, requestId: string, request?: Request): Promise<boolean> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.linkRequest.updateMany({ where: { id: requestId, requesterId: user.id, status: "pending" }, data: { status: "withdrawn", decidedAt: new Date() } });
    if (count)
      await tx.auditEntry.create({
        data: auditEntryData({ action: "link.withdrawn", actorId: user.id, targetType: "link-request", targetId: requestId, subjectUserId: user.id }, request),
      });
    return count === 1;
  });
}

/** The pending requests of a setting, oldest first, with who asked. */
export async function pendingLinkRequests(settingId: string) {
  const prisma = await getPrisma();
  const rows = await prisma.linkRequest.findMany({ where: { settingId, status: "pending" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const people = await prisma.user.findMany({ where: { id: { in: rows.map((r) => r.requesterId) } }, select: { id: true, name: true, email: true } });
  return rows.map((r) => ({ ...r, requester: people.find((p) => p.id === r.requesterId) ?? null }));
}

/** One pending request of the staff member's own setting (null for anything else), and the register entries it may be. */
export async function linkRequestForSetting(settingId: string, requestId: string) {
  const prisma = await getPrisma();
  const row = await prisma.linkRequest.findFirst({ where: { id: requestId, settingId } });
  if (!row) return null;
  const requester = await prisma.user.findUnique({ where: { id: row.requesterId }, select: { name: true, email: true } });
  // Children of this setting born that day: the setting knows its children and picks the right one.
  const candidates = await prisma.child.findMany({
    where: { settingId, dateOfBirth: row.childDateOfBirth, erasedAt: null },
    select: { id: true, givenName: true, familyName: true, dateOfBirth: true, registerRef: true, guardians: { select: { relationship: true, user: { select: { name: true } } } } },
    orderBy: [{ familyName: "asc" }, { givenName: "asc" }],
  });
  return { request: row, requester, candidates };
}

export type LinkDecision = { decision: "confirm"; childId: string } | { decision: "refuse"; reason: string };

/**
 * The setting decides a pending request of its own. Confirming links the person to a child of the
 * SAME setting (checked in the query); both outcomes are emailed and audited. False if the request
 * is no longer pending or not the setting's, or the child is not the setting's.
 */
export async function decideLinkRequest(
  staff: Pick<SessionUser, "id" | "settingId">,
  requestId: string,
  decision: LinkDecision,
  request?: Request,
  now = new Date(),
): Promise<boolean> {
  if (!staff.settingId) return false;
  const settingId = staff.settingId;
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const row = await tx.linkRequest.findFirst({ where: { id: requestId, settingId, status: "pending" } });
    if (!row) return false;
    const setting = await tx.setting.findUniqueOrThrow({ where: { id: settingId }, select: { name: true } });
    const requester = await tx.user.findUniqueOrThrow({ where: { id: row.requesterId }, select: { name: true, email: true, active: true } });
    let childName = `${row.childGivenName} ${row.childFamilyName}`;
    if (decision.decision === "confirm") {
      const child = await tx.child.findFirst({ where: { id: decision.childId, settingId, erasedAt: null }, select: { id: true, givenName: true, familyName: true } });
      if (!child) return false;
      childName = `${child.givenName} ${child.familyName}`;
      const { count } = await tx.linkRequest.updateMany({
        where: { id: requestId, status: "pending" },
        data: { status: "confirmed", childId: child.id, decidedById: staff.id, decidedAt: now },
      });
      if (count !== 1) return false;
      await tx.guardianship.upsert({
        where: { userId_childId: { userId: row.requesterId, childId: child.id } },
        create: { userId: row.requesterId, childId: child.id, relationship: row.relationship, linkedAt: now },
        update: {},
      });
      await tx.auditEntry.create({
        data: auditEntryData(
          {
            action: "link.confirmed",
            actorId: staff.id,
            targetType: "link-request",
            targetId: requestId,
            subjectUserId: row.requesterId,
            details: { childId: child.id, relationship: row.relationship },
          },
          request,
        ),
      });
    } else {
      const { count } = await tx.linkRequest.updateMany({
        where: { id: requestId, status: "pending" },
        data: { status: "refused", reason: decision.reason, decidedById: staff.id, decidedAt: now },
      });
      if (count !== 1) return false;
      await tx.auditEntry.create({
        data: auditEntryData(
          { action: "link.refused", actorId: staff.id, targetType: "link-request", targetId: requestId, subjectUserId: row.requesterId, details: { reason: decision.reason } },
          request,
        ),
      });
    }
    if (requester.active) {
      await queueAccountEmail(
        tx,
        "account-link-decided",
        requester,
        {
          decision: decision.decision === "confirm" ? "confirmed" : "refused",
          settingName: setting.name,
          childName,
          reason: decision.decision === "refuse" ? decision.reason : undefined,
          link: new URL("/sign-in", publicUrl()).toString(),
        },
        requestId,
      );
    }
    return true;
  });
}

/** An administrator links a person to a child directly (for example after checking documents by post). */
export async function linkByAdministrator(
  admin: Pick<SessionUser, "id">,
  userId: string,
  childRef: string,
  relationship: string,
  request?: Request,
  now = new Date(),
): Promise<"linked" | "no-child" | "already"> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const child = await tx.child.findFirst({ where: { registerRef: childRef, erasedAt: null }, select: { id: true } });
    if (!child) return "no-child";
    const existing = await tx.guardianship.findUnique({ where: { userId_childId: { userId, childId: child.id } } });
    if (existing) return "already";
    await tx.guardianship.create({ data: { userId, childId: child.id, relationship, linkedAt: now } });
    await tx.auditEntry.create({
      data: auditEntryData(
        { action: "link.made-by-administrator", actorId: admin.id, targetType: "user", targetId: userId, subjectUserId: userId, details: { childId: child.id, relationship } },
        request,
      ),
    });
    return "linked";
  });
}

/** What a family member sees of their own requests and links. */
export async function linksOf(userId: string) {
  const prisma = await getPrisma();
  const [requests, links] = await Promise.all([
    prisma.linkRequest.findMany({ where: { requesterId: userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 50 }),
    prisma.guardianship.findMany({
      where: { userId },
      select: { relationship: true, linkedAt: true, child: { select: { id: true, givenName: true, familyName: true, dateOfBirth: true, setting: { select: { name: true } } } } },
    }),
  ]);
  const settings = await prisma.setting.findMany({ where: { id: { in: requests.map((r) => r.settingId) } }, select: { id: true, name: true } });
  return { requests: requests.map((r) => ({ ...r, settingName: settings.find((s) => s.id === r.settingId)?.name ?? "" })), links };
}
