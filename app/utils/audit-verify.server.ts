import { transitionCase, viewCase, type CaseEvent, type PersistedCase } from "../../machines";
import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import { canonicalJson, eventHash, eventHmac, snapshotDigest } from "./event-chain.server";

// `npm run audit:verify`: checks every case's log against itself, the key and the case row
// (docs/decisions/010). Read-only. Each finding names the case, the event and what is wrong.

export const FINDING_KINDS = {
  "sequence-gap": "events are missing or out of order",
  "chain-broken": "an event does not point at the hash of the one before it",
  "hash-mismatch": "a legacy (v1) event's content no longer matches its hash",
  "hmac-mismatch": "an event's content, actor, time or snapshot digest no longer matches its keyed hash",
  "chain-downgrade": "a legacy (v1) event follows a keyed (v2) one",
  "version-mismatch": "the case's version is not the number of its last event",
  "snapshot-mismatch": "the case's stored snapshot is not the one its last event recorded",
  "replay-mismatch": "replaying the log through the machines does not give the recorded states",
  "replay-failed": "the machines refuse an event of the log",
  "tail-missing": "emails were queued by events the log no longer has",
  "columns-mismatch": "the case's state and status columns (used by lists and statistics) disagree with its snapshot",
} as const;
export type FindingKind = keyof typeof FINDING_KINDS;

export interface Finding {
  caseId: string;
  caseRef: string;
  kind: FindingKind;
  seq?: number;
  detail: string;
}

export interface VerifyReport {
  cases: number;
  events: number;
  /** Cases whose whole log predates keying: chain checked, but anyone with write access could have recomputed it. */
  legacyCases: number;
  /** Cases replayed through the machines (v2 logs, which record their starting snapshot). */
  replayed: number;
  findings: Finding[];
}

interface EventRow {
  seq: number;
  type: string;
  payload: unknown;
  fromState: string;
  toState: string;
  actorId: string | null;
  actorLabel: string;
  occurredAt: Date;
  prevHash: string;
  hash: string;
  chainVersion: number;
  snapshotDigest: string | null;
  initialSnapshot: unknown;
}

interface CaseRow {
  id: string;
  ref: string;
  version: number;
  machineId: string;
  machineVersion: number;
  snapshot: unknown;
  stateValue: string;
  status: string;
}

export async function verifyAuditLog(prisma: PrismaClient, options: { key?: string; pageSize?: number } = {}): Promise<VerifyReport> {
  const report: VerifyReport = { cases: 0, events: 0, legacyCases: 0, replayed: 0, findings: [] };
  const pageSize = options.pageSize ?? 200;
  for (let cursor: string | undefined; ;) {
    const cases = await prisma.case.findMany({
      orderBy: { id: "asc" },
      take: pageSize,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      select: { id: true, ref: true, version: true, machineId: true, machineVersion: true, snapshot: true, stateValue: true, status: true },
    });
    if (cases.length === 0) break;
    const events = await prisma.caseEvent.findMany({
      where: { caseId: { in: cases.map((c) => c.id) } },
      orderBy: [{ caseId: "asc" }, { seq: "asc" }],
      select: {
        caseId: true,
        seq: true,
        type: true,
        payload: true,
        fromState: true,
        toState: true,
        actorId: true,
        actorLabel: true,
        occurredAt: true,
        prevHash: true,
        hash: true,
        chainVersion: true,
        snapshotDigest: true,
        initialSnapshot: true,
      },
    });
    const byCase = groupBy(events, (e) => e.caseId);
    // Emails are queued with keys "<caseId>:<seq>:…" by the event that owed them: a trace of
    // events deleted from the end of a log (until retention deletes the settled copies).
    const emailSeqs = await prisma.$queryRaw<{ caseId: string; seq: number }[]>`
      SELECT "caseId", max(split_part("idempotencyKey", ':', 2)::int) AS seq
      FROM "OutboxMessage" WHERE "caseId" IN (${Prisma.join(cases.map((c) => c.id))}) AND split_part("idempotencyKey", ':', 2) ~ '^[0-9]+$'
      GROUP BY "caseId"`;
    const lastEmailSeq = new Map(emailSeqs.map((r) => [r.caseId, Number(r.seq)]));
    for (const c of cases) {
      const log = byCase.get(c.id) ?? [];
      report.cases++;
      report.events += log.length;
      if (log.length > 0 && log.every((e) => e.chainVersion === 1)) report.legacyCases++;
      const found = verifyCase(c, log, options.key);
      const emailed = lastEmailSeq.get(c.id) ?? 0;
      if (emailed > (log.at(-1)?.seq ?? 0)) {
        found.findings.push({
          caseId: c.id,
          caseRef: c.ref,
          kind: "tail-missing",
          seq: emailed,
          detail: `an email was queued by event ${emailed}, but the log ends at ${log.at(-1)?.seq ?? 0}`,
        });
      }
      if (found.replayed) report.replayed++;
      report.findings.push(...found.findings);
    }
    cursor = cases.at(-1)!.id;
  }
  return report;
}

