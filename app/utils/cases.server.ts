import {
  EventNotAllowedError,
  transitionCase as transition,
  startCase,
  type CaseEvent,
  type CaseInput,
  type CaseView,
  type DeadlineSpec,
  type NotificationSpec,
} from "../../machines";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { dateColumn } from "./dates";
import { CURRENT_CHAIN_VERSION, eventHmac, snapshotDigest } from "./event-chain.server";
import { CaseChanges, issueTitlesOf, persistedOf, readCases, writeCases, type CaseState, type CaseWriteRows, type EventAuthor } from "./case-write.server";
import { followUpOf } from "./case-messages";
import { getPrisma } from "./db.server";
import { policyInForce } from "./policies.server";
import { recordCaseFacts } from "./patterns-facts.server";
import { resolveRecipients } from "./recipients.server";

// The ONLY way a case changes (docs/decisions/006-case-persistence-and-durable-deadlines.md). One database transaction
// per transition: optimistic update of the case row, append to the hash-chained event log,
// replace the open deadlines, queue the notifications. Rules live in machines/; this module only
// records what the machine decided.

export type { EventAuthor } from "./case-write.server";

type Tx = Prisma.TransactionClient;

export class CaseNotFoundError extends Error {
  override name = "CaseNotFoundError";
}

/** The case moved on since the caller read it; nothing was written. */
export class CaseConflictError extends Error {
  override name = "CaseConflictError";
  constructor(
    readonly caseId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`Case ${caseId} has changed since you opened it (version ${expectedVersion}, now ${actualVersion}). Reload it and try again.`);
  }
}

export interface CaseRow {
  id: string;
  version: number;
  machineId: string;
  machineVersion: number;
  snapshot: unknown;
  stateValue: string;
  localAreaId: string;
  highestRung: number;
}

export { persistedOf };

function caseColumns(view: CaseView, highestRungSoFar = 0) {
  const rung = view.rung ?? view.conclusion?.rung ?? 0;
  return {
    stateValue: view.stateValue,
    status: view.status,
    rung: view.rung,
    highestRung: Math.max(highestRungSoFar, rung),
    urgent: view.urgent !== undefined,
    owed: view.owed as Prisma.InputJsonValue,
    handlerId: view.handlerId ?? null,
  };
}

function actorColumns(actor: EventAuthor) {
  return actor.kind === "user" ? { actorId: actor.userId, actorLabel: actor.name } : { actorId: null, actorLabel: `system:${actor.name}` };
}

export { canonicalJson, eventHash } from "./event-chain.server";

async function appendEvent(
  tx: Tx,
  caseId: string,
  seq: number,
  event: { type: string } & Record<string, unknown>,
  fromState: string,
  toState: string,
  actor: EventAuthor,
  snapshot: unknown,
  initialSnapshot?: unknown,
) {
  const previous = seq > 1 ? await tx.caseEvent.findUnique({ where: { caseId_seq: { caseId, seq: seq - 1 } }, select: { hash: true } }) : null;
  const prevHash = previous?.hash ?? "";
  const { actorId, actorLabel } = actorColumns(actor);
  const payload = event as Prisma.InputJsonObject;
  const occurredAt = new Date();
  const digest = snapshotDigest(snapshot);
  const hash = eventHmac(prevHash, { caseId, seq, type: event.type, payload, fromState, toState, actorId, actorLabel, occurredAt, snapshotDigest: digest });
  await tx.caseEvent.create({
    data: {
      caseId,
      seq,
      type: event.type,
      payload,
      fromState,
      toState,
      actorId,
      actorLabel,
      occurredAt,
      prevHash,
      hash,
      chainVersion: CURRENT_CHAIN_VERSION,
      snapshotDigest: digest,
      ...(initialSnapshot === undefined ? {} : { initialSnapshot: initialSnapshot as Prisma.InputJsonValue }),
    },
  });
  // The chain's head lives on the case row: the next event chains from it without reading the log.
  await tx.case.update({ where: { id: caseId }, data: { headHash: hash } });
}

