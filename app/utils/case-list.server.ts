import type { Prisma } from "../../generated/prisma/client";
import { getPrisma } from "./db.server";
import { caseScope } from "./permissions.server";
import type { SessionUser } from "./session.server";

// The rows of a case list, always through the user's read scope.

const listSelect = {
  id: true,
  ref: true,
  route: true,
  rung: true,
  status: true,
  setting: { select: { name: true } },
  concern: { select: { child: { select: { givenName: true, familyName: true } } } },
  deadlines: { where: { status: "open", kind: "deadline" }, orderBy: { dueOn: "asc" }, take: 1, select: { label: true, dueOn: true } },
} satisfies Prisma.CaseSelect;

export type CaseListRow = Prisma.CaseGetPayload<{ select: typeof listSelect }>;

export async function listCases(user: SessionUser, take = 200): Promise<CaseListRow[]> {
  const prisma = await getPrisma();
  return prisma.case.findMany({ where: caseScope(user, "read"), orderBy: [{ updatedAt: "desc" }], take, select: listSelect });
}

/** Open cases whose next deadline comes soonest: what needs attention first. */
export async function casesDueSoonest(user: SessionUser, take = 10): Promise<CaseListRow[]> {
  const prisma = await getPrisma();
  const due = await prisma.deadline.findMany({
    where: { status: "open", kind: "deadline", case: caseScope(user, "read") },
    orderBy: [{ dueOn: "asc" }, { caseId: "asc" }],
    // NOTE: not Prisma's `distinct` with `take`: it would cut the rows before removing repeats.
    take: take * 10,
    select: { caseId: true },
  });
  const ids = [...new Set(due.map((d) => d.caseId))].slice(0, take);
  const rows = await prisma.case.findMany({ where: { id: { in: ids } }, select: listSelect });
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is CaseListRow => Boolean(r));
}
