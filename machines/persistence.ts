import { SnapshotVersionError } from "./errors";

/**
 * Snapshots carry no version of their own, so the app stores them wrapped
 * with the machine id and version. Bump CASE_MACHINE_VERSION whenever the
 * snapshot shape (state names, context fields) changes, and add the step
 * that upgrades the previous version to SNAPSHOT_MIGRATIONS.
 */
export const CASE_MACHINE_ID = "redress-case";
export const CASE_MACHINE_VERSION: number = 1;

export type PersistedCase = { machineId: string; machineVersion: number; snapshot: unknown };

/** Upgrades a snapshot from version n (the key) to n + 1. */
export type SnapshotMigration = (snapshot: unknown) => unknown;

export const SNAPSHOT_MIGRATIONS: Readonly<Record<number, SnapshotMigration>> = {};

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
