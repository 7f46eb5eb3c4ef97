// A synthetic nation for the patterns pages and their benchmark (docs/decisions/012, 028):
//   npm run generate -- --cases 100000 --seed 42 [--from 2024-01-01] [--to 2026-11-27] [--batch 1000] [--workers 1]
// ~150 local areas, settings of every kind (up to 20,000), children on the register with
// ethnicity, sex, FSM, deprivation decile, need and age (with and without recorded register
// decisions, some retaken and overturned), and concerns whose cases are WALKED THROUGH THE REAL
// MACHINES (machines/ LiveCase: startCase / transitionCase with the machine kept started between a
// case's events; deadlines fired as the sweeper would) —
// both routes, every rung, mediation, outcomes, remedies and breaches — with built-in disparities
// and a few systematically failing settings for the analysis to find.
// Each transition is recorded by the product's own CaseChanges (keyed v2 hash chain, snapshot
// digests, head hash, fact row, open deadlines; no emails), so `npm run audit:verify` passes.
// Deterministic per seed (each concern has its own PRNG stream) and resumable: a batch is one
// statement (in the database whole or not at all), and a rerun redoes only the last batch.
// Worker threads walk batches ahead; the main thread writes them in order. Progress on stderr.
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import os from "node:os";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { addCalendarMonths, addWorkingDays, LiveCase, EventNotAllowedError, triageConcern, type CaseEvent, type CaseStep, type CaseView, type IssueCategory } from "../machines";
import { CaseChanges, type CaseState, type EventAuthor } from "../app/utils/case-write.server";
import { openDatabase, redact, type Database } from "../app/utils/database.server";
import { CURRENT_CHAIN_VERSION, eventHmac, snapshotDigest } from "../app/utils/event-chain.server";
import { getEnv } from "../app/utils/env.server";
import { ISSUE_CATEGORY_TEXT } from "../app/utils/issue-categories";
import { migrate } from "../app/utils/migrate.server";
import { prng } from "../app/utils/prng";
import { ageBand, deriveCaseFacts, type CaseFacts } from "../app/utils/patterns-facts";
import { ensureFramework } from "../app/utils/register.server";
import { seedRolesAndPermissions } from "../prisma/seed";

// ───────────────────────────── options ─────────────────────────────

