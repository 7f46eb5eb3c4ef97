import { type CaseEvent, type CaseTransition, type CaseView, type DeadlineSpec, type NotificationSpec, type Party, type PersistedCase } from "../../machines";
import { Prisma as P, type Prisma, type PrismaClient } from "../../generated/prisma/client";
import { driverQueryFor } from "./database.server";
import { CURRENT_CHAIN_VERSION, eventHmac, snapshotDigest } from "./event-chain.server";
import { deriveCaseFacts, RUNG_STATES, type LoggedEvent } from "./patterns-facts";
import { handlingRecipients, RUNG_OF_BODY, TO_THE_HANDLER, type StaffRecipient } from "./handling-recipients";
import { NATIONAL_INBOX, type Recipient } from "./recipients.server";

// The case write path in raw SQL (docs/decisions/016). The ORM cost ~13 ms of Node CPU and 18–21
// statements per event; here an event is TWO statements and no interactive transaction:
//   1. readCases: the case row, the head of its hash chain, what the fact row needs from the log,
//      every possible recipient (and, for the sweeper, the case's open deadlines) in one query;
//   2. writeCases: one statement of data-modifying CTEs, all hanging off the optimistic
//      `UPDATE "Case" … WHERE version = <read version>`: the events, the deadlines replaced
//      set-based, the moot ones cancelled with their reason, the outbox rows, the fact row.
// A single statement is atomic, and every CTE reads the updated case ids, so a stale version
// writes nothing at all. Many cases (the sweeper) go through the same statement at once.
// The machine still decides everything (the caller runs it); this module only records.

/** Who recorded an event: a person, or a named part of the system (the sweeper). Not XState's Actor. */
export type EventAuthor = { kind: "user"; userId: string; name: string } | { kind: "system"; name: string };
type Db = PrismaClient | Prisma.TransactionClient;

export interface OpenDeadline {
  id: string;
  key: string;
  kind: "deadline" | "warning";
  dueOn: string;
  status: "open" | "dead";
  event: unknown;
  attempts: number;
}

/** What the write path needs to know about a case before recording events on it. */
export interface CaseState {
  id: string;
  version: number;
  machineId: string;
  machineVersion: number;
  snapshot: unknown;
  stateValue: string;
  localAreaId: string;
  highestRung: number;
  route: "process" | "substance";
  headHash: string;
  receivedOn: string;
  /** The log, summarised for the fact row (deriveCaseFacts reads only this much of it). */
  log: LoggedEvent[];
  recipients: Array<StaffRecipient & { assigned?: boolean }>;
  deadlines: OpenDeadline[];
}

/** Emails name issues by their own titles, never by internal ids: added to every email's data. */
export function issueTitlesOf(issues: CaseView["issues"]): Record<string, string> {
  return Object.fromEntries(issues.map((issue) => [issue.id, issue.summary]));
}

export function persistedOf(row: { machineId: string; machineVersion: number; snapshot: unknown }): PersistedCase {
  return { machineId: row.machineId, machineVersion: row.machineVersion, snapshot: row.snapshot };
}

/**
 * Runs one statement. Outside a transaction, on a client from openDatabase, it goes straight to
 * the driver: Prisma's client (its query compiler included, even for raw SQL) cost more Node CPU
 * per statement than the rest of the event put together (docs/decisions/016). Inside an
 * interactive transaction (the sweeper) it must use the transaction's connection: Prisma.
 */
async function run<T>(db: Db, sql: P.Sql): Promise<T[]> {
  const direct = driverQueryFor(db);
  if (direct) return direct<T>(sql.text, sql.values, true);
  return db.$queryRawUnsafe<T[]>(sql.text, ...sql.values);
}

const LIKE_RUNG2 = `${RUNG_STATES[2]}%`;
const LIKE_RUNG3 = `${RUNG_STATES[3]}%`;

