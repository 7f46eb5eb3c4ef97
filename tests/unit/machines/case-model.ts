import type { SnapshotFrom } from "xstate";
import type { CaseContext } from "../../../machines/case-context";
import { caseDeadlines, openIssueIds } from "../../../machines/case-context";
import { hasBreached, hasResponded, pauseDaysLeft } from "../../../machines/case-steps";
import type { CaseMachineEvent, caseMachine } from "../../../machines/case.machine";
import type { CaseEvent, RemedyInput } from "../../../machines";
import type { MediationOutput } from "../../../machines/mediation.machine";

/**
 * The model of a case used by the graph tests: an abstraction of the case
 * snapshot that keeps exactly what guards depend on, and samples of events
 * built from the snapshot (so deadline events are the ones a sweeper would send).
 */
export type CaseSnapshot = SnapshotFrom<typeof caseMachine>;
export type MediationDone = { type: "xstate.done.actor.mediation"; output: MediationOutput };
export type ModelEvent = CaseMachineEvent | MediationDone;

export type Sample = {
  pauseAndExtend?: boolean;
  mediation?: boolean;
  remedies?: boolean;
};

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The latest date the case has seen: events in the model never go back in time. */
export function today(context: CaseContext): string {
  const dates = [
    context.file.receivedOn,
    context.lastEventOn,
    ...Object.values(context.clocks).flatMap((clock) => [clock.startedOn, clock.paused?.since, clock.extension?.on]),
    ...context.breaches.map(({ on }) => on),
    ...context.outcomes.map(({ on }) => on),
    ...context.handlers.map(({ on }) => on),
    ...context.remedies.map(({ settledOn }) => settledOn),
    ...context.mediations.map(({ certificateOn }) => certificateOn),
    context.mediationOffer?.offeredOn,
    ...(context.national?.comments ?? []).map((comment) => comment.on),
  ].filter((date): date is string => typeof date === "string" && ISO.test(date));
  return dates.sort().at(-1)!;
}

function currentRung(snapshot: CaseSnapshot): 1 | 2 | 3 | undefined {
  if (snapshot.matches("mediation")) return snapshot.context.mediationOffer?.rung;
  if (snapshot.matches({ ladder: "setting" })) return 1;
  if (snapshot.matches({ ladder: "localService" })) return 2;
  if (snapshot.matches({ ladder: "national" })) return 3;
  return undefined;
}

/** Guard-relevant abstraction of a snapshot (mediation included: it returns to where it left off). */
export function abstractState(snapshot: CaseSnapshot): string {
  const context = snapshot.context;
  const rung = currentRung(snapshot);
  const beforeResponse = (rung === 1 || rung === 2) && !hasResponded(context, rung);
  return JSON.stringify({
    value: snapshot.value,
    breached: beforeResponse ? hasBreached(context, rung) : undefined,
    extended: beforeResponse ? Boolean(context.clocks[`rung${rung}.respond`]?.extension) : undefined,
    comments: snapshot.matches({ ladder: { national: "awaitingComments" } }) ? [...new Set((context.national?.comments ?? []).map(({ party }) => party))].sort() : undefined,
    returnTo: snapshot.matches("mediation")
      ? Object.values(snapshot.historyValue ?? {})
          .flat()
          .map((node) => node.id)
      : undefined,
    pauseLeft: beforeResponse ? pauseDaysLeft(context, rung) > 0 : undefined,
    openIssues: openIssueIds(context).length,
    openRemedies: context.remedies.filter(({ status }) => status === "open").length,
  });
}

