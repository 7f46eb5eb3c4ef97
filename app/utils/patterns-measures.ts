// What the patterns pages publish: every measure, its unit and its definition. Shared by the
// dashboard, the CSV export, the letters and the methodology page (no server imports here).

export type MeasureKey =
  | "received"
  | "perThousand"
  | "escalation1"
  | "escalation2"
  | "upheld1"
  | "upheld2"
  | "upheld3"
  | "resolvedLocally"
  | "remedyCompliance"
  | "onTime1"
  | "medianDays1"
  | "p90Days1"
  | "medianDays2"
  | "p90Days2"
  | "extended"
  | "breached"
  | "breaches"
  | "mediationOffered"
  | "mediationAgreed";

export interface Measure {
  key: MeasureKey;
  label: string;
  unit: "" | "%" | "days" | "per 1,000";
  /** A count (rounded), a rate or a statistic (both need a base of 30). */
  kind: "count" | "rate" | "statistic";
  definition: string;
}

export const MEASURES: Measure[] = [
  { key: "received", label: "Cases received", unit: "", kind: "count", definition: "Cases (one per route of a concern) whose concern the setting received in the period." },
  {
    key: "perThousand",
    label: "Cases per 1,000 children on the register",
    unit: "per 1,000",
    kind: "rate",
    definition: "Cases received divided by children on the additional needs register in the same group today, times 1,000.",
  },
  { key: "escalation1", label: "Escalated beyond the setting", unit: "%", kind: "rate", definition: "Of cases received, the share that reached the local service (rung 2)." },
  {
    key: "escalation2",
    label: "Escalated to the national body",
    unit: "%",
    kind: "rate",
    definition: "Of cases that reached rung 2, the share that reached the national body (rung 3).",
  },
  { key: "upheld1", label: "Upheld by the setting", unit: "%", kind: "rate", definition: "Of rung-1 responses, the share with at least one finding upheld or partly upheld." },
  {
    key: "upheld2",
    label: "Upheld by the local service",
    unit: "%",
    kind: "rate",
    definition: "Of rung-2 responses, the share with at least one finding upheld or partly upheld.",
  },
  {
    key: "upheld3",
    label: "Upheld by the national body",
    unit: "%",
    kind: "rate",
    definition: "Of national final decisions, the share with at least one finding upheld or partly upheld.",
  },
  {
    key: "resolvedLocally",
    label: "Resolved before the national body",
    unit: "%",
    kind: "rate",
    definition: "Of concluded cases, the share that ended at rung 1 or 2 with the outcome accepted or resolved by agreement (a satisfactory remedy before escalation).",
  },
  { key: "remedyCompliance", label: "Remedies carried out", unit: "%", kind: "rate", definition: "Of remedies settled (done or reported failed), the share done." },
  {
    key: "onTime1",
    label: "Setting responses on time",
    unit: "%",
    kind: "rate",
    definition: "Of rung-1 responses, the share with neither the acknowledgement nor the response deadline missed.",
  },
  {
    key: "medianDays1",
    label: "Median working days to a setting response",
    unit: "days",
    kind: "statistic",
    definition: "Median England and Wales working days from receipt to the rung-1 response (pauses included).",
  },
  {
    key: "p90Days1",
    label: "90th percentile working days, setting",
    unit: "days",
    kind: "statistic",
    definition: "90% of rung-1 responses came within this many working days of receipt.",
  },
  {
    key: "medianDays2",
    label: "Median working days to a local response",
    unit: "days",
    kind: "statistic",
    definition: "Median working days from escalation to rung 2 to the local service's response.",
  },
  {
    key: "p90Days2",
    label: "90th percentile working days, local",
    unit: "days",
    kind: "statistic",
    definition: "90% of rung-2 responses came within this many working days of escalation.",
  },
  { key: "extended", label: "Cases with a deadline extended", unit: "", kind: "count", definition: "Cases where a respondent extended a response deadline at least once." },
  { key: "breached", label: "Cases with a deadline missed", unit: "", kind: "count", definition: "Cases where any statutory deadline at any rung was missed (a breach)." },
  {
    key: "breaches",
    label: "Deadlines missed",
    unit: "",
    kind: "count",
    definition: "Number of missed deadlines (acknowledge, respond, assess, investigate, decide) at any rung.",
  },
  { key: "mediationOffered", label: "Mediation offered", unit: "", kind: "count", definition: "Cases in which mediation was offered at any rung." },
  {
    key: "mediationAgreed",
    label: "Mediation agreed",
    unit: "%",
    kind: "rate",
    definition: "Of cases offered mediation, the share where mediation ended in full or partial agreement.",
  },
];

export const MEASURE_BY_KEY = Object.fromEntries(MEASURES.map((m) => [m.key, m])) as Record<MeasureKey, Measure>;

export const DIMENSION_LABELS = {
  ethnicity: "Ethnic group",
  sex: "Sex",
  fsm: "Free school meals",
  deprivation: "Deprivation (IMD quintile)",
  need: "Primary need",
  age: "Age band",
  area: "Local area",
  settingKind: "Setting type",
  route: "Route",
} as const;
export type Dimension = keyof typeof DIMENSION_LABELS;
export const DIMENSIONS = Object.keys(DIMENSION_LABELS) as [Dimension, ...Dimension[]];