/** Statement 1: everything about `ids` in one round trip. `newMediatorId` is a mediator being assigned now. */
export async function readCases(db: Db, ids: string[], options: { newMediatorId?: string; newHandlerId?: string; deadlines?: boolean } = {}): Promise<CaseState[]> {
  if (ids.length === 0) return [];
  const rows = await run<
    Omit<CaseState, "log" | "deadlines"> & { summary: { r2: string | null; r3: string | null; extensions: number; offered: boolean }; deadlines: OpenDeadline[] | null }
  >(
    db,
    P.sql`
    SELECT c.id, c.version, c."machineId", c."machineVersion", c.snapshot, c."stateValue", c."localAreaId", c."highestRung", c.route::text AS route,
      COALESCE(c."headHash", (SELECT e.hash FROM "CaseEvent" e WHERE e."caseId" = c.id AND e.seq = c.version), '') AS "headHash",
      to_char(k."receivedOn", 'YYYY-MM-DD') AS "receivedOn",
      (SELECT jsonb_build_object(
          'r2', (array_agg(left(e.payload->>'at', 10) ORDER BY e.seq) FILTER (WHERE e."toState" LIKE ${LIKE_RUNG2}))[1],
          'r3', (array_agg(left(e.payload->>'at', 10) ORDER BY e.seq) FILTER (WHERE e."toState" LIKE ${LIKE_RUNG3}))[1],
          'extensions', count(*) FILTER (WHERE e.type = 'EXTEND'),
          'offered', COALESCE(bool_or(e.type = 'OFFER_MEDIATION'), false))
        FROM "CaseEvent" e WHERE e."caseId" = c.id) AS summary,
      (SELECT COALESCE(jsonb_agg(jsonb_build_object('party', r.party, 'name', r.name, 'email', r.email, 'id', r.id, 'lead', r.lead) ORDER BY r.ord, r.email), '[]'::jsonb) FROM (
          SELECT 'family' AS party, 0 AS ord, u.name, u.email, u.id, u."complaintsLead" AS lead FROM "Guardianship" g JOIN "User" u ON u.id = g."userId" WHERE g."childId" = k."childId" AND u.active
          UNION ALL SELECT 'family', 1, u.name, u.email, u.id, u."complaintsLead" FROM "Child" ch JOIN "User" u ON u.id = ch."youngPersonUserId" WHERE ch.id = k."childId" AND u.active
          UNION ALL SELECT 'setting', 2, u.name, u.email, u.id, u."complaintsLead" FROM "User" u WHERE u."settingId" = c."settingId" AND u.active
            AND EXISTS (SELECT 1 FROM "_RoleToUser" ru JOIN "Role" ro ON ro.id = ru."A" WHERE ru."B" = u.id AND ro.name = 'setting-staff')
          UNION ALL SELECT 'local-service', 3, u.name, u.email, u.id, u."complaintsLead" FROM "User" u WHERE u."localAreaId" = c."localAreaId" AND u.active
            AND EXISTS (SELECT 1 FROM "_RoleToUser" ru JOIN "Role" ro ON ro.id = ru."A" WHERE ru."B" = u.id AND ro.name = 'local-officer')
          UNION ALL SELECT 'health-partner', 4, u.name, u.email, u.id, u."complaintsLead" FROM "User" u WHERE u."localAreaId" = c."localAreaId" AND u.active
            AND EXISTS (SELECT 1 FROM "_RoleToUser" ru JOIN "Role" ro ON ro.id = ru."A" WHERE ru."B" = u.id AND ro.name = 'health-partner')
          UNION ALL SELECT 'mediator', 5, u.name, u.email, u.id, u."complaintsLead" FROM "CaseAssignment" a JOIN "User" u ON u.id = a."userId" WHERE a."caseId" = c.id AND a.capacity = 'mediator' AND u.active
          UNION ALL SELECT 'new-mediator', 6, u.name, u.email, u.id, u."complaintsLead" FROM "User" u WHERE u.id = ${options.newMediatorId ?? null}::text AND u.active
          UNION ALL SELECT 'new-handler', 7, u.name, u.email, u.id, u."complaintsLead" FROM "User" u WHERE u.id = ${options.newHandlerId ?? null}::text AND u.active
          -- The national body's caseworkers: only messages and files go to them (its handler or lead); everything else to its casework inbox.
          UNION ALL SELECT 'national-staff', 8, u.name, u.email, u.id, u."complaintsLead" FROM "User" u WHERE c."highestRung" >= 3 AND u.active
            AND EXISTS (SELECT 1 FROM "_RoleToUser" ru JOIN "Role" ro ON ro.id = ru."A" WHERE ru."B" = u.id
              AND ro.name = CASE WHEN c.route::text = 'process' THEN 'ombudsman-caseworker' ELSE 'practice-reviewer' END)
        ) r) AS recipients,
      ${options.deadlines ? Prisma_deadlinesColumn : Prisma_nullColumn} AS deadlines
    FROM "Case" c JOIN "Concern" k ON k.id = c."concernId"
    WHERE c.id = ANY(${ids}::text[])
    ORDER BY c.id`,
  );
  return rows.map((row) => {
    const log: LoggedEvent[] = [];
    if (row.summary.r2) log.push({ type: "", on: row.summary.r2, toState: RUNG_STATES[2] });
    if (row.summary.r3) log.push({ type: "", on: row.summary.r3, toState: RUNG_STATES[3] });
    for (let i = 0; i < Number(row.summary.extensions); i++) log.push({ type: "EXTEND", on: row.receivedOn, toState: "" });
    if (row.summary.offered) log.push({ type: "OFFER_MEDIATION", on: row.receivedOn, toState: "" });
    return { ...row, summary: undefined, log, deadlines: row.deadlines ?? [] } as CaseState;
  });
}

