import { expect } from "vitest";
import {
  transitionCase,
  EventNotAllowedError,
  startCase,
  type CaseEvent,
  type CaseInput,
  type CaseTransition,
  type Finding,
  type PersistedCase,
  type RemedyInput,
} from "../../../machines";

/** Builders and a small driver shared by the machine tests. */
export function caseInput(overrides: Partial<CaseInput> = {}): CaseInput {
  return {
    caseRef: "RD-TEST-P",
    route: "process",
    receivedOn: "2026-01-05",
    settingId: "URN-1",
    localAreaId: "LA-1",
    healthInvolved: false,
    issues: [{ id: "P1", summary: "Removed from the register", category: "register-removal" }],
    ...overrides,
  };
}

export function substanceInput(overrides: Partial<CaseInput> = {}): CaseInput {
  return caseInput({
    caseRef: "RD-TEST-S",
    route: "substance",
    issues: [
      { id: "S1", summary: "Reading support below the framework", category: "support-level" },
      { id: "S2", summary: "No transition plan", category: "transition-support" },
    ],
    ...overrides,
  });
}

export function outcome(findings: Record<string, Exclude<Finding, "resolved-by-agreement" | "withdrawn">>, remedies: RemedyInput[] = [], standards = ["NF-1.1"]) {
  return {
    findings: Object.entries(findings).map(([issueId, finding]) => ({ issueId, finding })),
    reasons: "Reasons given",
    standards,
    remedies,
  };
}

/** Drives one case through the public API, round-tripping the snapshot through JSON at every step. */
export class CaseDriver {
  persisted: PersistedCase;
  last: Omit<CaseTransition, "from" | "to"> & Partial<Pick<CaseTransition, "from" | "to">>;

  constructor(input: CaseInput = caseInput()) {
    this.last = startCase(input);
    this.persisted = this.last.persisted;
  }

  send(event: CaseEvent): CaseTransition {
    const result = transitionCase(JSON.parse(JSON.stringify(this.persisted)) as PersistedCase, event);
    this.persisted = result.persisted;
    this.last = result;
    return result;
  }

  sendAll(events: CaseEvent[]): this {
    for (const event of events) this.send(event);
    return this;
  }

  refuse(event: CaseEvent, reason: RegExp): EventNotAllowedError {
    const before = JSON.stringify(this.persisted);
    let caught: unknown;
    try {
      this.send(event);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EventNotAllowedError);
    const refusal = caught as EventNotAllowedError;
    expect(refusal.eventType).toBe(event.type);
    expect(refusal.reason).toMatch(reason);
    expect(JSON.stringify(this.persisted)).toBe(before);
    return refusal;
  }

  get view() {
    return this.last.view;
  }

  deadline(key: string) {
    return this.last.deadlines.find((spec) => spec.key === key);
  }

  kinds() {
    return this.last.notifications.map(({ kind }) => kind);
  }
}

/** Rung 1 acknowledged on 2026-01-06 (response due 2026-01-20). */
export function acknowledged(input: CaseInput = caseInput()): CaseDriver {
  const driver = new CaseDriver(input);
  driver.send({ type: "ACKNOWLEDGE", at: "2026-01-06", handlerId: "setting-1" });
  return driver;
}

/** Rung 1 responded on 2026-01-15 (escalation window to 2026-02-12). */
export function respondedAtSetting(input: CaseInput = caseInput(), remedies: RemedyInput[] = []): CaseDriver {
  const driver = acknowledged(input);
  const findings = Object.fromEntries(input.issues.map(({ id }) => [id, "not-upheld" as const]));
  driver.send({ type: "RESPOND", at: "2026-01-15", outcome: outcome(findings, remedies) });
  return driver;
}

/** At the local service, acknowledged by la-1 on 2026-01-20 (response due 2026-02-17). */
export function atLocalService(input: CaseInput = caseInput()): CaseDriver {
  return respondedAtSetting(input).sendAll([
    { type: "ESCALATE", at: "2026-01-19" },
    { type: "ACKNOWLEDGE", at: "2026-01-20", handlerId: "la-1" },
  ]);
}

/** At the national body's assessment, acknowledged on 2026-02-23. */
export function atNationalAssessment(input: CaseInput = caseInput()): CaseDriver {
  const findings = Object.fromEntries(input.issues.map(({ id }) => [id, "not-upheld" as const]));
  return atLocalService(input).sendAll([
    { type: "RESPOND", at: "2026-02-16", outcome: outcome(findings) },
    { type: "ESCALATE", at: "2026-02-18" },
    { type: "ACKNOWLEDGE", at: "2026-02-23", handlerId: "national-1" },
  ]);
}
