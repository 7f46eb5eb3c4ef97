import { z } from "zod";
import { dateProblem } from "./case-forms";
import { MAX_LENGTH } from "./limits";

// One schema per register form, shared by the pages (names, labels) and the server (400 with
// field messages). The machine in machines/register.machine.ts then checks the decision against
// the child's history (docs/decisions/021).

const TOO_LONG = `Must be ${MAX_LENGTH.longText.toLocaleString("en-GB")} characters or fewer`;
const text = (message: string) => z.string({ error: message }).trim().min(1, message).max(MAX_LENGTH.longText, TOO_LONG);
const shortText = z
  .string()
  .trim()
  .max(200, "Must be 200 characters or fewer")
  .optional()
  .transform((v) => v ?? "");

export const OUTCOME_LABELS = {
  place: "Place on the register",
  not_place: "Not to place on the register",
  remove: "Remove from the register",
  confirm: "Review: stays on the register, support confirmed",
  change: "Review: stays on the register, support changed",
} as const;
export type OutcomeValue = keyof typeof OUTCOME_LABELS;

/** How the decision reads in a history, for everyone. */
export const OUTCOME_HISTORY_LABELS: Record<OutcomeValue, string> = {
  place: "Placed on the register",
  not_place: "Not placed on the register",
  remove: "Removed from the register",
  confirm: "Review: support confirmed",
  change: "Review: support changed",
};

export const STATUS_LABELS = {
  on_register: "On the register",
  considered_not_placed: "Considered, not placed",
  removed: "Removed from the register",
  not_considered: "Not on the register",
} as const;

export const PARTICIPANT_ROLES = [
  { role: "family", label: "Parent or carer" },
  { role: "young-person", label: "The child or young person" },
  { role: "health-lead", label: "Health lead" },
  { role: "setting", label: "Setting (SENCo or lead)" },
  { role: "local-service", label: "Local service" },
  { role: "social-care", label: "Social care" },
] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number]["role"];

export const TOOK_PART = [
  { value: "meeting", label: "Took part in a meeting" },
  { value: "written-views", label: "Gave written views" },
  { value: "no", label: "Invited, did not take part" },
  { value: "not-invited", label: "Not invited" },
  { value: "not-applicable", label: "Not applicable" },
] as const;
export type TookPart = (typeof TOOK_PART)[number]["value"];
export type Participant = { role: ParticipantRole; name: string; invited: boolean; tookPart: TookPart };

export const REASON_ROWS = 3;

export const PARTNERS = [
  { partner: "setting", label: "Setting" },
  { partner: "health", label: "Health" },
  { partner: "social-care", label: "Social care" },
  { partner: "local-service", label: "Local service" },
] as const;
export type Partner = (typeof PARTNERS)[number]["partner"];
/** Partners who confirm their own part (the setting writes the record). */
export const CONFIRMING_PARTNERS: Partner[] = ["health", "social-care", "local-service"];

export type Support = { partner: Partner; provision: string; amount: string; frequency: string };
export type RecordContent = { views: string; aspirations: string; needs: string; support: Support[]; outcomes: string; transitions: string };

const dateField = (name: string, what: string, today: string, ctx: z.RefinementCtx, value: string) => {
  const problem = dateProblem(value, today, what, `Enter ${what} as YYYY-MM-DD`);
  if (problem) ctx.addIssue({ code: "custom", path: [name], message: problem });
};

export interface DecisionFormContext {
  today: string;
  /** Outcomes the child's history allows now (from the machine). */
  allowedOutcomes: OutcomeValue[];
  /** Register criteria codes of the current framework. */
  criteria: string[];
  /** "caseId:remedyId" of open remedies this decision may carry out. */
  remedyChoices: string[];
}

