import crypto from "node:crypto";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { auditEntryData, recordAudit } from "./audit.server";
import { hashPassword } from "./auth.server";
import { getPrisma } from "./db.server";
import { publicUrl } from "./outbox.server";
import type { RoleName } from "./permissions";

// Accounts made and recovered by emailed single-use links (docs/decisions/020): self sign-up with
// email verification, forgotten-password reset, invitations by an administrator or a family.
// Tokens are 256 random bits; only their SHA-256 is stored; each works once and expires.

export const TOKEN_PURPOSES = ["verify-email", "reset-password", "invitation"] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

export const TOKEN_LIFETIME_MINUTES: Record<TokenPurpose, number> = {
  "verify-email": 24 * 60,
  "reset-password": 60,
  invitation: 7 * 24 * 60,
};

/** Where each purpose's link points (the token is the last path segment). */
const TOKEN_PATH: Record<TokenPurpose, string> = {
  "verify-email": "/verify-email",
  "reset-password": "/reset-password",
  invitation: "/accept-invitation",
};

type Db = PrismaClient | Prisma.TransactionClient;

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** A token looks like 43 base64url characters; anything else is not looked up at all. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Issues a new token for `purpose` and supersedes any earlier unused one of the same purpose
 * (only the newest emailed link works). Returns the raw token (to put in the email) and its link.
 */
export async function issueToken(db: Db, userId: string, purpose: TokenPurpose, now = new Date()): Promise<{ id: string; token: string; link: string }> {
  const token = crypto.randomBytes(32).toString("base64url");
  await db.accountToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } });
  const row = await db.accountToken.create({
    data: { userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MINUTES[purpose] * 60_000) },
    select: { id: true },
  });
  return { id: row.id, token, link: new URL(`${TOKEN_PATH[purpose]}/${token}`, publicUrl()).toString() };
}

/** The user a live (unused, unexpired) token belongs to, without using it up; null otherwise. */
export async function peekToken(token: string, purpose: TokenPurpose, now = new Date(), db?: Db): Promise<{ userId: string; name: string; email: string } | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const prisma = db ?? (await getPrisma());
  const row = await prisma.accountToken.findFirst({ where: { tokenHash: hashToken(token), purpose, usedAt: null, expiresAt: { gt: now } }, select: { userId: true } });
  if (!row) return null;
  const user = await prisma.user.findFirst({ where: { id: row.userId, erasedAt: null }, select: { id: true, name: true, email: true } });
  return user ? { userId: user.id, name: user.name, email: user.email } : null;
}

/** Uses the token up, atomically (two requests with one link: exactly one wins). The user id, or null. */
export async function consumeToken(db: Db, token: string, purpose: TokenPurpose, now = new Date()): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const tokenHash = hashToken(token);
  const { count } = await db.accountToken.updateMany({ where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (count !== 1) return null;
  const row = await db.accountToken.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true } });
  return row.userId;
}

/** Queues an account email in the outbox (no case), in the caller's transaction. */
export async function queueAccountEmail(db: Db, kind: string, to: { email: string; name: string }, data: Record<string, unknown>, key: string) {
  await db.outboxMessage.create({
    data: { kind, toAddress: to.email, subject: kind, payload: { ...data, recipientName: to.name } as Prisma.InputJsonObject, idempotencyKey: `account:${kind}:${key}` },
  });
}

// ───────────────────────── Throttling of signed-out requests ─────────────────────────

/** Sign-up and reset requests per address typed, and per client, in the window. */
export const MAX_REQUESTS_PER_EMAIL = 3;
export const MAX_REQUESTS_PER_CLIENT = 10;
export const REQUEST_WINDOW_MINUTES = 15;

/**
 * Counts a signed-out request that sends email (sign-up, reset) and says whether it may go ahead.
 * Kept in the sign-in attempts table under a prefixed key, so the same advisory locks and indexes
 * serve, and a flood of requests cannot flood someone's inbox.
 */
export async function allowEmailRequest(kind: "sign-up" | "reset", emailInput: string, clientKeyInput: string, now = new Date()): Promise<boolean> {
  const prisma = await getPrisma();
  const email = `${kind}:${emailInput.trim().toLowerCase()}`.slice(0, 300);
  const clientKey = `${kind}:${clientKeyInput}`.slice(0, 80);
  const since = new Date(now.getTime() - REQUEST_WINDOW_MINUTES * 60_000);
  return prisma.$transaction(async (tx) => {
    for (const key of [`request:account:${email}`, `request:client:${clientKey}`].sort()) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
    const byEmail = await tx.signInAttempt.count({ where: { email, createdAt: { gt: since } } });
    const byClient = await tx.signInAttempt.count({ where: { clientKey, createdAt: { gt: since } } });
    if (byEmail >= MAX_REQUESTS_PER_EMAIL || byClient >= MAX_REQUESTS_PER_CLIENT) return false;
    await tx.signInAttempt.create({ data: { email, clientKey, succeeded: true, createdAt: now } });
    return true;
  });
}

// ───────────────────────── Sign-up, verification, reset ─────────────────────────

/**
 * A family member signs up. Whether or not the address already has an account the answer is the
 * same ("check your email"); an existing account's owner is told someone tried.
 */
