import type { CaseView } from "../../machines";
import type { Prisma } from "../../generated/prisma/client";
import { getPrisma } from "./db.server";
import type { SessionUser } from "./session.server";

// Who handles a concern at each rung, and who may say so (docs/decisions/024). Each body has a
// complaints lead (`User.complaintsLead = "lead"`) who assigns the handler, and may have a
// governing body's lead ("governing-body": the governors' or trust's) who assigns instead when
// the concern is about a lead (the head). Nobody the concern is about may handle it.

export const COMPLAINTS_LEAD_ROLES = ["lead", "governing-body"] as const;
export type ComplaintsLeadRole = (typeof COMPLAINTS_LEAD_ROLES)[number];

export const COMPLAINTS_LEAD_LABELS: Record<ComplaintsLeadRole, string> = {
  lead: "Complaints lead",
  "governing-body": "Governing body’s complaints lead",
};

export interface BodyMember {
  id: string;
  name: string;
  complaintsLead: ComplaintsLeadRole | null;
}

/** The people of the body answering at `rung`: the setting's staff, the local service's officers, or the national body's caseworkers. */
export function bodyWhere(kase: { settingId: string; localAreaId: string; route: "process" | "substance" }, rung: 1 | 2 | 3): Prisma.UserWhereInput {
  if (rung === 1) return { active: true, settingId: kase.settingId, roles: { some: { name: "setting-staff" } } };
  if (rung === 2) return { active: true, localAreaId: kase.localAreaId, roles: { some: { name: "local-officer" } } };
  return { active: true, roles: { some: { name: kase.route === "process" ? "ombudsman-caseworker" : "practice-reviewer" } } };
}

export async function bodyMembers(kase: { settingId: string; localAreaId: string; route: "process" | "substance" }, rung: 1 | 2 | 3): Promise<BodyMember[]> {
  const prisma = await getPrisma();
  const rows = await prisma.user.findMany({ where: bodyWhere(kase, rung), select: { id: true, name: true, complaintsLead: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  return rows.map((row) => ({
    ...row,
    complaintsLead: (COMPLAINTS_LEAD_ROLES as readonly string[]).includes(row.complaintsLead ?? "") ? (row.complaintsLead as ComplaintsLeadRole) : null,
  }));
}

type HandlerView = Pick<CaseView, "rung" | "handlers" | "peopleConcerned">;

/**
 * Who may assign the handler on this case now: a complaints lead of the body answering; when the
 * concern is about one of its complaints leads, only the governing body's lead.
 */
export function assigningLeads(members: readonly BodyMember[], view: HandlerView): BodyMember[] {
  const concerned = new Set(view.peopleConcerned.flatMap((person) => (person.personId ? [person.personId] : [])));
  const aboutALead = members.some((member) => member.complaintsLead === "lead" && concerned.has(member.id));
  return members.filter((member) => !concerned.has(member.id) && (aboutALead ? member.complaintsLead === "governing-body" : member.complaintsLead !== null));
}

export function mayAssign(user: Pick<SessionUser, "id">, members: readonly BodyMember[], view: HandlerView): boolean {
  return assigningLeads(members, view).some((lead) => lead.id === user.id);
}

/** Why each person may not handle the concern at this rung, in plain words (none: they may). */
export function handlerConflicts(members: readonly BodyMember[], view: HandlerView): Record<string, string> {
  const conflicts: Record<string, string> = {};
  const rung = view.rung;
  for (const member of members) {
    if (view.peopleConcerned.some((person) => person.personId === member.id))
      conflicts[member.id] = `${member.name} cannot handle this concern: it is about them. Choose someone else.`;
    else if (rung !== null && view.handlers.some((handler) => handler.rung < rung && handler.handlerId === member.id))
      conflicts[member.id] = `${member.name} cannot handle this concern: they handled it at an earlier stage. Choose someone else.`;
  }
  return conflicts;
}
