import { SnapshotVersionError } from "./errors";

/**
 * Snapshots carry no version of their own, so the app stores them wrapped
 * with the machine id and version. Bump CASE_MACHINE_VERSION whenever the
 * snapshot shape (state names, context fields) changes, and add the step
 * that upgrades the previous version to SNAPSHOT_MIGRATIONS.
 */
export const CASE_MACHINE_ID = "redress-case";
export const CASE_MACHINE_VERSION: number = 2;

export type PersistedCase = { machineId: string; machineVersion: number; snapshot: unknown };

/** Upgrades a snapshot from version n (the key) to n + 1. */
export type SnapshotMigration = (snapshot: unknown) => unknown;

type V1Context = {
  file: { policy: Record<string, unknown> };
  national?: { comments: unknown };
};

/**
 * The fair-ladder bounds every version-1 case gets: a frozen copy of the policy's defaults when
 * version 2 shipped (a migration must give the same answer whatever the defaults become later).
 */
const FAIRNESS_DEFAULTS = {
  maxPauseWorkingDays: 20,
  maxRespondentMediationOffersPerRung: 1,
  nationalReferralMonths: 12,
  longOpenAlertMonths: 6,
  failedRemedyWindowWorkingDays: 20,
  termDatesCoverCalendarDays: 120,
};

export const SNAPSHOT_MIGRATIONS: Readonly<Record<number, SnapshotMigration>> = {
  /** 1 → 2: the policy gains its fairness bounds; comments on a draft become a list from every party. */
  1: (snapshot) => {
    const copy = structuredClone(snapshot) as { context: V1Context };
    const { context } = copy;
    context.file.policy = { fairness: FAIRNESS_DEFAULTS, ...context.file.policy };
    if (context.national && !Array.isArray(context.national.comments)) {
      const old = (context.national.comments ?? {}) as Record<string, { on: string; comments: string }>;
      context.national.comments = Object.entries(old)
        .map(([party, comment]) => ({ party: party === "respondent" ? "local-service" : party, ...comment }))
        .sort((a, b) => a.on.localeCompare(b.on));
    }
    return copy;
  },
};

export function migrateSnapshot(
  persisted: PersistedCase,
  migrations: Readonly<Record<number, SnapshotMigration>> = SNAPSHOT_MIGRATIONS,
  targetVersion: number = CASE_MACHINE_VERSION,
): PersistedCase {
  const { machineId, machineVersion } = persisted;
  if (machineId !== CASE_MACHINE_ID) {
    throw new SnapshotVersionError(machineId, machineVersion, `snapshot belongs to machine ${machineId}, not ${CASE_MACHINE_ID}`);
  }
  if (!Number.isInteger(machineVersion) || machineVersion < 1 || machineVersion > targetVersion) {
    throw new SnapshotVersionError(machineId, machineVersion, `unknown ${CASE_MACHINE_ID} version ${machineVersion} (this code runs version ${targetVersion})`);
  }
  let current = persisted;
  while (current.machineVersion < targetVersion) {
    const migrate = migrations[current.machineVersion];
    if (!migrate) {
      throw new SnapshotVersionError(machineId, machineVersion, `no migration from ${CASE_MACHINE_ID} version ${current.machineVersion} to ${current.machineVersion + 1}`);
    }
    current = { machineId, machineVersion: current.machineVersion + 1, snapshot: migrate(current.snapshot) };
  }
  return current;
}
