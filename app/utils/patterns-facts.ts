import { workingDaysBetween, type CaseView } from "../../machines";

// The analytics read model's row for one case (docs/decisions/012-pattern-read-model.md), derived
// only from the machine's view and the case's event log (type, date, state reached), so it can be
// rebuilt at any time and never drifts from the log. Pure: used by the case service, the
// start-up backfill and the national-scale generator alike.

export interface LoggedEvent {
  type: string;
  /** The event's own date (payload.at), not when it was written. */
  on: string;
  toState: string;
}

export interface CaseFacts {
  status: string;
  highestRung: number;
  concludedOn: string | null;
  conclusion: string | null;
  rung2On: string | null;
  rung3On: string | null;
  decided1On: string | null;
  decided2On: string | null;
  decided3On: string | null;
  upheld1: boolean | null;
  upheld2: boolean | null;
  upheld3: boolean | null;
  ackDays1: number | null;
  ackDays2: number | null;
  ackDays3: number | null;
  decideDays1: number | null;
  decideDays2: number | null;
  decideDays3: number | null;
  breaches1: number;
  breaches2: number;
  breaches3: number;
  extensions: number;
  mediationOffered: boolean;
  mediationAgreed: boolean;
  remediesIssued: number;
  remediesDone: number;
  remediesFailed: number;
}

/** The states that mean a case reached rung 2 or 3 (a prefix of toState). */
export const RUNG_STATES = { 2: "ladder.localService", 3: "ladder.national" } as const;
/** Outcomes that close a rung's consideration: a response at rungs 1–2, the final decision at 3. */
const DECIDING_STAGES = { 1: "response", 2: "response", 3: "final-decision" } as const;

const day = (at: string) => at.slice(0, 10);
const BREACH_KEY = /^rung([123])\.(acknowledge|respond|assessment|investigation|finalDecision)$/;

export function ageBand(dateOfBirth: string, on: string): string {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  if (age < 5) return "0-4";
  if (age < 11) return "5-10";
  if (age < 16) return "11-15";
  return "16-25";
}

export const AGE_BANDS = ["0-4", "5-10", "11-15", "16-25"] as const;

export function deriveCaseFacts(view: CaseView, events: readonly LoggedEvent[], receivedOn: string): CaseFacts {
  const reached = (rung: 2 | 3) => events.find((e) => e.toState.startsWith(RUNG_STATES[rung]))?.on ?? null;
  const started = { 1: receivedOn, 2: reached(2), 3: view.national?.escalatedOn ?? reached(3) } as const;
  const highestRung = Math.max(view.rung ?? 0, view.conclusion?.rung ?? 0, started[3] ? 3 : started[2] ? 2 : 1);
  const decision = (rung: 1 | 2 | 3) => view.outcomes.find((o) => o.rung === rung && o.stage === DECIDING_STAGES[rung]);
  const acknowledged = (rung: 1 | 2 | 3) => view.handlers.find((h) => h.rung === rung)?.on ?? null;
  const span = (from: string | null, to: string | null) => (from && to ? Math.max(0, workingDaysBetween(day(from), day(to))) : null);
  // Deadlines owed by a respondent; an escalation or comments WINDOW closing is not a breach.
  const breachesAt = (rung: 1 | 2 | 3) => view.breaches.filter((b) => BREACH_KEY.exec(b.key)?.[1] === String(rung)).length;
  const perRung = ([1, 2, 3] as const).map((rung) => {
    const outcome = decision(rung);
    return {
      decidedOn: outcome ? day(outcome.on) : null,
      upheld: outcome ? outcome.findings.some((f) => f.finding === "upheld" || f.finding === "partly-upheld") : null,
      ackDays: span(started[rung], acknowledged(rung)),
      decideDays: span(started[rung], outcome?.on ?? null),
      breaches: breachesAt(rung),
    };
  }) as [R, R, R];
  type R = { decidedOn: string | null; upheld: boolean | null; ackDays: number | null; decideDays: number | null; breaches: number };
  const mediationResult = view.mediation && "result" in view.mediation ? view.mediation.result : undefined;
  const [r1, r2, r3] = perRung;
  return {
    status: view.status,
    highestRung,
    concludedOn: view.conclusion ? day(view.conclusion.on) : null,
    conclusion: view.conclusion?.reason ?? null,
    rung2On: started[2] ? day(started[2]) : null,
    rung3On: started[3] ? day(started[3]) : null,
    decided1On: r1.decidedOn,
    decided2On: r2.decidedOn,
    decided3On: r3.decidedOn,
    upheld1: r1.upheld,
    upheld2: r2.upheld,
    upheld3: r3.upheld,
    ackDays1: r1.ackDays,
    ackDays2: r2.ackDays,
    ackDays3: r3.ackDays,
    decideDays1: r1.decideDays,
    decideDays2: r2.decideDays,
    decideDays3: r3.decideDays,
    breaches1: r1.breaches,
    breaches2: r2.breaches,
    breaches3: r3.breaches,
    extensions: events.filter((e) => e.type === "EXTEND").length,
    mediationOffered: view.mediation !== undefined || events.some((e) => e.type === "OFFER_MEDIATION"),
    mediationAgreed: mediationResult === "agreed" || mediationResult === "partly-agreed",
    remediesIssued: view.remedies.length,
    remediesDone: view.remedies.filter((r) => r.status === "done").length,
    remediesFailed: view.remedies.filter((r) => r.status === "failed").length,
  };
}
