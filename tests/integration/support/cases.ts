import type { CaseEvent, IssueCategory } from "../../../machines";
import type { PrismaClient } from "../../../generated/prisma/client";
import type { EventAuthor } from "../../../app/utils/cases.server";
import { openChildConcern } from "../../../app/utils/concerns.server";

// Builders for database tests: a real concern through the real service, on a seeded database.

export const FAMILY: EventAuthor = { kind: "system", name: "test-family" };

let counter = 0;

export async function raiseTestConcern(prisma: PrismaClient, options: { childRef?: string; categories?: IssueCategory[]; receivedOn?: string; healthInvolved?: boolean } = {}) {
  const child = await prisma.child.findUniqueOrThrow({ where: { registerRef: options.childRef ?? "AN-000001" }, include: { guardians: true, setting: true } });
  const raisedById = child.guardians[0]?.userId ?? child.youngPersonUserId;
  if (!raisedById) throw new Error("test child has no family account");
  return openChildConcern(
    prisma,
    `RC-TEST-${process.pid}-${++counter}`,
    child,
    raisedById,
    {
      categories: options.categories ?? ["support-level"],
      summary: "A test concern that is long enough.",
      healthInvolved: options.healthInvolved ?? false,
      receivedOn: options.receivedOn ?? "2026-11-02",
    },
    FAMILY,
  );
}

export const outcome = (issueIds: string[], remedies: Extract<CaseEvent, { type: "RESPOND" }>["outcome"]["remedies"] = []) => ({
  findings: issueIds.map((issueId) => ({ issueId, finding: "partly-upheld" as const })),
  reasons: "Support fell short of the plan in the autumn term.",
  standards: ["NF-3.2"],
  remedies,
});
