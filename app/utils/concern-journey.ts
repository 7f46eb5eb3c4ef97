import { z } from "zod";
import { ISSUE_CATEGORIES, ROUTES, type IssueCategory } from "../../machines/route";
import { dateField } from "./date-input";
import { londonDate } from "./dates";
import { formatDate } from "./format";
import { ISSUE_CATEGORY_NAMES, issueCategoryText } from "./issue-categories";
import { MAX_LENGTH } from "./limits";

// Raising a concern as GOV.UK question pages (docs/decisions/025): one question a page, each with
// its own zod schema (checked in the browser and by the page's action through the form kit), the
// answers saved in a server-side draft after every page, then check your answers, then the
// confirmation. Pure: the route modules, the unit tests and the fuzzer share it.

export const STEPS = ["child", "about", "decision", "details", "outcome", "health", "aware"] as const;
export type Step = (typeof STEPS)[number];

export const isStep = (value: string | undefined): value is Step => (STEPS as readonly string[]).includes(value ?? "");

/** What a draft holds: each page's answer once given, and which pages have been answered. */
export interface DraftAnswers {
  childId?: string;
  categories?: IssueCategory[];
  /** A register decision the concern challenges; null when the person said it is not about one. */
  challengesDecisionId?: string | null;
  /** Set only when the concern was started from a development record (docs/decisions/021). */
  challengesRecordVersionId?: string;
  summary?: string;
  outcomeWanted?: string;
  healthInvolved?: "yes" | "no";
  /** null: answered, no date given (the question is optional). */
  awarenessDate?: string | null;
  answered?: Step[];
}

/** What the pages need to know about the person and the chosen child, from the server. */
export interface JourneyContext {
  /** The children the person may raise a concern about. */
  children: { id: string; name: string; setting: string }[];
  /** Register decisions about the chosen child that a concern may challenge. */
  decisions: { value: string; label: string }[];
  /** The development record the concern was started from, when it was. */
  recordVersion?: { id: string; label: string } | null;
  youngPerson: boolean;
}

/** The pages this person sees, in order: no "which child" page with one child, no decision page without decisions. */
export function stepsFor(ctx: Pick<JourneyContext, "children" | "decisions">): Step[] {
  return STEPS.filter((step) => (step === "child" ? ctx.children.length > 1 : step === "decision" ? ctx.decisions.length > 0 : true));
}

/** The first page still to answer, or "check" when every page is answered. */
export function firstUnanswered(answers: DraftAnswers, ctx: Pick<JourneyContext, "children" | "decisions">): Step | "check" {
  return stepsFor(ctx).find((step) => !answers.answered?.includes(step)) ?? "check";
}

/** Where a page's Continue goes: the next page, or back to check your answers when changing one answer (unless a new question now needs an answer). */
export function nextStep(current: Step, answers: DraftAnswers, ctx: Pick<JourneyContext, "children" | "decisions">, changing: boolean): Step | "check" {
  if (changing) return firstUnanswered(answers, ctx);
  const steps = stepsFor(ctx);
  return steps[steps.indexOf(current) + 1] ?? firstUnanswered(answers, ctx);
}

/** Where a page's Back link goes. */
export function previousStep(current: Step, ctx: Pick<JourneyContext, "children" | "decisions">): Step | null {
  const steps = stepsFor(ctx);
  return steps[steps.indexOf(current) - 1] ?? null;
}

const asArray = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const TOO_LONG = `Must be ${MAX_LENGTH.longText.toLocaleString("en-GB")} characters or fewer`;

export const SUMMARY_MIN = 20;

/** One schema a page: what the page posts in, the draft's answer out. */
export const STEP_SCHEMAS = {
  child: z.object({
    childId: z.string({ error: "Select the child or young person" }).min(1, "Select the child or young person").max(MAX_LENGTH.id, "Select the child or young person"),
  }),
  about: z.object({
    categories: z.preprocess(asArray, z.array(z.enum(ISSUE_CATEGORY_NAMES, { error: "Select what your concern is about" })).min(1, "Select what your concern is about")),
  }),
  decision: z.object({
    challengesDecisionId: z
      .string({ error: "Select the decision your concern is about, or that it is not about one decision" })
      .min(1, "Select the decision your concern is about, or that it is not about one decision")
      .max(MAX_LENGTH.id, "Select the decision your concern is about, or that it is not about one decision")
      .transform((v) => (v === "none" ? null : v)),
  }),
  details: z.object({
    summary: z
      .string({ error: "Describe your concern" })
      .trim()
      .min(1, "Describe your concern")
      .min(SUMMARY_MIN, `Describe your concern in at least ${SUMMARY_MIN} characters`)
      .max(MAX_LENGTH.longText, `Your description must be ${MAX_LENGTH.longText.toLocaleString("en-GB")} characters or fewer`),
  }),
  outcome: z.object({
    outcomeWanted: z
      .string()
      .trim()
      .max(MAX_LENGTH.longText, TOO_LONG)
      .optional()
      .transform((v) => v ?? ""),
  }),
  health: z.object({
    healthInvolved: z.enum(["yes", "no"], { error: "Select yes if health services are involved" }),
  }),
  aware: z.object({
    awarenessDate: dateField({ what: "the date you found out", notAfter: () => londonDate() }).transform((v) => v ?? null),
  }),
} satisfies Record<Step, z.ZodType>;

