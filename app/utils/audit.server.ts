import crypto from "node:crypto";
import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import { queryRows } from "./database.server";
import { getPrisma } from "./db.server";
import { auditHmacKey } from "./env.server";

// The audit trail outside the case log (docs/decisions/010): who signed in or failed to, who
// changed an account, who exported or erased someone's data, and who looked at a case. Rows are
// append-only (trigger; on PostgreSQL the app's role may only INSERT and SELECT them).

export const AUDIT_ACTIONS = [
  "sign-in.succeeded",
  "sign-in.failed",
  "sign-in.throttled",
  "user.deactivated",
  "user.reactivated",
  "case.viewed",
  "export.subject-access",
  "person.erased",
  "retention.run",
  "dead-letter.retried",
  "framework.published",
  "policy.published",
  // Ways in (docs/decisions/020)
  "account.signed-up",
  "account.sign-up-existing",
  "account.email-verified",
  "account.reset-requested",
  "account.password-reset",
  "account.invitation-accepted",
  "user.invited",
  "user.roles-changed",
  "link.requested",
  "link.confirmed",
  "link.refused",
  "link.withdrawn",
  "link.made-by-administrator",
  "representative.named",
  "representative.withdrawn",
  "concern.logged-for-family",
  "concern.view-added",
  "setting.created",
  "setting.updated",
  "local-area.created",
  "local-area.updated",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditInput {
  action: AuditAction;
  actorId?: string | null;
  targetType?: "user" | "case" | "child" | "system" | "link-request" | "representation" | "concern" | "setting" | "local-area";
  targetId?: string | null;
  /** The person whose personal data the entry is about: their subject access export lists it. */
  subjectUserId?: string | null;
  details?: Record<string, unknown>;
}

type Db = PrismaClient | Prisma.TransactionClient;

/** The id a proxy or the server gave this request, else a fresh one (so entries of one request group). */
export function requestIdOf(request?: Request): string | null {
  if (!request) return null;
  const given = request.headers.get("x-request-id");
  return given && /^[\w.:-]{1,100}$/.test(given) ? given : crypto.randomUUID();
}

/** The row to create, for callers that write it inside their own transaction. */
export function auditEntryData(entry: AuditInput, request?: Request): Prisma.AuditEntryCreateInput {
  return {
    action: entry.action,
    actorId: entry.actorId ?? null,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    subjectUserId: entry.subjectUserId ?? null,
    details: (entry.details ?? {}) as Prisma.InputJsonObject,
    requestId: requestIdOf(request),
  };
}

export async function recordAudit(entry: AuditInput, request?: Request, db?: Db): Promise<void> {
  const prisma = db ?? (await getPrisma());
  await prisma.auditEntry.create({ data: auditEntryData(entry, request) });
}

/**
 * One line in the sign-in action. The address typed is not stored (it may be someone else's, or
 * a password typed into the wrong box): a keyed digest lets repeated attempts be correlated.
 */
export async function recordSignIn(emailInput: string, result: { ok: true; userId: string } | { ok: false; reason: string }, request: Request): Promise<void> {
  const email = emailInput.trim().toLowerCase();
  const prisma = await getPrisma();
  const userId = result.ok ? result.userId : ((await prisma.user.findUnique({ where: { email }, select: { id: true } }))?.id ?? null);
  await recordAudit(
    {
      action: result.ok ? "sign-in.succeeded" : result.reason === "throttled" ? "sign-in.throttled" : "sign-in.failed",
      actorId: result.ok ? userId : null,
      targetType: "user",
      targetId: userId,
      subjectUserId: userId,
      details: { emailDigest: crypto.createHmac("sha256", auditHmacKey()).update(email).digest("hex").slice(0, 32), knownAccount: Boolean(userId) },
    },
    request,
    prisma,
  );
}

/** Every time someone opens a case (page or action form), with whose personal data it holds. */
export async function recordCaseView(actorId: string, kase: { id: string; ref: string; concern: { raisedBy: { id: string } } }, page: string, request: Request): Promise<void> {
  // The same row recordAudit writes, as one prepared statement straight to the driver: it is
  // written on every case page view (docs/decisions/029).
  const data = auditEntryData(
    { action: "case.viewed", actorId, targetType: "case", targetId: kase.id, subjectUserId: kase.concern.raisedBy.id, details: { ref: kase.ref, page } },
    request,
  );
  await queryRows(
    await getPrisma(),
    Prisma.sql`INSERT INTO "AuditEntry" (at, action, "actorId", "targetType", "targetId", "subjectUserId", details, "requestId")
               VALUES (${new Date().toISOString()}::timestamp(3), ${data.action}, ${data.actorId}, ${data.targetType}, ${data.targetId}, ${data.subjectUserId}, ${JSON.stringify(data.details)}::jsonb, ${data.requestId})`,
  );
}
