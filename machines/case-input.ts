import { z } from "zod";
import type { CalendarSpec } from "./calendar";
import { isoDateSchema } from "./dates-schema";
import { compareDates } from "./iso-date";
import DEFAULT_POLICY, { policySchema, type Policy } from "./policy";
import { ISSUE_CATEGORIES, ROUTES, type Route } from "./route";

export type Issue = { id: string; summary: string; category: string };

export type CaseInput = {
  caseRef: string;
  route: Route;
  /** The day the concern reached the setting (YYYY-MM-DD). */
  receivedOn: string;
  settingId: string;
  settingName?: string;
  localAreaId: string;
  healthInvolved: boolean;
  /** Rung 1 clocks run on this calendar; defaults to England & Wales working days. */
  calendar?: CalendarSpec;
  /** Defaults to the current policy; stored with the case so its timings never change under it. */
  policy?: Policy;
  issues: Issue[];
  linkedCaseRef?: string;
  /** When the family first knew of the matter; starts the national time limit. Defaults to receivedOn. */
  awarenessDate?: string;
};

/** CaseInput after defaults are applied: what the case machine keeps. */
export type CaseFile = Required<Omit<CaseInput, "settingName" | "linkedCaseRef">> & Pick<CaseInput, "settingName" | "linkedCaseRef">;

const text = z.string().trim().min(1);

const calendarSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("england-and-wales") }),
  z.object({
    kind: z.literal("school"),
    settingId: text,
    terms: z.array(z.object({ start: isoDateSchema, end: isoDateSchema })).min(1),
  }),
]);

export const caseInputSchema = z
  .object({
    caseRef: text,
    route: z.enum(ROUTES),
    receivedOn: isoDateSchema,
    settingId: text,
    settingName: text.optional(),
    localAreaId: text,
    healthInvolved: z.boolean(),
    calendar: calendarSchema.optional(),
    policy: policySchema.optional(),
    issues: z.array(z.object({ id: text, summary: text, category: text })).min(1),
    linkedCaseRef: text.optional(),
    awarenessDate: isoDateSchema.optional(),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.issues.forEach((issue, index) => {
      if (seen.has(issue.id)) ctx.addIssue({ code: "custom", path: ["issues", index, "id"], message: `duplicate issue id ${issue.id}` });
      seen.add(issue.id);
      const route = ISSUE_CATEGORIES[issue.category as keyof typeof ISSUE_CATEGORIES];
      if (route !== input.route) {
        ctx.addIssue({
          code: "custom",
          path: ["issues", index, "category"],
          message: route
            ? `category ${issue.category} belongs to the ${route} route, not ${input.route}: split the concern with triageConcern`
            : `unknown category ${issue.category}; expected one of ${Object.keys(ISSUE_CATEGORIES).join(", ")}`,
        });
      }
    });
    if (input.awarenessDate && compareDates(input.awarenessDate, input.receivedOn) > 0) {
      ctx.addIssue({ code: "custom", path: ["awarenessDate"], message: "awarenessDate cannot be after receivedOn" });
    }
  });

export function toCaseFile(input: CaseInput): CaseFile {
  const parsed = caseInputSchema.parse(input);
  return {
    ...parsed,
    calendar: parsed.calendar ?? { kind: "england-and-wales" },
    policy: parsed.policy ?? DEFAULT_POLICY,
    awarenessDate: parsed.awarenessDate ?? parsed.receivedOn,
  };
}
