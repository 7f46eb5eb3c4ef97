import { describe, expect, it } from "vitest";
import { eventHash, eventHmac, snapshotDigest } from "../../../app/utils/event-chain.server";

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
