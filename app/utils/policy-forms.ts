import { z } from "zod";
import { policySchema, type Policy } from "../../machines";
import { dateProblem } from "./case-forms";

// The "publish a new timeline policy" form (docs/decisions/027): every field of the machine's
// policy (machines/policy.ts) in words, one schema for the browser and the action. The result is
// checked again by the machine's own policySchema, so the form can never publish a policy the
// machines would refuse.

type Unit = "working days" | "calendar days" | "months" | "offers";

export interface PolicyField {
  name: string;
  path: readonly string[];
  label: string;
  hint: string;
  unit: Unit;
  min: number;
  max: number;
}

const wd = (name: string, path: readonly string[], label: string, hint: string): PolicyField => ({ name, path, label, hint, unit: "working days", min: 1, max: 260 });

export const POLICY_GROUPS: { legend: string; fields: PolicyField[] }[] = [
  {
    legend: "The setting and the local service",
    fields: [
      wd("acknowledgeWorkingDays", ["acknowledgeWorkingDays"], "Time to acknowledge a concern", "Working days after the concern is received."),
      wd(
        "settingRespond",
        ["setting", "respondWorkingDays"],
        "Time for the setting to respond",
        "Working days (school days when the setting has term dates) after the concern is received.",
      ),
      wd("settingExtension", ["setting", "maxExtensionWorkingDays"], "Longest extension the setting may take", "Working days added to the setting's time to respond, at most."),
      wd("localRespond", ["localService", "respondWorkingDays"], "Time for the local service to respond", "Working days after the concern reaches the local service."),
      wd("localExtension", ["localService", "maxExtensionWorkingDays"], "Longest extension the local service may take", "Working days added to the local service's time, at most."),
      wd("escalationWindow", ["escalationWindowWorkingDays"], "Time the family has to take a concern further", "Working days after a response."),
      wd("remedyDefault", ["remedyDefaultWorkingDays"], "Time to carry out a remedy when none is set", "Working days after the decision that orders it."),
    ],
  },
  {
    legend: "The national bodies",
    fields: [
      wd("nationalAcknowledge", ["national", "acknowledgeWorkingDays"], "Time for a national body to acknowledge a referral", "Working days after the referral."),
      wd("nationalAssessment", ["national", "assessmentWorkingDays"], "Time to decide whether to investigate", "Working days after the referral is acknowledged."),
      wd("nationalInvestigation", ["national", "investigationWorkingDays"], "Time to investigate and send a draft decision", "Working days after deciding to investigate."),
      wd("nationalComments", ["national", "commentsWorkingDays"], "Time everyone has to comment on a draft decision", "Working days after the draft is sent."),
      wd("nationalFinal", ["national", "finalDecisionWorkingDays"], "Time to send the final decision", "Working days after comments close."),
      {
        name: "nationalTimeLimit",
        path: ["national", "timeLimitMonths"],
        label: "How long after the family became aware a national body normally looks at a concern",
        hint: "Months.",
        unit: "months",
        min: 1,
        max: 60,
      },
      {
        name: "nationalReferral",
        path: ["fairness", "nationalReferralMonths"],
        label: "How long after the local service's response the family may go to a national body",
        hint: "Months.",
        unit: "months",
        min: 1,
        max: 24,
      },
    ],
  },
  {
    legend: "Mediation",
    fields: [
      wd("mediationInformation", ["mediation", "informationWorkingDays"], "Time to send information about mediation", "Working days after mediation is asked for or offered."),
      {
        name: "mediationHeldWithin",
        path: ["mediation", "heldWithinCalendarDays"],
        label: "Time within which mediation must be held",
        hint: "Calendar days after it is agreed.",
        unit: "calendar days",
        min: 1,
        max: 365,
      },
      wd("mediationCertificate", ["mediation", "certificateWorkingDays"], "Time to issue the mediation certificate", "Working days after mediation ends."),
      {
        name: "mediationOffers",
        path: ["fairness", "maxRespondentMediationOffersPerRung"],
        label: "Mediation offers a setting or service may make at each stage",
        hint: "The family may always ask for mediation.",
        unit: "offers",
        min: 0,
        max: 5,
      },
    ],
  },
  {
    legend: "Fairness limits",
    fields: [
      wd(
        "pauseCap",
        ["fairness", "maxPauseWorkingDays"],
        "Most time a response clock may be paused, in total",
        "Working days at each stage, while waiting for the family or someone else.",
      ),
      wd("failedRemedyWindow", ["fairness", "failedRemedyWindowWorkingDays"], "Time the family has to take a failed remedy further", "Working days after the remedy was due."),
      {
        name: "longOpenAlert",
        path: ["fairness", "longOpenAlertMonths"],
        label: "When a case still open raises a long-open alert",
        hint: "Months after the concern was received, and every such period after.",
        unit: "months",
        min: 1,
        max: 24,
      },
      {
        name: "termDatesCover",
        path: ["fairness", "termDatesCoverCalendarDays"],
        label: "How far ahead a setting's term dates must reach",
        hint: "Calendar days after a concern is received; if they do not, the setting's clock counts working days instead.",
        unit: "calendar days",
        min: 30,
        max: 366,
      },
    ],
  },
];