/** Makes the case's open deadline rows exactly `specs`: new keys opened, moved keys re-dated, dropped keys cancelled. */
async function replaceDeadlines(tx: Tx, caseId: string, localAreaId: string, specs: DeadlineSpec[]) {
  const existing = new Map((await tx.deadline.findMany({ where: { caseId }, select: { id: true, key: true, status: true, dueOn: true, label: true } })).map((d) => [d.key, d]));
  const wanted = new Set(specs.map((s) => s.key));
  const dropped = [...existing.values()].filter((d) => d.status === "open" && !wanted.has(d.key)).map((d) => d.id);
  if (dropped.length) await tx.deadline.updateMany({ where: { id: { in: dropped } }, data: { status: "cancelled", claimedUntil: null } });
  const created: Prisma.DeadlineCreateManyInput[] = [];
  for (const spec of specs) {
    const data = {
      kind: spec.kind,
      label: spec.label,
      dueOn: dateColumn(spec.dueOn),
      calendar: spec.calendar,
      startedBy: spec.startedBy,
      startedOn: dateColumn(spec.startedOn),
      event: spec.event as unknown as Prisma.InputJsonObject,
    };
    const row = existing.get(spec.key);
    if (!row) {
      created.push({ caseId, key: spec.key, localAreaId, ...data });
    } else if (row.dueOn.getTime() !== data.dueOn.getTime() || row.label !== data.label || row.status === "cancelled") {
      // Re-dated (pause, extension) or reopened. A FIRED deadline stays fired unless the machine
      // sets the same key to a new date: it was owed once and has been delivered.
      if (row.status === "fired" && row.dueOn.getTime() === data.dueOn.getTime()) continue;
      await tx.deadline.update({ where: { id: row.id }, data: { ...data, status: "open", firedAt: null, claimedUntil: null } });
    }
  }
  if (created.length) await tx.deadline.createMany({ data: created });
}

async function queueNotifications(tx: Tx, caseId: string, seq: number, notifications: NotificationSpec[], issues: CaseView["issues"]) {
  const issueTitles = issueTitlesOf(issues);
  const messages: Prisma.OutboxMessageCreateManyInput[] = [];
  for (const [index, notification] of notifications.entries()) {
    for (const recipient of await resolveRecipients(tx, caseId, notification.to)) {
      messages.push({
        caseId,
        kind: notification.kind,
        toAddress: recipient.email,
        subject: notification.kind,
        payload: { ...notification.data, issueTitles, recipientName: recipient.name, party: recipient.party } as Prisma.InputJsonObject,
        idempotencyKey: `${caseId}:${seq}:${index}:${notification.kind}:${recipient.email}`,
      });
    }
  }
  if (messages.length) await tx.outboxMessage.createMany({ data: messages });
}

export interface ApplyOptions {
  /** The version the user was looking at: a mismatch is a conflict to show them, not to retry. */
  expectedVersion?: number;
  maxAttempts?: number;
}

export interface Applied {
  caseId: string;
  version: number;
  from: string;
  to: string;
  view: CaseView;
}

/**
 * Records `event` and what it sets off in the same write (a family's message ends a pause that
 * waits on them, docs/decisions/023): each is its own machine transition and its own logged event.
 */
function recordWithFollowUp(changes: CaseChanges, state: CaseState, event: CaseEvent, actor: EventAuthor) {
  const result = transition(persistedOf(state), event);
  changes.record(event, result, actor);
  const next = followUpOf(event, result);
  if (!next) return { from: result.from, last: result };
  const followed = transition(result.persisted, next);
  changes.record(next, followed, actor);
  return { from: result.from, last: followed };
}

/**
 * Applies one event to one case. Throws EventNotAllowedError (from machines/) when the case's
 * state does not allow it, CaseConflictError when the caller's version is stale, and never
 * writes half a transition.
 */
export async function applyCaseEvent(caseId: string, event: CaseEvent, actor: EventAuthor, options: ApplyOptions = {}, prisma?: PrismaClient): Promise<Applied> {
  const db = prisma ?? (await getPrisma());
  const maxAttempts = options.maxAttempts ?? 8;
  const newMediatorId = event.type === "ASSIGN_MEDIATOR" ? event.mediatorId : undefined;
  const newHandlerId = event.type === "ASSIGN_HANDLER" ? event.handlerId : undefined;
  for (let attempt = 1; ; attempt++) {
    // Two statements, no interactive transaction (docs/decisions/016): read, decide, write.
    const [state] = await readCases(db, [caseId], { newMediatorId, newHandlerId });
    if (!state) throw new CaseNotFoundError(`No case ${caseId}`);
    if (options.expectedVersion !== undefined && state.version !== options.expectedVersion) {
      throw new CaseConflictError(caseId, options.expectedVersion, state.version);
    }
    const changes = new CaseChanges(state);
    const { from, last } = recordWithFollowUp(changes, state, event, actor);
    const written = await writeCases(db, [changes.rows()!]);
    if (written.has(caseId)) return { caseId, version: state.version + changes.count, from, to: last.to, view: last.view };
    if (options.expectedVersion !== undefined || attempt >= maxAttempts) {
      const now = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } });
      throw new CaseConflictError(caseId, options.expectedVersion ?? state.version, now.version);
    }
    // Someone else committed first: re-read and decide again against the new state.
  }
}

