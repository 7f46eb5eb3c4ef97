import { z } from "zod";
import { transitionCase, startCase, type CaseStep } from "./case-api";
import { caseInputSchema, type CaseInput } from "./case-input";
import type { DeadlineSpec } from "./clocks";
import { atSchema } from "./dates-schema";
import { EventNotAllowedError, InvalidCaseEventError } from "./errors";
import { caseEventSchema, type CaseEvent } from "./events";
import { compareDates, dateOf } from "./iso-date";
import type { NotificationSpec } from "./notifications";
import type { PersistedCase } from "./persistence";
import type { CaseView } from "./view";

/**
 * Runs a scenario ({ case, events }) through the same public API the app
 * uses. A `{ "type": "TICK", "at": date }` pseudo-event does what the deadline
 * sweeper does: sends every open deadline's event that is due by that date.
 */
const tickSchema = z.object({ type: z.literal("TICK"), at: atSchema });
type Tick = z.infer<typeof tickSchema>;
export type ScenarioEvent = CaseEvent | Tick;
export type Scenario = { case: CaseInput; events: ScenarioEvent[] };

export type ScenarioStep = {
  /** 0 is the concern being received; then one per event, TICK firings included. */
  index: number;
  at: string;
  event: CaseEvent | { type: "CONCERN_RECEIVED"; at: string };
  /** Set when the event was sent by a TICK. */
  firedBy?: string;
  from: string;
  to: string;
  view: CaseView;
  deadlines: DeadlineSpec[];
  notifications: NotificationSpec[];
};

export type ScenarioRun = { steps: ScenarioStep[]; final: CaseView };

export class ScenarioError extends Error {
  override name = "ScenarioError";
  constructor(
    message: string,
    readonly steps: ScenarioStep[] = [],
  ) {
    super(message);
  }
}

const formatIssues = (issues: z.core.$ZodIssue[], prefix: string) =>
  issues.map(
    (issue) =>
      `${[prefix, ...issue.path]
        .map(String)
        .join(".")
        .replace(/\.(\d+)/g, "[$1]")}: ${issue.message}`,
  );

/** Validates a parsed scenario file; errors name the path of every problem. */
export function parseScenario(json: unknown): Scenario {
  const shape = z.object({ case: z.unknown(), events: z.array(z.unknown()) }).safeParse(json);
  if (!shape.success) throw new ScenarioError(formatIssues(shape.error.issues, "scenario").join("\n"));
  const problems: string[] = [];
  const input = caseInputSchema.safeParse(shape.data.case);
  if (!input.success) problems.push(...formatIssues(input.error.issues, "case"));
  const events = shape.data.events.map((raw, index) => {
    const schema = (raw as { type?: unknown })?.type === "TICK" ? tickSchema : caseEventSchema;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) problems.push(...formatIssues(parsed.error.issues, `events.${index}`));
    return parsed.data as ScenarioEvent;
  });
  if (problems.length) throw new ScenarioError(problems.join("\n"));
  return { case: input.data as CaseInput, events };
}

/** The next deadline event a sweeper would send by `on`: earliest first, warnings before deadlines. */
function nextDue(deadlines: readonly DeadlineSpec[], on: string): DeadlineSpec | undefined {
  return deadlines
    .filter((spec) => compareDates(spec.event.at, on) <= 0)
    .sort((a, b) => a.event.at.localeCompare(b.event.at) || b.kind.localeCompare(a.kind) || a.key.localeCompare(b.key))[0];
}

const MAX_FIRINGS_PER_TICK = 500;

export function runScenario(scenario: Scenario): ScenarioRun {
  const started: CaseStep = startCase(scenario.case);
  const steps: ScenarioStep[] = [
    {
      index: 0,
      at: scenario.case.receivedOn,
      event: { type: "CONCERN_RECEIVED", at: scenario.case.receivedOn },
      from: "-",
      to: started.view.stateValue,
      view: started.view,
      deadlines: started.deadlines,
      notifications: started.notifications,
    },
  ];
  let persisted: PersistedCase = started.persisted;
  let deadlines = started.deadlines;

  const send = (event: CaseEvent, firedBy?: string) => {
    try {
      const result = transitionCase(JSON.parse(JSON.stringify(persisted)) as PersistedCase, event);
      persisted = result.persisted;
      deadlines = result.deadlines;
      steps.push({
        index: steps.length,
        at: event.at,
        event,
        ...(firedBy ? { firedBy } : {}),
        from: result.from,
        to: result.to,
        view: result.view,
        deadlines: result.deadlines,
        notifications: result.notifications,
      });
    } catch (error) {
      const detail = error instanceof EventNotAllowedError || error instanceof InvalidCaseEventError ? error.message : String(error);
      throw new ScenarioError(`step ${steps.length} (${event.type} at ${event.at}): ${detail}`, steps);
    }
  };

  for (const event of scenario.events) {
    if (event.type !== "TICK") {
      send(event);
      continue;
    }
    const on = dateOf(event.at);
    for (let fired = 0, due = nextDue(deadlines, on); due; due = nextDue(deadlines, on)) {
      if (++fired > MAX_FIRINGS_PER_TICK) throw new ScenarioError(`TICK at ${event.at} fired more than ${MAX_FIRINGS_PER_TICK} deadlines`, steps);
      send(due.event, `TICK ${event.at}`);
    }
  }
  return { steps, final: steps.at(-1)!.view };
}
