import { policySchema, type Policy } from "../../machines";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { auditEntryData } from "./audit.server";
import { dateColumn, isoFromDateColumn, londonDate } from "./dates";
import { getPrisma } from "./db.server";

// Timeline policies as data (docs/decisions/027). A published version applies to cases OPENED on
// or after its effective date; a case keeps the policy it started with, because the whole policy
// is in the case's input and snapshot. The machines stay pure: openConcern reads the version in
// force inside its own transaction and hands it to the machine as input, so every instance picks
// the same version without a cache to go stale.

type Db = PrismaClient | Prisma.TransactionClient;

export interface PublishedPolicy {
  policyVersion: string;
  effectiveOn: string;
  changeSummary: string;
  publishedBy: string | null;
  publishedAt: string;
  policy: Policy;
}

/** Every published version, oldest first, each validated by the machine's schema. */
export async function publishedPolicies(db?: Db): Promise<PublishedPolicy[]> {
  const prisma = db ?? (await getPrisma());
  const rows = await prisma.policyVersion.findMany({ orderBy: { effectiveOn: "asc" } });
  const users = await prisma.user.findMany({ where: { id: { in: rows.flatMap((r) => (r.publishedById ? [r.publishedById] : [])) } }, select: { id: true, name: true } });
  const name = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    policyVersion: r.policyVersion,
    effectiveOn: isoFromDateColumn(r.effectiveOn),
    changeSummary: r.changeSummary,
    publishedBy: r.publishedById ? (name.get(r.publishedById) ?? null) : null,
    publishedAt: r.publishedAt.toISOString(),
    policy: policySchema.parse(r.policy),
  }));
}

/** The policy for a case opened on `openedOn` (London date): the latest version effective by then. */
export async function policyInForce(db: Db, openedOn: string = londonDate()): Promise<Policy> {
  const row = await db.policyVersion.findFirst({ where: { effectiveOn: { lte: dateColumn(openedOn) } }, orderBy: { effectiveOn: "desc" }, select: { policy: true } });
  if (!row) throw new Error(`No timeline policy is in force on ${openedOn}: the migrations publish the first one.`);
  return policySchema.parse(row.policy);
}

export type PublishRefusal = { ok: false; field: "policyVersion" | "effectiveOn"; message: string };

/**
 * Publishes a new version, audited in the same transaction. It must take effect after today (cases
 * already opened keep theirs; one opened today has already been given today's policy) and after
 * every version already published, with a version name not used before.
 */
export async function publishPolicy(
  input: { policy: Policy; effectiveOn: string; changeSummary: string },
  admin: { id: string },
  options: { now?: Date; request?: Request; db?: PrismaClient } = {},
): Promise<{ ok: true } | PublishRefusal> {
  const prisma = options.db ?? (await getPrisma());
  const today = londonDate(options.now ?? new Date());
  const policy = policySchema.parse(input.policy);
  if (input.effectiveOn <= today) return { ok: false, field: "effectiveOn", message: "The date it takes effect must be after today" };
  return prisma.$transaction(async (tx) => {
    // One publisher at a time: the checks below and the insert see the same list.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('policy-version.publish'))`;
    if (await tx.policyVersion.count({ where: { policyVersion: policy.policyVersion } }))
      return { ok: false as const, field: "policyVersion" as const, message: `Version ${policy.policyVersion} has already been published: choose another` };
    const latest = await tx.policyVersion.findFirst({ orderBy: { effectiveOn: "desc" }, select: { effectiveOn: true } });
    if (latest && isoFromDateColumn(latest.effectiveOn) >= input.effectiveOn)
      return { ok: false as const, field: "effectiveOn" as const, message: "The date it takes effect must be after the date the latest version takes effect" };
    const row = await tx.policyVersion.create({
      data: {
        policyVersion: policy.policyVersion,
        effectiveOn: dateColumn(input.effectiveOn),
        policy: policy as unknown as Prisma.InputJsonValue,
        changeSummary: input.changeSummary,
        publishedById: admin.id,
      },
    });
    await tx.auditEntry.create({
      data: auditEntryData(
        {
          action: "policy.published",
          actorId: admin.id,
          targetType: "system",
          targetId: row.id,
          details: { policyVersion: policy.policyVersion, effectiveOn: input.effectiveOn, changeSummary: input.changeSummary, policy },
        },
        options.request,
      ),
    });
    return { ok: true as const };
  });
}
