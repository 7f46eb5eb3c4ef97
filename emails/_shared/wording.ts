import { FINDING_LABELS, respondentName, respondentsAt, type Party, type RungNumber } from "../../machines";

export type { Party, RungNumber } from "../../machines";

/** Who the reader is to the concern, which decides how we address them. */
export type Audience = "family" | "respondent" | "mediator" | "national-body";

export function audienceOf(party: Party | undefined): Audience | undefined {
  if (party === "family" || party === "mediator" || party === "national-body") return party;
  return party ? "respondent" : undefined;
}

/** Who is answering the concern at a rung, in running text ("the setting"). */
export function bodyName(rung: RungNumber | undefined): string {
  return rung ? `the ${respondentName(rung)}` : "the organisation handling the concern";
}

/** The next rung of the ladder, if there is one. */
export function nextBodyName(rung: RungNumber | undefined): string | undefined {
  return rung === 1 || rung === 2 ? bodyName((rung + 1) as RungNumber) : undefined;
}

/**
 * Whether a party answers the concern at a rung: machines' respondentsAt, with the health partner
 * counted wherever it is told (an email goes to it only where health is involved).
 */
export function answersAt(party: Party | undefined, rung: RungNumber | undefined): boolean {
  return party !== undefined && rung !== undefined && respondentsAt(rung, true).includes(party);
}

export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "partly-upheld" → "Partly upheld", for codes we have no wording for yet. */
export const humanise = (code: string) => capitalise(code.replace(/[-_]+/g, " ").trim());

export const wordFor = (names: Record<string, string>, code: string | undefined): string | undefined => (code === undefined ? undefined : (names[code] ?? humanise(code)));

export const FINDING_NAMES: Readonly<Record<string, string>> = FINDING_LABELS;

export const REMEDY_NAMES: Record<string, string> = {
  apology: "An apology",
  action: "An action",
  "register-review": "A review of the register decision",
  payment: "A payment",
};

export const ROUTE_SUBJECTS: Record<string, string> = {
  process: "how a decision was made, such as whether to put the child on the additional needs register",
  substance: "the level or quality of the child’s support",
};

export const CLOSURE_REASONS: Record<string, string> = {
  "outcome-accepted": "the family accepted the outcome",
  "escalation-window-closed": "the time to take the concern further has ended",
  "resolved-by-agreement": "it was resolved by agreement at mediation",
  "final-decision": "the national body has made its final decision",
  "out-of-jurisdiction": "the national body cannot investigate it",
  "out-of-time": "it was brought to the national body too late",
  withdrawn: "the family withdrew it",
};

/** Pounds without pence when the amount is whole: £100, £12.50. */
export function formatPence(pence: number): string {
  return new Intl.NumberFormat("en-GB", {
    style: "currency",
    currency: "GBP",
    minimumFractionDigits: 2,
  }).format(pence / 100);
}

/** "the setting’s outcome", or just "the outcome" when we do not know the rung. */
export const outcomeOf = (rung: RungNumber | undefined) => (rung ? `${bodyName(rung)}’s outcome` : "the outcome");

export const lookup = (names: Record<string, string>, code: string | undefined): string | undefined => (code === undefined ? undefined : names[code]);

export const MEDIATION_RESULTS: Record<string, string> = {
  declined: "mediation was declined",
  agreed: "everyone agreed on all the issues",
  "partly-agreed": "everyone agreed on some of the issues",
  "not-agreed": "no agreement was reached",
};

export const remedyName = (code: string | undefined) => wordFor(REMEDY_NAMES, code) ?? "A remedy";

const PARTY_NAMES: Record<Party, string> = {
  family: "the family",
  setting: "the setting",
  "local-service": "the local service",
  "health-partner": "the health partner",
  mediator: "the mediator",
  "national-body": "the national body",
};

/** A party in running text ("the local service"). */
export const partyName = (party: string) => PARTY_NAMES[party as Party] ?? humanise(party);
