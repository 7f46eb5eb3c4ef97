import { hash, verify } from "@node-rs/argon2";
import type { PrismaClient } from "../../generated/prisma/client";
import { getPrisma } from "./db.server";
import { MAX_LENGTH } from "./limits";

// Password sign-in with argon2id and throttling kept in the database (so it holds across
// app instances). docs/decisions/004-sign-in.md.

/** Wrong passwords for one account from one address before that pair waits. */
export const MAX_FAILURES_PER_ACCOUNT_AND_CLIENT = 5;
/** Wrong passwords from one address, whatever the accounts, before that address waits. */
export const MAX_FAILURES_PER_CLIENT = 20;
/** Wrong passwords for one account from addresses it has never signed in from, before THOSE wait. */
export const MAX_FAILURES_PER_ACCOUNT_FROM_NEW_CLIENTS = 50;
export const THROTTLE_WINDOW_MINUTES = 15;
/** An address the account signed in from successfully in this many days is "known". */
export const KNOWN_CLIENT_DAYS = 30;

// A real argon2id hash of a random string: verifying against it when the email is unknown
// keeps response times alike, so timing does not reveal which emails have accounts.
const UNKNOWN_USER_HASH = "$argon2id$v=19$m=19456,t=2,p=1$4ulE0DEA4tYSfmMOaGMgig$asNvXWtSIKSUQIDF4gp8ock1TtvyTlpWELFvP7y+ngg";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  // The right password for an account whose email address is not yet confirmed (docs/decisions/020).
  | { ok: false; reason: "unverified" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

const minutesUntil = (oldest: Date | undefined, now: number) => Math.max(1, Math.ceil(((oldest?.getTime() ?? now) + THROTTLE_WINDOW_MINUTES * 60_000 - now) / 60_000));

/**
 * Checks the limits and records the attempt as a failure in ONE transaction, holding advisory
 * locks on the account and the address, so concurrent guesses queue and each one counts.
 * Returns the attempt's id (turned into a success once the password checks out) or the wait.
 */
async function reserveAttempt(prisma: PrismaClient, email: string, clientKey: string): Promise<{ id: string } | { retryAfterMinutes: number }> {
  const now = Date.now();
  const since = new Date(now - THROTTLE_WINDOW_MINUTES * 60_000);
  const knownSince = new Date(now - KNOWN_CLIENT_DAYS * 86_400_000);
  return prisma.$transaction(async (tx) => {
    for (const key of [`sign-in:account:${email}`, `sign-in:client:${clientKey}`].sort()) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
    }
    const failed = { succeeded: false, createdAt: { gt: since } } as const;
    // One after another: a transaction is one connection.
    const pair = await tx.signInAttempt.findMany({
      where: { email, clientKey, ...failed },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
      take: MAX_FAILURES_PER_ACCOUNT_AND_CLIENT,
    });
    const client = await tx.signInAttempt.findMany({ where: { clientKey, ...failed }, orderBy: { createdAt: "asc" }, select: { createdAt: true }, take: MAX_FAILURES_PER_CLIENT });
    const known = await tx.signInAttempt.count({ where: { email, clientKey, succeeded: true, createdAt: { gt: knownSince } } });
    if (pair.length >= MAX_FAILURES_PER_ACCOUNT_AND_CLIENT) return { retryAfterMinutes: minutesUntil(pair[0]?.createdAt, now) };
    if (client.length >= MAX_FAILURES_PER_CLIENT) return { retryAfterMinutes: minutesUntil(client[0]?.createdAt, now) };
    if (known === 0) {
      // Guesses spread over many addresses: only addresses new to this account wait; the owner's
      // usual device (an address they signed in from before) is never locked out by a stranger.
      const knownClients = await tx.signInAttempt.findMany({
        where: { email, succeeded: true, createdAt: { gt: knownSince } },
        distinct: ["clientKey"],
        select: { clientKey: true },
      });
      const fromNew = await tx.signInAttempt.findMany({
        where: { email, ...failed, clientKey: { notIn: knownClients.map((k) => k.clientKey) } },
        orderBy: { createdAt: "asc" },
        select: { createdAt: true },
        take: MAX_FAILURES_PER_ACCOUNT_FROM_NEW_CLIENTS,
      });
      if (fromNew.length >= MAX_FAILURES_PER_ACCOUNT_FROM_NEW_CLIENTS) return { retryAfterMinutes: minutesUntil(fromNew[0]?.createdAt, now) };
    }
    return tx.signInAttempt.create({ data: { email, clientKey, succeeded: false }, select: { id: true } });
  });
}

export async function verifySignIn(emailInput: string, password: string, clientKeyInput: string): Promise<SignInResult> {
  const prisma = await getPrisma();
  const email = emailInput.trim().toLowerCase().slice(0, MAX_LENGTH.email);
  const clientKey = clientKeyInput.slice(0, 64);
  const reserved = await reserveAttempt(prisma, email, clientKey);
  if ("retryAfterMinutes" in reserved) return { ok: false, reason: "throttled", retryAfterMinutes: reserved.retryAfterMinutes };

  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, active: true, emailVerifiedAt: true } });
  const valid = await verify(user?.passwordHash ?? UNKNOWN_USER_HASH, password).catch(() => false);
  const succeeded = Boolean(user?.active && user.passwordHash && valid);
  if (!succeeded || !user) return { ok: false, reason: "invalid" };
  if (!user.emailVerifiedAt) return { ok: false, reason: "unverified" };
  await prisma.signInAttempt.update({ where: { id: reserved.id }, data: { succeeded: true } });
  return { ok: true, userId: user.id };
}

/**
 * Changes a signed-in user's password after checking the current one (throttled like sign-in),
 * and ends every other session of theirs: whoever knew the old password is signed out.
 */
export async function changePassword(
  userId: string,
  currentPassword: string,
  newPassword: string,
  clientKey: string,
  keepSessionId?: string,
): Promise<"changed" | "wrong-password" | "throttled"> {
  const prisma = await getPrisma();
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const check = await verifySignIn(user.email, currentPassword, clientKey);
  if (!check.ok) return check.reason === "throttled" ? "throttled" : "wrong-password";
  const passwordHash = await hashPassword(newPassword);
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { passwordHash } }),
    prisma.session.deleteMany({ where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } }),
  ]);
  return "changed";
}
