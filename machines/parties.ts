import type { Party } from "./clocks";
import type { Route } from "./route";

/** Rung 1 is the setting, rung 2 the local service, rung 3 the national body for the route. */
export type RungNumber = 1 | 2 | 3;

export function rungName(rung: RungNumber, route: Route): string {
  if (rung === 1) return "Setting";
  if (rung === 2) return "Local service";
  return route === "process" ? "Ombudsman" : "National practice body";
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

export type NotificationSpec = { kind: string; to: Party[]; data: Record<string, unknown> };
