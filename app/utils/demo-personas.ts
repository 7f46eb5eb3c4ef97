import type { RoleName } from "./permissions";

// The people the demo data is built around. Used by the seed and, outside production only,
// by the persona picker on the sign-in page.

export const DEMO_PASSWORD = "Redress-demo-2026";

export interface DemoPersona {
  email: string;
  name: string;
  role: RoleName;
  summary: string;
}

export const DEMO_PERSONAS: DemoPersona[] = [
  { email: "amira.hussain@example.com", name: "Amira Hussain", role: "family", summary: "Mother of Yusuf (9), autistic, at Beckett Park Primary, Leeds" },
  { email: "gareth.evans@example.com", name: "Gareth Evans", role: "family", summary: "Father of Megan (13), speech and language needs, Truro" },
  { email: "tyler.brown@example.com", name: "Tyler Brown", role: "young-person", summary: "17, at Aston Vale College, Birmingham; raises his own concerns" },
  { email: "helen.clarke@beckettpark.example.com", name: "Helen Clarke", role: "setting-staff", summary: "SENCo and complaints lead, Beckett Park Primary School, Leeds" },
  {
    email: "margaret.hughes@beckettpark.example.com",
    name: "Margaret Hughes",
    role: "setting-staff",
    summary: "Chair of governors, Beckett Park Primary: the governing body’s complaints lead (concerns about the head or the lead)",
  },
  { email: "priya.sharma@leeds.example.gov.uk", name: "Priya Sharma", role: "local-officer", summary: "SEND casework officer and complaints lead, Leeds local service" },
  { email: "owen.price@leeds-icb.example.nhs.uk", name: "Dr Owen Price", role: "health-partner", summary: "Designated clinical officer, Leeds health partner" },
  {
    email: "marcus.bell@leeds.example.gov.uk",
    name: "Marcus Bell",
    role: "social-care",
    summary: "Children's social care, Leeds: confirms social care's part of development records",
  },
  { email: "sam.okafor@mediation.example.com", name: "Sam Okafor", role: "mediator", summary: "Independent SEND mediator" },
  { email: "ruth.adeyemi@ombudsman.example.org.uk", name: "Ruth Adeyemi", role: "ombudsman-caseworker", summary: "Caseworker, ombudsman-style body (process route)" },
  { email: "daniel.moore@practice.example.org.uk", name: "Daniel Moore", role: "practice-reviewer", summary: "Reviewer, national practice body (substance route)" },
  { email: "grace.liu@practice.example.org.uk", name: "Grace Liu", role: "national-analyst", summary: "National analyst: patterns and equity" },
  { email: "admin@redress.example.org.uk", name: "Alex Morgan", role: "administrator", summary: "Service administrator: accounts and roles" },
  {
    email: "nadia.rahman@leeds-sendiass.example.org.uk",
    name: "Nadia Rahman",
    role: "representative",
    summary: "Advocate, Leeds SEND information and advice service; Amira named her for Yusuf",
  },
  {
    email: "joe.whitfield@example.com",
    name: "Joe Whitfield",
    role: "family",
    summary: "Signed up and asked Beckett Park Primary to link him to his grandchild; Helen Clarke confirms",
  },
];