export function verifyCase(c: CaseRow, log: EventRow[], key?: string): { findings: Finding[]; replayed: boolean } {
  const findings: Finding[] = [];
  const add = (kind: FindingKind, detail: string, seq?: number) => findings.push({ caseId: c.id, caseRef: c.ref, kind, seq, detail });

  let prevHash = "";
  let keyedSeen = false;
  log.forEach((e, i) => {
    if (e.seq !== i + 1) add("sequence-gap", `expected event ${i + 1}, found ${e.seq}`, e.seq);
    if (e.prevHash !== prevHash) add("chain-broken", `prevHash does not match event ${e.seq - 1}'s hash`, e.seq);
    const content = { caseId: c.id, seq: e.seq, type: e.type, payload: e.payload, fromState: e.fromState, toState: e.toState, actorLabel: e.actorLabel };
    if (e.chainVersion === 1) {
      if (keyedSeen) add("chain-downgrade", "legacy event after a keyed one", e.seq);
      if (eventHash(e.prevHash, content) !== e.hash) add("hash-mismatch", "content changed since it was recorded", e.seq);
    } else {
      keyedSeen = true;
      const expected = eventHmac(e.prevHash, { ...content, actorId: e.actorId, occurredAt: e.occurredAt, snapshotDigest: e.snapshotDigest ?? "" }, key);
      if (expected !== e.hash) add("hmac-mismatch", "content, actor, time or snapshot digest changed since it was recorded (or the key differs)", e.seq);
    }
    prevHash = e.hash;
  });

  const last = log.at(-1);
  if (!last) {
    add("version-mismatch", `case is at version ${c.version} but has no events`);
    return { findings, replayed: false };
  }
  if (last.seq !== c.version) add("version-mismatch", `case is at version ${c.version}, its last event is ${last.seq}`, last.seq);
  if (last.snapshotDigest && last.snapshotDigest !== snapshotDigest(c.snapshot)) {
    add("snapshot-mismatch", `the stored snapshot differs from the one event ${last.seq} recorded`, last.seq);
  }

  try {
    const view = viewCase({ machineId: c.machineId, machineVersion: c.machineVersion, snapshot: c.snapshot });
    if (view.stateValue !== c.stateValue || view.status !== c.status) {
      add("columns-mismatch", `columns say ${c.stateValue} (${c.status}), the snapshot ${view.stateValue} (${view.status})`, last.seq);
    }
  } catch (error) {
    add("replay-failed", `the stored snapshot cannot be read: ${error instanceof Error ? error.message : error}`, last.seq);
  }

  const first = log[0]!;
  if (!isPersisted(first.initialSnapshot)) return { findings, replayed: false };
  let persisted: PersistedCase = first.initialSnapshot;
  if (first.snapshotDigest && snapshotDigest(persisted.snapshot) !== first.snapshotDigest) {
    add("replay-mismatch", "the recorded starting snapshot is not the one event 1 recorded", 1);
  }
  for (const e of log.slice(1)) {
    try {
      const step = transitionCase(persisted, e.payload as CaseEvent);
      persisted = step.persisted;
      if (step.to !== e.toState) add("replay-mismatch", `replay reaches ${step.to}, the log says ${e.toState}`, e.seq);
      else if (e.snapshotDigest && snapshotDigest(persisted.snapshot) !== e.snapshotDigest)
        add("replay-mismatch", "replay gives a different snapshot from the one recorded", e.seq);
    } catch (error) {
      add("replay-failed", error instanceof Error ? error.message : String(error), e.seq);
      return { findings, replayed: true };
    }
  }
  if (canonicalJson(persisted.snapshot) !== canonicalJson(c.snapshot) || persisted.machineVersion !== c.machineVersion) {
    add("replay-mismatch", "the case's stored snapshot is not what its log replays to", last.seq);
  }
  return { findings, replayed: true };
}

function isPersisted(value: unknown): value is PersistedCase {
  return Boolean(value && typeof value === "object" && "machineId" in value && "machineVersion" in value && "snapshot" in value);
}

export function formatReport(report: VerifyReport): string {
  const lines = [`Cases: ${report.cases} · events: ${report.events} · replayed through the machines: ${report.replayed} · legacy unkeyed logs: ${report.legacyCases}`];
  if (report.findings.length === 0) lines.push("No tampering found.");
  else {
    const kinds = groupBy(report.findings, (f) => f.kind);
    lines.push(`TAMPERING FOUND: ${report.findings.length} finding(s) in ${new Set(report.findings.map((f) => f.caseId)).size} case(s)`);
    for (const [kind, list] of kinds) lines.push(`  ${kind} (${FINDING_KINDS[kind]}): ${list.length}`);
    for (const f of report.findings) lines.push(`  ✖ ${f.caseRef}${f.seq ? ` event ${f.seq}` : ""}: ${f.kind} – ${f.detail}`);
  }
  return lines.join("\n");
}

function groupBy<T, K>(items: T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
