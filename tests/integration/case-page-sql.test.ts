import { beforeAll, expect, it } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client";
import { WRITTEN_EVENT_TYPES } from "../../app/utils/case-history.server";
import { loadCaseForUser } from "../../app/utils/case-page.server";
import { DEMO_PERSONAS } from "../../app/utils/demo-personas";
import { capacitiesOn, caseScope } from "../../app/utils/permissions.server";
import { SESSION_USER_SELECT, type SessionUser } from "../../app/utils/session.server";
import { seed } from "../../prisma/seed";
import { describeEachEngine } from "./engines";

// The case page finds its case, the reader's capacities on it and the linked cases in ONE SQL
// statement (docs/decisions/029). Permissions stay data (003): the SQL is generated from the same
// grants as the ORM scope (caseScope) and the ORM capacity check (capacitiesOn), and this test
// holds the two forms equal for every demo persona on every demo case, on both engines.

describeEachEngine("case page statement vs the ORM scope", ({ get }) => {
  let prisma: PrismaClient;
  beforeAll(async () => {
    prisma = get().db.prisma;
    await seed(prisma); // the demo data: cases at every stage, split concerns, mediation, national bodies
  }, 300_000);

  it("finds exactly the cases caseScope finds, with the capacities capacitiesOn proves and the linked cases the reader may open", async () => {
    const cases = await prisma.case.findMany({ select: { id: true, concernId: true }, orderBy: { ref: "asc" } });
    let opened = 0;
    let refused = 0;
    const capacitiesSeen = new Set<string>();
    let linkedSeen = 0;
    for (const persona of DEMO_PERSONAS) {
      const user: SessionUser = await prisma.user.findUniqueOrThrow({ where: { email: persona.email }, select: SESSION_USER_SELECT });
      const readable = new Set((await prisma.case.findMany({ where: caseScope(user, "read"), select: { id: true } })).map((c) => c.id));
      for (const kase of cases) {
        const label = `${persona.email} on ${kase.id}`;
        if (!readable.has(kase.id)) {
          const refusal = await loadCaseForUser(user, kase.id).then(
            () => null,
            (error: unknown) => error,
          );
          expect(refusal instanceof Response ? refusal.status : refusal, label).toBe(404);
          refused++;
          continue;
        }
        const page = await loadCaseForUser(user, kase.id);
        opened++;
        expect(page.row.id, label).toBe(kase.id);
        const viaOrm = await capacitiesOn(prisma, user, kase.id);
        expect(page.capacities, label).toEqual(viaOrm);
        for (const capacity of viaOrm) capacitiesSeen.add(capacity);
        const linked = await prisma.case.findMany({
          where: { AND: [{ concernId: kase.concernId }, caseScope(user, "read")] },
          select: { id: true, ref: true, route: true },
          orderBy: { ref: "asc" },
        });
        expect(page.row.concern.cases, label).toEqual(linked);
        if (linked.length > 1) linkedSeen++;
      }
    }
    // Not vacuous: people are both let in and kept out, in several capacities, and split concerns are seen.
    expect(opened).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
    expect(capacitiesSeen.size).toBeGreaterThanOrEqual(4);
    expect(linkedSeen).toBeGreaterThan(0);
  }, 300_000);

  it("keeps a partial index over exactly the event types the case page reads by type, so a long log of automatic events is never walked", async () => {
    const [index] = await prisma.$queryRaw<{ indexdef: string }[]>`SELECT indexdef FROM pg_indexes WHERE indexname = 'CaseEvent_written_idx'`;
    expect(index?.indexdef).toMatch(/\("caseId", seq\) WHERE/);
    const listed = [...(index?.indexdef ?? "").matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...WRITTEN_EVENT_TYPES].sort());
  });
});
