import type { PrismaClient } from "../../generated/prisma/client";
import { auditEntryData } from "./audit.server";

// Subject access (UK GDPR Art. 15): everything Redress holds about one person, as one JSON
// document. Each export is itself audited. docs/decisions/010.

export const EXPORT_FORMAT = "redress-subject-access/1";

const caseSelect = {
  id: true,
  ref: true,
  route: true,
  status: true,
  stateValue: true,
  createdAt: true,
  events: { orderBy: { seq: "asc" }, select: { seq: true, type: true, payload: true, fromState: true, toState: true, actorLabel: true, occurredAt: true } },
  // The files on the case (docs/decisions/022): what each is; the files themselves are downloaded from the case page.
  evidence: {
    orderBy: { createdAt: "asc" },
    select: { description: true, fileName: true, mediaType: true, sizeBytes: true, sha256: true, visibility: true, addedAs: true, createdAt: true, erasedAt: true },
  },
} as const;

const concernSelect = {
  id: true,
  ref: true,
  summary: true,
  receivedOn: true,
  createdAt: true,
  child: { select: { registerRef: true, givenName: true, familyName: true } },
  cases: { select: caseSelect },
} as const;

/** Everything held about `userId`; null when there is no such account. */
export async function subjectAccessExport(prisma: PrismaClient, userId: string) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      active: true,
      createdAt: true,
      updatedAt: true,
      erasedAt: true,
      roles: { select: { name: true, label: true } },
      setting: { select: { name: true, urn: true } },
      localArea: { select: { name: true, code: true } },
      sessions: { select: { createdAt: true, lastSeenAt: true, expiresAt: true, userAgent: true } },
      youngPerson: { select: childSelect },
      guardianOf: { select: { relationship: true, child: { select: childSelect } } },
      assignments: { select: { capacity: true, createdAt: true, case: { select: { ref: true } } } },
    },
  });
  if (!user) return null;
  const childIds = [user.youngPerson?.id, ...user.guardianOf.map((g) => g.child.id)].filter((id): id is string => Boolean(id));
  const [raised, aboutTheirChildren, actedOn, evidenceAdded, signIns, messages, audit, register] = await Promise.all([
    prisma.concern.findMany({ where: { raisedById: userId }, orderBy: { createdAt: "asc" }, select: concernSelect }),
    prisma.concern.findMany({ where: { childId: { in: childIds }, NOT: { raisedById: userId } }, orderBy: { createdAt: "asc" }, select: concernSelect }),
    prisma.caseEvent.findMany({ where: { actorId: userId }, orderBy: { occurredAt: "asc" }, select: { seq: true, type: true, occurredAt: true, case: { select: { ref: true } } } }),
    prisma.evidence.findMany({
      where: { addedById: userId },
      orderBy: { createdAt: "asc" },
      select: {
        description: true,
        fileName: true,
        mediaType: true,
        sizeBytes: true,
        sha256: true,
        visibility: true,
        createdAt: true,
        erasedAt: true,
        case: { select: { ref: true } },
      },
    }),
    prisma.signInAttempt.findMany({ where: { email: user.email }, orderBy: { createdAt: "asc" }, select: { createdAt: true, succeeded: true, clientKey: true } }),
    prisma.outboxMessage.findMany({
      where: { toAddress: user.email },
      orderBy: { createdAt: "asc" },
      select: { kind: true, subject: true, status: true, payload: true, createdAt: true, sentAt: true, case: { select: { ref: true } } },
    }),
    prisma.auditEntry.findMany({
      where: { OR: [{ subjectUserId: userId }, { actorId: userId }] },
      orderBy: { at: "asc" },
      select: { id: true, at: true, action: true, actorId: true, targetType: true, targetId: true, details: true },
    }),
    registerHeld(prisma, userId, childIds),
  ]);
  const { sessions, youngPerson, guardianOf, assignments, roles, ...account } = user;
  return {
    format: EXPORT_FORMAT,
    generatedAt: new Date().toISOString(),
    account,
    roles,
    sessions,
    signInAttempts: signIns,
    youngPersonRecord: youngPerson,
    childrenLinked: guardianOf.map((g) => ({ relationship: g.relationship, ...g.child })),
    concernsRaised: raised,
    concernsAboutTheirChildren: aboutTheirChildren,
    caseAssignments: assignments,
    caseEventsTheyRecorded: actedOn,
    evidenceTheyAdded: evidenceAdded,
    messagesSentToThem: messages,
    register,
    auditEntries: audit.map((a) => ({ ...a, id: a.id.toString(), actor: a.actorId === userId ? "this person" : a.actorId ? "another user" : "nobody signed in" })),
  };
}

