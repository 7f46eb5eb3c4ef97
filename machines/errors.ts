import type { z } from "zod";

/** The event is well-formed but the case cannot take it now; `reason` is plain English for the user. */
export class EventNotAllowedError extends Error {
  override name = "EventNotAllowedError";
  constructor(
    readonly eventType: string,
    readonly state: string,
    readonly reason: string,
  ) {
    super(`${eventType} is not allowed in ${state}: ${reason}`);
  }
}

/** The stored snapshot was written by a machine version this code cannot read or migrate. */
export class SnapshotVersionError extends Error {
  override name = "SnapshotVersionError";
  constructor(
    readonly machineId: string,
    readonly machineVersion: number,
    message: string,
  ) {
    super(message);
  }
}

/** The event does not match the vocabulary; `issues` carry zod's paths and messages. */
export class InvalidCaseEventError extends Error {
  override name = "InvalidCaseEventError";
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super(`invalid case event: ${issues.map((issue) => `${issue.path.join(".") || "(event)"}: ${issue.message}`).join("; ")}`);
  }
}
