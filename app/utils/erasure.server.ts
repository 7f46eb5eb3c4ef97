import crypto from "node:crypto";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { auditEntryData } from "./audit.server";
import { evidenceStore } from "./evidence-store.server";

// Erasure by pseudonymisation (docs/decisions/010). Names, email addresses, the free-text summary
// of a concern, the free text of register entries (docs/decisions/027) and the copies of emails
// are replaced or deleted; the characteristics the equity
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
  /** Register rows whose free text was redacted (docs/decisions/027). */
  registerEntries: number;
  /** Evidence files deleted from the store (their records keep only the type, size and sha256). */
  evidenceFiles: number;
}

export async function erasePerson(prisma: PrismaClient, userId: string, by: { actorId: string | null; reason: string; request?: Request }): Promise<ErasureResult> {
  return withEvidenceRemoved(prisma, async (tx, removed) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, name: true, erasedAt: true, youngPerson: { select: { id: true } } } });
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
    const register = await erasePersonInRegister(tx, userId, user.name, `Erased person ${tag}`);
    const childIds = user.youngPerson ? [user.youngPerson.id] : [];
    for (const childId of childIds) register.entries += (await pseudonymiseChild(tx, childId, removed)).register;
    // Files the person added, on any case: the content is personal data.
    await eraseEvidence(tx, { addedById: userId }, removed);
    const result = {
      userId,
      childIds,
      concerns: concerns.count,
      sessions: sessions.count,
      signInAttempts: signInAttempts.count,
      emails,
      registerEntries: register.entries,
      evidenceFiles: removed.length,
    };
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
  return withEvidenceRemoved(prisma, async (tx, removed) => {
    const { concerns, register } = await pseudonymiseChild(tx, childId, removed);
    const result = { childIds: [childId], concerns, sessions: 0, signInAttempts: 0, emails: 0, registerEntries: register, evidenceFiles: removed.length };
    await tx.auditEntry.create({
      data: auditEntryData({ action: "person.erased", actorId: by.actorId, targetType: "child", targetId: childId, details: { reason: by.reason, ...result } }, by.request),
    });
    return result;
  });
}

/**
 * Runs an erasure in one transaction, then deletes the evidence files it released from the store:
 * only after the commit, so a rolled-back erasure never loses a file. A file that cannot be deleted
 * then stays unreferenced by any readable record (its row is marked erased) and is reported.
 */
async function withEvidenceRemoved<T>(prisma: PrismaClient, run: (tx: Tx, removed: string[]) => Promise<T>): Promise<T> {
  const removed: string[] = [];
  const result = await prisma.$transaction((tx) => run(tx, removed));
  const store = evidenceStore();
  for (const key of removed) {
    await store.remove(key).catch((error: unknown) => console.error(`erasure: evidence file ${key} could not be deleted`, error));
  }
  return result;
}

/** Evidence records matching `where`: names and descriptions blanked, marked erased; their storage keys collected for deletion. */
async function eraseEvidence(tx: Tx, where: Prisma.EvidenceWhereInput, removed: string[]): Promise<void> {
  const rows = await tx.evidence.findMany({ where: { ...where, erasedAt: null }, select: { id: true, storageKey: true } });
  if (rows.length === 0) return;
  await tx.evidence.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { description: ERASED_TEXT, fileName: "removed", erasedAt: new Date() } });
  removed.push(...rows.map((r) => r.storageKey));
}

async function pseudonymiseChild(tx: Tx, childId: string, removed: string[]): Promise<{ concerns: number; register: number }> {
  const child = await tx.child.findUniqueOrThrow({ where: { id: childId }, select: { dateOfBirth: true } });
  await tx.child.update({
    where: { id: childId },
    data: { givenName: "Erased", familyName: `child ${pseudonymOf(childId)}`, dateOfBirth: new Date(Date.UTC(child.dateOfBirth.getUTCFullYear(), 0, 1)), erasedAt: new Date() },
  });
  // Every file on the child's cases is about the child.
  await eraseEvidence(tx, { case: { concern: { childId } } }, removed);
  const concerns = (await tx.concern.updateMany({ where: { childId }, data: { summary: ERASED_TEXT } })).count;
  return { concerns, register: await eraseChildRegisterText(tx, childId) };
}

// ───────────────────────────── The register (docs/decisions/027) ─────────────────────────────
// Register decisions, record versions and confirmations are append-only; their trigger lets one
// UPDATE through: setting "erasedAt" while every fact stays (who decided what and when, the
// outcome, the criteria cited, who took part and how, the links to remedies). Free text goes:
// the setting's evidence, reasons' wording and summary, names of participants, the request's
// reasons, the record's words (views, aspirations, needs, provision, outcomes, transitions),
// partners' notes.