const childSelect = {
  id: true,
  registerRef: true,
  givenName: true,
  familyName: true,
  dateOfBirth: true,
  ethnicity: true,
  sex: true,
  freeSchoolMeals: true,
  deprivationDecile: true,
  primaryNeed: true,
  registerStatus: true,
  erasedAt: true,
} as const;

/** The export as a download, recorded in the audit trail in the same breath. */
export async function subjectAccessResponse(prisma: PrismaClient, userId: string, requestedBy: string, request: Request): Promise<Response> {
  const data = await subjectAccessExport(prisma, userId);
  if (!data) throw new Response("Not found", { status: 404 });
  await prisma.auditEntry.create({
    data: auditEntryData(
      {
        action: "export.subject-access",
        actorId: requestedBy,
        targetType: "user",
        targetId: userId,
        subjectUserId: userId,
        details: { by: requestedBy === userId ? "self" : "administrator" },
      },
      request,
    ),
  });
  const name = `redress-subject-access-${userId}-${data.generatedAt.slice(0, 10)}.json`;
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}

// ───────────────────────────── The register (docs/decisions/027) ─────────────────────────────

const decisionSelect = {
  ref: true,
  kind: true,
  outcome: true,
  statusAfter: true,
  decidedOn: true,
  nextReviewOn: true,
  participants: true,
  evidence: true,
  reasons: true,
  summary: true,
  recordedByLabel: true,
  overturned: true,
  erasedAt: true,
  createdAt: true,
  child: { select: { registerRef: true } },
} as const;

const requestSelect = {
  ref: true,
  requesterKind: true,
  reasons: true,
  receivedOn: true,
  dueOn: true,
  status: true,
  erasedAt: true,
  child: { select: { registerRef: true } },
  decision: { select: { ref: true } },
} as const;

const versionSelect = {
  number: true,
  content: true,
  changeSummary: true,
  authorLabel: true,
  erasedAt: true,
  createdAt: true,
  record: { select: { child: { select: { registerRef: true } } } },
  confirmations: { select: { partner: true, confirmedByLabel: true, note: true, createdAt: true } },
} as const;

/**
 * Register entries held about the person and their children, and what they wrote or decided in
 * them: decisions and reviews (with the reasons and who took part), requests for consideration
 * (with their reasons), development record versions (the child's views in their own words, needs,
 * support, outcomes) and partners' confirmations.
 */
async function registerHeld(prisma: PrismaClient, userId: string, childIds: string[]) {
  const [
    decisionsAboutTheirChildren,
    requestsAboutTheirChildren,
    recordVersionsAboutTheirChildren,
    requestsTheyMade,
    decisionsTheyRecorded,
    recordVersionsTheyWrote,
    confirmationsTheyMade,
  ] = await Promise.all([
    prisma.registerDecision.findMany({ where: { childId: { in: childIds } }, orderBy: [{ decidedOn: "asc" }, { createdAt: "asc" }], select: decisionSelect }),
    prisma.registerRequest.findMany({ where: { childId: { in: childIds } }, orderBy: { receivedOn: "asc" }, select: requestSelect }),
    prisma.developmentRecordVersion.findMany({ where: { record: { childId: { in: childIds } } }, orderBy: [{ recordId: "asc" }, { number: "asc" }], select: versionSelect }),
    prisma.registerRequest.findMany({ where: { requestedById: userId, childId: { notIn: childIds } }, orderBy: { receivedOn: "asc" }, select: requestSelect }),
    prisma.registerDecision.findMany({ where: { recordedById: userId, childId: { notIn: childIds } }, orderBy: { decidedOn: "asc" }, select: decisionSelect }),
    prisma.developmentRecordVersion.findMany({
      where: { authorId: userId, record: { childId: { notIn: childIds } } },
      orderBy: [{ recordId: "asc" }, { number: "asc" }],
      select: versionSelect,
    }),
    prisma.partnerConfirmation.findMany({
      where: { confirmedById: userId },
      orderBy: { createdAt: "asc" },
      select: { partner: true, note: true, createdAt: true, version: { select: { number: true, record: { select: { child: { select: { registerRef: true } } } } } } },
    }),
  ]);
  return {
    decisionsAboutTheirChildren,
    requestsAboutTheirChildren,
    recordVersionsAboutTheirChildren,
    requestsTheyMade,
    decisionsTheyRecorded,
    recordVersionsTheyWrote,
    confirmationsTheyMade,
  };
}