/** The concern as it is sent: the details, and what the family would like to happen, as one text the case file shows. */
export function concernText(answers: Pick<DraftAnswers, "summary" | "outcomeWanted">): string {
  const summary = (answers.summary ?? "").trim();
  const wanted = (answers.outcomeWanted ?? "").trim();
  return wanted ? `${summary}\n\nWhat I would like to happen:\n${wanted}` : summary;
}

export interface SummaryRow {
  step: Step;
  key: string;
  value: string[];
  /** The Change link's hidden words: "Change <what>". */
  what: string;
  /** False for an answer that cannot be changed here (the only child). */
  changeable: boolean;
}

/** The check your answers page's rows, in the order the questions were asked. */
export function summaryRows(answers: DraftAnswers, ctx: JourneyContext): SummaryRow[] {
  const steps = stepsFor(ctx);
  const rows: SummaryRow[] = [];
  const child = ctx.children.find((c) => c.id === answers.childId);
  rows.push({
    step: "child",
    key: "Who the concern is about",
    value: child ? [child.name, child.setting] : ["Not answered"],
    what: "who the concern is about",
    changeable: steps.includes("child"),
  });
  const chosen = new Set(answers.categories ?? []);
  for (const route of ROUTES) {
    const labels = ISSUE_CATEGORY_NAMES.filter((c) => ISSUE_CATEGORIES[c] === route && chosen.has(c)).map((c) => issueCategoryText(c, ctx.youngPerson).label);
    if (route === "process" || labels.length) {
      rows.push({
        step: "about",
        key: route === "process" ? "About how a decision was made" : "About the support itself",
        value: labels.length ? labels : ["No"],
        what: route === "process" ? "whether it is about how a decision was made" : "whether it is about the support itself",
        changeable: true,
      });
    }
  }
  if (steps.includes("decision")) {
    const decision = ctx.decisions.find((d) => d.value === answers.challengesDecisionId);
    rows.push({ step: "decision", key: "Register decision", value: [decision ? decision.label : "Not about one decision"], what: "the register decision", changeable: true });
  }
  if (ctx.recordVersion) rows.push({ step: "about", key: "Development record", value: [ctx.recordVersion.label], what: "what the concern is about", changeable: false });
  rows.push({ step: "details", key: "Your concern", value: [answers.summary ?? "Not answered"], what: "your concern", changeable: true });
  rows.push({
    step: "outcome",
    key: "What you would like to happen",
    value: [answers.outcomeWanted?.trim() || "Not given"],
    what: "what you would like to happen",
    changeable: true,
  });
  rows.push({
    step: "health",
    key: "Health services involved",
    value: [answers.healthInvolved === "yes" ? "Yes" : answers.healthInvolved === "no" ? "No" : "Not answered"],
    what: "whether health services are involved",
    changeable: true,
  });
  rows.push({
    step: "aware",
    key: "When you found out",
    value: [answers.awarenessDate ? formatDate(answers.awarenessDate) : "Not given"],
    what: "when you found out",
    changeable: true,
  });
  return rows;
}

/** The answers a page saves into the draft, given its parsed fields; changing the child clears what belonged to the last one. */
export function applyStep(answers: DraftAnswers, step: Step, data: Record<string, unknown>): DraftAnswers {
  const next: DraftAnswers = { ...answers, ...data, answered: [...new Set([...(answers.answered ?? []), step])] };
  if (step === "child" && answers.childId && answers.childId !== data.childId) {
    delete next.challengesDecisionId;
    delete next.challengesRecordVersionId;
    next.answered = next.answered?.filter((s) => s !== "decision");
  }
  return next;
}
