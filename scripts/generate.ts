// A synthetic nation for the patterns pages and their benchmark:
//   npm run generate -- --cases 100000 --seed 42 [--from 2024-01-01] [--to 2026-11-27] [--batch 1000]
// ~150 local areas, settings of every kind (up to 20,000), children on the register with
// ethnicity, sex, FSM, deprivation decile, need and age, and concerns whose cases are WALKED
// THROUGH THE REAL MACHINES (startCase / transitionCase from machines/, deadlines fired as the
// sweeper would) — both routes, every rung, mediation, outcomes, remedies and breaches — with
// built-in disparities and a few systematically failing settings for the analysis to find.
// Deterministic per seed (each concern has its own PRNG stream) and resumable: rows go in by
// batch, and a rerun redoes only the last, possibly partial, batch.
// Rows are written in bulk (INSERT … SELECT FROM unnest(arrays)), not through the per-event
// service; the case log keeps its hash chain and every case gets its CaseFact row.
import { addWorkingDays, transitionCase, EventNotAllowedError, startCase, triageConcern, type CaseEvent, type CaseStep, type CaseView, type IssueCategory } from "../machines";
import { eventHash } from "../app/utils/cases.server";
import { openDatabase, redact, type Database } from "../app/utils/database.server";
import { getEnv } from "../app/utils/env.server";
import { ISSUE_CATEGORY_TEXT } from "../app/utils/issue-categories";
import { migrate } from "../app/utils/migrate.server";
import { prng } from "../app/utils/prng";
import { ageBand, deriveCaseFacts, type CaseFacts, type LoggedEvent } from "../app/utils/patterns-facts";
import { seedRolesAndPermissions } from "../prisma/seed";

// ───────────────────────────── options ─────────────────────────────

export interface GenerateOptions {
  cases: number;
  seed: number;
  from: string;
  to: string;
  batch: number;
  quiet?: boolean;
}

function parseArgs(argv: string[]): GenerateOptions {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const cases = Number(get("cases") ?? 10_000);
  const seed = Number(get("seed") ?? 42);
  const to = get("to") ?? new Date().toISOString().slice(0, 10);
  const from = get("from") ?? `${Number(to.slice(0, 4)) - 2}-01-01`;
  const errors = [
    !Number.isInteger(cases) || cases < 1 || cases > 5_000_000 ? "--cases must be a whole number from 1 to 5,000,000" : null,
    !Number.isInteger(seed) ? "--seed must be a whole number" : null,
    !/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from >= to ? "--from and --to must be ISO dates, from before to" : null,
  ].filter(Boolean);
  if (errors.length) {
    console.error(errors.join("\n"));
    process.exit(2);
  }
  return { cases, seed, from, to, batch: Number(get("batch") ?? 1000) };
}

// ───────────────────────────── randomness ─────────────────────────────

