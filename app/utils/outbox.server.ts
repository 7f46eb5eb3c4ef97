import { Resend } from "resend";
import { renderNotification } from "../../emails";
import { isAccountEmailKind, renderAccountEmail } from "../../emails/account";
import { isRegisterEmailKind, renderRegisterEmail } from "../../emails/register";
import type { PrismaClient } from "../../generated/prisma/client";
import { getPrisma } from "./db.server";
import { getEnv, isDemoLike } from "./env.server";
import { notificationHasLetter } from "./letters";

// The email dispatcher: delivers OutboxMessage rows queued by case transitions. Claims with
// FOR UPDATE SKIP LOCKED and a lease (safe with several instances), sends with the row's
// idempotency key (a retry after a crash cannot send twice), backs off on failure.

export interface OutgoingEmail {
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  idempotencyKey: string;
  /** An account email's single-use link: the log transport prints it (demo and test only). */
  link?: string;
}

export interface EmailTransport {
  name: "resend" | "log";
  send(email: OutgoingEmail): Promise<void>;
}

export function resendTransport(apiKey: string): EmailTransport {
  const resend = new Resend(apiKey);
  return {
    name: "resend",
    async send(email) {
      const { error } = await resend.emails.send(
        { from: email.from, to: email.to, subject: email.subject, html: email.html, text: email.text },
        { idempotencyKey: email.idempotencyKey },
      );
      if (error) throw new Error(`Resend refused the email: ${error.message}`);
    },
  };
}

/** Demo and test: nothing leaves the machine; the row records what would have been sent. */
export function logTransport(print = process.env.NODE_ENV !== "test"): EmailTransport {
  return {
    name: "log",
    async send(email) {
      if (print) console.log(`[email] to ${email.to}: ${email.subject}${email.link ? `\n[email] link: ${email.link}` : ""}`);
    },
  };
}

export function defaultTransport(): EmailTransport {
  const env = getEnv();
  if (env.RESEND_API_KEY) return resendTransport(env.RESEND_API_KEY);
  if (!isDemoLike(env)) throw new Error("RESEND_API_KEY is required in production");
  return logTransport();
}

export const MAX_SEND_ATTEMPTS = 8;

/** Where links in emails point: PUBLIC_URL in production, this server otherwise. */
export function publicUrl(): string {
  const env = getEnv();
  return env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
}

/** Minutes to wait after the n-th failure: 1, 2, 4, … capped at 6 hours. */
export function backoffMinutes(attempts: number): number {
  return Math.min(360, 2 ** Math.max(0, attempts - 1));
}

export async function dispatchOutbox(options: { now?: Date; batchSize?: number; maxBatches?: number; transport?: EmailTransport; prisma?: PrismaClient; log?: boolean } = {}) {
  const prisma = options.prisma ?? (await getPrisma());
  const now = options.now ?? new Date();
  const transport = options.transport ?? defaultTransport();
  const from = getEnv().EMAIL_FROM;
  // failed: gave up for good this run (status dead, listed at /admin/dead-letters).
  const tally = { sent: 0, retrying: 0, failed: 0, dead: [] as Array<{ id: string; caseId: string | null; error: string }> };
  const lease = new Date(now.getTime() + 5 * 60_000);

  const batchSize = options.batchSize ?? 50;
  for (let batch = 0; batch < (options.maxBatches ?? Number.POSITIVE_INFINITY); batch++) {
    const claimed = await prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "OutboxMessage"
        WHERE status = 'pending' AND "nextAttemptAt" <= ${now}
        ORDER BY "createdAt", id
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED`;
      const ids = rows.map((r) => r.id);
      // A lease only: an attempt is charged when a send fails, to that message alone, so a crash
      // between claim and send costs the batch nothing (docs/decisions/016).
      if (ids.length) await tx.outboxMessage.updateMany({ where: { id: { in: ids } }, data: { nextAttemptAt: lease } });
      return ids;
    });

    for (const id of claimed) {
      const message = await prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
      try {
        const payload = message.payload as Record<string, unknown>;
        const account = isAccountEmailKind(message.kind);
        const caseUrl = message.caseId ? new URL(`/cases/${message.caseId}`, publicUrl()).toString() : undefined;
        const lettersUrl = !account && !isRegisterEmailKind(message.kind) && caseUrl && notificationHasLetter(message.kind, payload) ? `${caseUrl}/letters` : undefined;
        const register = isRegisterEmailKind(message.kind);
        // A register email links to the child's register page on this service (docs/decisions/027).
        const registerLink = register && typeof payload.path === "string" && payload.path.startsWith("/register/") ? new URL(payload.path, publicUrl()).toString() : undefined;
        const rendered = account
          ? await renderAccountEmail(message.kind, payload)
          : register
            ? await renderRegisterEmail(message.kind, { ...payload, link: registerLink })
            : await renderNotification(message.kind, { ...payload, caseUrl, ...(lettersUrl ? { lettersUrl } : {}) });
        const link = account && typeof payload.link === "string" ? payload.link : undefined;
        await transport.send({ to: message.toAddress, from, idempotencyKey: message.idempotencyKey, ...rendered, ...(link ? { link } : {}) });
        // A real email's single-use link is not kept once sent (only its hash is, in AccountToken);
        // the demo and test log transport keeps it so the demo mailbox can show it (docs/decisions/020).
        const scrubbed = account && link && transport.name !== "log" ? { payload: { ...payload, link: null } } : {};
        await prisma.outboxMessage.update({
          where: { id },
          data: { status: "sent", sentAt: now, subject: rendered.subject, transport: transport.name, lastError: null, ...scrubbed },
        });
        tally.sent++;
      } catch (error) {
        const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
        const attempts = message.attempts + 1;
        const givenUp = attempts >= MAX_SEND_ATTEMPTS;
        await prisma.outboxMessage.update({
          where: { id },
          data: givenUp
            ? { status: "dead", deadAt: now, attempts, lastError: reason }
            : { attempts, lastError: reason, nextAttemptAt: new Date(now.getTime() + backoffMinutes(attempts) * 60_000) },
        });
        if (givenUp) {
          tally.failed++;
          tally.dead.push({ id, caseId: message.caseId, error: reason });
          if (options.log ?? process.env.NODE_ENV !== "test")
            console.error(`[email-dispatcher] email ${id} (${message.kind}) failed ${attempts} times and is now in the dead-letter list: ${reason}`);
        } else tally.retrying++;
      }
    }
    if (claimed.length < batchSize) break;
  }
  return tally;
}

/** Puts a dead email back in the queue with a clean slate (the administrator's "Retry"). */
export async function retryOutboxMessage(prisma: PrismaClient, id: string, now: Date = new Date()): Promise<boolean> {
  const { count } = await prisma.outboxMessage.updateMany({
    where: { id, status: { in: ["dead", "failed"] } },
    data: { status: "pending", attempts: 0, deadAt: null, nextAttemptAt: now },
  });
  return count > 0;
}
