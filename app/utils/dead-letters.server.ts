import type { PrismaClient } from "../../generated/prisma/client";
import { retryOutboxMessage } from "./outbox.server";
import { retryDeadline } from "./sweeper.server";

// The dead-letter list (docs/decisions/016): deadlines the sweeper and emails the dispatcher gave
// up on after their last attempt. Administrators see the case reference, when and how often it
// failed, and the error: no case content, no names, no addresses.

export interface DeadLetter {
  kind: "deadline" | "email";
  id: string;
  caseRef: string | null;
  attempts: number;
  deadAt: string | null;
  error: string;
}

const LIMIT = 200;

export async function listDeadLetters(prisma: PrismaClient): Promise<{ deadlines: DeadLetter[]; emails: DeadLetter[]; more: boolean }> {
  const [deadlines, emails] = await Promise.all([
    prisma.deadline.findMany({
      where: { status: "dead" },
      orderBy: [{ deadAt: "desc" }, { id: "asc" }],
      take: LIMIT + 1,
      select: { id: true, attempts: true, deadAt: true, lastError: true, case: { select: { ref: true } } },
    }),
    prisma.outboxMessage.findMany({
      // "failed" is how a dead email was recorded before dead letters existed.
      where: { status: { in: ["dead", "failed"] } },
      orderBy: [{ deadAt: "desc" }, { createdAt: "desc" }],
      take: LIMIT + 1,
      select: { id: true, attempts: true, deadAt: true, lastError: true, case: { select: { ref: true } } },
    }),
  ]);
  const row =
    (kind: DeadLetter["kind"]) =>
    (r: (typeof deadlines)[number] | (typeof emails)[number]): DeadLetter => ({
      kind,
      id: r.id,
      caseRef: r.case?.ref ?? null,
      attempts: r.attempts,
      deadAt: r.deadAt?.toISOString() ?? null,
      error: r.lastError ?? "No error was recorded.",
    });
  return { deadlines: deadlines.slice(0, LIMIT).map(row("deadline")), emails: emails.slice(0, LIMIT).map(row("email")), more: deadlines.length > LIMIT || emails.length > LIMIT };
}

export async function countDeadLetters(prisma: PrismaClient): Promise<{ deadlines: number; emails: number }> {
  const [deadlines, emails] = await Promise.all([
    prisma.deadline.count({ where: { status: "dead" } }),
    prisma.outboxMessage.count({ where: { status: { in: ["dead", "failed"] } } }),
  ]);
  return { deadlines, emails };
}

/** Puts one dead letter back in its queue; the case reference for the audit entry, or null if it was not dead. */
export async function retryDeadLetter(prisma: PrismaClient, kind: DeadLetter["kind"], id: string): Promise<{ caseRef: string | null } | null> {
  if (kind === "deadline") {
    const row = await prisma.deadline.findUnique({ where: { id }, select: { case: { select: { ref: true } } } });
    if (!row || !(await retryDeadline(prisma, id))) return null;
    return { caseRef: row.case.ref };
  }
  const row = await prisma.outboxMessage.findUnique({ where: { id }, select: { case: { select: { ref: true } } } });
  if (!row || !(await retryOutboxMessage(prisma, id))) return null;
  return { caseRef: row.case?.ref ?? null };
}