export function decisionFormSchema(c: DecisionFormContext) {
  return z.record(z.string(), z.unknown()).transform((fields, ctx) => {
    const str = (k: string) => (typeof fields[k] === "string" ? (fields[k] as string).trim() : "");
    const outcome = str("outcome") as OutcomeValue;
    if (!c.allowedOutcomes.includes(outcome)) ctx.addIssue({ code: "custom", path: ["outcome"], message: "Select the decision" });
    const decidedOn = str("decidedOn");
    dateField("decidedOn", "the date of the decision", c.today, ctx, decidedOn);
    if (decidedOn && decidedOn > c.today) ctx.addIssue({ code: "custom", path: ["decidedOn"], message: "The date of the decision must be today or in the past" });
    const staysOn = outcome === "place" || outcome === "confirm" || outcome === "change";
    const nextReviewOn = str("nextReviewOn");
    if (staysOn && !nextReviewOn) ctx.addIssue({ code: "custom", path: ["nextReviewOn"], message: "Enter the date of the next review" });
    if (staysOn && nextReviewOn) {
      dateField("nextReviewOn", "the date of the next review", c.today, ctx, nextReviewOn);
      if (/^\d/.test(decidedOn) && /^\d/.test(nextReviewOn) && nextReviewOn <= decidedOn)
        ctx.addIssue({ code: "custom", path: ["nextReviewOn"], message: "The next review must be after the decision" });
    }
    const participants: Participant[] = PARTICIPANT_ROLES.map(({ role, label }) => {
      const tookPart = str(`part-${role}`) as TookPart;
      if (!TOOK_PART.some((t) => t.value === tookPart)) ctx.addIssue({ code: "custom", path: [`part-${role}`], message: `Select how the ${label.toLowerCase()} took part` });
      const name = str(`name-${role}`);
      if (name.length > 200) ctx.addIssue({ code: "custom", path: [`name-${role}`], message: "Must be 200 characters or fewer" });
      return { role, name, invited: tookPart === "meeting" || tookPart === "written-views" || tookPart === "no", tookPart };
    });
    const evidence = str("evidence");
    if (!evidence) ctx.addIssue({ code: "custom", path: ["evidence"], message: "Describe the evidence considered" });
    if (evidence.length > MAX_LENGTH.longText) ctx.addIssue({ code: "custom", path: ["evidence"], message: TOO_LONG });
    const reasons: { code: string; reason: string }[] = [];
    for (let i = 1; i <= REASON_ROWS; i++) {
      const code = str(`reason-${i}-code`);
      const reason = str(`reason-${i}-text`);
      if (!code && !reason) continue;
      if (!c.criteria.includes(code)) ctx.addIssue({ code: "custom", path: [`reason-${i}-code`], message: `Select the register criterion reason ${i} is tied to` });
      if (!reason) ctx.addIssue({ code: "custom", path: [`reason-${i}-text`], message: `Give reason ${i}` });
      if (reason.length > MAX_LENGTH.longText) ctx.addIssue({ code: "custom", path: [`reason-${i}-text`], message: TOO_LONG });
      reasons.push({ code, reason });
    }
    if (reasons.length === 0) ctx.addIssue({ code: "custom", path: ["reason-1-code"], message: "Give at least one reason, tied to a register criterion" });
    const summary = str("summary");
    if (summary.length > MAX_LENGTH.longText) ctx.addIssue({ code: "custom", path: ["summary"], message: TOO_LONG });
    const remedy = str("remedy");
    if (remedy && !c.remedyChoices.includes(remedy)) ctx.addIssue({ code: "custom", path: ["remedy"], message: "Select a remedy from the list" });
    const [remedyCaseId, remedyId] = remedy ? remedy.split(":") : [];
    return { outcome, decidedOn, nextReviewOn: staysOn ? nextReviewOn : undefined, participants, evidence, reasons, summary, remedyCaseId, remedyId };
  });
}

export const REQUESTER_KINDS = { family: "Parent or carer", "young-person": "The young person", professional: "A professional" } as const;

export const requestFormSchema = z.object({
  reasons: text("Say why you are asking the setting to consider the register").pipe(z.string().min(20, "Say why in at least 20 characters")),
});

