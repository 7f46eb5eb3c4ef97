import { getShortestPaths } from "@xstate/graph";
import { describe, expect, it } from "vitest";
import type { Party } from "../../../machines";
import { toCaseFile } from "../../../machines/case-input";
import { caseMachine, type CaseMachineEvent } from "../../../machines/case.machine";
import { caseView, dottedPath } from "../../../machines/view";
import { actionOwed, nextActionFor } from "../../../app/utils/work-queue";
import { sampleEvents, today, abstractState, type CaseSnapshot } from "./case-model";
import { substanceInput } from "./support";

// Every machine state in which a body (or the family) owes the next step puts that step in its
// work queue (docs/decisions/024): the queue reads the view's `owed` clocks, so a state whose
// duty has no running clock owed by the party would silently drop out of "needing your action".

/** Who owes what in each state: the party, the clock, and the action as the queue words it. */
const DUTIES: Array<{ state: string; party: Party; key: string; words: string }> = [
  { state: "ladder.setting.awaitingAcknowledgement", party: "setting", key: "rung1.acknowledge", words: "Acknowledge" },
  { state: "ladder.setting.considering.active", party: "setting", key: "rung1.respond", words: "Respond" },
  { state: "ladder.setting.responded", party: "family", key: "rung1.escalationWindow", words: "Accept the outcome or take it further" },
  { state: "ladder.localService.awaitingAcknowledgement", party: "local-service", key: "rung2.acknowledge", words: "Acknowledge" },
  { state: "ladder.localService.considering.active", party: "local-service", key: "rung2.respond", words: "Respond" },
  { state: "ladder.localService.responded", party: "family", key: "rung2.escalationWindow", words: "Accept the outcome or take it further" },
  { state: "ladder.national.awaitingAcknowledgement", party: "national-body", key: "rung3.acknowledge", words: "Acknowledge" },
  { state: "ladder.national.assessment", party: "national-body", key: "rung3.assessment", words: "Decide whether to investigate" },
  { state: "ladder.national.investigation", party: "national-body", key: "rung3.investigation", words: "Issue the draft decision" },
  { state: "ladder.national.awaitingComments", party: "family", key: "rung3.comments", words: "Comment on the draft decision" },
  { state: "ladder.national.finalising", party: "national-body", key: "rung3.finalDecision", words: "Issue the final decision" },
];

/** The states in which the national body owes a step; in the others it waits on someone (comments), or the case is not with it. */
const NATIONAL_DUTY_STATES = new Set(DUTIES.filter((d) => d.party === "national-body").map((d) => d.state));

const file = toCaseFile(substanceInput());
const paths = getShortestPaths(caseMachine, {
  input: file,
  events: sampleEvents({ pauseAndExtend: true, mediation: true, remedies: true }) as unknown as (snapshot: CaseSnapshot) => CaseMachineEvent[],
  serializeState: abstractState,
}) as unknown as Array<{ state: CaseSnapshot }>;

const statesOf = (state: string) => paths.map((path) => path.state).filter((snapshot) => dottedPath(snapshot.value) === state);

describe("the work queue's duties, over every abstract state of the case machine", () => {
  it("walks every state named in the table", () => {
    for (const duty of DUTIES) expect(statesOf(duty.state).length, duty.state).toBeGreaterThan(0);
  });

  describe.each(DUTIES)("$state", ({ state, party, key, words }) => {
    it(`puts "${words}" in the ${party}'s queue with its due date, in every history that reaches it`, () => {
      for (const snapshot of statesOf(state)) {
        const view = caseView(snapshot);
        const day = today(snapshot.context);
        const next = nextActionFor(view.owed, [party], day);
        expect(next?.key, abstractState(snapshot)).toBe(key);
        expect(next!.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(actionOwed(next!, day).text).toMatch(new RegExp(`^${words} (by \\d{1,2} [A-Z][a-z]+ \\d{4}|today|– \\d+ days? overdue)$`));
      }
    });
  });

  it("puts nothing in the national body's queue in a state where it owes no step (a mediation it offered aside)", () => {
    for (const { state: snapshot } of paths) {
      if (NATIONAL_DUTY_STATES.has(dottedPath(snapshot.value))) continue;
      const owed = nextActionFor(caseView(snapshot).owed, ["national-body"], today(snapshot.context));
      if (snapshot.matches("mediation") && snapshot.context.mediationOffer?.rung === 3) expect(owed?.key ?? "mediation.").toMatch(/^mediation\./);
      else expect(owed, dottedPath(snapshot.value)).toBeUndefined();
    }
  });
});