class StaleCases extends Error {}

/**
 * Writes every case in `writes` or none: the one statement of writeCases inside a transaction that
 * is rolled back when any case was changed by someone else since it was read. True when all were written.
 */
export async function writeCasesTogether(db: PrismaClient, writes: CaseWriteRows[]): Promise<boolean> {
  try {
    await db.$transaction(async (tx) => {
      const written = await writeCases(tx, writes);
      if (written.size !== writes.length) throw new StaleCases();
    });
    return true;
  } catch (error) {
    if (error instanceof StaleCases) return false;
    throw error;
  }
}

/**
 * One event on a case and on other cases of its concern (withdrawing a concern split into two
 * cases), all or nothing: one read, one transaction for every case's write. The case itself must
 * take the event (EventNotAllowedError otherwise); another case that no longer can is left as it is.
 * When any case moved in between, nothing is written and all are decided again (a conflict at once
 * when the caller gave the case's version). Returns the case's result and the other cases written.
 */
export async function applyCaseEventWithLinked(
  caseId: string,
  linkedIds: readonly string[],
  event: CaseEvent,
  actor: EventAuthor,
  options: ApplyOptions = {},
  prisma?: PrismaClient,
): Promise<{ applied: Applied; linked: string[] }> {
  const db = prisma ?? (await getPrisma());
  const maxAttempts = options.maxAttempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    const states = await readCases(db, [caseId, ...linkedIds]);
    const state = states.find((s) => s.id === caseId);
    if (!state) throw new CaseNotFoundError(`No case ${caseId}`);
    if (options.expectedVersion !== undefined && state.version !== options.expectedVersion) {
      throw new CaseConflictError(caseId, options.expectedVersion, state.version);
    }
    const changes = new CaseChanges(state);
    const { from, last } = recordWithFollowUp(changes, state, event, actor);
    const writes = [changes.rows()!];
    const linked: string[] = [];
    for (const other of states) {
      if (other.id === caseId) continue;
      const otherChanges = new CaseChanges(other);
      try {
        recordWithFollowUp(otherChanges, other, event, actor);
      } catch (error) {
        if (!(error instanceof EventNotAllowedError)) throw error;
        continue;
      }
      writes.push(otherChanges.rows()!);
      linked.push(other.id);
    }
    if (await writeCasesTogether(db, writes)) {
      return { applied: { caseId, version: state.version + changes.count, from, to: last.to, view: last.view }, linked };
    }
    if (attempt >= maxAttempts) {
      const now = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } });
      throw new CaseConflictError(caseId, options.expectedVersion ?? state.version, now.version);
    }
    // Someone else committed to one of the cases first: re-read all and decide again.
  }
}

/**
 * The same, inside a transaction the caller already holds (a register decision that carries out a
 * remedy, docs/decisions/021): locks the case row first — the lock order of applyCaseEvent and the
 * sweeper — then records through the same statement as every other event.
 */
export async function applyCaseEventInTransaction(tx: Prisma.TransactionClient, caseId: string, event: CaseEvent, actor: EventAuthor): Promise<Applied> {
  return applyCaseEventsInTransaction(tx, caseId, [event], actor);
}

/** A later event of one write, decided from the case as the earlier ones left it (or none). */
export type FollowingEvent = (view: CaseView) => CaseEvent | undefined;

/**
 * Several events of one person's act, in order, as ONE write (one statement, one version check):
 * evidence the family sends that also ends a pause waiting on them (docs/decisions/022). Each is
 * decided by the machine in turn; a refusal of any writes nothing. `version` is the last event's.
 */