type Json = Prisma.InputJsonValue;
const asList = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? (value as Record<string, unknown>[]) : []);

function erasedContent(content: unknown): Json {
  const c = (content ?? {}) as Record<string, unknown>;
  return {
    ...c,
    views: ERASED_TEXT,
    aspirations: ERASED_TEXT,
    needs: ERASED_TEXT,
    outcomes: ERASED_TEXT,
    transitions: ERASED_TEXT,
    // Which partner provides how much and how often is the fact; the description is free text.
    support: asList(c.support).map((s) => ({ ...s, provision: ERASED_TEXT })),
  } as Json;
}

/** Everything written about a child on the register: free text out, facts kept. Returns the rows changed. */
async function eraseChildRegisterText(tx: Tx, childId: string): Promise<number> {
  const now = new Date();
  let changed = 0;
  const decisions = await tx.registerDecision.findMany({ where: { childId }, select: { id: true, reasons: true, participants: true } });
  for (const d of decisions) {
    await tx.registerDecision.update({
      where: { id: d.id },
      data: {
        erasedAt: now,
        evidence: ERASED_TEXT,
        summary: ERASED_TEXT,
        reasons: asList(d.reasons).map((r) => ({ ...r, reason: ERASED_TEXT })) as Json,
        participants: asList(d.participants).map((p) => ({ ...p, name: ERASED_TEXT })) as Json,
      },
    });
    changed++;
  }
  changed += (await tx.registerRequest.updateMany({ where: { childId }, data: { reasons: ERASED_TEXT, erasedAt: now } })).count;
  const versions = await tx.developmentRecordVersion.findMany({ where: { record: { childId } }, select: { id: true, content: true } });
  for (const v of versions) {
    await tx.developmentRecordVersion.update({ where: { id: v.id }, data: { erasedAt: now, content: erasedContent(v.content), changeSummary: ERASED_TEXT } });
    changed++;
  }
  changed += (await tx.partnerConfirmation.updateMany({ where: { version: { record: { childId } }, note: { not: null } }, data: { note: ERASED_TEXT, erasedAt: now } })).count;
  return changed;
}

/**
 * A person's own part in register entries: the requests they wrote (their reasons), the record
 * versions they wrote (their words), their notes as a partner, and their name wherever the rows
 * keep it as a label or a participant. The decisions themselves stay.
 */
async function erasePersonInRegister(tx: Tx, userId: string, name: string, pseudonym: string): Promise<{ entries: number }> {
  const now = new Date();
  let entries = (await tx.registerRequest.updateMany({ where: { requestedById: userId }, data: { reasons: ERASED_TEXT, erasedAt: now } })).count;
  const versions = await tx.developmentRecordVersion.findMany({ where: { authorId: userId }, select: { id: true, content: true } });
  for (const v of versions) {
    await tx.developmentRecordVersion.update({
      where: { id: v.id },
      data: { erasedAt: now, authorLabel: pseudonym, content: erasedContent(v.content), changeSummary: ERASED_TEXT },
    });
    entries++;
  }
  entries += (await tx.partnerConfirmation.updateMany({ where: { confirmedById: userId }, data: { confirmedByLabel: pseudonym, note: null, erasedAt: now } })).count;
  entries += (await tx.registerDecision.updateMany({ where: { recordedById: userId }, data: { recordedByLabel: pseudonym, erasedAt: now } })).count;
  // Their name among a decision's participants (matched on the name they were recorded under).
  if (name.trim()) {
    const named = await tx.$queryRaw<{ id: string; participants: unknown }[]>`
      SELECT id, participants FROM "RegisterDecision" WHERE participants @> ${JSON.stringify([{ name }])}::jsonb`;
    for (const d of named) {
      await tx.registerDecision.update({
        where: { id: d.id },
        data: { erasedAt: now, participants: asList(d.participants).map((p) => (p.name === name ? { ...p, name: pseudonym } : p)) as Json },
      });
      entries++;
    }
  }
  return { entries };
}

/** Emails to the person: address replaced, content dropped, anything unsent never sent. */
async function scrubEmails(tx: Tx, email: string, newEmail: string): Promise<number> {
  await tx.outboxMessage.updateMany({ where: { toAddress: email, status: "pending" }, data: { status: "skipped", lastError: "recipient erased" } });
  // The idempotency key names the recipient too.
  return tx.$executeRaw`UPDATE "OutboxMessage"
    SET "toAddress" = ${newEmail}, payload = '{"erased":true}'::jsonb, "idempotencyKey" = replace("idempotencyKey", ${email}, ${newEmail})
    WHERE "toAddress" = ${email}`;
}
