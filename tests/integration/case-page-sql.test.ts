import { beforeAll, expect, it } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client";
import { fileEvents, latestHistory, WRITTEN_EVENT_TYPES } from "../../app/utils/case-history.server";
import { fileNamesOf } from "../../app/utils/case-file.server";
import { caseThreadFor } from "../../app/utils/case-messages.server";
import { noteReadersOf } from "../../app/utils/case-messages";
import { loadCaseForUser, readCaseFile } from "../../app/utils/case-page.server";
import { evidenceFor } from "../../app/utils/evidence.server";
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

  it("reads the rest of the case page in one statement, equal to each part read alone by its own page", async () => {
    const cases = await prisma.case.findMany({ select: { id: true, concern: { select: { raisedById: true } } }, orderBy: { ref: "asc" } });
    // Files on a few cases (the demo has none): one for everyone, one for the handling body only,
    // one erased, at instants with milliseconds, so the JSON path's dates and filters are tested.
    for (const [i, kase] of cases.slice(0, 8).entries()) {
      const file = (n: number, visibility: string, erasedAt: Date | null) => ({
        caseId: kase.id,
        storageKey: `test/${kase.id}/${n}`,
        fileName: `file-${n}.pdf`,
        description: `File ${n} on case ${i}`,
        kind: "document",
        mediaType: "application/pdf",
        sizeBytes: 1000 + n,
        sha256: "0".repeat(64),
        visibility,
        addedAs: "family",
        rung: 1,
        addedById: n === 2 ? null : kase.concern.raisedById,
        seq: n,
        createdAt: new Date(Date.UTC(2026, 10, 3 + n, 9, 15, 30, 123 + n)),
        erasedAt,
      });
      await prisma.evidence.createMany({
        data: [file(1, "all-parties", null), file(2, "handler", null), file(3, "all-parties", new Date(Date.UTC(2026, 10, 20, 23, 59, 59, 999)))],
      });
    }
    const seen = { history: 0, more: 0, quoted: 0, messages: 0, notes: 0, hiddenNotes: 0, files: 0, hiddenFiles: 0 };
    for (const persona of DEMO_PERSONAS) {
      const user: SessionUser = await prisma.user.findUniqueOrThrow({ where: { email: persona.email }, select: SESSION_USER_SELECT });
      const readable = new Set((await prisma.case.findMany({ where: caseScope(user, "read"), select: { id: true } })).map((c) => c.id));
      for (const kase of cases.filter((c) => readable.has(c.id))) {
        const page = await loadCaseForUser(user, kase.id);
        const { row, view, capacities, actions } = page;
        const together = await readCaseFile(prisma, page);
        const alone = {
          latest: await latestHistory(prisma, row.id, capacities.includes("family"), noteReadersOf(capacities)),
          events: await fileEvents(prisma, row.id),
          thread: await caseThreadFor(prisma, row.id, view, capacities, actions, fileNamesOf(row, view)),
          evidence: await evidenceFor(page, prisma),
        };
        expect(together, `${persona.email} on ${kase.id}`).toEqual(alone);
        seen.history += together.latest.events.length;
        seen.more += together.latest.more ? 1 : 0;
        seen.quoted += together.events.length;
        seen.messages += together.thread.messages.length;
        seen.notes += together.thread.notes?.entries.length ?? 0;
        if (together.thread.notes === null && !capacities.includes("family")) seen.hiddenNotes++;
        seen.files += together.evidence.items.length;
        seen.hiddenFiles += together.evidence.hiddenIds.length;
      }
    }
    // Not vacuous: every part has rows for someone, and some readers are kept from some files.
    for (const [part, count] of Object.entries(seen)) if (part !== "more") expect(count, part).toBeGreaterThan(0);
  }, 300_000);

  it("keeps a partial index over exactly the event types the case page reads by type, so a long log of automatic events is never walked", async () => {
    const [index] = await prisma.$queryRaw<{ indexdef: string }[]>`SELECT indexdef FROM pg_indexes WHERE indexname = 'CaseEvent_written_idx'`;
    expect(index?.indexdef).toMatch(/\("caseId", seq\) WHERE/);
    const listed = [...(index?.indexdef ?? "").matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...WRITTEN_EVENT_TYPES].sort());
  });
});