export function recordFormSchema(editsAll: boolean) {
  return z.record(z.string(), z.unknown()).transform((fields, ctx) => {
    const str = (k: string) => (typeof fields[k] === "string" ? (fields[k] as string).trim() : "");
    const long = (k: string) => {
      const v = str(k);
      if (v.length > MAX_LENGTH.longText) ctx.addIssue({ code: "custom", path: [k], message: TOO_LONG });
      return v;
    };
    const short = (k: string) => {
      const v = str(k);
      if (v.length > 200) ctx.addIssue({ code: "custom", path: [k], message: "Must be 200 characters or fewer" });
      return v;
    };
    const changeSummary = long("changeSummary");
    if (!changeSummary) ctx.addIssue({ code: "custom", path: ["changeSummary"], message: "Say what you changed and why" });
    const views = long("views");
    const aspirations = long("aspirations");
    if (!views) ctx.addIssue({ code: "custom", path: ["views"], message: "Enter the child's or young person's views, in their own words" });
    if (!editsAll) return { changeSummary, views, aspirations };
    const needs = long("needs");
    if (!needs) ctx.addIssue({ code: "custom", path: ["needs"], message: "Describe the needs" });
    const support: Support[] = [];
    for (const { partner, label } of PARTNERS) {
      const provision = long(`support-${partner}-provision`);
      const amount = short(`support-${partner}-amount`);
      const frequency = short(`support-${partner}-frequency`);
      if (!provision && !amount && !frequency) continue;
      if (!provision) ctx.addIssue({ code: "custom", path: [`support-${partner}-provision`], message: `Describe the support ${label.toLowerCase()} provides` });
      if (!amount) ctx.addIssue({ code: "custom", path: [`support-${partner}-amount`], message: `Say how much support ${label.toLowerCase()} provides` });
      if (!frequency) ctx.addIssue({ code: "custom", path: [`support-${partner}-frequency`], message: `Say how often ${label.toLowerCase()} provides it` });
      support.push({ partner, provision, amount, frequency });
    }
    if (support.length === 0) ctx.addIssue({ code: "custom", path: ["support-setting-provision"], message: "Describe the support at least one partner provides" });
    const outcomes = long("outcomes");
    if (!outcomes) ctx.addIssue({ code: "custom", path: ["outcomes"], message: "Describe the outcomes sought" });
    const transitions = long("transitions");
    return { changeSummary, views, aspirations, needs, support, outcomes, transitions };
  });
}

export const confirmFormSchema = z.object({ versionId: z.string().min(1).max(MAX_LENGTH.id), note: shortText });

export const frameworkFormSchema = z.object({
  changeSummary: text("Say what changed in this version"),
  illustrative: z.enum(["yes", "no"], { error: "Say whether this version is still illustrative" }),
  items: z
    .string({ error: "Enter the catalogue, one item a line" })
    .trim()
    .min(1, "Enter the catalogue, one item a line")
    .max(60_000, "The catalogue must be 60,000 characters or fewer")
    .transform((value, ctx) => {
      const items: { kind: "criterion" | "standard"; code: string; title: string; description: string }[] = [];
      const seen = new Set<string>();
      value.split(/\r?\n/).forEach((line, index) => {
        if (!line.trim()) return;
        const [kind, code, title, description] = line.split("|").map((part) => part.trim());
        const n = index + 1;
        if (kind !== "criterion" && kind !== "standard") return ctx.addIssue({ code: "custom", message: `Line ${n}: start with "criterion" or "standard"` });
        if (!code || !/^NF-[A-Z0-9][A-Z0-9.]*$/.test(code)) return ctx.addIssue({ code: "custom", message: `Line ${n}: the code must look like NF-3.2 or NF-R1` });
        if (seen.has(code)) return ctx.addIssue({ code: "custom", message: `Line ${n}: ${code} appears twice` });
        if (!title || !description) return ctx.addIssue({ code: "custom", message: `Line ${n}: give a title and a short description` });
        seen.add(code);
        items.push({ kind, code, title, description });
      });
      if (!items.some((i) => i.kind === "criterion")) ctx.addIssue({ code: "custom", message: "Include at least one register criterion" });
      if (!items.some((i) => i.kind === "standard")) ctx.addIssue({ code: "custom", message: "Include at least one standard" });
      return items;
    }),
});

/** The catalogue as the publishing page's textarea shows it: one item a line. */
export const catalogueLines = (items: readonly { kind: string; code: string; title: string; description: string }[]) =>
  items.map((i) => `${i.kind} | ${i.code} | ${i.title} | ${i.description}`).join("\n");
