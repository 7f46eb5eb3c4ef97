import type { Capacity } from "./case-actions";
import { auditEntryData } from "./audit.server";
import { getPrisma } from "./db.server";
import type { SessionUser } from "./session.server";

// A young person's own views on a concern raised by a parent (docs/decisions/020): written by
// the young person in their own account, or recorded by staff in the young person's words.

const STAFF_CAPACITIES: Capacity[] = ["setting", "local-service", "health-partner", "national-body"];

/** The young person themselves, or staff answering the case (never the parent or a representative: these are the young person's words). */
export function mayAddViews(
  user: Pick<SessionUser, "id">,
  row: { concern: { child: { youngPersonUserId: string | null } } },
  capacities: Capacity[],
): "young-person" | "recorded-by-staff" | null {
  if (row.concern.child.youngPersonUserId === user.id) return "young-person";
  if (capacities.some((c) => STAFF_CAPACITIES.includes(c))) return "recorded-by-staff";
  return null;
}

/** The views as the page shows them; their authors' names come with them from the case page's statement, or are looked up here. */
export async function youngPersonViews(views: { id: string; text: string; recordedFor: string; createdAt: Date; authorId: string; authorName?: string | null }[]) {
  if (!views.length) return [];
  const named = views.every((v) => v.authorName !== undefined);
  const authors = named ? [] : await (await getPrisma()).user.findMany({ where: { id: { in: views.map((v) => v.authorId) } }, select: { id: true, name: true } });
  return views.map((v) => ({
    id: v.id,
    text: v.text,
    createdAt: v.createdAt,
    byYoungPerson: v.recordedFor === "young-person",
    author: (named ? v.authorName : authors.find((a) => a.id === v.authorId)?.name) ?? "",
  }));
}

export async function addYoungPersonView(
  user: Pick<SessionUser, "id">,
  concernId: string,
  recordedFor: "young-person" | "recorded-by-staff",
  text: string,
  caseId: string,
  request?: Request,
) {
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const view = await tx.concernView.create({ data: { concernId, authorId: user.id, recordedFor, text }, select: { id: true } });
    await tx.auditEntry.create({
      data: auditEntryData({ action: "concern.view-added", actorId: user.id, targetType: "case", targetId: caseId, details: { viewId: view.id, recordedFor } }, request),
    });
  });
}
