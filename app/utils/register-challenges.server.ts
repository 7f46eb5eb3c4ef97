import type { IssueCategory, RegisterOutcome } from "../../machines";
import { getPrisma } from "./db.server";
import { formatDate } from "./format";
import { OUTCOME_HISTORY_LABELS } from "./register-forms";

// What a concern may challenge (docs/decisions/021): a register decision or review, or a version
// of the development record, of a child the person raising it is linked to.

export const CATEGORY_FOR_OUTCOME: Record<RegisterOutcome, IssueCategory> = {
  place: "register-placement",
  not_place: "register-refusal",
  remove: "register-removal",
  confirm: "family-not-involved",
  change: "family-not-involved",
};

export async function challengeableDecisions(childIds: string[]) {
  if (childIds.length === 0) return [];
  const prisma = await getPrisma();
  const rows = await prisma.registerDecision.findMany({
    where: { childId: { in: childIds } },
    orderBy: [{ decidedOn: "desc" }, { createdAt: "desc" }],
    select: { id: true, childId: true, outcome: true, decidedOn: true, child: { select: { givenName: true } } },
  });
  return rows.map((d) => ({ id: d.id, childId: d.childId, outcome: d.outcome, label: `${d.child.givenName}: ${OUTCOME_HISTORY_LABELS[d.outcome]}, ${formatDate(d.decidedOn)}` }));
}

export async function challengeableRecordVersion(childIds: string[], versionId: string | null) {
  if (!versionId || childIds.length === 0) return null;
  const prisma = await getPrisma();
  const v = await prisma.developmentRecordVersion.findFirst({
    where: { id: versionId, record: { childId: { in: childIds } } },
    select: { id: true, number: true, createdAt: true, record: { select: { childId: true, child: { select: { givenName: true } } } } },
  });
  return v ? { id: v.id, childId: v.record.childId, label: `${v.record.child.givenName}'s development record (version ${v.number}, ${formatDate(v.createdAt)})` } : null;
}