export interface GenerateOptions {
  cases: number;
  seed: number;
  from: string;
  to: string;
  batch: number;
  /** Worker threads walking the machines (0: walk on the main thread). */
  workers?: number;
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
  // One walker per core but one (the main thread serialises and writes); at least one.
  const workers = Number(get("workers") ?? Math.max(1, os.availableParallelism() - 1));
  const errors = [
    !Number.isInteger(cases) || cases < 1 || cases > 5_000_000 ? "--cases must be a whole number from 1 to 5,000,000" : null,
    !Number.isInteger(seed) ? "--seed must be a whole number" : null,
    !Number.isInteger(workers) || workers < 0 || workers > 16 ? "--workers must be a whole number from 0 to 16" : null,
    !/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from >= to ? "--from and --to must be ISO dates, from before to" : null,
  ].filter(Boolean);
  if (errors.length) {
    console.error(errors.join("\n"));
    process.exit(2);
  }
  return { cases, seed, from, to, batch: Number(get("batch") ?? 1000), workers };
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
  // About 2.5 children on the register per case, up to a million (England has ~1.7 million pupils
  // with special educational needs; a bigger synthetic register only costs writing time).
  return { areas, settings, settingCdf: cdf, children: Math.min(1_000_000, Math.max(1000, Math.round(options.cases * 2.5))) };
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

type Role = "family" | "handler" | "national" | "mediator" | "sweeper";
/** Generated events are recorded by named parts of the generator (no user accounts), the sweeper's as the sweeper's. */
const AUTHORS: Record<Role, EventAuthor> = {
  family: { kind: "system", name: "generator (family)" },
  handler: { kind: "system", name: "generator (handler)" },
  national: { kind: "system", name: "generator (national body)" },
  mediator: { kind: "system", name: "generator (mediator)" },
  sweeper: { kind: "system", name: "sweeper" },
};
/** The simulated moment an event is recorded: noon UTC on its day (deterministic, unlike the product's clock). */
const noonOf = (on: string) => new Date(`${on.slice(0, 10)}T12:00:00Z`);

/**
 * One case walked through the machines; every transition is recorded by the product's own
 * CaseChanges (keyed v2 hash chain, snapshot digests, fact row, open deadlines), as applyCaseEvent
 * and the sweeper record theirs — only the clock is the simulated day.
 */
class Walk {
  step: CaseStep;
  refused = false;
  lastOn: string;
  /** The machine stays started for the whole walk (the same transitions as transitionCase, without a restore per event). */
  readonly live: LiveCase;
  constructor(
    start: CaseStep,
    live: LiveCase,
    readonly changes: CaseChanges,
    readonly to: string,
    receivedOn: string,
  ) {
    this.step = start;
    this.lastOn = receivedOn;
    this.live = live;
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
      if (!this.apply(due.event, "sweeper", true)) return;
    }
  }
  /** Applies one event on its date (after the deadlines due by then); false if refused or after `to`. */
  apply(event: CaseEvent, role: Role, fromSweeper = false): boolean {
    // A case's history never runs backwards: something planned for a day already passed happens now.
    if (event.at.slice(0, 10) < this.lastOn) event = { ...event, at: this.lastOn };
    const on = event.at.slice(0, 10);
    if (on > this.to || !this.active) return false;
    if (!fromSweeper) this.tick(on);
    if (!this.active) return false;
    try {
      const t = this.live.transition(event);
      this.changes.record(event, t, AUTHORS[role], undefined, noonOf(on));
      this.step = t;
      this.lastOn = on;
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
function walkCase(start: CaseStep, live: LiveCase, changes: CaseChanges, receivedOn: string, to: string, traits: Traits, r: Random): Walk {
  const w = new Walk(start, live, changes, to, receivedOn);
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
      const declined = r() < 0.3;
      if (declined) w.apply({ type: "DECLINE_MEDIATION", at: (day = wd(day, 2)) }, "family");
      else {
        w.apply({ type: "ACCEPT_MEDIATION", at: (day = wd(day, 2)) }, "family");
        w.apply({ type: "ASSIGN_MEDIATOR", at: (day = wd(day, 1)), mediatorId: "gen-mediator" }, "mediator");
        const sessionOn = wd(day, between(r, 5, 12));
        w.apply({ type: "SCHEDULE_SESSION", at: day, sessionOn }, "mediator");
        w.apply({ type: "RECORD_SESSION_HELD", at: sessionOn, heldOn: sessionOn }, "mediator");
        const agreed = r() < 0.55 ? w.view.issues.map((i) => i.id) : r() < 0.5 ? w.view.issues.slice(0, 1).map((i) => i.id) : [];
        w.apply(
          {
            type: "RECORD_MEDIATION_OUTCOME",
            at: (day = wd(sessionOn, 1)),
            agreedIssueIds: agreed,
            actions: agreed.length ? [{ kind: "action", description: "Agreed support plan change", dueOn: wd(sessionOn, 15) }] : [],
          },
          "mediator",
        );
      }
      if (!declined) w.apply({ type: "ISSUE_CERTIFICATE", at: (day = wd(day, 2)) }, "mediator");
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
  w.live.stop();
  return w;
}

// ───────────────────────────── the rows of a batch ─────────────────────────────

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

/** A column: name, element type of its array parameter, and the enum it is cast to (if any). */
type Column = readonly [name: string, type: string, cast?: string];

const TABLES = {
  Concern: [
    ["id", "text"],
    ["ref", "text"],
    ["childId", "text"],
    ["raisedById", "text"],
    ["settingId", "text"],
    ["localAreaId", "text"],
    ["summary", "text"],
    ["receivedOn", "date"],
  ],
  Case: [
    ["id", "text"],
    ["ref", "text"],
    ["concernId", "text"],
    ["route", "text", '"Route"'],
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
    ["headHash", "text"],
    ["createdAt", "timestamp"],
    ["updatedAt", "timestamp"],
    ["urgent", "bool"],
    ["owed", "jsonb"],
    ["handlerId", "text"],
  ],
  CaseEvent: [
    ["caseId", "text"],
    ["seq", "int"],
    ["type", "text"],
    ["payload", "jsonb"],
    ["fromState", "text"],
    ["toState", "text"],
    ["actorLabel", "text"],
    ["occurredAt", "timestamp"],
    ["prevHash", "text"],
    ["hash", "text"],
    ["chainVersion", "int"],
    ["snapshotDigest", "text"],
    ["initialSnapshot", "jsonb"],
  ],
  Deadline: [
    ["id", "text"],
    ["caseId", "text"],
    ["key", "text"],
    ["kind", "text"],
    ["label", "text"],
    ["dueOn", "date"],
    ["calendar", "text"],
    ["startedBy", "text"],
    ["startedOn", "date"],
    ["event", "jsonb"],
    ["localAreaId", "text"],
    ["createdAt", "timestamp"],
    ["updatedAt", "timestamp"],
  ],
  CaseFact: [
    ["caseId", "text"],
    ["route", "text", '"Route"'],
    ["localAreaId", "text"],
    ["settingId", "text"],
    ["settingKind", "text", '"SettingKind"'],
    ["ethnicity", "text"],
    ["sex", "text"],
    ["freeSchoolMeals", "bool"],
    ["deprivationDecile", "int"],
    ["primaryNeed", "text"],
    ["ageBand", "text"],
    ["receivedOn", "date"],
    ...FACT_COLUMNS,
  ],
  LocalArea: [
    ["id", "text"],
    ["code", "text"],
    ["name", "text"],
    ["region", "text"],
  ],
  Setting: [
    ["id", "text"],
    ["urn", "text"],
    ["name", "text"],
    ["kind", "text", '"SettingKind"'],
    ["localAreaId", "text"],
  ],
  Child: [
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
    ["registerStatus", "text", '"RegisterStatus"'],
    ["nextReviewOn", "date"],
  ],
  RegisterDecision: [
    ["id", "text"],
    ["ref", "text"],
    ["childId", "text"],
    ["settingId", "text"],
    ["localAreaId", "text"],
    ["kind", "text", '"RegisterDecisionKind"'],
    ["outcome", "text", '"RegisterOutcome"'],
    ["statusAfter", "text", '"RegisterStatus"'],
    ["decidedOn", "date"],
    ["nextReviewOn", "date"],
    ["participants", "jsonb"],
    ["evidence", "text"],
    ["reasons", "jsonb"],
    ["summary", "text"],
    ["frameworkVersionId", "text"],
    ["retakesDecisionId", "text"],
    ["overturned", "bool"],
    ["recordedById", "text"],
    ["recordedByLabel", "text"],
    ["createdAt", "timestamp"],
  ],
} as const satisfies Record<string, readonly Column[]>;

type Table = keyof typeof TABLES;
type Rows = Partial<Record<Table, unknown[][]>>;

/**
 * ONE statement for all of `rows` (data-modifying CTEs, one `INSERT … SELECT FROM unnest(arrays)`
 * per table, one array parameter per column): atomic on both engines, so a batch is all there or
 * not at all; ON CONFLICT DO NOTHING makes a redone batch a no-op.
 */
async function insertAll(db: Database, rows: Rows) {
  const params: unknown[] = [];
  const parts: string[] = [];
  for (const [table, list] of Object.entries(rows) as Array<[Table, unknown[][]]>) {
    if (!list.length) continue;
    const columns: readonly Column[] = TABLES[table];
    const names = columns.map(([n]) => `"${n}"`).join(", ");
    const arrays = columns.map(([, type], c) => {
      params.push(list.map((row) => row[c] ?? null));
      return `$${params.length}::${type}[]`;
    });
    const select = columns.map(([n, , cast]) => (cast ? `"${n}"::${cast}` : `"${n}"`)).join(", ");
    parts.push(`INSERT INTO "${table}" (${names}) SELECT ${select} FROM unnest(${arrays.join(", ")}) AS t(${names}) ON CONFLICT DO NOTHING`);
  }
  if (parts.length === 0) return;
  await db.query(`WITH ${parts.map((p, i) => `w${i} AS (${p})`).join(", ")} SELECT 1`, params);
}

interface Batch {
  rows: Rows;
  cases: number;
  events: number;
  refused: number;
}

/** Concerns [concernsFrom, concernsTo) of the nation (at most `maxCases` cases): their rows, ready to insert. Pure: workers run it. */
export function buildBatch(nation: Nation, options: GenerateOptions, concernsFrom: number, concernsTo: number, maxCases: number, now: string): Batch {
  const { seed, from, to } = options;
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  const rows = { Concern: [] as unknown[][], Case: [] as unknown[][], CaseEvent: [] as unknown[][], Deadline: [] as unknown[][], CaseFact: [] as unknown[][] };
  let cases = 0;
  let refused = 0;
  for (let k = concernsFrom; k < concernsTo && cases < maxCases; k++) {
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
    rows.Concern.push([concernId, concernRef, child.id, `g${seed}-family`, setting.id, area.id, "Generated concern", receivedOn]);
    const inputs = triageConcern({
      concernRef,
      receivedOn,
      settingId: setting.id,
      settingName: setting.name,
      localAreaId: area.id,
      healthInvolved: r() < 0.2,
      issues: [...new Set(categories)].map((category, i) => ({ id: `issue-${i + 1}`, category, summary: ISSUE_CATEGORY_TEXT[category].label })),
    });
    for (const input of inputs.slice(0, maxCases - cases)) {
      const caseId = `g${seed}-case-${k}-${input.route[0]}`;
      const { live, step: start } = LiveCase.start(input);
      // Event 1, as openConcern records it: the concern, keyed, with the starting snapshot for replay.
      const raised = { type: "CONCERN_RAISED", at: input.receivedOn, route: input.route, issues: input.issues };
      const startDigest = snapshotDigest(start.persisted.snapshot);
      const occurredAt = noonOf(receivedOn);
      const actorLabel = "system:generator (family)";
      const hash1 = eventHmac("", {
        caseId,
        seq: 1,
        type: raised.type,
        payload: raised,
        fromState: "-",
        toState: start.view.stateValue,
        actorId: null,
        actorLabel,
        occurredAt,
        snapshotDigest: startDigest,
      });
      rows.CaseEvent.push([
        caseId,
        1,
        raised.type,
        JSON.stringify(raised),
        "-",
        start.view.stateValue,
        actorLabel,
        occurredAt.toISOString(),
        "",
        hash1,
        CURRENT_CHAIN_VERSION,
        startDigest,
        JSON.stringify(start.persisted),
      ]);
      const state: CaseState = {
        id: caseId,
        version: 1,
        ...start.persisted,
        stateValue: start.view.stateValue,
        localAreaId: area.id,
        highestRung: start.view.rung ?? 0,
        route: input.route,
        headHash: hash1,
        receivedOn,
        log: [],
        // Nobody is emailed about a generated case: no recipients, and the outbox rows are not written.
        recipients: [],
        deadlines: [],
      };
      const changes = new CaseChanges(state, new Date(now));
      const walked = walkCase(start, live, changes, receivedOn, to, traitsOf(child, setting.failing), r);
      if (walked.refused) refused++;
      const written = changes.rows();
      for (const e of written?.events ?? []) {
        rows.CaseEvent.push([
          e.caseId,
          e.seq,
          e.type,
          JSON.stringify(e.payload),
          e.fromState,
          e.toState,
          e.actorLabel,
          e.occurredAt,
          e.prevHash,
          e.hash,
          e.chainVersion,
          e.snapshotDigest,
          null,
        ]);
      }
      const view = walked.view;
      const kase = written?.kase;
      const facts = (written?.facts ?? deriveCaseFacts(view, [], receivedOn)) as unknown as CaseFacts;
      rows.Case.push([
        caseId,
        input.caseRef,
        concernId,
        input.route,
        input.healthInvolved,
        setting.id,
        area.id,
        start.persisted.machineId,
        kase?.machineVersion ?? start.persisted.machineVersion,
        JSON.stringify(kase?.snapshot ?? start.persisted.snapshot),
        kase?.version ?? 1,
        view.stateValue,
        view.status,
        view.rung ?? null,
        kase?.highestRung ?? state.highestRung,
        kase?.headHash ?? hash1,
        now,
        now,
        kase?.urgent ?? view.urgent !== undefined,
        JSON.stringify(kase?.owed ?? view.owed),
        kase?.handlerId ?? view.handlerId ?? null,
      ]);
      // The deadlines still open at the end of the walk, for the sweeper to carry on with.
      const open = written ? written.deadlines.filter((d) => d.status === "open") : start.deadlines.map((d) => ({ ...d, caseId, localAreaId: area.id }));
      for (const d of open) {
        rows.Deadline.push([`${caseId}:${d.key}`, caseId, d.key, d.kind, d.label, d.dueOn, d.calendar, d.startedBy, d.startedOn, JSON.stringify(d.event), area.id, now, now]);
      }
      rows.CaseFact.push([
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
        ...FACT_COLUMNS.map(([key]) => facts[key]),
      ]);
      cases++;
    }
  }
  return { rows, cases, events: rows.CaseEvent.length, refused };
}

// ───────────────────────────── the nation's rows, and the register ─────────────────────────────

const PARTICIPANTS = JSON.stringify(
  (["family", "young-person", "health-lead", "setting", "local-service", "social-care"] as const).map((role) => ({
    role,
    name: "",
    invited: ["family", "setting", "health-lead"].includes(role),
    tookPart: role === "family" || role === "setting" ? "meeting" : role === "health-lead" ? "written-views" : "not-applicable",
  })),
);
const NEED_CRITERION: Record<string, string> = { ASD: "NF-R4", SLCN: "NF-R4", SEMH: "NF-R5", MLD: "NF-R7", SPLD: "NF-R7", PD: "NF-R6", HI: "NF-R6", VI: "NF-R6", SLD: "NF-R2" };

/**
 * A child's register history (docs/decisions/021). Most children on the register have their
 * decision recorded; the rest were placed before the service kept records (no rows). Some
 * decisions not to place were challenged and retaken under a remedy, and `overturned` says
 * whether the retaken decision differs — more often at systematically failing settings.
 */
function registerHistory(nation: Nation, seed: number, i: number, child: ChildRow, from: string, frameworkId: string, now: string) {
  const r = prng(streamSeed(seed, 3, i));
  const setting = nation.settings[child.settingIndex]!;
  const areaId = nation.areas[setting.areaIndex]!.id;
  if (r() < 0.35) return { status: "on_register", nextReviewOn: null, decisions: [] as unknown[][] };
  const decidedOn = addCalendarMonths(from, -between(r, 1, 30));
  const code = NEED_CRITERION[child.need] ?? "NF-R1";
  const row = (n: number, outcome: string, statusAfter: string, on: string, nextReviewOn: string | null, retakes: string | null, overturned: boolean | null) => [
    `g${seed}-decision-${i}-${n}`,
    `RD-G${seed}-${String(i).padStart(8, "0")}-${n}`,
    child.id,
    setting.id,
    areaId,
    "decision",
    outcome,
    statusAfter,
    on,
    nextReviewOn,
    PARTICIPANTS,
    "Observations over a term and the family's account.",
    JSON.stringify([{ code, reason: outcome === "place" ? "Needs go beyond what the universal offer can meet." : "The universal offer meets the needs seen so far." }]),
    "",
    frameworkId,
    retakes,
    overturned,
    "generator",
    "system:generator (setting)",
    now,
  ];
  if (r() < 0.06 * (setting.failing ? 3 : 1)) {
    const retakenOn = addCalendarMonths(decidedOn, between(r, 2, 6));
    const overturned = r() < (setting.failing ? 0.7 : 0.35);
    const first = row(1, "not_place", "considered_not_placed", decidedOn, null, null, null);
    const review = addCalendarMonths(retakenOn, 12);
    const second = overturned
      ? row(2, "place", "on_register", retakenOn, review, `g${seed}-decision-${i}-1`, true)
      : row(2, "not_place", "considered_not_placed", retakenOn, null, `g${seed}-decision-${i}-1`, false);
    return { status: overturned ? "on_register" : "considered_not_placed", nextReviewOn: overturned ? review : null, decisions: [first, second] };
  }
  const review = addCalendarMonths(decidedOn, 12);
  return { status: "on_register", nextReviewOn: review, decisions: [row(1, "place", "on_register", decidedOn, review, null, null)] };
}

async function writeNation(db: Database, nation: Nation, options: GenerateOptions, now: string) {
  const lastChild = `g${options.seed}-child-${nation.children - 1}`;
  if ((await db.query(`SELECT 1 FROM "Child" WHERE id = $1`, [lastChild])).length) return;
  await insertAll(db, {
    LocalArea: nation.areas.map((a) => [a.id, a.code, a.name, a.region]),
    Setting: nation.settings.map((s) => [s.id, s.urn, s.name, s.kind, nation.areas[s.areaIndex]!.id]),
  });
  await db.query(`INSERT INTO "User" (id, email, name, "updatedAt") VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING`, [
    `g${options.seed}-family`,
    `generated-family-${options.seed}@redress.example`,
    "Generated family",
  ]);
  await ensureFramework(db.prisma, addCalendarMonths(options.from, -36));
  const [{ id: frameworkId }] = (await db.query<{ id: string }>(`SELECT id FROM "FrameworkVersion" ORDER BY number ASC LIMIT 1`)) as [{ id: string }];
  for (let i = 0; i < nation.children; i += 10_000) {
    const children: unknown[][] = [];
    const decisions: unknown[][] = [];
    for (let j = i; j < Math.min(nation.children, i + 10_000); j++) {
      const c = childAt(nation, options.seed, j, options.to);
      const s = nation.settings[c.settingIndex]!;
      const history = registerHistory(nation, options.seed, j, c, options.from, frameworkId, now);
      decisions.push(...history.decisions);
      children.push([
        c.id,
        c.ref,
        "Child",
        String(j),
        c.dob,
        c.ethnicity,
        c.sex,
        c.fsm,
        c.decile,
        c.need,
        s.id,
        nation.areas[s.areaIndex]!.id,
        history.status,
        history.nextReviewOn,
      ]);
    }
    // Decisions after their children (foreign keys), first decisions before the ones retaking them.
    const t0 = performance.now();
    await insertAll(db, { Child: children });
    const t1 = performance.now();
    await insertAll(db, { RegisterDecision: decisions.filter((d) => d[15] === null) });
    await insertAll(db, { RegisterDecision: decisions.filter((d) => d[15] !== null) });
    if (process.env.GENERATE_DEBUG) console.error(`children ${Math.round(t1 - t0)} ms, decisions ${Math.round(performance.now() - t1)} ms`);
  }
}

// ───────────────────────────── progress, workers and resume ─────────────────────────────

/** A progress bar on stderr: redrawn in place on a terminal, a line every 10 s into a file. */
function progress(total: number, started: number, startDone: number) {
  let lastLine = 0;
  return (done: number, final = false) => {
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    const rate = (done - startDone) / seconds;
    const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    const width = 30;
    const filled = Math.round((width * done) / total);
    const text = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done.toLocaleString("en-GB")}/${total.toLocaleString("en-GB")} cases  ${Math.round(rate)} cases/s  ETA ${formatSeconds(eta)}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${text}   ${final ? "\n" : ""}`);
    else if (final || Date.now() - lastLine > 10_000) {
      lastLine = Date.now();
      process.stderr.write(`${text}\n`);
    }
  };
}

function formatSeconds(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h} h ${m} min` : m ? `${m} min ${s % 60} s` : `${s} s`;
}

interface WorkerJob {
  id: number;
  from: number;
  to: number;
  maxCases: number;
}

const TSX_API = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api")).href.replace(/index\.cjs$/, "index.mjs");

/** Walks batches in worker threads (the machines are CPU-bound); the main thread writes them in order. */
class WalkerPool {
  private workers: Worker[] = [];
  private waiting = new Map<number, { resolve: (b: Batch) => void; reject: (e: Error) => void }>();
  private next = 0;
  constructor(size: number, options: GenerateOptions, now: string) {
    for (let i = 0; i < size; i++) {
      // This very module, loaded through tsx's ESM loader (a worker does not inherit `tsx`'s hooks).
      const boot = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
      const worker = new Worker(boot, { eval: true, workerData: { options, now } });
      worker.on("message", (message: { id: number; batch?: Batch; error?: string }) => {
        const w = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        if (message.batch) w?.resolve(message.batch);
        else w?.reject(new Error(message.error));
      });
      worker.on("error", (error) => {
        for (const w of this.waiting.values()) w.reject(error);
      });
      this.workers.push(worker);
    }
  }
  run(job: Omit<WorkerJob, "id">): Promise<Batch> {
    const id = this.next++;
    const worker = this.workers[id % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ ...job, id } satisfies WorkerJob);
    });
  }
  async close() {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

if (!isMainThread && parentPort && (workerData as { options?: GenerateOptions })?.options) {
  const { options, now } = workerData as { options: GenerateOptions; now: string };
  const nation = buildNation(options);
  parentPort.on("message", (job: WorkerJob) => {
    try {
      parentPort!.postMessage({ id: job.id, batch: buildBatch(nation, options, job.from, job.to, job.maxCases, now) });
    } catch (error) {
      parentPort!.postMessage({ id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
}

/**
 * Concerns per batch are fixed, so batch b always holds concerns [b·size, (b+1)·size); each batch
 * is one statement, so it is in the database whole or not at all. Workers walk ahead while the
 * main thread writes batches strictly in order.
 */
export async function generate(db: Database, options: GenerateOptions): Promise<{ cases: number; events: number; refused: number; seconds: number }> {
  const started = Date.now();
  const now = new Date().toISOString();
  await migrate(db);
  await seedRolesAndPermissions(db.prisma);
  const nation = buildNation(options);
  const tag = `RC-G${options.seed}-`;
  const nationStarted = performance.now();
  await writeNation(db, nation, options, now);
  const nationMs = performance.now() - nationStarted;
  // Resume: redo the last batch written (it may be the cut-short final one). Its rows are the
  // same on every run, so ON CONFLICT DO NOTHING skips whatever of it is already there.
  const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Concern" WHERE ref LIKE $1`, [`${tag}%`])) as [{ n: number }];
  let concern = Math.max(0, Math.ceil(n / options.batch) - 1) * options.batch;
  const [{ cases: before }] = (await db.query<{ cases: number }>(
    `SELECT count(*)::int AS cases FROM "Case" c JOIN "Concern" k ON k.id = c."concernId" WHERE k.ref LIKE $1 AND k.ref < $2`,
    [`${tag}%`, `${tag}${String(concern).padStart(8, "0")}`],
  )) as [{ cases: number }];
  let done = before;
  if (concern > 0 && !options.quiet) console.error(`Resuming after ${done.toLocaleString("en-GB")} cases already written.`);
  const total = options.cases;
  const show = options.quiet ? () => {} : progress(total, started, done);
  const threads = options.workers ?? 0;
  const pool = threads > 0 ? new WalkerPool(threads, options, now) : undefined;
  let events = 0;
  let refused = 0;
  // GENERATE_DEBUG=1: where the main thread's time went (waiting for walkers, inserting, folding).
  const debug = Boolean(process.env.GENERATE_DEBUG);
  const timing = { nation: nationMs, wait: 0, insert: 0, fold: 0 };
  try {
    // Up to `threads + 1` batches walked ahead. A batch's case budget is the whole remainder (the
    // last one is cut when written), so the rows never depend on how many workers there are.
    const ahead: Array<Promise<Batch>> = [];
    const walk = (c: number) => {
      const job = { from: c, to: c + options.batch, maxCases: total - done };
      return pool ? pool.run(job) : Promise.resolve().then(() => buildBatch(nation, options, job.from, job.to, job.maxCases, now));
    };
    let queued = concern;
    while (done < total) {
      while (ahead.length < Math.max(1, threads + 1) && queued < concern + options.batch * (threads + 2)) {
        ahead.push(walk(queued));
        queued += options.batch;
      }
      const t0 = performance.now();
      const batch = await ahead.shift()!;
      const cut = cutTo(batch, total - done);
      const t1 = performance.now();
      await insertAll(db, cut.rows);
      const t2 = performance.now();
      // The batch's facts into the monthly summaries now, so the deltas never pile up (docs/decisions/028).
      while (Number(((await db.query<{ n: number }>(`SELECT pattern_summary_fold(50000) AS n`)) as [{ n: number }])[0].n) > 0);
      if (debug) {
        const t3 = performance.now();
        timing.wait += t1 - t0;
        timing.insert += t2 - t1;
        timing.fold += t3 - t2;
      }
      concern += options.batch;
      done += cut.cases;
      events += cut.events;
      refused += cut.refused;
      show(Math.min(done, total));
    }
    show(Math.min(done, total), true);
  } finally {
    await pool?.close();
  }
  await db.query(`ANALYZE "CaseFact"`);
  // Every folded delta is a dead row until vacuumed, and the summaries' live views scan the delta
  // table: at 1,000,000 cases, 1,000,000 dead rows made England views 4x slower until autovacuum
  // came round (docs/decisions/028). Vacuum it once at the end of a bulk load.
  await db.query(`VACUUM ANALYZE "PatternDelta"`);
  if (debug)
    console.error(
      `main thread ms: ${Object.entries(timing)
        .map(([k, v]) => `${k} ${Math.round(v)}`)
        .join(", ")}`,
    );
  return { cases: done, events, refused, seconds: (Date.now() - started) / 1000 };
}

/** The batch without cases beyond `budget` (whole concerns are kept together where they fit). */
function cutTo(batch: Batch, budget: number): Batch {
  if (batch.cases <= budget) return batch;
  const keep = new Set((batch.rows.Case ?? []).slice(0, budget).map((row) => row[0] as string));
  const concerns = new Set((batch.rows.Case ?? []).slice(0, budget).map((row) => row[2] as string));
  const rows: Rows = {
    Concern: (batch.rows.Concern ?? []).filter((row) => concerns.has(row[0] as string)),
    Case: (batch.rows.Case ?? []).filter((row) => keep.has(row[0] as string)),
    CaseEvent: (batch.rows.CaseEvent ?? []).filter((row) => keep.has(row[0] as string)),
    Deadline: (batch.rows.Deadline ?? []).filter((row) => keep.has(row[1] as string)),
    CaseFact: (batch.rows.CaseFact ?? []).filter((row) => keep.has(row[0] as string)),
  };
  return { rows, cases: keep.size, events: rows.CaseEvent!.length, refused: batch.refused };
}

if (isMainThread && import.meta.url === `file://${process.argv[1]}`) {
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
