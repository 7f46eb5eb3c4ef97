import { viewAndAllowedEvents, type CaseView, type PersistedCase } from "../../machines";

// The machine's answer for a stored case, remembered per stored version (docs/decisions/035).
// A case's snapshot changes only through the one writer (case-write.server.ts), which always
// moves its version on, so (id, version) names exactly one snapshot; the events allowed depend on
// the day too (deadlines that fell due are caught up first). Each instance keeps its own small
// cache: an instance that has not seen the new version simply works it out. What is cached is
// frozen, so a caller that tried to change a shared answer would fail loudly, not leak it.

const MAX_ENTRIES = 500;
const remembered = new Map<string, Readonly<{ view: CaseView; allowed: readonly string[] }>>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** viewAndAllowedEvents for a stored case on a day, worked out once per (case, version, day). */
export function caseViewOn(row: { id: string; version: number } & PersistedCase, on: string): Readonly<{ view: CaseView; allowed: readonly string[] }> {
  const key = `${row.id}|${row.version}|${row.machineId}|${row.machineVersion}|${on}`;
  const hit = remembered.get(key);
  if (hit) {
    // Least recently used goes first: a Map keeps insertion order.
    remembered.delete(key);
    remembered.set(key, hit);
    return hit;
  }
  const answer = deepFreeze(viewAndAllowedEvents({ machineId: row.machineId, machineVersion: row.machineVersion, snapshot: row.snapshot }, on));
  remembered.set(key, answer);
  if (remembered.size > MAX_ENTRIES) remembered.delete(remembered.keys().next().value!);
  return answer;
}

/** For tests: how many answers are remembered. */
export function rememberedCaseViews(): number {
  return remembered.size;
}