export function sampleEvents(sample: Sample) {
  return (snapshot: CaseSnapshot): ModelEvent[] => {
    const context = snapshot.context;
    const at = today(context);
    const open = openIssueIds(context);
    const outcome = (remedies: RemedyInput[] = []) => ({
      findings: open.map((issueId) => ({ issueId, finding: "upheld" as const })),
      reasons: "Reasons",
      standards: ["NF-1.1"],
      remedies,
    });
    const done = (agreedIssueIds: string[]): MediationDone => ({
      type: "xstate.done.actor.mediation",
      output: {
        rung: context.mediationOffer?.rung ?? 1,
        offeredOn: at,
        result: agreedIssueIds.length === 0 ? "declined" : agreedIssueIds.length === open.length ? "agreed" : "partly-agreed",
        agreedIssueIds,
        actions: [],
        sessions: agreedIssueIds.length ? [at] : [],
        breaches: [],
        certificateOn: at,
        ...(agreedIssueIds.length ? { outcomeOn: at } : {}),
      },
    });
    const deadlines = caseDeadlines(context)
      .filter(({ kind, key }) => kind === "deadline" && (sample.remedies || !key.startsWith("remedy.")))
      .map(({ event }) => event);
    // As in transitionCase: deadlines already due by today are applied before anything a person does.
    const due = deadlines.filter((event) => event.at <= at);
    if (due.length) return due;
    const events: ModelEvent[] = [
      { type: "ACKNOWLEDGE", at, handlerId: `handler-at-rung-${currentRung(snapshot)}` },
      { type: "RESPOND", at, outcome: outcome() },
      { type: "ACCEPT_OUTCOME", at },
      { type: "ESCALATE", at },
      { type: "ACCEPT_FOR_INVESTIGATION", at },
      { type: "REJECT_OUT_OF_JURISDICTION", at, reasons: "Not ours" },
      { type: "ISSUE_DRAFT_DECISION", at, outcome: outcome() },
      { type: "SUBMIT_COMMENTS", at, party: "family", comments: "Family comments" },
      { type: "SUBMIT_COMMENTS", at, party: "setting", comments: "Setting comments" },
      { type: "SUBMIT_COMMENTS", at, party: "local-service", comments: "Local service comments" },
      { type: "ISSUE_FINAL_DECISION", at, outcome: outcome() },
      { type: "WITHDRAW", at },
      ...deadlines,
    ];
    if (sample.pauseAndExtend) {
      events.push(
        { type: "PAUSE", at, reason: "Waiting for a report", waitingOn: "third-party" },
        { type: "RESUME", at },
        { type: "EXTEND", at, reason: "Complex concern", workingDays: 5 },
      );
    }
    if (sample.mediation) {
      events.push({ type: "OFFER_MEDIATION", at, requestedBy: "family" }, done([]), done(open.slice(0, 1)), done(open));
    }
    if (sample.remedies) {
      events.push(
        { type: "RESPOND", at, outcome: outcome([{ kind: "apology", description: "Apology" }]) },
        { type: "ISSUE_FINAL_DECISION", at, outcome: outcome([{ kind: "payment", description: "Payment", amountPence: 5000 }]) },
        ...context.remedies
          .filter(({ status }) => status === "open")
          .flatMap(({ id }): CaseEvent[] => [
            { type: "REMEDY_DONE", at, remedyId: id },
            { type: "REMEDY_FAILED", at, remedyId: id, reason: "Not done" },
          ]),
      );
    }
    return events;
  };
}

/** The mediation events that make the mediation machine finish with `output`. */
export function mediationEventsFor(output: MediationOutput): CaseEvent[] {
  const at = output.certificateOn;
  if (output.result === "declined") return [{ type: "DECLINE_MEDIATION", at }];
  return [
    { type: "SEND_MEDIATION_INFORMATION", at },
    { type: "ACCEPT_MEDIATION", at },
    { type: "ASSIGN_MEDIATOR", at, mediatorId: "mediator-1" },
    { type: "SCHEDULE_SESSION", at, sessionOn: at },
    { type: "RECORD_SESSION_HELD", at, heldOn: at },
    { type: "RECORD_MEDIATION_OUTCOME", at, agreedIssueIds: output.agreedIssueIds, actions: output.actions },
    { type: "ISSUE_CERTIFICATE", at },
  ];
}
