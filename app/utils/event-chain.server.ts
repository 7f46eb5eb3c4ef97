import crypto from "node:crypto";
import { auditHmacKey } from "./env.server";

// The case log's hash chain (docs/decisions/006 and 009). Each event stores prevHash and hash;
// editing, inserting or removing an event breaks the chain from that point on.
//   v1 (legacy, before migration 20261127181943): sha256 over the event's content, unkeyed, so
//      anyone who can write the table can recompute it; actor id and time were not covered.
//   v2: HMAC-SHA256 with AUDIT_HMAC_KEY (kept out of the database) over the event, its actor,
//      time and the digest of the case snapshot it produced.

export const CURRENT_CHAIN_VERSION = 2;

/** JSON with object keys sorted at every depth: jsonb reorders keys, and the hash must survive a round trip. */
// Written as loops over sorted keys (no entries arrays, closures or joins): it runs over every
// snapshot the machines produce, and was ~15% of a generated walk's CPU. Same output as
// canonicalJsonReference (tests/unit/app/canonical-json.test.ts).
export function canonicalJson(value: unknown): string {
  if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i ? "," : "") + canonicalJson(value[i]);
    return out + "]";
  }
  const record = value as Record<string, unknown>;
  // Default sort orders strings by UTF-16 code units, as `a < b` does.
  const keys = Object.keys(record).sort();
  let out = "{";
  let first = true;
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += (first ? "" : ",") + JSON.stringify(key) + ":" + canonicalJson(v);
    first = false;
  }
  return out + "}";
}

/** The first, plainer canonicalJson: kept as the reference the fast one is tested against. */
export function canonicalJsonReference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJsonReference).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJsonReference(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export interface V1Content {
  caseId: string;
  seq: number;
  type: string;
  payload: unknown;
  fromState: string;
  toState: string;
  actorLabel: string;
}

export interface V2Content extends V1Content {
  actorId: string | null;
  occurredAt: Date;
  snapshotDigest: string;
}

/** v1: sha256 over the previous hash and this event's content. Kept to verify legacy rows. */
export function eventHash(prevHash: string, entry: V1Content): string {
  return crypto.createHash("sha256").update(prevHash).update(canonicalJson(entry)).digest("hex");
}

/** v2: keyed, and covers who, when and the resulting snapshot as well. */
export function eventHmac(prevHash: string, entry: V2Content, key = auditHmacKey()): string {
  const { occurredAt, ...rest } = entry;
  const content = canonicalJson({ v: 2, ...rest, occurredAt: occurredAt.toISOString() });
  return crypto.createHmac("sha256", key).update(prevHash).update("\n").update(content).digest("hex");
}

export function snapshotDigest(snapshot: unknown): string {
  return crypto.createHash("sha256").update(canonicalJson(snapshot)).digest("hex");
}
