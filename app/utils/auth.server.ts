import { hash, verify } from "@node-rs/argon2";
import { getPrisma } from "./db.server";

// Password sign-in with argon2id and throttling kept in the database (so it holds across
// app instances). docs/decisions/004-sign-in.md.

export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_CLIENT = 20;
export const THROTTLE_WINDOW_MINUTES = 15;

// A real argon2id hash of a random string: verifying against it when the email is unknown
// keeps response times alike, so timing does not reveal which emails have accounts.
const UNKNOWN_USER_HASH = "$argon2id$v=19$m=19456,t=2,p=1$4ulE0DEA4tYSfmMOaGMgig$asNvXWtSIKSUQIDF4gp8ock1TtvyTlpWELFvP7y+ngg";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

export async function verifySignIn(emailInput: string, password: string, clientKey: string): Promise<SignInResult> {
  const prisma = await getPrisma();
  const email = emailInput.trim().toLowerCase();
  const since = new Date(Date.now() - THROTTLE_WINDOW_MINUTES * 60_000);
  const [byEmail, byClient] = await Promise.all([
    prisma.signInAttempt.findMany({ where: { email, succeeded: false, createdAt: { gt: since } }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    prisma.signInAttempt.count({ where: { clientKey, succeeded: false, createdAt: { gt: since } } }),
  ]);
  if (byEmail.length >= MAX_FAILURES_PER_EMAIL || byClient >= MAX_FAILURES_PER_CLIENT) {
    const oldest = byEmail[0]?.createdAt.getTime() ?? Date.now();
    const retryAfterMinutes = Math.max(1, Math.ceil((oldest + THROTTLE_WINDOW_MINUTES * 60_000 - Date.now()) / 60_000));
    return { ok: false, reason: "throttled", retryAfterMinutes };
  }

  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, active: true } });
  const valid = await verify(user?.passwordHash ?? UNKNOWN_USER_HASH, password).catch(() => false);
  const succeeded = Boolean(user?.active && user.passwordHash && valid);
  await prisma.signInAttempt.create({ data: { email, clientKey, succeeded } });
  return succeeded && user ? { ok: true, userId: user.id } : { ok: false, reason: "invalid" };
}


/**
 * Changes a signed-in user's password after checking the current one (throttled like sign-in),
 * and ends every other session of theirs: whoever knew the old password is signed out.
 */
export async function changePassword(userId: string, currentPassword: string, newPassword: string, clientKey: string, keepSessionId?: string): Promise<"changed" | "wrong-password" | "throttled"> {
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