export async function applyCaseEventsInTransaction(
  tx: Prisma.TransactionClient,
  caseId: string,
  events: ReadonlyArray<CaseEvent | FollowingEvent>,
  actor: EventAuthor,
): Promise<Applied & { firstSeq: number; recorded: CaseEvent[] }> {
  await tx.$queryRaw`SELECT id FROM "Case" WHERE id = ${caseId} FOR UPDATE`;
  const assigning = events.find((e): e is Extract<CaseEvent, { type: "ASSIGN_MEDIATOR" }> => typeof e !== "function" && e.type === "ASSIGN_MEDIATOR");
  const handing = events.find((e): e is Extract<CaseEvent, { type: "ASSIGN_HANDLER" }> => typeof e !== "function" && e.type === "ASSIGN_HANDLER");
  const [state] = await readCases(tx, [caseId], { newMediatorId: assigning?.mediatorId, newHandlerId: handing?.handlerId });
  if (!state) throw new CaseNotFoundError(`No case ${caseId}`);
  const changes = new CaseChanges(state);
  const recorded: CaseEvent[] = [];
  let first: { from: string } | undefined;
  let last: { to: string; view: CaseView } | undefined;
  for (const next of events) {
    const event = typeof next === "function" ? (last ? next(last.view) : undefined) : next;
    if (!event) continue;
    const result = transition(changes.persisted, event);
    changes.record(event, result, actor);
    recorded.push(event);
    first ??= result;
    last = result;
    // What the event sets off in the same write (a family's message ends a pause that waits on them).
    const follow = followUpOf(event, result);
    if (follow) {
      const followed = transition(result.persisted, follow);
      changes.record(follow, followed, actor);
      recorded.push(follow);
      last = followed;
    }
  }
  if (!first || !last) throw new RangeError("no event to record");
  const written = await writeCases(tx, [changes.rows()!]);
  if (!written.has(caseId)) throw new Error(`Case ${caseId} changed while locked`);
  return { caseId, version: changes.seq, from: first.from, to: last.to, view: last.view, firstSeq: state.version + 1, recorded };
}

export interface NewConcern {
  childId: string;
  raisedById: string;
  summary: string;
  receivedOn: string;
  cases: CaseInput[];
  challengesDecisionId?: string;
  challengesRecordVersionId?: string;
  /** How it reached the service when staff logged it for the family (docs/decisions/020). */
  receivedVia?: string;
  loggedById?: string;
  /** The draft it was written in (docs/decisions/025): marked sent in the same transaction, so a draft is sent once. */
  draftId?: string;
}

/** Thrown inside openConcern's transaction when its draft was already sent: nothing is saved. */
export class DraftAlreadySent extends Error {
  constructor(readonly draftId: string) {
    super(`Concern draft ${draftId} was already sent`);
  }
}

/** Records a concern and starts one case per route, all in one transaction. */
export async function openConcern(concernRef: string, concern: NewConcern, actor: EventAuthor, prisma?: PrismaClient) {
  const db = prisma ?? (await getPrisma());
  const child = await db.child.findUniqueOrThrow({ where: { id: concern.childId }, select: { settingId: true, localAreaId: true } });
  return db.$transaction(
    async (tx) => {
      const created = await tx.concern.create({
        data: {
          ref: concernRef,
          childId: concern.childId,
          raisedById: concern.raisedById,
          summary: concern.summary,
          receivedOn: dateColumn(concern.receivedOn),
          settingId: child.settingId,
          localAreaId: child.localAreaId,
          challengesDecisionId: concern.challengesDecisionId ?? null,
          challengesRecordVersionId: concern.challengesRecordVersionId ?? null,
          ...(concern.receivedVia ? { receivedVia: concern.receivedVia, loggedById: concern.loggedById ?? null } : {}),
        },
      });
      if (concern.draftId) {
        const marked = await tx.concernDraft.updateMany({ where: { id: concern.draftId, concernRef: null }, data: { concernRef } });
        if (marked.count !== 1) throw new DraftAlreadySent(concern.draftId);
      }
      const cases = [];
      // The timeline policy published for cases opened today (docs/decisions/027), unless the caller chose one.
      const policy = concern.cases.every((c) => c.policy) ? undefined : await policyInForce(tx);
      for (const input of concern.cases) {
        const started = startCase(input.policy || !policy ? input : { ...input, policy });
        const row = await tx.case.create({
          data: {
            ref: input.caseRef,
            concernId: created.id,
            route: input.route,
            healthInvolved: input.healthInvolved,
            settingId: input.settingId,
            localAreaId: input.localAreaId,
            machineId: started.persisted.machineId,
            machineVersion: started.persisted.machineVersion,
            snapshot: started.persisted.snapshot as Prisma.InputJsonValue,
            version: 1,
            ...caseColumns(started.view),
          },
        });
        const raised = { type: "CONCERN_RAISED", at: input.receivedOn, route: input.route, issues: input.issues } as const;
        await appendEvent(tx, row.id, 1, raised, "-", started.view.stateValue, actor, started.persisted.snapshot, started.persisted);
        await recordCaseFacts(tx, row.id, started.view);
        await replaceDeadlines(tx, row.id, row.localAreaId, started.deadlines);
        await queueNotifications(tx, row.id, 1, started.notifications, started.view.issues);
        cases.push(row);
      }
      return { concern: created, cases };
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}
