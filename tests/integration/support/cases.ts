import { triageConcern, type CaseEvent } from "../../../machines";
import type { IssueCategory } from "../../../machines/route";
import type { PrismaClient } from "../../../generated/prisma/client";
import { openConcern, type Actor } from "../../../app/utils/cases.server";

// Builders for database tests: a real concern through the real service, on a seeded database.

export const FAMILY: Actor = { kind: "system", name: "test-family" };

let counter = 0;

export async function raiseTestConcern(
  prisma: PrismaClient,
  options: { childRef?: string; categories?: IssueCategory[]; receivedOn?: string; healthInvolved?: boolean } = {},
) {
  const child = await prisma.child.findUniqueOrThrow({ where: { registerRef: options.childRef ?? "AN-000001" }, include: { guardians: true, setting: true } });
  const raisedById = child.guardians[0]?.userId ?? child.youngPersonUserId;
  if (!raisedById) throw new Error("test child has no family account");
  const concernRef = `RC-TEST-${process.pid}-${++counter}`;
  const receivedOn = options.receivedOn ?? "2026-11-02";
  const cases = triageConcern({
    concernRef,
    receivedOn,
    settingId: child.settingId,
    settingName: child.setting.name,
    localAreaId: child.localAreaId,
    healthInvolved: options.healthInvolved ?? false,
    issues: (options.categories ?? ["support-level"]).map((category, i) => ({ id: `issue-${i + 1}`, category, summary: category })),
  });
  return openConcern(concernRef, { childId: child.id, raisedById, summary: "A test concern that is long enough.", receivedOn, cases }, FAMILY, prisma);
}

export const outcome = (issueIds: string[], remedies: Extract<CaseEvent, { type: "RESPOND" }>["outcome"]["remedies"] = []) => ({
  findings: issueIds.map((issueId) => ({ issueId, finding: "partly-upheld" as const })),
  reasons: "Support fell short of the plan in the autumn term.",
  standards: ["NF-3.2"],
  remedies,
});