// Fragments kept out of the template above for readability.
const Prisma_deadlinesColumn = P.sql`(SELECT COALESCE(jsonb_agg(jsonb_build_object('id', d.id, 'key', d.key, 'kind', d.kind, 'dueOn', to_char(d."dueOn", 'YYYY-MM-DD'), 'status', d.status, 'event', d.event, 'attempts', d.attempts)), '[]'::jsonb)
        FROM "Deadline" d WHERE d."caseId" = c.id AND d.status IN ('open', 'dead'))`;
const Prisma_nullColumn = P.sql`NULL::jsonb`;

/** Who a notification reaches on this case: one message per address, parties in the machine's order. */
export function recipientsFor(state: CaseState, parties: readonly Party[], assigningMediator: boolean): Recipient[] {
  const out: Recipient[] = [];
  for (const party of new Set(parties)) {
    if (party === "national-body") {
      out.push({ party, ...NATIONAL_INBOX[state.route] });
      continue;
    }
    // A mediator assigned by this very event is the mediator from now on (the old one loses access).
    const source = party === "mediator" && assigningMediator ? "new-mediator" : party;
    for (const r of state.recipients) if ((r.party as string) === source) out.push({ party, name: r.name, email: r.email });
  }
  return out.filter((r, i) => out.findIndex((o) => o.email === r.email) === i);
}

/**
 * Who a message or a file is told to (handling-recipients.ts): at each body, its handler (or
 * leads); the family and any health partner or mediator as usual; never the person who acted.
 */
export function handlerRecipientsFor(state: CaseState, parties: readonly Party[], view: Pick<CaseView, "handlers" | "peopleConcerned">, actor: EventAuthor): Recipient[] {
  const out: Recipient[] = [];
  for (const party of new Set(parties)) {
    const rung = RUNG_OF_BODY[party];
    if (rung === undefined) {
      out.push(...recipientsFor(state, [party], false));
      continue;
    }
    const source = party === "national-body" ? "national-staff" : party;
    const members = state.recipients.filter((r) => (r.party as string) === source);
    const chosen = handlingRecipients(members, view, rung);
    // The national body's staff at large work from its casework inbox.
    if (party === "national-body" && chosen.as === "staff") out.push({ party, ...NATIONAL_INBOX[state.route] });
    else for (const r of chosen.people) out.push({ party, name: r.name, email: r.email });
  }
  const actorEmail = actor.kind === "user" ? state.recipients.find((r) => r.id === actor.userId)?.email : undefined;
  return out.filter((r, i) => r.email !== actorEmail && out.findIndex((o) => o.email === r.email) === i);
}

function actorColumns(actor: EventAuthor) {
  return actor.kind === "user" ? { actorId: actor.userId, actorLabel: actor.name } : { actorId: null, actorLabel: `system:${actor.name}` };
}

interface EventRow {
  caseId: string;
  seq: number;
  type: string;
  payload: unknown;
  fromState: string;
  toState: string;
  actorId: string | null;
  actorLabel: string;
  occurredAt: string;
  prevHash: string;
  hash: string;
  chainVersion: number;
  snapshotDigest: string;
}

interface DeadlineRow {
  caseId: string;
  key: string;
  kind: string;
  label: string;
  dueOn: string;
  calendar: string;
  startedBy: string;
  startedOn: string;
  event: unknown;
  localAreaId: string;
  status: "open" | "fired";
  firedAt: string | null;
}

interface CaseRowWrite {
  id: string;
  fromVersion: number;
  version: number;
  machineId: string;
  machineVersion: number;
  snapshot: unknown;
  stateValue: string;
  status: string;
  rung: number | null;
  highestRung: number;
  headHash: string;
  /** Why deadlines the machine no longer wants were cancelled (unless a moot row says more). */
  cancelReason: string;
  /** For the work queues (docs/decisions/024), from the view. */
  urgent: boolean;
  owed: CaseView["owed"];
  handlerId: string | null;
}