const streamSeed = (seed: number, kind: number, index: number) => (Math.imul(seed, 0x9e3779b1) ^ Math.imul(kind + 1, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
type Random = () => number;
const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
const between = (r: Random, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
function weighted<T>(r: Random, entries: ReadonlyArray<readonly [T, number]>): T {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of entries) if ((x -= w) < 0) return v;
  return entries[entries.length - 1]![0];
}

// ───────────────────────────── the nation ─────────────────────────────

const REGIONS = ["North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands", "East of England", "London", "South East", "South West"];
const SYLLABLES_A = ["Ash", "Bel", "Brad", "Carn", "Dun", "Elm", "Fen", "Glen", "Hal", "Kings", "Lang", "Mar", "North", "Oak", "Pen", "Red", "Stan", "Thorn", "Wick", "York"];
const SYLLABLES_B = ["bury", "ford", "ham", "ley", "mouth", "stead", "ton", "wick", "field", "dale"];
const KINDS = [
  ["nursery", 0.18],
  ["primary", 0.5],
  ["secondary", 0.17],
  ["special", 0.08],
  ["college", 0.07],
] as const;
/** Relative case volume per setting kind (bigger settings hear more concerns). */
const KIND_SIZE = { nursery: 0.4, primary: 1, secondary: 3, special: 2.5, college: 4 } as const;
const ETHNICITY = [
  ["WHITE", 70],
  ["ASIAN", 12],
  ["BLACK", 6],
  ["MIXED", 7],
  ["OTHER", 5],
] as const;
const NEED = [
  ["ASD", 30],
  ["SLCN", 20],
  ["SEMH", 20],
  ["MLD", 9],
  ["SPLD", 8],
  ["SLD", 3],
  ["PD", 3],
  ["HI", 2],
  ["VI", 1],
  ["PMLD", 1],
  ["MSI", 1],
  ["OTH", 2],
] as const;
const CATEGORIES = Object.keys(ISSUE_CATEGORY_TEXT) as IssueCategory[];

interface Nation {
  areas: Array<{ id: string; code: string; name: string; region: string }>;
  settings: Array<{ id: string; urn: string; name: string; kind: keyof typeof KIND_SIZE; areaIndex: number; failing: boolean; weight: number }>;
  settingCdf: Float64Array;
  children: number;
}

export function buildNation(options: Pick<GenerateOptions, "cases" | "seed">): Nation {
  const r = prng(streamSeed(options.seed, 0, 0));
  const tag = `g${options.seed}`;
  const areas = Array.from({ length: 150 }, (_, i) => ({
    id: `${tag}-area-${i}`,
    code: `G${String(options.seed).padStart(2, "0").slice(-2)}${String(i).padStart(6, "0")}`,
    name: `${SYLLABLES_A[i % SYLLABLES_A.length]}${SYLLABLES_B[Math.floor(i / SYLLABLES_A.length) % SYLLABLES_B.length]}`,
    region: REGIONS[i % REGIONS.length]!,
  }));
  const settingCount = Math.min(20_000, Math.max(300, Math.round(options.cases / 5)));
  const settings = Array.from({ length: settingCount }, (_, i) => {
    const kind = weighted(r, KINDS);
    const areaIndex = Math.floor(r() * areas.length);
    // Zipf-like volume, so some settings see enough concerns to be compared. One in 25 of the 200
    // largest is systematically failing (late, upholds more, remedies not done) and large.
    const failing = i < 200 && i % 25 === 7;
    const weight = ((failing ? 8 : 1) * KIND_SIZE[kind]) / Math.pow(i + 1, 0.6);
    const label = { college: "College", nursery: "Nursery", special: "Special School", primary: "Primary School", secondary: "Academy" }[kind];
    return { id: `${tag}-setting-${i}`, urn: `${tag}-${100000 + i}`, name: `${areas[areaIndex]!.name} ${label} ${i}`, kind, areaIndex, failing, weight };
  });
  const cdf = new Float64Array(settings.length);
  settings.reduce((s, x, i) => (cdf[i] = s + x.weight), 0);
  return { areas, settings, settingCdf: cdf, children: Math.max(1000, Math.round(options.cases * 2.5)) };
}

function pickSetting(nation: Nation, r: Random): number {
  const x = r() * nation.settingCdf[nation.settingCdf.length - 1]!;
  let lo = 0;
  let hi = nation.settingCdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nation.settingCdf[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface ChildRow {
  id: string;
  ref: string;
  dob: string;
  ethnicity: string;
  sex: string;
  fsm: boolean;
  decile: number;
  need: string;
  settingIndex: number;
}

/** Child i of the register, the same on every run; its setting is drawn by volume. */
export function childAt(nation: Nation, seed: number, i: number, to: string): ChildRow {
  const r = prng(streamSeed(seed, 1, i));
  const settingIndex = pickSetting(nation, r);
  const kind = nation.settings[settingIndex]!.kind;
  const age =
    kind === "nursery"
      ? between(r, 2, 4)
      : kind === "primary"
        ? between(r, 5, 10)
        : kind === "secondary"
          ? between(r, 11, 15)
          : kind === "college"
            ? between(r, 16, 19)
            : between(r, 5, 18);
  const year = Number(to.slice(0, 4)) - age;
  return {
    id: `g${seed}-child-${i}`,
    ref: `G${seed}-${String(i).padStart(8, "0")}`,
    dob: `${year}-${String(between(r, 1, 12)).padStart(2, "0")}-${String(between(r, 1, 28)).padStart(2, "0")}`,
    ethnicity: weighted(r, ETHNICITY),
    sex: r() < 0.66 ? "male" : "female",
    fsm: r() < 0.36,
    decile: between(r, 1, 10),
    need: weighted(r, NEED),
    settingIndex,
  };
}

// ───────────────────────────── walking a case through the machines ─────────────────────────────

interface Walked {
  step: CaseStep;
  events: Array<{ event: CaseEvent | { type: "CONCERN_RAISED"; at: string }; from: string; to: string; actor: string }>;
  refused: boolean;
}

/** How a case's people behave: the built-in disparities and failing settings live here. */
interface Traits {
  pLate: number;
  pUpheld: number;
  pEscalate: number;
  pMediation: number;
  pExtend: number;
  pRemedyDone: number;
}

function traitsOf(child: ChildRow, failing: boolean): Traits {
  const deprived = child.decile <= 2;
  return {
    pLate: failing ? 0.45 : deprived ? 0.12 : 0.06,
    pUpheld: Math.min(0.95, 0.4 + (child.ethnicity === "BLACK" ? 0.15 : 0) + (child.fsm ? 0.08 : 0) + (failing ? 0.35 : 0)),
    pEscalate: 0.25 + (child.need === "ASD" ? 0.12 : 0) + (child.ethnicity === "BLACK" ? 0.05 : 0),
    pMediation: 0.07,
    pExtend: 0.08,
    pRemedyDone: failing ? 0.55 : 0.88,
  };
}

class Walk {
  step: CaseStep;
  events: Walked["events"];
  refused = false;
  constructor(
    start: CaseStep,
    receivedOn: string,
    readonly to: string,
  ) {
    this.step = start;
    this.events = [{ event: { type: "CONCERN_RAISED", at: receivedOn }, from: "-", to: start.view.stateValue, actor: "system:generator" }];
  }
  get view(): CaseView {
    return this.step.view;
  }
  get active(): boolean {
    return !this.refused && this.view.status !== "closed";
  }
  /** Fires every deadline (not warning) due before `on`, in order, as the sweeper would. */
  tick(on: string) {
    for (let guard = 0; guard < 50; guard++) {
      const due = this.step.deadlines.filter((d) => d.kind === "deadline" && d.event.at <= on).sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
      if (!due) return;
      if (!this.apply(due.event, "system:sweeper", true)) return;
    }
  }
  /** Applies one event on its date (after the deadlines due by then); false if refused or after `to`. */
  apply(event: CaseEvent, actor: string, fromSweeper = false): boolean {
    const on = event.at.slice(0, 10);
    if (on > this.to || !this.active) return false;
    if (!fromSweeper) this.tick(on);
    if (!this.active) return false;
    try {
      const t = transitionCase(this.step.persisted, event);
      this.step = t;
      this.events.push({ event, from: t.from, to: t.to, actor });
      return true;
    } catch (error) {
      if (error instanceof EventNotAllowedError) {
        if (process.env.GENERATE_DEBUG) console.error(error.message);
        this.refused = true;
        return false;
      }
      throw error;
    }
  }
  dueOf(key: string): string | undefined {
    return this.step.deadlines.find((d) => d.key === key && d.kind === "deadline")?.dueOn;
  }
}

const outcomeFor = (view: CaseView, r: Random, pUpheld: number, on: string, remedies: boolean) => {
  const issues = view.issues.filter((i) => !i.settledByAgreement);
  const findings = (issues.length ? issues : view.issues).map(
    (i) => ({ issueId: i.id, finding: r() < pUpheld ? (r() < 0.5 ? "upheld" : "partly-upheld") : "not-upheld" }) as const,
  );
  const upheld = findings.some((f) => f.finding !== "not-upheld");
  return {
    findings,
    reasons: upheld ? "Support fell short of what the plan sets out." : "Support met what the plan sets out.",
    standards: ["NF-3.2"],
    remedies:
      upheld && remedies
        ? [
            { kind: "apology" as const, description: "Written apology to the family" },
            { kind: "action" as const, description: "Restore the support in the plan", dueOn: addWorkingDays(on, 20) },
          ]
        : [],
  };
};

/** One case's life: rung by rung, with lateness, extensions, mediation, outcomes, escalation and remedies. */
export function walkCase(start: CaseStep, receivedOn: string, to: string, traits: Traits, r: Random): Walked {
  const w = new Walk(start, receivedOn, to);
  let day = receivedOn;
  const wd = (from: string, n: number) => addWorkingDays(from, n);
  for (let rung = 1; rung <= 3 && w.active; rung++) {
    const handlerId = `gen-handler-${rung}`;
    // Acknowledge, sometimes late (a breach).
    const ackDue = w.dueOf(`rung${rung}.acknowledge`) ?? wd(day, 3);
    day = r() < traits.pLate ? wd(ackDue, 2) : wd(day, between(r, 1, 3));
    if (rung < 3 && day > ackDue && r() < 0.3) {
      w.tick(day);
      if (!w.apply({ type: "ESCALATE", at: day, reason: "No acknowledgement in time" }, "family")) break;
      continue;
    }
    if (!w.apply({ type: "ACKNOWLEDGE", at: day, handlerId }, "handler")) break;
    if (rung === 3) {
      day = wd(day, between(r, 5, 15));
      if (r() < 0.1) {
        w.apply({ type: "REJECT_OUT_OF_JURISDICTION", at: day, reasons: "Outside what the national body may look at." }, "national");
        break;
      }
      if (!w.apply({ type: "ACCEPT_FOR_INVESTIGATION", at: day }, "national")) break;
      const investigationDue = w.dueOf("rung3.investigation") ?? wd(day, 60);
      day = r() < traits.pLate ? wd(investigationDue, 5) : wd(day, between(r, 20, 55));
      const draft = outcomeFor(w.view, r, traits.pUpheld, day, true);
      if (!w.apply({ type: "ISSUE_DRAFT_DECISION", at: day, outcome: draft }, "national")) break;
      day = wd(day, between(r, 2, 6));
      w.apply({ type: "SUBMIT_COMMENTS", at: day, party: "family", comments: "We have read the draft." }, "family");
      const commentsDue = w.dueOf("rung3.comments") ?? wd(day, 10);
      day = wd(commentsDue, between(r, 1, 5));
      if (!w.apply({ type: "ISSUE_FINAL_DECISION", at: day, outcome: draft }, "national")) break;
      break;
    }
    // Mediation, sometimes.
    if (r() < traits.pMediation) {
      day = wd(day, 2);
      const steps: CaseEvent[] = [
        { type: "OFFER_MEDIATION", at: day, requestedBy: r() < 0.6 ? "family" : "handler" },
        { type: "SEND_MEDIATION_INFORMATION", at: (day = wd(day, 1)) },
      ];
      for (const e of steps) w.apply(e, "mediator");
      if (r() < 0.3) w.apply({ type: "DECLINE_MEDIATION", at: (day = wd(day, 2)) }, "family");
      else {
        w.apply({ type: "ACCEPT_MEDIATION", at: (day = wd(day, 2)) }, "family");
        w.apply({ type: "ASSIGN_MEDIATOR", at: (day = wd(day, 1)), mediatorId: "gen-mediator" }, "mediator");
        const sessionOn = wd(day, between(r, 5, 12));
        w.apply({ type: "SCHEDULE_SESSION", at: day, sessionOn }, "mediator");
        const agreed = r() < 0.55 ? w.view.issues.map((i) => i.id) : r() < 0.5 ? w.view.issues.slice(0, 1).map((i) => i.id) : [];
        w.apply(
          {
            type: "RECORD_MEDIATION_OUTCOME",
            at: (day = sessionOn),
            agreedIssueIds: agreed,
            actions: agreed.length ? [{ kind: "action", description: "Agreed support plan change", dueOn: wd(sessionOn, 15) }] : [],
          },
          "mediator",
        );
      }
      w.apply({ type: "ISSUE_CERTIFICATE", at: (day = wd(day, 2)) }, "mediator");
      if (!w.active || w.view.rung !== rung) break;
    }
    if (r() < traits.pExtend) w.apply({ type: "EXTEND", at: (day = wd(day, 2)), reason: "Waiting for a specialist report", workingDays: 10 }, "handler");
    // Respond, sometimes late.
    const respondDue = w.dueOf(`rung${rung}.respond`) ?? wd(day, 20);
    day = r() < traits.pLate ? wd(respondDue, between(r, 2, 8)) : wd(day, rung === 1 ? between(r, 3, 8) : between(r, 5, 16));
    if (day > respondDue && r() < 0.3) {
      w.tick(day);
      if (!w.apply({ type: "ESCALATE", at: day, reason: "No response in time" }, "family")) break;
      continue;
    }
    const outcome = outcomeFor(w.view, r, traits.pUpheld, day, true);
    if (!w.apply({ type: "RESPOND", at: day, outcome }, "handler")) break;
    const upheld = outcome.findings.some((f) => f.finding !== "not-upheld");
    // Remedies: done or failed by their due date.
    for (const remedy of w.view.remedies.filter((x) => x.status === "open")) {
      const settleOn = wd(remedy.issuedOn, between(r, 3, 15));
      if (settleOn <= to) {
        w.apply(
          r() < traits.pRemedyDone
            ? { type: "REMEDY_DONE", at: settleOn, remedyId: remedy.id }
            : { type: "REMEDY_FAILED", at: settleOn, remedyId: remedy.id, reason: "Not put in place" },
          "handler",
        );
      }
    }
    // The family: escalate, accept, or let the window close.
    const choice = r();
    const pEscalate = traits.pEscalate + (upheld ? -0.15 : 0.2);
    day = wd(day, between(r, 2, 8));
    if (choice < pEscalate) {
      if (!w.apply({ type: "ESCALATE", at: day }, "family")) break;
    } else {
      if (choice < pEscalate + 0.5) w.apply({ type: "ACCEPT_OUTCOME", at: day }, "family");
      break;
    }
  }
  // Settle remedies issued at the end of the ladder, then sweep up to the last day.
  for (const remedy of w.view.remedies.filter((x) => x.status === "open")) {
    const settleOn = wd(remedy.issuedOn, between(r, 3, 15));
    if (settleOn <= to)
      w.apply(
        r() < traits.pRemedyDone
          ? { type: "REMEDY_DONE", at: settleOn, remedyId: remedy.id }
          : { type: "REMEDY_FAILED", at: settleOn, remedyId: remedy.id, reason: "Not put in place" },
        "handler",
      );
  }
  if (!w.refused) w.tick(to);
  return { step: w.step, events: w.events, refused: w.refused };
}

// ───────────────────────────── writing in bulk ─────────────────────────────

type Column = [name: string, type: string];

/** INSERT … SELECT FROM unnest(one array per column): one round trip and one parameter per column. */
async function insertRows(db: Database, table: string, columns: Column[], rows: unknown[][]) {
  if (rows.length === 0) return;
  const params = columns.map((_, c) => rows.map((row) => row[c]));
  const names = columns.map(([n]) => `"${n}"`).join(", ");
  const unnest = columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(", ");
  const select = columns
    .map(([n, t]) =>
      t === "text" && ["route", "kind", "settingKind", "registerStatus"].includes(n)
        ? `"${n}"::${n === "kind" || n === "settingKind" ? '"SettingKind"' : n === "route" ? '"Route"' : '"RegisterStatus"'}`
        : `"${n}"`,
    )
    .join(", ");
  await db.query(`INSERT INTO "${table}" (${names}) SELECT ${select} FROM unnest(${unnest}) AS t(${names}) ON CONFLICT DO NOTHING`, params);
}

const FACT_COLUMNS: Array<[keyof CaseFacts, string]> = [
  ["status", "text"],
  ["highestRung", "int"],
  ["concludedOn", "date"],
  ["conclusion", "text"],
  ["rung2On", "date"],
  ["rung3On", "date"],
  ["decided1On", "date"],
  ["decided2On", "date"],
  ["decided3On", "date"],
  ["upheld1", "bool"],
  ["upheld2", "bool"],
  ["upheld3", "bool"],
  ["ackDays1", "int"],
  ["ackDays2", "int"],
  ["ackDays3", "int"],
  ["decideDays1", "int"],
  ["decideDays2", "int"],
  ["decideDays3", "int"],
  ["breaches1", "int"],
  ["breaches2", "int"],
  ["breaches3", "int"],
  ["extensions", "int"],
  ["mediationOffered", "bool"],
  ["mediationAgreed", "bool"],
  ["remediesIssued", "int"],
  ["remediesDone", "int"],
  ["remediesFailed", "int"],
];

async function writeNation(db: Database, nation: Nation, options: GenerateOptions) {
  await insertRows(
    db,
    "LocalArea",
    [
      ["id", "text"],
      ["code", "text"],
      ["name", "text"],
      ["region", "text"],
    ],
    nation.areas.map((a) => [a.id, a.code, a.name, a.region]),
  );
  for (let i = 0; i < nation.settings.length; i += 5000) {
    const chunk = nation.settings.slice(i, i + 5000);
    await insertRows(
      db,
      "Setting",
      [
        ["id", "text"],
        ["urn", "text"],
        ["name", "text"],
        ["kind", "text"],
        ["localAreaId", "text"],
      ],
      chunk.map((s) => [s.id, s.urn, s.name, s.kind, nation.areas[s.areaIndex]!.id]),
    );
  }
  for (let i = 0; i < nation.children; i += 10_000) {
    const rows: unknown[][] = [];
    for (let j = i; j < Math.min(nation.children, i + 10_000); j++) {
      const c = childAt(nation, options.seed, j, options.to);
      const s = nation.settings[c.settingIndex]!;
      rows.push([c.id, c.ref, "Child", String(j), c.dob, c.ethnicity, c.sex, c.fsm, c.decile, c.need, s.id, nation.areas[s.areaIndex]!.id]);
    }
    await insertRows(
      db,
      "Child",
      [
        ["id", "text"],
        ["registerRef", "text"],
        ["givenName", "text"],
        ["familyName", "text"],
        ["dateOfBirth", "date"],
        ["ethnicity", "text"],
        ["sex", "text"],
        ["freeSchoolMeals", "bool"],
        ["deprivationDecile", "int"],
        ["primaryNeed", "text"],
        ["settingId", "text"],
        ["localAreaId", "text"],
      ],
      rows,
    );
  }
  await db.query(`INSERT INTO "User" (id, email, name, "updatedAt") VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING`, [
    `g${options.seed}-family`,
    `generated-family-${options.seed}@redress.example`,
    "Generated family",
  ]);
}

interface BatchResult {
  cases: number;
  events: number;
  refused: number;
}

/** Concern k of the nation: its child, date, categories and the walk of each of its cases. */
async function writeBatch(db: Database, nation: Nation, options: GenerateOptions, concernsFrom: number, concernsTo: number, maxCases: number): Promise<BatchResult> {
  const { seed, from, to } = options;
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  const concerns: unknown[][] = [];
  const cases: unknown[][] = [];
  const events: unknown[][] = [];
  const facts: unknown[][] = [];
  let refused = 0;
  for (let k = concernsFrom; k < concernsTo && cases.length < maxCases; k++) {
    const r = prng(streamSeed(seed, 2, k));
    const child = childAt(nation, seed, Math.floor(r() * nation.children), to);
    const setting = nation.settings[child.settingIndex]!;
    const area = nation.areas[setting.areaIndex]!;
    // Concerns grow over the period: density 1 + 0.4t on [0, 1] (inverse of its CDF).
    const g = 0.4;
    const t = (-1 + Math.sqrt(1 + 2 * g * r() * (1 + g / 2))) / g;
    const receivedOn = new Date(Date.parse(from) + Math.floor(t * span) * 86_400_000).toISOString().slice(0, 10);
    const categories = r() < 0.3 ? [pick(r, CATEGORIES), pick(r, CATEGORIES)] : [pick(r, CATEGORIES)];
    const concernRef = `RC-G${seed}-${String(k).padStart(8, "0")}`;
    const concernId = `g${seed}-concern-${k}`;
    concerns.push([concernId, concernRef, child.id, `g${seed}-family`, setting.id, area.id, "Generated concern", receivedOn]);
    const inputs = triageConcern({
      concernRef,
      receivedOn,
      settingId: setting.id,
      settingName: setting.name,
      localAreaId: area.id,
      healthInvolved: r() < 0.2,
      issues: [...new Set(categories)].map((category, i) => ({ id: `issue-${i + 1}`, category, summary: ISSUE_CATEGORY_TEXT[category].label })),
    });
    for (const input of inputs.slice(0, maxCases - cases.length)) {
      const caseId = `g${seed}-case-${k}-${input.route[0]}`;
      const walked = walkCase(startCase(input), receivedOn, to, traitsOf(child, setting.failing), r);
      if (walked.refused) refused++;
      const view = walked.step.view;
      const logged: LoggedEvent[] = [];
      let prevHash = "";
      walked.events.forEach((e, i) => {
        const seq = i + 1;
        const payload = e.event as unknown as Record<string, unknown>;
        const hash = eventHash(prevHash, { caseId, seq, type: e.event.type, payload, fromState: e.from, toState: e.to, actorLabel: e.actor });
        events.push([caseId, seq, e.event.type, JSON.stringify(payload), e.from, e.to, e.actor, `${e.event.at.slice(0, 10)}T12:00:00Z`, prevHash, hash]);
        logged.push({ type: e.event.type, on: e.event.at.slice(0, 10), toState: e.to });
        prevHash = hash;
      });
      const rung = view.rung ?? view.conclusion?.rung ?? 0;
      const f = deriveCaseFacts(view, logged, receivedOn);
      const p = walked.step.persisted;
      cases.push([
        caseId,
        input.caseRef,
        concernId,
        input.route,
        input.healthInvolved,
        setting.id,
        area.id,
        p.machineId,
        p.machineVersion,
        JSON.stringify(p.snapshot),
        walked.events.length,
        view.stateValue,
        view.status,
        view.rung,
        Math.max(rung, f.highestRung),
        new Date().toISOString(),
        JSON.stringify(view.owed),
        view.handlerId ?? null,
      ]);
      facts.push([
        caseId,
        input.route,
        area.id,
        setting.id,
        setting.kind,
        child.ethnicity,
        child.sex,
        child.fsm,
        child.decile,
        child.need,
        ageBand(child.dob, receivedOn),
        receivedOn,
        ...FACT_COLUMNS.map(([k2]) => f[k2]),
      ]);
    }
  }
  await insertRows(
    db,
    "Concern",
    [
      ["id", "text"],
      ["ref", "text"],
      ["childId", "text"],
      ["raisedById", "text"],
      ["settingId", "text"],
      ["localAreaId", "text"],
      ["summary", "text"],
      ["receivedOn", "date"],
    ],
    concerns,
  );
  await insertRows(
    db,
    "Case",
    [
      ["id", "text"],
      ["ref", "text"],
      ["concernId", "text"],
      ["route", "text"],
      ["healthInvolved", "bool"],
      ["settingId", "text"],
      ["localAreaId", "text"],
      ["machineId", "text"],
      ["machineVersion", "int"],
      ["snapshot", "jsonb"],
      ["version", "int"],
      ["stateValue", "text"],
      ["status", "text"],
      ["rung", "int"],
      ["highestRung", "int"],
      ["updatedAt", "timestamptz"],
      ["owed", "jsonb"],
      ["handlerId", "text"],
    ],
    cases,
  );
  for (let i = 0; i < events.length; i += 20_000) {
    await insertRows(
      db,
      "CaseEvent",
      [
        ["caseId", "text"],
        ["seq", "int"],
        ["type", "text"],
        ["payload", "jsonb"],
        ["fromState", "text"],
        ["toState", "text"],
        ["actorLabel", "text"],
        ["occurredAt", "timestamptz"],
        ["prevHash", "text"],
        ["hash", "text"],
      ],
      events.slice(i, i + 20_000),
    );
  }
  await insertRows(
    db,
    "CaseFact",
    [
      ["caseId", "text"],
      ["route", "text"],
      ["localAreaId", "text"],
      ["settingId", "text"],
      ["settingKind", "text"],
      ["ethnicity", "text"],
      ["sex", "text"],
      ["freeSchoolMeals", "bool"],
      ["deprivationDecile", "int"],
      ["primaryNeed", "text"],
      ["ageBand", "text"],
      ["receivedOn", "date"],
      ...FACT_COLUMNS,
    ],
    facts,
  );
  return { cases: cases.length, events: events.length, refused };
}

// ───────────────────────────── progress and resume ─────────────────────────────

function progressBar(done: number, total: number, started: number) {
  if (!process.stdout.isTTY) return;
  const width = 30;
  const filled = Math.round((width * done) / total);
  const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
  const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
  process.stdout.write(
    `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done.toLocaleString("en-GB")}/${total.toLocaleString("en-GB")} cases  ${Math.round(rate)} cases/s  ETA ${eta}s   `,
  );
}

/** Concerns per batch are fixed, so batch b always holds concerns [b·size, (b+1)·size). */
export async function generate(db: Database, options: GenerateOptions): Promise<{ cases: number; events: number; refused: number; seconds: number }> {
  const started = Date.now();
  await migrate(db);
  await seedRolesAndPermissions(db.prisma);
  const nation = buildNation(options);
  const tag = `RC-G${options.seed}-`;
  await writeNation(db, nation, options);
  // Resume: redo the last batch written (it may be partial). The rows are the same on every run,
  // so ON CONFLICT DO NOTHING skips whatever of it is already there.
  const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Concern" WHERE ref LIKE $1`, [`${tag}%`])) as [{ n: number }];
  let concern = Math.max(0, Math.ceil(n / options.batch) - 1) * options.batch;
  const [{ cases: before }] = (await db.query<{ cases: number }>(
    `SELECT count(*)::int AS cases FROM "CaseFact" f JOIN "Case" c ON c.id = f."caseId" JOIN "Concern" k ON k.id = c."concernId" WHERE k.ref LIKE $1 AND k.ref < $2`,
    [`${tag}%`, `${tag}${String(concern).padStart(8, "0")}`],
  )) as [{ cases: number }];
  let done = before;
  if (concern > 0 && !options.quiet) console.log(`Resuming after ${done.toLocaleString("en-GB")} cases already written.`);
  let events = 0;
  let refused = 0;
  const total = options.cases;
  while (done < total) {
    const result = await writeBatch(db, nation, options, concern, concern + options.batch, total - done);
    concern += options.batch;
    done += result.cases;
    events += result.events;
    refused += result.refused;
    if (!options.quiet) progressBar(Math.min(done, total), total, started);
  }
  if (!options.quiet && process.stdout.isTTY) process.stdout.write("\n");
  await db.query(`ANALYZE "CaseFact"`);
  return { cases: done, events, refused, seconds: (Date.now() - started) / 1000 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const options = parseArgs(process.argv.slice(2));
  const url = getEnv().DATABASE_URL;
  const db = await openDatabase(url);
  console.log(`Generating ${options.cases.toLocaleString("en-GB")} cases (seed ${options.seed}, ${options.from} to ${options.to}) into ${redact(url)} (${db.engine})`);
  try {
    const result = await generate(db, options);
    console.log(
      `Done: ${result.cases.toLocaleString("en-GB")} cases, ${result.events.toLocaleString("en-GB")} events this run in ${result.seconds.toFixed(1)} s ` +
        `(${Math.round(result.cases / result.seconds)} cases/s); ${result.refused} walks stopped early by a rule refusal.`,
    );
  } finally {
    await db.close();
  }
}
