import { viewCase } from "../../machines";
import { familyPrompts, type Prompt } from "./case-file";
import { getPrisma } from "./db.server";
import { caseScope } from "./permissions.server";
import type { SessionUser } from "./session.server";

/** The most open cases a family's home page reads to find what they must decide. */
const MAX_FAMILY_CASES = 50;

/**
 * What a family must decide or may do now, on their home page, case by case: the same words as at
 * the top of the case page. Only for people who raise concerns (families and young people).
 */
export async function familyPromptsFor(user: SessionUser): Promise<Array<{ caseId: string; ref: string; child: string; prompts: Prompt[] }>> {
  const prisma = await getPrisma();
  const rows = await prisma.case.findMany({
    where: { AND: [caseScope(user, "read"), { status: { not: "closed" } }] },
    orderBy: { updatedAt: "desc" },
    take: MAX_FAMILY_CASES,
    select: {
      id: true,
      ref: true,
      machineId: true,
      machineVersion: true,
      snapshot: true,
      setting: { select: { name: true } },
      concern: { select: { child: { select: { givenName: true } } } },
    },
  });
  return rows.flatMap((row) => {
    const view = viewCase({ machineId: row.machineId, machineVersion: row.machineVersion, snapshot: row.snapshot });
    const names = { setting: row.setting.name, national: view.route === "process" ? "the Ombudsman" : "the national practice body", people: {} };
    const prompts = familyPrompts(view, names, { isFamily: true, mayEscalateNow: true }).filter((p) => p.urgent);
    return prompts.length ? [{ caseId: row.id, ref: row.ref, child: row.concern.child.givenName, prompts }] : [];
  });
}
