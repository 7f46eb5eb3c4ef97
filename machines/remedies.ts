import { englandAndWales } from "./calendar";
import { openClock, type Clock, type Party } from "./clocks";
import type { RemedyInput } from "./events";
import { dateOf, dayNumber } from "./iso-date";
import type { RungNumber } from "./parties";

/**
 * Remedies are tracked from the day they are issued until each one is done or
 * reported failed (compliance monitoring). A later rung never cancels an
 * earlier remedy: what was promised stays owed.
 */
export type Remedy = RemedyInput & {
  id: string;
  rung: RungNumber;
  via: "decision" | "mediation";
  issuedOn: string;
  dueOn: string;
  owedBy: Party[];
  status: "open" | "done" | "failed";
  settledOn?: string;
  note?: string;
};

export const remedyClockKey = (remedyId: string) => `remedy.${remedyId}`;

export function issueRemedies(
  existing: readonly Remedy[],
  inputs: readonly RemedyInput[],
  issue: { rung: RungNumber; via: Remedy["via"]; startedBy: string; at: string; owedBy: Party[]; defaultWorkingDays: number },
): { remedies: Remedy[]; clocks: Clock[] } {
  const issuedOn = dateOf(issue.at);
  const issued = inputs.map((input, index) => {
    const id = `R${existing.length + index + 1}`;
    const plan = {
      key: remedyClockKey(id),
      label: `${REMEDY_NAMES[input.kind]}: ${input.description}`,
      kind: "deadline" as const,
      pausable: false,
      owedBy: issue.owedBy,
    };
    const clock = openClock(
      input.dueOn ? { ...plan, calendarDays: dayNumber(input.dueOn) - dayNumber(issuedOn) } : { ...plan, workingDays: issue.defaultWorkingDays },
      issue.startedBy,
      issuedOn,
      englandAndWales,
    );
    const { replaces, ...rest } = input;
    // Lineage only to a remedy the case holds (the mediation machine cannot check; it never names one).
    const lineage = replaces && existing.some((r) => r.id === replaces) ? { replaces } : {};
    const remedy: Remedy = { ...rest, ...lineage, id, rung: issue.rung, via: issue.via, issuedOn, dueOn: clock.dueOn, owedBy: issue.owedBy, status: "open" };
    return { remedy, clock };
  });
  return { remedies: issued.map(({ remedy }) => remedy), clocks: issued.map(({ clock }) => clock) };
}

const REMEDY_NAMES: Record<RemedyInput["kind"], string> = {
  apology: "Apology",
  action: "Action",
  "register-review": "Retake the register decision",
  "record-revision": "Revise the development record",
  payment: "Payment",
};

export function settleRemedy(remedies: readonly Remedy[], remedyId: string, status: "done" | "failed", at: string, note?: string): Remedy[] {
  return remedies.map((remedy) => (remedy.id === remedyId ? { ...remedy, status, settledOn: dateOf(at), ...(note ? { note } : {}) } : remedy));
}

/** A remedy may replace only a remedy already on the case (and each earlier remedy at most once in one decision). */
export function areReplacementsKnown(inputs: readonly RemedyInput[], existing: readonly Remedy[]): boolean {
  const named = inputs.flatMap((input) => (input.replaces ? [input.replaces] : []));
  return named.every((id) => existing.some((remedy) => remedy.id === id)) && new Set(named).size === named.length;
}

/** Remedy due dates may not fall before the day they are issued. */
export function areRemedyDatesValid(inputs: readonly RemedyInput[], at: string): boolean {
  return inputs.every((input) => !input.dueOn || dayNumber(input.dueOn) >= dayNumber(dateOf(at)));
}