/**
 * The rows one or more transitions of ONE case produce, built in memory: call `record` for each
 * transition in order, then `finish` with the deadlines fired along the way.
 */
export class CaseChanges {
  readonly events: EventRow[] = [];
  readonly outbox: Array<{ caseId: string; kind: string; toAddress: string; subject: string; payload: unknown; idempotencyKey: string }> = [];
  readonly moot: Array<{ caseId: string; key: string; reason: string }> = [];
  readonly fired = new Map<string, { dueOn: string; firedAt: string; spec: Pick<DeadlineSpec, "key" | "dueOn" | "kind"> & Partial<DeadlineSpec> }>();
  mediatorId: string | undefined;
  /** Who mediates, from the machine's record while a mediation runs (null: no mediator yet). */
  private mediatorOfRecord: string | null | undefined;
  private version: number;
  private head: string;
  private highestRung: number;
  private log: LoggedEvent[];
  private last: { persisted: PersistedCase; view: CaseView; deadlines: DeadlineSpec[]; from: string } | undefined;

  constructor(
    readonly state: CaseState,
    private readonly now: Date = new Date(),
  ) {
    this.version = state.version;
    this.head = state.headHash;
    this.highestRung = state.highestRung;
    this.log = [...state.log];
  }

  get seq() {
    return this.version;
  }
  get count() {
    return this.events.length;
  }

  /**
   * Appends one machine transition: its event (hash-chained), its emails, and why deadlines it dropped were dropped.
   * `occurredAt` is the time recorded (now); only the national generator passes the simulated day it walks.
   */
  record(event: CaseEvent, result: CaseTransition, actor: EventAuthor, previousDeadlines?: readonly { key: string }[], occurredAt: Date = this.now) {
    const caseId = this.state.id;
    const seq = ++this.version;
    const { actorId, actorLabel } = actorColumns(actor);
    const digest = snapshotDigest(result.persisted.snapshot);
    const payload = event as unknown as Record<string, unknown>;
    const hash = eventHmac(this.head, {
      caseId,
      seq,
      type: event.type,
      payload,
      fromState: result.from,
      toState: result.to,
      actorId,
      actorLabel,
      occurredAt,
      snapshotDigest: digest,
    });
    this.events.push({
      caseId,
      seq,
      type: event.type,
      payload,
      fromState: result.from,
      toState: result.to,
      actorId,
      actorLabel,
      occurredAt: occurredAt.toISOString(),
      prevHash: this.head,
      hash,
      chainVersion: CURRENT_CHAIN_VERSION,
      snapshotDigest: digest,
    });
    this.head = hash;
    const on = typeof payload.at === "string" ? payload.at.slice(0, 10) : this.state.receivedOn;
    this.log.push({ type: event.type, on, toState: result.to });
    const rung = result.view.rung ?? result.view.conclusion?.rung ?? 0;
    this.highestRung = Math.max(this.highestRung, rung);
    if (event.type === "ASSIGN_MEDIATOR") this.mediatorId = event.mediatorId;
    // Mediator access follows the machine's record (as highestRung does): while a mediation runs,
    // its mediator — and nobody else — holds the assignment; a mediator of an earlier mediation
    // loses it as soon as a new one starts. After the mediation the assignment stays as the
    // record of who mediated; the "assigned" scope's in-mediation condition ends their access.
    if (result.view.mediation?.status === "in-progress") this.mediatorOfRecord = result.view.mediation.mediatorId ?? null;
    const what = `${event.type}${"key" in event && typeof event.key === "string" ? ` ${event.key}` : ""} on ${on} (event ${seq})`;
    for (const caught of result.caughtUp ?? []) {
      this.moot.push({ caseId, key: caught.key, reason: `passed before ${what}, which recorded it first` });
    }
    if (previousDeadlines) {
      const still = new Set(result.deadlines.map((d) => d.key));
      for (const d of previousDeadlines) {
        if (still.has(d.key) || this.fired.has(d.key) || ("key" in event && event.key === d.key)) continue;
        if (!this.moot.some((m) => m.key === d.key)) this.moot.push({ caseId, key: d.key, reason: `no longer due after ${what}` });
      }
    }
    const issueTitles = issueTitlesOf(result.view.issues);
    for (const [index, notification] of result.notifications.entries()) this.queue(seq, index, notification, issueTitles, result.view, actor);
    this.last = { persisted: result.persisted, view: result.view, deadlines: result.deadlines, from: result.from };
  }

