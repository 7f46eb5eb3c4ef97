// Readable names for the codes analytics group by (ONS 2021 ethnic groups, SEN2 primary needs).
const LABELS: Record<string, string> = {
  ASIAN: "Asian or Asian British",
  BLACK: "Black, Black British, Caribbean or African",
  MIXED: "Mixed or multiple ethnic groups",
  WHITE: "White",
  OTHER: "Other ethnic group",
  female: "Female",
  male: "Male",
  ASD: "Autistic spectrum disorder",
  SLCN: "Speech, language and communication needs",
  SEMH: "Social, emotional and mental health",
  MLD: "Moderate learning difficulty",
  SLD: "Severe learning difficulty",
  PMLD: "Profound and multiple learning difficulty",
  SPLD: "Specific learning difficulty",
  PD: "Physical disability",
  HI: "Hearing impairment",
  VI: "Visual impairment",
  MSI: "Multi-sensory impairment",
  OTH: "Other difficulty or disability",
  process: "Process (how decisions were made)",
  substance: "Substance (level and quality of support)",
  open: "Open",
  paused: "Paused",
  "in-mediation": "In mediation",
  "monitoring-compliance": "Remedies monitored",
  closed: "Closed",
};

export function groupLabel(code: string): string {
  return LABELS[code] ?? code;
}
