import type { RegisterEmailKind } from "../../emails/register";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { addCalendarDays } from "../../machines";
import { dateColumn, isoFromDateColumn, londonDate } from "./dates";
import { getPrisma } from "./db.server";
import { representationInForce } from "./representation-scope";

// Register emails (docs/decisions/027): queued in the outbox in the same transaction as the change
// they tell about, with no case. The idempotency key names the thing told about and the
// recipient, so a retried transaction or a second sweep can never queue the same email twice.

type Tx = Prisma.TransactionClient;
type Person = { name: string; email: string; active: boolean };

/** How many days before a review date the family and the setting are reminded. */
export const REVIEW_DUE_SOON_DAYS = 20;

export const PARTNER_ROLE: Record<"health" | "social-care" | "local-service", { role: string; words: string }> = {
  health: { role: "health-partner", words: "health" },
  "social-care": { role: "social-care", words: "children's social care" },
  "local-service": { role: "local-officer", words: "the local service" },
};

async function queue(tx: Tx, kind: RegisterEmailKind, people: (Person | null | undefined)[], data: Record<string, unknown>, about: string) {
  const seen = new Set<string>();
  const rows: Prisma.OutboxMessageCreateManyInput[] = [];
  for (const person of people) {
    if (!person?.active || seen.has(person.email)) continue;
    seen.add(person.email);
    rows.push({
      kind,
      toAddress: person.email,
      subject: kind,
      payload: { ...data, recipientName: person.name } as Prisma.InputJsonObject,
      idempotencyKey: `register:${kind}:${about}:${person.email}`,
    });
  }
  if (rows.length) await tx.outboxMessage.createMany({ data: rows, skipDuplicates: true });
  return rows.length;
}

const personSelect = { name: true, email: true, active: true } as const;

/** The family of a child: parents and carers, the young person, and representatives with consent to letters. */
async function familyOf(tx: Tx, childId: string): Promise<Person[]> {
  const child = await tx.child.findUniqueOrThrow({
    where: { id: childId },
    select: {
      guardians: { select: { user: { select: personSelect } } },
      youngPersonUser: { select: personSelect },
      representations: { where: representationInForce("letters"), select: { representative: { select: personSelect } } },
    },
  });
  return [...child.guardians.map((g) => g.user), ...(child.youngPersonUser ? [child.youngPersonUser] : []), ...child.representations.map((r) => r.representative)];
}

const staff = (tx: Tx, where: Prisma.UserWhereInput) => tx.user.findMany({ where: { ...where, active: true, erasedAt: null }, select: personSelect, orderBy: { email: "asc" } });
const settingStaff = (tx: Tx, settingId: string) => staff(tx, { settingId, roles: { some: { name: "setting-staff" } } });

async function childFacts(tx: Tx, childId: string) {
  return tx.child.findUniqueOrThrow({ where: { id: childId }, select: { givenName: true, familyName: true, setting: { select: { name: true } } } });
}

const registerPath = (childId: string, tail = "") => `/register/${childId}${tail}`;

/** A request for consideration was received: the setting's staff are told. */
export async function queueRequestReceived(
  tx: Tx,
  request: { id: string; childId: string; settingId: string; receivedOn: Date; dueOn: Date; requesterKind: string; requestedById: string },
) {
  const [child, requester, people] = await Promise.all([
    childFacts(tx, request.childId),
    tx.user.findUnique({ where: { id: request.requestedById }, select: { name: true } }),
    settingStaff(tx, request.settingId),
  ]);
  return queue(
    tx,
    "register-request-received",
    people,
    {
      childName: `${child.givenName} ${child.familyName}`,
      settingName: child.setting.name,
      requestedBy: requester?.name,
      requesterKind: request.requesterKind,
      receivedOn: isoFromDateColumn(request.receivedOn),
      dueOn: isoFromDateColumn(request.dueOn),
      path: registerPath(request.childId),
    },
    request.id,
  );
}

/**
 * A register decision or review was recorded: the family is told what was decided, why, the next
 * review and how to challenge it. Whoever asked for consideration (when the decision answers their
 * request) gets the "your request has been decided" wording instead, once.
 */