export async function signUp(input: { name: string; email: string; password: string }, request?: Request, now = new Date()): Promise<void> {
  const prisma = await getPrisma();
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`account:${email}`}))`;
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true, name: true, emailVerifiedAt: true, erasedAt: true } });
    if (existing && existing.emailVerifiedAt) {
      await queueAccountEmail(
        tx,
        "account-already-registered",
        { email, name: existing.name },
        { link: new URL("/sign-in", publicUrl()).toString() },
        `${existing.id}:${now.getTime()}`,
      );
      await tx.auditEntry.create({ data: auditEntryData({ action: "account.sign-up-existing", targetType: "user", targetId: existing.id, subjectUserId: existing.id }, request) });
      return;
    }
    // Not yet verified (a second try, perhaps with another password): the newest details win.
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { name: input.name, passwordHash }, select: { id: true } })
      : await tx.user.create({ data: { email, name: input.name, passwordHash, emailVerifiedAt: null, roles: { connect: { name: "family" } } }, select: { id: true } });
    const { id, link } = await issueToken(tx, user.id, "verify-email", now);
    await queueAccountEmail(tx, "account-verify-email", { email, name: input.name }, { link }, id);
    await tx.auditEntry.create({ data: auditEntryData({ action: "account.signed-up", actorId: user.id, targetType: "user", targetId: user.id, subjectUserId: user.id }, request) });
  });
}

/** Uses a verification link: the account can sign in from now on. The user id, or null. */
export async function verifyEmail(token: string, request?: Request, now = new Date()): Promise<string | null> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const userId = await consumeToken(tx, token, "verify-email", now);
    if (!userId) return null;
    await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: now } });
    await tx.auditEntry.create({
      data: auditEntryData({ action: "account.email-verified", actorId: userId, targetType: "user", targetId: userId, subjectUserId: userId }, request),
    });
    return userId;
  });
}

/** Sends a reset link if the address has an active account; says nothing either way. */
export async function requestPasswordReset(emailInput: string, options: { request?: Request; now?: Date; byAdministratorId?: string } = {}): Promise<boolean> {
  const prisma = await getPrisma();
  const now = options.now ?? new Date();
  const email = emailInput.trim().toLowerCase();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { email, active: true, erasedAt: null }, select: { id: true, name: true } });
    if (!user) return false;
    const { id, link } = await issueToken(tx, user.id, "reset-password", now);
    await queueAccountEmail(tx, "account-reset-password", { email, name: user.name }, { link, reason: options.byAdministratorId ? "administrator" : "self" }, id);
    await tx.auditEntry.create({
      data: auditEntryData(
        {
          action: "account.reset-requested",
          actorId: options.byAdministratorId ?? null,
          targetType: "user",
          targetId: user.id,
          subjectUserId: user.id,
          details: { by: options.byAdministratorId ? "administrator" : "self" },
        },
        options.request,
      ),
    });
    return true;
  });
}

/**
 * Sets a new password with a reset or invitation link: uses the link up, marks the address as
 * verified (the person read the email), and ends every session of the account.
 */
export async function setPasswordWithToken(token: string, purpose: "reset-password" | "invitation", password: string, request?: Request, now = new Date()): Promise<string | null> {
  const prisma = await getPrisma();
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const userId = await consumeToken(tx, token, purpose, now);
    if (!userId) return null;
    await tx.user.update({ where: { id: userId }, data: { passwordHash, emailVerifiedAt: now } });
    await tx.session.deleteMany({ where: { userId } });
    // Any other outstanding reset link dies with this one.
    await tx.accountToken.updateMany({ where: { userId, purpose: "reset-password", usedAt: null }, data: { usedAt: now } });
    await tx.auditEntry.create({
      data: auditEntryData(
        {
          action: purpose === "invitation" ? "account.invitation-accepted" : "account.password-reset",
          actorId: userId,
          targetType: "user",
          targetId: userId,
          subjectUserId: userId,
        },
        request,
      ),
    });
    return userId;
  });
}

// ───────────────────────── Invitations ─────────────────────────

export interface Invitation {
  name: string;
  email: string;
  role: RoleName;
  settingId?: string | null;
  localAreaId?: string | null;
}

/**
 * Creates an account without a password and emails an invitation link to choose one. An address
 * that already has an account is refused (the administrator changes that account's roles instead).
 */
export async function inviteUser(
  invitation: Invitation,
  invitedBy: { id: string; name: string },
  options: { request?: Request; now?: Date; roleLabel?: string; db?: Db } = {},
): Promise<{ ok: true; userId: string } | { ok: false; reason: "exists" }> {
  const now = options.now ?? new Date();
  const email = invitation.email.trim().toLowerCase();
  const run = async (tx: Db) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) return { ok: false as const, reason: "exists" as const };
    const user = await tx.user.create({
      data: {
        email,
        name: invitation.name,
        passwordHash: null,
        emailVerifiedAt: null,
        settingId: invitation.settingId ?? null,
        localAreaId: invitation.localAreaId ?? null,
        roles: { connect: { name: invitation.role } },
      },
      select: { id: true },
    });
    const { id, link } = await issueToken(tx, user.id, "invitation", now);
    await queueAccountEmail(tx, "account-invitation", { email, name: invitation.name }, { link, invitedBy: invitedBy.name, roleLabel: options.roleLabel }, id);
    await tx.auditEntry.create({
      data: auditEntryData(
        {
          action: "user.invited",
          actorId: invitedBy.id,
          targetType: "user",
          targetId: user.id,
          subjectUserId: user.id,
          details: { role: invitation.role, settingId: invitation.settingId ?? null, localAreaId: invitation.localAreaId ?? null },
        },
        options.request,
      ),
    });
    return { ok: true as const, userId: user.id };
  };
  // Inside the caller's transaction when given one (a family naming a new representative).
  return options.db ? run(options.db) : (await getPrisma()).$transaction(run);
}

export { recordAudit };