  /** The deadline `spec` fired in this run (a machine spec, or a stored row: then its other columns are kept). */
  markFired(spec: Pick<DeadlineSpec, "key" | "dueOn" | "kind"> & Partial<DeadlineSpec>) {
    this.fired.set(spec.key, { dueOn: spec.dueOn, firedAt: this.now.toISOString(), spec });
  }

  private queue(seq: number, index: number, notification: NotificationSpec, issueTitles: Record<string, string>, view: CaseView, actor: EventAuthor) {
    const caseId = this.state.id;
    // Only the person now handling the concern is told they are (read as "new-handler" by readCases).
    const recipients =
      notification.kind === "handler-assigned"
        ? this.state.recipients.filter((r) => (r.party as string) === "new-handler").map((r) => ({ ...r, party: notification.to[0] ?? r.party }))
        : TO_THE_HANDLER.has(notification.kind)
          ? handlerRecipientsFor(this.state, notification.to, view, actor)
          : recipientsFor(this.state, notification.to, this.mediatorId !== undefined);
    // An email that tells of a person's act names them (evidence-added: who added the file).
    const actorName = notification.kind === "evidence-added" && actor.kind === "user" ? { actorName: actor.name } : {};
    for (const recipient of recipients) {
      this.outbox.push({
        caseId,
        kind: notification.kind,
        toAddress: recipient.email,
        subject: notification.kind,
        payload: { ...notification.data, ...actorName, issueTitles, recipientName: recipient.name, party: recipient.party },
        idempotencyKey: `${caseId}:${seq}:${index}:${notification.kind}:${recipient.email}`,
      });
    }
  }

  get view(): CaseView | undefined {
    return this.last?.view;
  }
  get persisted(): PersistedCase {
    return this.last?.persisted ?? persistedOf(this.state);
  }

  /** The rows for writeCases; undefined when nothing was recorded. */
  rows(): CaseWriteRows | undefined {
    if (!this.last || this.events.length === 0) return undefined;
    const { persisted, view, deadlines } = this.last;
    const s = this.state;
    const lastEvent = this.events[this.events.length - 1]!;
    const deadlineRows: DeadlineRow[] = [];
    const seen = new Set<string>();
    for (const spec of deadlines) {
      const fired = this.fired.get(spec.key);
      seen.add(spec.key);
      // Fired now and still wanted at the same date: it was owed once and has been delivered.
      const firedHere = fired && fired.dueOn === spec.dueOn;
      deadlineRows.push({
        caseId: s.id,
        key: spec.key,
        kind: spec.kind,
        label: spec.label,
        dueOn: spec.dueOn,
        calendar: spec.calendar,
        startedBy: spec.startedBy,
        startedOn: spec.startedOn,
        event: spec.event,
        localAreaId: s.localAreaId,
        status: firedHere ? "fired" : "open",
        firedAt: firedHere ? fired.firedAt : null,
      });
    }
    for (const [key, fired] of this.fired) {
      if (seen.has(key)) continue;
      // label "" = a stored row: keep its descriptive columns, only mark it fired.
      const spec = fired.spec;
      deadlineRows.push({
        caseId: s.id,
        key,
        kind: spec.kind,
        label: spec.label ?? "",
        dueOn: fired.dueOn,
        calendar: spec.calendar ?? "",
        startedBy: spec.startedBy ?? "",
        startedOn: spec.startedOn ?? fired.dueOn,
        event: spec.event ?? {},
        localAreaId: s.localAreaId,
        status: "fired",
        firedAt: fired.firedAt,
      });
    }
    const rung = view.rung ?? view.conclusion?.rung ?? 0;
    return {
      kase: {
        id: s.id,
        fromVersion: s.version,
        version: this.version,
        machineId: persisted.machineId,
        machineVersion: persisted.machineVersion,
        snapshot: persisted.snapshot,
        stateValue: view.stateValue,
        status: view.status,
        rung: view.rung ?? null,
        highestRung: Math.max(this.highestRung, rung),
        headHash: this.head,
        cancelReason: `no longer due after ${lastEvent.type} (event ${lastEvent.seq})`,
        urgent: view.urgent !== undefined,
        owed: view.owed,
        handlerId: view.handlerId ?? null,
      },
      events: this.events,
      deadlines: deadlineRows,
      moot: this.moot,
      outbox: this.outbox,
      facts: { caseId: s.id, ...deriveCaseFacts(view, this.log, s.receivedOn) },
      mediator: this.mediatorOfRecord !== undefined ? { caseId: s.id, userId: this.mediatorOfRecord } : undefined,
    };
  }
}