export async function queueDecisionRecorded(
  tx: Tx,
  decision: { id: string; childId: string; kind: string; outcome: string; decidedOn: Date; nextReviewOn: Date | null; reasons: { code: string; reason: string }[] },
  criteria: { code: string; title: string }[],
  answered: { requestedById: string; receivedOn: Date } | null,
) {
  const child = await childFacts(tx, decision.childId);
  const title = new Map(criteria.map((c) => [c.code, c.title]));
  const data = {
    childName: `${child.givenName} ${child.familyName}`,
    settingName: child.setting.name,
    kind: decision.kind,
    outcome: decision.outcome,
    decidedOn: isoFromDateColumn(decision.decidedOn),
    ...(decision.nextReviewOn ? { nextReviewOn: isoFromDateColumn(decision.nextReviewOn) } : {}),
    reasons: decision.reasons.map((r) => ({ title: title.get(r.code) ?? "A register criterion", reason: r.reason })),
    path: registerPath(decision.childId),
  };
  const requester = answered ? await tx.user.findUnique({ where: { id: answered.requestedById }, select: personSelect }) : null;
  let queued = 0;
  if (requester && answered) queued += await queue(tx, "register-request-decided", [requester], { ...data, receivedOn: isoFromDateColumn(answered.receivedOn) }, decision.id);
  const family = (await familyOf(tx, decision.childId)).filter((p) => p.email !== requester?.email);
  queued += await queue(tx, "register-decision-recorded", family, data, decision.id);
  return queued;
}

/** A new version of the development record: each partner agency it names support from is asked to confirm its part. */
export async function queueRecordAwaitingConfirmation(tx: Tx, version: { id: string; childId: string; authorLabel: string; partners: string[] }) {
  const child = await tx.child.findUniqueOrThrow({
    where: { id: version.childId },
    select: { givenName: true, familyName: true, localAreaId: true, setting: { select: { name: true } } },
  });
  let queued = 0;
  for (const partner of new Set(version.partners)) {
    const target = PARTNER_ROLE[partner as keyof typeof PARTNER_ROLE];
    if (!target) continue;
    const people = await staff(tx, { localAreaId: child.localAreaId, roles: { some: { name: target.role } } });
    queued += await queue(
      tx,
      "register-record-awaiting-confirmation",
      people,
      {
        childName: `${child.givenName} ${child.familyName}`,
        settingName: child.setting.name,
        authorName: version.authorLabel,
        partnerWords: target.words,
        path: registerPath(version.childId, "/confirm"),
      },
      `${version.id}:${partner}`,
    );
  }
  return queued;
}

/**
 * The sweeper's hook for reviews (docs/decisions/027): a review due within REVIEW_DUE_SOON_DAYS,
 * and a review past its date, are written about to the family and the setting once per review
 * date. The child row is locked (SKIP LOCKED) and stamped with the date in the same transaction as
 * the queued emails, and the idempotency keys name the date, so a second sweep, a second
 * instance or a retried batch queues nothing more. A new decision moves the review date, so the
 * next review gets its own reminders.
 */
export async function sweepRegisterReviews(options: { now?: Date; prisma?: PrismaClient; batchSize?: number } = {}): Promise<{ dueSoon: number; overdue: number }> {
  const prisma = options.prisma ?? (await getPrisma());
  const today = londonDate(options.now ?? new Date());
  const horizon = addCalendarDays(today, REVIEW_DUE_SOON_DAYS);
  const batchSize = options.batchSize ?? 100;
  const tally = { dueSoon: 0, overdue: 0 };
  for (;;) {
    const handled = await prisma.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<{ id: string; nextReviewOn: Date; settingId: string; overdue: boolean }[]>`
          SELECT id, "nextReviewOn", "settingId", ("nextReviewOn" < ${today}::date) AS overdue FROM "Child"
          WHERE "nextReviewOn" IS NOT NULL AND "registerStatus" = 'on_register' AND "erasedAt" IS NULL
            AND (("nextReviewOn" < ${today}::date AND "reviewOverdueNoticeFor" IS DISTINCT FROM "nextReviewOn")
              OR ("nextReviewOn" >= ${today}::date AND "nextReviewOn" <= ${horizon}::date AND "reviewDueNoticeFor" IS DISTINCT FROM "nextReviewOn"))
          ORDER BY "nextReviewOn", id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
        for (const row of rows) {
          const reviewOn = isoFromDateColumn(row.nextReviewOn);
          const kind: RegisterEmailKind = row.overdue ? "register-review-overdue" : "register-review-due-soon";
          const child = await childFacts(tx, row.id);
          const base = { childName: `${child.givenName} ${child.familyName}`, settingName: child.setting.name, reviewOn, path: registerPath(row.id) };
          const about = `${row.id}:${reviewOn}`;
          await queue(tx, kind, await familyOf(tx, row.id), { ...base, audience: "family" }, about);
          await queue(tx, kind, await settingStaff(tx, row.settingId), { ...base, audience: "setting" }, about);
          // Overdue also counts as reminded: a review first seen already late gets one email, not two.
          await tx.child.update({
            where: { id: row.id },
            data: row.overdue ? { reviewOverdueNoticeFor: dateColumn(reviewOn), reviewDueNoticeFor: dateColumn(reviewOn) } : { reviewDueNoticeFor: dateColumn(reviewOn) },
          });
          if (row.overdue) tally.overdue++;
          else tally.dueSoon++;
        }
        return rows.length;
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
    if (handled < batchSize) return tally;
  }
}
