import { Prisma } from "../../generated/prisma/client";
import { suppress, type Cell } from "./analytics.server";
import { getPrisma } from "./db.server";
import { groupLabel } from "./group-labels";

// Equity patterns for national analysts (LGSCO annual-letter style): per group, how many cases,
// how often they climb, how often they are upheld, how often deadlines are missed, mediation
// take-up and remedy compliance. Counts below 5 are suppressed, and so is any rate built on one.

export const DIMENSIONS = {
  area: { label: "Local area", sql: Prisma.sql`a.name` },
  ethnicity: { label: "Ethnic group", sql: Prisma.sql`ch.ethnicity` },
  sex: { label: "Sex", sql: Prisma.sql`ch.sex` },
  fsm: { label: "Free school meals", sql: Prisma.sql`CASE WHEN ch."freeSchoolMeals" THEN 'Eligible' ELSE 'Not eligible' END` },
  deprivation: { label: "Deprivation (IMD quintile)", sql: Prisma.sql`'Quintile ' || ((ch."deprivationDecile" + 1) / 2)::text` },
  need: { label: "Primary need", sql: Prisma.sql`ch."primaryNeed"` },
  route: { label: "Route", sql: Prisma.sql`c.route::text` },
} as const;
export type Dimension = keyof typeof DIMENSIONS;

interface RawRow {
  label: string;
  cases: bigint | number;
  escalated: bigint | number;
  findings: bigint | number;
  upheld: bigint | number;
  breaches: bigint | number;
  mediation: bigint | number;
  remediesDone: bigint | number;
  remediesSettled: bigint | number;
}

export interface PatternRow {
  label: string;
  cases: Cell;
  escalationRate: Cell;
  upholdRate: Cell;
  breaches: Cell;
  mediationOffers: Cell;
  remedyCompliance: Cell;
}

/** A percentage, hidden when its numerator or denominator would be (1 to 4). */
export function rate(numerator: number, denominator: number): Cell {
  if (denominator === 0) return { value: null, suppressed: false };
  if (suppress(numerator).suppressed || suppress(denominator).suppressed) return { value: null, suppressed: true };
  return { value: Math.round((numerator / denominator) * 100), suppressed: false };
}

export async function casePatterns(dimension: Dimension, year: number): Promise<PatternRow[]> {
  const prisma = await getPrisma();
  const from = new Date(Date.UTC(year, 0, 1));
  const to = new Date(Date.UTC(year + 1, 0, 1));
  const group = DIMENSIONS[dimension].sql;
  const rows = await prisma.$queryRaw<RawRow[]>`
    WITH scoped AS (
      SELECT c.id, ${group} AS label
      FROM "Case" c
      JOIN "Concern" k ON k.id = c."concernId"
      JOIN "Child" ch ON ch.id = k."childId"
      JOIN "LocalArea" a ON a.id = c."localAreaId"
      WHERE k."receivedOn" >= ${from} AND k."receivedOn" < ${to}
    ),
    findings AS (
      SELECT e."caseId", f->>'finding' AS finding
      FROM "CaseEvent" e
      CROSS JOIN LATERAL jsonb_array_elements(e.payload->'outcome'->'findings') f
      WHERE e.type IN ('RESPOND', 'ISSUE_FINAL_DECISION') AND e."caseId" IN (SELECT id FROM scoped)
    ),
    events AS (
      SELECT e."caseId", e.type, e.payload->>'key' AS key
      FROM "CaseEvent" e
      WHERE e."caseId" IN (SELECT id FROM scoped)
        AND e.type IN ('ESCALATE', 'DEADLINE_MISSED', 'OFFER_MEDIATION', 'REMEDY_DONE', 'REMEDY_FAILED')
    )
    SELECT s.label,
      COUNT(DISTINCT s.id) AS cases,
      COUNT(DISTINCT s.id) FILTER (WHERE EXISTS (SELECT 1 FROM events ev WHERE ev."caseId" = s.id AND ev.type = 'ESCALATE')) AS escalated,
      (SELECT COUNT(*) FROM findings f JOIN scoped s2 ON s2.id = f."caseId" WHERE s2.label = s.label) AS findings,
      (SELECT COUNT(*) FROM findings f JOIN scoped s2 ON s2.id = f."caseId" WHERE s2.label = s.label AND f.finding IN ('upheld', 'partly-upheld')) AS upheld,
      (SELECT COUNT(*) FROM events ev JOIN scoped s2 ON s2.id = ev."caseId" WHERE s2.label = s.label AND ev.type = 'DEADLINE_MISSED' AND (ev.key LIKE '%.acknowledge' OR ev.key LIKE '%.respond')) AS breaches,
      (SELECT COUNT(*) FROM events ev JOIN scoped s2 ON s2.id = ev."caseId" WHERE s2.label = s.label AND ev.type = 'OFFER_MEDIATION') AS mediation,
      (SELECT COUNT(*) FROM events ev JOIN scoped s2 ON s2.id = ev."caseId" WHERE s2.label = s.label AND ev.type = 'REMEDY_DONE') AS "remediesDone",
      (SELECT COUNT(*) FROM events ev JOIN scoped s2 ON s2.id = ev."caseId" WHERE s2.label = s.label AND ev.type IN ('REMEDY_DONE', 'REMEDY_FAILED')) AS "remediesSettled"
    FROM scoped s
    GROUP BY s.label
    ORDER BY s.label`;
  return rows.map((r) => {
    const n = (v: bigint | number) => Number(v);
    return {
      label: groupLabel(r.label),
      cases: suppress(n(r.cases)),
      escalationRate: rate(n(r.escalated), n(r.cases)),
      upholdRate: rate(n(r.upheld), n(r.findings)),
      breaches: suppress(n(r.breaches)),
      mediationOffers: suppress(n(r.mediation)),
      remedyCompliance: rate(n(r.remediesDone), n(r.remediesSettled)),
    };
  });
}
