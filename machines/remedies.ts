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
  /** "replaced": a later decision gave a remedy in its place (that remedy's `replaces` names this one); it is no longer owed. */
  status: "open" | "done" | "failed" | "replaced";
  /** The earlier remedy on the case this one takes the place of. */
  replaces?: string;
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
    const lineage = replaces && existing.some((r) => r.id === replaces && (r.status === "open" || r.status === "failed")) ? { replaces } : {};
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

/** A remedy may replace only a remedy on the case that is still owed or was not done (and each at most once in one decision). */
export function areReplacementsKnown(inputs: readonly RemedyInput[], existing: readonly Remedy[]): boolean {
  const named = inputs.flatMap((input) => (input.replaces ? [input.replaces] : []));
  return named.every((id) => existing.some((remedy) => remedy.id === id && (remedy.status === "open" || remedy.status === "failed"))) && new Set(named).size === named.length;
}

/**
 * The earlier remedies the newly issued ones replace: marked "replaced" on the day (they stay on the
 * file, with their lineage), and the keys of their clocks (the remedy's own, a failed one's window) to close.
 */
export function replaceRemedies(remedies: readonly Remedy[], issued: readonly Remedy[], at: string): { remedies: Remedy[]; closedClockKeys: string[] } {
  const replaced = new Set(issued.flatMap((remedy) => (remedy.replaces ? [remedy.replaces] : [])));
  return {
    remedies: remedies.map((remedy) =>
      replaced.has(remedy.id) && (remedy.status === "open" || remedy.status === "failed") ? { ...remedy, status: "replaced" as const, settledOn: dateOf(at) } : remedy,
    ),
    closedClockKeys: [...replaced].flatMap((id) => [remedyClockKey(id), `${remedyClockKey(id)}.takeFurther`]),
  };
}

/** Remedy due dates may not fall before the day they are issued. */
export function areRemedyDatesValid(inputs: readonly RemedyInput[], at: string): boolean {
  return inputs.every((input) => !input.dueOn || dayNumber(input.dueOn) >= dayNumber(dateOf(at)));
}
