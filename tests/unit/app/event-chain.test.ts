import { describe, expect, it } from "vitest";
import { canonicalJson, canonicalJsonReference, eventHash, eventHmac, snapshotDigest } from "../../../app/utils/event-chain.server";
import { startCase, transitionCase, triageConcern } from "../../../machines";
import { prng } from "../../../app/utils/prng";

// The keyed (v2) hash must cover what the legacy one did not: who, when, the resulting snapshot,
// and the key itself.
describe("keyed event hash (chain v2)", () => {
  const entry = {
    caseId: "c",
    seq: 2,
    type: "RESPOND",
    payload: { a: 1 },
    fromState: "x",
    toState: "y",
    actorLabel: "A",
    actorId: "u1",
    occurredAt: new Date("2026-11-27T10:00:00.000Z"),
    snapshotDigest: snapshotDigest({ value: "y" }),
  };
  const key = "k".repeat(32);
  const base = eventHmac("p", entry, key);

  it.each([
    ["payload", { payload: { a: 2 } }],
    ["actor id", { actorId: "u2" }],
    ["actor label", { actorLabel: "B" }],
    ["time", { occurredAt: new Date("2026-11-27T10:00:00.001Z") }],
    ["snapshot digest", { snapshotDigest: snapshotDigest({ value: "z" }) }],
    ["sequence", { seq: 3 }],
  ])("changes when the %s changes", (_, change) => {
    expect(eventHmac("p", { ...entry, ...change }, key)).not.toBe(base);
  });

  it("depends on the previous hash and the key, and is stable otherwise", () => {
    expect(eventHmac("q", entry, key)).not.toBe(base);
    expect(eventHmac("p", entry, "j".repeat(32))).not.toBe(base);
    expect(eventHmac("p", { ...entry, payload: { a: 1 } }, key)).toBe(base);
  });

  it("cannot be produced with the unkeyed legacy formula", () => {
    expect(eventHash("p", entry)).not.toBe(base);
  });

  it("digests snapshots independently of key order", () => {
    expect(snapshotDigest({ a: 1, b: { c: 2, d: 3 } })).toBe(snapshotDigest({ b: { d: 3, c: 2 }, a: 1 }));
  });
});

// canonicalJson was rewritten for speed (docs/decisions/034): every stored hash depends on it
// producing exactly what the first version produced.
describe("canonicalJson", () => {
  function randomValue(r: () => number, depth: number): unknown {
    const x = r();
    if (depth > 3 || x < 0.35) {
      const leaves = [null, undefined, true, false, 0, -1.5, 1e21, NaN, "", 'a"b', "é\u2028\n", "🙂", 42];
      return leaves[Math.floor(r() * leaves.length)];
    }
    if (x < 0.6) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    const keys = ["b", "a", "B", "_", "aa", "é", "10", "2", "", "key with space", "Z"];
    return Object.fromEntries(Array.from({ length: Math.floor(r() * 6) }, () => [keys[Math.floor(r() * keys.length)]!, randomValue(r, depth + 1)]));
  }

  it("gives the same text as the reference version on 2,000 random values", () => {
    const r = prng(7);
    for (let i = 0; i < 2000; i++) {
      const value = randomValue(r, 0);
      expect(canonicalJson(value)).toBe(canonicalJsonReference(value));
    }
  });

  it("gives the same text as the reference version on real case snapshots", () => {
    const [input] = triageConcern({
      concernRef: "RC-1",
      receivedOn: "2026-01-05",
      settingId: "s",
      settingName: "Setting",
      localAreaId: "a",
      healthInvolved: false,
      issues: [{ id: "issue-1", category: "register-refusal", summary: "Refused a place" }],
    });
    const start = startCase(input!);
    const next = transitionCase(start.persisted, { type: "ACKNOWLEDGE", at: "2026-01-06", handlerId: "h" });
    for (const value of [start.persisted, next.persisted, next.view]) expect(canonicalJson(value)).toBe(canonicalJsonReference(value));
    expect(canonicalJson({ b: 1, a: [undefined, { d: undefined, c: "x" }] })).toBe('{"a":[null,{"c":"x"}],"b":1}');
  });
});
