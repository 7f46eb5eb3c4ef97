import type { Party } from "./clocks";
import type { Route } from "./route";

/** Rung 1 is the setting, rung 2 the local service, rung 3 the national body for the route. */
export type RungNumber = 1 | 2 | 3;

/** Who answers at each rung, in running text ("the setting has responded"). */
export const RESPONDENT_NAMES: Readonly<Record<RungNumber, string>> = { 1: "setting", 2: "local service", 3: "national body" };

export const respondentName = (rung: RungNumber): string => RESPONDENT_NAMES[rung];

/** The rung as a heading ("Local service"); given the route, the national body by its name ("Ombudsman"). */
export function rungName(rung: RungNumber, route?: Route): string {
  if (rung === 3 && route) return route === "process" ? "Ombudsman" : "National practice body";
  const name = RESPONDENT_NAMES[rung];
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

/** Who answers the concern at a rung; health partners are co-respondents wherever health is involved. */
export function respondentsAt(rung: RungNumber, healthInvolved: boolean): Party[] {
  const body: Party = rung === 1 ? "setting" : rung === 2 ? "local-service" : "national-body";
  return healthInvolved && rung !== 3 ? [body, "health-partner"] : [body];
}

/** The bodies a concern is about, who answer for national findings and remedies. */
export function bodiesComplainedAbout(healthInvolved: boolean): Party[] {
  return healthInvolved ? ["setting", "local-service", "health-partner"] : ["setting", "local-service"];
}

/**
 * The other side in a mediation: the bodies the concern is about. At rungs 1–2 that is the
 * respondent there; at the national stage the national body convenes and the bodies complained
 * about (never the national body itself) are the other side, who owe any agreed action.
 */
export function mediationOtherSide(rung: RungNumber, healthInvolved: boolean): Party[] {
  return rung === 3 ? bodiesComplainedAbout(healthInvolved) : respondentsAt(rung, healthInvolved);
}
