import { getShortestPaths, getSimplePaths } from "@xstate/graph";
import { describe, expect, it } from "vitest";
import { createActor } from "xstate";
import {
  allowedEvents,
  transitionCase,
  isDeadlineEvent,
  startCase,
  viewAndAllowedEvents,
  viewCase,
  type CaseEvent,
  type CaseTransition,
  type PersistedCase,
} from "../../../machines";
import { toCaseFile } from "../../../machines/case-input";
import { caseMachine, type CaseMachineEvent } from "../../../machines/case.machine";
import { addCalendarDays } from "../../../machines/calendar";
import { dottedPath } from "../../../machines/view";
import { abstractState, mediationEventsFor, sampleEvents, today, type CaseSnapshot, type ModelEvent, type Sample } from "./case-model";
import { substanceInput } from "./support";

/**
 * Model-based tests of the case machine. The model walks the machine with
 * pure transitions over an abstraction that keeps what guards depend on;
 * every path is then replayed through the public API (transitionCase, with a
 * JSON round trip at every step) and must land in the state the model says.
 *
 * All simple paths explode once every event is sampled together (168,871 with
 * pause, extension and mediation at every rung), so simple paths are taken
 * per profile, and shortest paths cover every abstract state of the full sample.
 */
const input = substanceInput();
const file = toCaseFile(input);

const notBeyondLocalService = (snapshot: CaseSnapshot) => snapshot.matches({ ladder: "national" });

/**
 * maxSetAside: the share of paths a replay may set aside because the API caught up a deadline the
 * model had not sent. Mediation merges the most histories (an offer leaves the respondent's
 * clocks running), so up to half of its paths stop at that point; every path is still replayed
 * up to it.
 */
const PROFILES: Array<{ name: string; sample: Sample; stopWhen?: (snapshot: CaseSnapshot) => boolean; simplePaths: number; maxSetAside: number }> = [
  { name: "the ladder: acknowledge, respond, accept, escalate, breach, windows, national stage, withdraw", sample: {}, simplePaths: 2854, maxSetAside: 0.1 },
  {
    name: "clocks at rungs 1 and 2: pause, resume and extension (stopping at the national body)",
    sample: { pauseAndExtend: true },
    stopWhen: notBeyondLocalService,
    simplePaths: 6121,
    maxSetAside: 0.1,
  },
  {
    name: "mediation at rungs 1 and 2: declined, partly agreed, agreed (stopping at the national body)",
    sample: { mediation: true },
    stopWhen: notBeyondLocalService,
    simplePaths: 2452,
    maxSetAside: 0.5,
  },
];

const FULL_SAMPLE: Sample = { pauseAndExtend: true, mediation: true, remedies: true };
const ABSTRACT_STATES = 276;

/** The mediation's done event is internal to XState, hence the widening cast. */
const traversal = (sample: Sample) => ({
  input: file,
  events: sampleEvents(sample) as unknown as (snapshot: CaseSnapshot) => CaseMachineEvent[],
  serializeState: abstractState,
});

type Path = { steps: ReadonlyArray<{ event: ModelEvent }>; state: CaseSnapshot };
type Trie = { children: Map<string, { event: ModelEvent; node: Trie }>; expected?: string };

function trieOf(paths: Path[]): Trie {
  const root: Trie = { children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const { event } of path.steps.slice(1)) {
      const key = JSON.stringify(event);
      if (!node.children.has(key)) node.children.set(key, { event, node: { children: new Map() } });
      node = node.children.get(key)!.node;
    }
    node.expected = abstractState(path.state);
  }
  return root;
}

const restored = (persisted: PersistedCase) => createActor(caseMachine, { snapshot: persisted.snapshot } as never).getSnapshot() as CaseSnapshot;

/**
 * A person's event is dated on the replayed case's own latest day: the model merges histories
 * that reach the same abstract state on different days, and a person can only act from the
 * latest day on (days are fields too: a session's day, a remedy's).
 */
function onDay<T extends CaseEvent>(event: T, day: string): T {
  const dated = { ...event, at: day } as Record<string, unknown>;
  if ("sessionOn" in dated) dated.sessionOn = day;
  if ("heldOn" in dated) dated.heldOn = day;
  return dated as T;
}

/** Sends a model event through the public API: the sweeper's event for deadlines, the mediation's own events for its outcome. */
function apply(persisted: PersistedCase, deadlines: CaseTransition["deadlines"], event: ModelEvent): CaseTransition {
  const day = today(restored(persisted).context);
  const concrete: CaseEvent[] =
    event.type === "xstate.done.actor.mediation"
      ? mediationEventsFor(event.output).map((e) => onDay(e, day))
      : isDeadlineEvent(event)
        ? [deadlines.find((spec) => spec.key === (event as { key: string }).key && spec.event.type === event.type)?.event ?? (event as CaseEvent)]
        : [onDay(event as CaseEvent, day)];
  let result: CaseTransition | undefined;
  const caughtUp: NonNullable<CaseTransition["caughtUp"]> = [];
  for (const next of concrete) {
    result = transitionCase(JSON.parse(JSON.stringify(result?.persisted ?? persisted)) as PersistedCase, next);
    caughtUp.push(...(result.caughtUp ?? []));
    checkInvariants(result);
  }
  return { ...result!, caughtUp };
}

