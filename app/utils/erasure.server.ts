import crypto from "node:crypto";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { auditEntryData } from "./audit.server";

// Erasure by pseudonymisation (docs/decisions/010). Names, email addresses, the free-text summary
// of a concern and the copies of emails are replaced or deleted; the characteristics the equity
// statistics count (ethnicity, sex, free school meals, deprivation, need, area, route) and the
// case log stay, so every statistic is unchanged. The hash-chained case log is NOT rewritten: it
// is the legal record of the complaint, kept for the retention period, and pages show an erased
// person by their pseudonym (names are read from the account, not from the log).

type Tx = Prisma.TransactionClient;

export const ERASED_TEXT = "[removed: personal data erased]";

/** Stable per record, so one erased person is the same pseudonym wherever they appear. */
export function pseudonymOf(id: string): string {
  return crypto.createHash("sha256").update(id).digest("hex").slice(0, 8);
}

export interface ErasureResult {
  userId?: string;
  childIds: string[];
  concerns: number;
  sessions: number;
  signInAttempts: number;
  emails: number;
}

export async function erasePerson(prisma: PrismaClient, userId: string, by: { actorId: string | null; reason: string; request?: Request }): Promise<ErasureResult> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, erasedAt: true, youngPerson: { select: { id: true } } } });
    if (!user) throw new Response("Not found", { status: 404 });
    const tag = pseudonymOf(userId);
    const newEmail = `erased-${tag}-${userId}@erased.invalid`;
    await tx.user.update({ where: { id: userId }, data: { name: `Erased person ${tag}`, email: newEmail, passwordHash: null, active: false, erasedAt: new Date() } });
    const sessions = await tx.session.deleteMany({ where: { userId } });
    // Concerns they started and never sent (docs/decisions/025): their words, kept nowhere else.
    await tx.concernDraft.deleteMany({ where: { userId } });
    const signInAttempts = await tx.signInAttempt.deleteMany({ where: { email: user.email } });
    const emails = await scrubEmails(tx, user.email, newEmail);
    const concerns = await tx.concern.updateMany({ where: { raisedById: userId }, data: { summary: ERASED_TEXT } });
    const childIds = user.youngPerson ? [user.youngPerson.id] : [];
    for (const childId of childIds) await pseudonymiseChild(tx, childId);
    const result = { userId, childIds, concerns: concerns.count, sessions: sessions.count, signInAttempts: signInAttempts.count, emails };
    await tx.auditEntry.create({
      data: auditEntryData(
        { action: "person.erased", actorId: by.actorId, targetType: "user", targetId: userId, subjectUserId: userId, details: { reason: by.reason, ...result } },
        by.request,
      ),
    });
    return result;
  });
}

/** A child's record: names out, birth date to 1 January of the year, statistics kept. */
export async function eraseChild(prisma: PrismaClient, childId: string, by: { actorId: string | null; reason: string; request?: Request }): Promise<ErasureResult> {
  return prisma.$transaction(async (tx) => {
    const concerns = await pseudonymiseChild(tx, childId);
    const result = { childIds: [childId], concerns, sessions: 0, signInAttempts: 0, emails: 0 };
    await tx.auditEntry.create({
      data: auditEntryData({ action: "person.erased", actorId: by.actorId, targetType: "child", targetId: childId, details: { reason: by.reason, ...result } }, by.request),
    });
    return result;
  });
}

async function pseudonymiseChild(tx: Tx, childId: string): Promise<number> {
  const child = await tx.child.findUniqueOrThrow({ where: { id: childId }, select: { dateOfBirth: true } });
  await tx.child.update({
    where: { id: childId },
    data: { givenName: "Erased", familyName: `child ${pseudonymOf(childId)}`, dateOfBirth: new Date(Date.UTC(child.dateOfBirth.getUTCFullYear(), 0, 1)), erasedAt: new Date() },
  });
  return (await tx.concern.updateMany({ where: { childId }, data: { summary: ERASED_TEXT } })).count;
}

/** Emails to the person: address replaced, content dropped, anything unsent never sent. */
async function scrubEmails(tx: Tx, email: string, newEmail: string): Promise<number> {
  await tx.outboxMessage.updateMany({ where: { toAddress: email, status: "pending" }, data: { status: "skipped", lastError: "recipient erased" } });
  // The idempotency key names the recipient too.
  return tx.$executeRaw`UPDATE "OutboxMessage"
    SET "toAddress" = ${newEmail}, payload = '{"erased":true}'::jsonb, "idempotencyKey" = replace("idempotencyKey", ${email}, ${newEmail})
    WHERE "toAddress" = ${email}`;
}