export const POLICY_FIELDS: PolicyField[] = POLICY_GROUPS.flatMap((g) => g.fields);

function read(policy: Policy, path: readonly string[]): unknown {
  return path.reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), policy);
}

/** The form's starting answers: the latest published policy. */
export function policyFormValues(policy: Policy): Record<string, string> {
  return {
    ...Object.fromEntries(POLICY_FIELDS.map((f) => [f.name, String(read(policy, f.path) ?? "")])),
    warningPercents: policy.warningPercents.join(", "),
  };
}

export interface PolicyFormContext {
  today: string;
  /** Versions already published (names) and the latest effective date. */
  publishedVersions: string[];
  latestEffectiveOn: string;
}

export type PolicyFormResult = { policy: Policy; effectiveOn: string; changeSummary: string };

export function policyFormSchema(c: PolicyFormContext) {
  return z.record(z.string(), z.unknown()).transform((fields, zodCtx): PolicyFormResult => {
    let problems = 0;
    const ctx = {
      addIssue: (issue: { code: "custom"; path: string[]; message: string }) => {
        problems++;
        zodCtx.addIssue(issue);
      },
    };
    const str = (k: string) => (typeof fields[k] === "string" ? (fields[k] as string).trim() : "");
    const policyVersion = str("policyVersion");
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(policyVersion))
      ctx.addIssue({ code: "custom", path: ["policyVersion"], message: "Enter the version as a year and month, for example 2027-09" });
    else if (c.publishedVersions.includes(policyVersion))
      ctx.addIssue({ code: "custom", path: ["policyVersion"], message: `Version ${policyVersion} has already been published: choose another` });
    const effectiveOn = str("effectiveOn");
    const problem = dateProblem(effectiveOn, c.today, "the date it takes effect");
    if (problem) ctx.addIssue({ code: "custom", path: ["effectiveOn"], message: problem });
    else if (effectiveOn <= c.today) ctx.addIssue({ code: "custom", path: ["effectiveOn"], message: "The date it takes effect must be after today" });
    else if (effectiveOn <= c.latestEffectiveOn)
      ctx.addIssue({ code: "custom", path: ["effectiveOn"], message: "The date it takes effect must be after the date the latest version takes effect" });
    const changeSummary = str("changeSummary");
    if (!changeSummary) ctx.addIssue({ code: "custom", path: ["changeSummary"], message: "Say what changes and why" });
    else if (changeSummary.length > 2000) ctx.addIssue({ code: "custom", path: ["changeSummary"], message: "What changes and why must be 2,000 characters or fewer" });

    const policy: Record<string, unknown> = { policyVersion };
    for (const f of POLICY_FIELDS) {
      const raw = str(f.name);
      const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!raw) ctx.addIssue({ code: "custom", path: [f.name], message: `Enter the ${f.label.toLowerCase()} in ${f.unit}` });
      else if (!Number.isInteger(value)) ctx.addIssue({ code: "custom", path: [f.name], message: `Enter the ${f.label.toLowerCase()} as a whole number of ${f.unit}` });
      else if (value < f.min || value > f.max)
        ctx.addIssue({ code: "custom", path: [f.name], message: `The ${f.label.toLowerCase()} must be between ${f.min} and ${f.max} ${f.unit}` });
      let target = policy;
      for (const key of f.path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
      target[f.path.at(-1)!] = value;
    }
    const warnings = str("warningPercents")
      .split(/[\s,]+/)
      .filter(Boolean);
    const percents = warnings.map((w) => (/^\d+$/.test(w) ? Number(w) : NaN));
    if (percents.some((p) => !Number.isInteger(p) || p < 1 || p > 99) || percents.length > 5)
      ctx.addIssue({ code: "custom", path: ["warningPercents"], message: "Enter up to 5 whole percentages between 1 and 99, separated by commas, for example 50, 75, 90" });
    policy.warningPercents = [...new Set(percents)].sort((a, b) => a - b);

    const checked = policySchema.safeParse(policy);
    if (!checked.success && problems === 0) {
      // Only reached when every field passed above: a rule of the machine's schema the form does not know.
      ctx.addIssue({ code: "custom", path: ["policyVersion"], message: `The policy is not valid: ${checked.error.issues[0]?.message ?? "unknown problem"}` });
    }
    return { policy: (checked.success ? checked.data : policy) as Policy, effectiveOn, changeSummary };
  });
}