function checkInvariants({ view, deadlines, persisted }: CaseTransition) {
  expect(new Set(deadlines.map(({ key }) => key)).size).toBe(deadlines.length);
  for (const spec of deadlines) {
    expect(spec.event).toEqual({ type: spec.kind === "deadline" ? "DEADLINE_MISSED" : "DEADLINE_WARNING", key: spec.key, at: addCalendarDays(spec.dueOn, 1) });
  }
  if (view.status === "closed") expect(deadlines).toEqual([]);
  if (view.status === "paused") expect(deadlines.some(({ key }) => key === `rung${view.rung}.respond`)).toBe(false);
  if (view.status === "in-mediation") expect(view.mediation?.status).toBe("in-progress");
  expect(() => allowedEvents(persisted)).not.toThrow();
  // The case page's one restore gives what the two calls give, today and after deadlines fall due.
  const later = addCalendarDays(view.lastEventOn ?? "2026-11-02", 45);
  expect(viewAndAllowedEvents(persisted, later)).toEqual({ view: viewCase(persisted), allowed: allowedEvents(persisted, later) });
}

/**
 * Replays every path; returns how many ended where the model said, and how many were set aside
 * because the API applied a deadline the model had not (the abstraction merges histories that
 * reach the same state on different days; the catch-up itself is tested in ladder.test.ts).
 */
function replayAll(paths: Path[]): { checked: number; caughtUp: number } {
  let checked = 0;
  let caughtUp = 0;
  const count = (node: Trie): number => (node.expected !== undefined ? 1 : 0) + [...node.children.values()].reduce((n, { node: child }) => n + count(child), 0);
  const walk = (node: Trie, step: { persisted: PersistedCase; deadlines: CaseTransition["deadlines"] }) => {
    if (node.expected !== undefined) {
      expect(abstractState(restored(step.persisted))).toBe(node.expected);
      checked += 1;
    }
    for (const { event, node: child } of node.children.values()) {
      const result = apply(step.persisted, step.deadlines, event);
      if (result.caughtUp?.length) {
        caughtUp += count(child);
        continue;
      }
      walk(child, result);
    }
  };
  const started = startCase(input);
  walk(trieOf(paths), started);
  return { checked, caughtUp };
}

/** Nearly every path must be checked end to end. */
function expectReplayed(paths: Path[], maxSetAside = 0.1) {
  const { checked, caughtUp } = replayAll(paths);
  expect(checked + caughtUp).toBe(paths.length);
  expect(caughtUp / paths.length).toBeLessThanOrEqual(maxSetAside);
}

const ATOMIC_STATES = [
  "closed",
  "ladder.localService.awaitingAcknowledgement",
  "ladder.localService.considering.active",
  "ladder.localService.considering.paused",
  "ladder.localService.responded",
  "ladder.national.assessment",
  "ladder.national.awaitingAcknowledgement",
  "ladder.national.awaitingComments",
  "ladder.national.finalising",
  "ladder.national.investigation",
  "ladder.setting.awaitingAcknowledgement",
  "ladder.setting.considering.active",
  "ladder.setting.considering.paused",
  "ladder.setting.responded",
  "mediation",
  "monitoringCompliance",
];

describe("case machine: simple paths per profile", () => {
  const reached = new Set<string>();
  describe.each(PROFILES)("$name", ({ sample, stopWhen, simplePaths, maxSetAside }) => {
    const paths = getSimplePaths(caseMachine, { ...traversal(sample), ...(stopWhen ? { stopWhen } : {}) }) as unknown as Path[];
    paths.forEach((path) => reached.add(dottedPath(path.state.value)));

    it("has the documented number of simple paths", () => {
      expect(paths.length).toBe(simplePaths);
    });

    it("replays every path through the public API to the state the model predicts", () => {
      expectReplayed(paths, maxSetAside);
    }, 600_000);
  });

  it("together reach every state but the compliance-only one", () => {
    expect([...reached].sort()).toEqual(ATOMIC_STATES.filter((state) => state !== "monitoringCompliance"));
  });
});

describe("case machine: shortest path to every abstract state of the full sample", () => {
  const paths = getShortestPaths(caseMachine, traversal(FULL_SAMPLE)) as unknown as Path[];

  it("finds the documented number of abstract states", () => {
    expect(paths.length).toBe(ABSTRACT_STATES);
  });

  it("reaches every state of the machine", () => {
    expect([...new Set(paths.map((path) => dottedPath(path.state.value)))].sort()).toEqual(ATOMIC_STATES);
  });

  it("offers mediation from every place it is allowed and returns there", () => {
    const returnPoints = paths.flatMap((path) => (JSON.parse(abstractState(path.state)) as { returnTo?: string[] }).returnTo ?? []);
    expect([...new Set(returnPoints)].sort()).toEqual([
      "redress-case.ladder.localService.considering.active",
      "redress-case.ladder.localService.considering.paused",
      "redress-case.ladder.localService.responded",
      "redress-case.ladder.national.investigation",
      "redress-case.ladder.setting.considering.active",
      "redress-case.ladder.setting.considering.paused",
      "redress-case.ladder.setting.responded",
    ]);
  });

  it("replays every path through the public API to the state the model predicts", () => {
    expectReplayed(paths);
  }, 600_000);
});