export interface CaseWriteRows {
  kase: CaseRowWrite;
  events: EventRow[];
  deadlines: DeadlineRow[];
  moot: Array<{ caseId: string; key: string; reason: string }>;
  outbox: CaseChanges["outbox"];
  facts: Record<string, unknown> & { caseId: string };
  mediator?: { caseId: string; userId: string | null };
}

export interface DeadlineFailure {
  id: string;
  error: string;
}

/**
 * Statement 2: records every case in `writes` (each only if its row is still at the version it
 * was read at) and charges `failures` an attempt each (sending them to `dead` at `maxAttempts`).
 * Returns the ids of the cases written.
 */
export async function writeCases(db: Db, writes: CaseWriteRows[], options: { now?: Date; failures?: DeadlineFailure[]; maxAttempts?: number } = {}): Promise<Set<string>> {
  const now = (options.now ?? new Date()).toISOString();
  const json = (value: unknown) => JSON.stringify(value);
  // Why each dropped deadline was dropped, per case as {key: reason}: one lookup per row.
  const cases = json(writes.map((w) => ({ ...w.kase, moot: Object.fromEntries(w.moot.map((m) => [m.key, m.reason])) })));
  const events = json(writes.flatMap((w) => w.events));
  const deadlines = json(writes.flatMap((w) => w.deadlines));
  const outbox = json(writes.flatMap((w) => w.outbox));
  const facts = json(writes.map((w) => w.facts));
  const mediators = json(writes.flatMap((w) => (w.mediator ? [w.mediator] : [])));
  const failures = json(options.failures ?? []);
  const rows = await run<{ id: string | null }>(
    db,
    P.sql`
    WITH v AS (
      SELECT * FROM jsonb_to_recordset(${cases}::jsonb) AS v(id text, "fromVersion" int, version int, "machineId" text, "machineVersion" int, snapshot jsonb,
        "stateValue" text, status text, rung int, "highestRung" int, "headHash" text, "cancelReason" text, moot jsonb,
        urgent boolean, owed jsonb, "handlerId" text)
    ), upd AS (
      UPDATE "Case" c SET version = v.version, "machineId" = v."machineId", "machineVersion" = v."machineVersion", snapshot = v.snapshot,
        "stateValue" = v."stateValue", status = v.status, rung = v.rung, "highestRung" = v."highestRung", "headHash" = v."headHash",
        urgent = v.urgent, owed = v.owed, "handlerId" = v."handlerId", "updatedAt" = ${now}::timestamp(3)
      FROM v WHERE c.id = v.id AND c.version = v."fromVersion"
      RETURNING c.id, v."cancelReason", v.moot
    ), ev AS (
      INSERT INTO "CaseEvent" ("caseId", seq, type, payload, "fromState", "toState", "actorId", "actorLabel", "occurredAt", "prevHash", hash, "chainVersion", "snapshotDigest")
      SELECT e."caseId", e.seq, e.type, e.payload, e."fromState", e."toState", e."actorId", e."actorLabel", e."occurredAt", e."prevHash", e.hash, e."chainVersion", e."snapshotDigest"
      FROM jsonb_to_recordset(${events}::jsonb) AS e("caseId" text, seq int, type text, payload jsonb, "fromState" text, "toState" text, "actorId" text, "actorLabel" text,
        "occurredAt" timestamp(3), "prevHash" text, hash text, "chainVersion" int, "snapshotDigest" text)
      WHERE e."caseId" IN (SELECT id FROM upd)
      ORDER BY e."caseId", e.seq
    ), dl AS (
      SELECT * FROM jsonb_to_recordset(${deadlines}::jsonb) AS d("caseId" text, key text, kind text, label text, "dueOn" date, calendar text, "startedBy" text,
        "startedOn" date, event jsonb, "localAreaId" text, status text, "firedAt" timestamp(3))
      WHERE d."caseId" IN (SELECT id FROM upd)
    ), cancelled AS (
      UPDATE "Deadline" d SET status = 'cancelled', "claimedUntil" = NULL, "updatedAt" = ${now}::timestamp(3),
        "cancelledReason" = COALESCE(upd.moot ->> d.key, upd."cancelReason")
      FROM upd
      WHERE d."caseId" = upd.id AND d.status IN ('open', 'dead') AND NOT EXISTS (SELECT 1 FROM dl WHERE dl."caseId" = d."caseId" AND dl.key = d.key)
    ), upserted AS (
      INSERT INTO "Deadline" (id, "caseId", key, kind, label, "dueOn", calendar, "startedBy", "startedOn", event, status, "firedAt", "localAreaId", "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, dl."caseId", dl.key, dl.kind, dl.label, dl."dueOn", dl.calendar, dl."startedBy", dl."startedOn", dl.event, dl.status::"DeadlineStatus", dl."firedAt", dl."localAreaId", ${now}::timestamp(3), ${now}::timestamp(3)
      FROM dl
      ON CONFLICT ("caseId", key) DO UPDATE SET
        status = EXCLUDED.status, "firedAt" = EXCLUDED."firedAt", "claimedUntil" = NULL, "updatedAt" = EXCLUDED."updatedAt", "cancelledReason" = NULL,
        kind = CASE WHEN EXCLUDED.label = '' THEN "Deadline".kind ELSE EXCLUDED.kind END,
        label = CASE WHEN EXCLUDED.label = '' THEN "Deadline".label ELSE EXCLUDED.label END,
        "dueOn" = CASE WHEN EXCLUDED.label = '' THEN "Deadline"."dueOn" ELSE EXCLUDED."dueOn" END,
        calendar = CASE WHEN EXCLUDED.label = '' THEN "Deadline".calendar ELSE EXCLUDED.calendar END,
        "startedBy" = CASE WHEN EXCLUDED.label = '' THEN "Deadline"."startedBy" ELSE EXCLUDED."startedBy" END,
        "startedOn" = CASE WHEN EXCLUDED.label = '' THEN "Deadline"."startedOn" ELSE EXCLUDED."startedOn" END,
        event = CASE WHEN EXCLUDED.label = '' THEN "Deadline".event ELSE EXCLUDED.event END,
        "lastError" = CASE WHEN EXCLUDED.status = 'fired' THEN NULL ELSE "Deadline"."lastError" END,
        attempts = CASE WHEN EXCLUDED.status = 'fired' THEN "Deadline".attempts ELSE 0 END,
        "deadAt" = NULL
      WHERE EXCLUDED.status = 'fired'
        -- Re-dated (pause, extension) or reopened; a fired or dead deadline at the same date stays as it is.
        OR (("Deadline"."dueOn" <> EXCLUDED."dueOn" OR "Deadline".label <> EXCLUDED.label OR "Deadline".status = 'cancelled')
            AND NOT ("Deadline".status IN ('fired', 'dead') AND "Deadline"."dueOn" = EXCLUDED."dueOn"))
    ), ob AS (
      INSERT INTO "OutboxMessage" (id, "caseId", kind, "toAddress", subject, payload, "idempotencyKey", "nextAttemptAt", "createdAt")
      SELECT gen_random_uuid()::text, o."caseId", o.kind, o."toAddress", o.subject, o.payload, o."idempotencyKey", ${now}::timestamp(3), ${now}::timestamp(3)
      FROM jsonb_to_recordset(${outbox}::jsonb) AS o("caseId" text, kind text, "toAddress" text, subject text, payload jsonb, "idempotencyKey" text)
      WHERE o."caseId" IN (SELECT id FROM upd)
    ), facts AS (
      INSERT INTO "CaseFact" ("caseId", route, "localAreaId", "settingId", "settingKind", ethnicity, sex, "freeSchoolMeals", "deprivationDecile", "primaryNeed", "ageBand", "receivedOn",
        status, "highestRung", "concludedOn", conclusion, "rung2On", "rung3On", "decided1On", "decided2On", "decided3On", upheld1, upheld2, upheld3,
        "ackDays1", "ackDays2", "ackDays3", "decideDays1", "decideDays2", "decideDays3", breaches1, breaches2, breaches3, extensions,
        "mediationOffered", "mediationAgreed", "remediesIssued", "remediesDone", "remediesFailed", "updatedAt")
      SELECT c.id, c.route, c."localAreaId", c."settingId", s.kind, ch.ethnicity, ch.sex, ch."freeSchoolMeals", ch."deprivationDecile", ch."primaryNeed",
        CASE WHEN date_part('year', age(k."receivedOn", ch."dateOfBirth")) < 5 THEN '0-4'
          WHEN date_part('year', age(k."receivedOn", ch."dateOfBirth")) < 11 THEN '5-10'
          WHEN date_part('year', age(k."receivedOn", ch."dateOfBirth")) < 16 THEN '11-15'
          ELSE '16-25' END,
        k."receivedOn", f.status, f."highestRung", f."concludedOn", f.conclusion, f."rung2On", f."rung3On", f."decided1On", f."decided2On", f."decided3On", f.upheld1, f.upheld2, f.upheld3,
        f."ackDays1", f."ackDays2", f."ackDays3", f."decideDays1", f."decideDays2", f."decideDays3", f.breaches1, f.breaches2, f.breaches3, f.extensions,
        f."mediationOffered", f."mediationAgreed", f."remediesIssued", f."remediesDone", f."remediesFailed", ${now}::timestamp(3)
      FROM jsonb_populate_recordset(NULL::"CaseFact", ${facts}::jsonb) f
        JOIN "Case" c ON c.id = f."caseId" JOIN "Concern" k ON k.id = c."concernId" JOIN "Child" ch ON ch.id = k."childId" JOIN "Setting" s ON s.id = c."settingId"
      WHERE f."caseId" IN (SELECT id FROM upd)
      ON CONFLICT ("caseId") DO UPDATE SET status = EXCLUDED.status, "highestRung" = EXCLUDED."highestRung", "concludedOn" = EXCLUDED."concludedOn", conclusion = EXCLUDED.conclusion,
        "rung2On" = EXCLUDED."rung2On", "rung3On" = EXCLUDED."rung3On", "decided1On" = EXCLUDED."decided1On", "decided2On" = EXCLUDED."decided2On", "decided3On" = EXCLUDED."decided3On",
        upheld1 = EXCLUDED.upheld1, upheld2 = EXCLUDED.upheld2, upheld3 = EXCLUDED.upheld3, "ackDays1" = EXCLUDED."ackDays1", "ackDays2" = EXCLUDED."ackDays2", "ackDays3" = EXCLUDED."ackDays3",
        "decideDays1" = EXCLUDED."decideDays1", "decideDays2" = EXCLUDED."decideDays2", "decideDays3" = EXCLUDED."decideDays3", breaches1 = EXCLUDED.breaches1, breaches2 = EXCLUDED.breaches2,
        breaches3 = EXCLUDED.breaches3, extensions = EXCLUDED.extensions, "mediationOffered" = EXCLUDED."mediationOffered", "mediationAgreed" = EXCLUDED."mediationAgreed",
        "remediesIssued" = EXCLUDED."remediesIssued", "remediesDone" = EXCLUDED."remediesDone", "remediesFailed" = EXCLUDED."remediesFailed", "updatedAt" = EXCLUDED."updatedAt"
    ), med AS (
      SELECT * FROM jsonb_to_recordset(${mediators}::jsonb) AS m("caseId" text, "userId" text) WHERE m."caseId" IN (SELECT id FROM upd)
    ), med_out AS (
      -- The assigned mediator may now read the case; a mediator of an earlier mediation does not come back with this one.
      DELETE FROM "CaseAssignment" a USING med WHERE a."caseId" = med."caseId" AND a.capacity = 'mediator' AND a."userId" IS DISTINCT FROM med."userId"
    ), med_in AS (
      INSERT INTO "CaseAssignment" ("caseId", "userId", capacity, "createdAt") SELECT med."caseId", med."userId", 'mediator', ${now}::timestamp(3) FROM med WHERE med."userId" IS NOT NULL
      ON CONFLICT DO NOTHING
    ), charged AS (
      UPDATE "Deadline" d SET attempts = d.attempts + 1, "lastError" = left(f.error, 1000), "claimedUntil" = NULL, "updatedAt" = ${now}::timestamp(3),
        status = CASE WHEN d.attempts + 1 >= ${options.maxAttempts ?? 10} THEN 'dead'::"DeadlineStatus" ELSE d.status END,
        "deadAt" = CASE WHEN d.attempts + 1 >= ${options.maxAttempts ?? 10} THEN ${now}::timestamp(3) ELSE NULL END
      FROM jsonb_to_recordset(${failures}::jsonb) AS f(id text, error text)
      WHERE d.id = f.id AND d.status = 'open'
    )
    SELECT id FROM upd`,
  );
  return new Set(rows.map((r) => r.id).filter((id): id is string => id !== null));
}
