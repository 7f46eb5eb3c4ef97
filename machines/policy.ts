import { z } from "zod";

/**
 * Timings for a case, versioned. A case stores the policy it started with, so
 * changing the defaults never moves the deadlines of cases already open.
 */
const workingDays = z.number().int().min(1).max(260);

const rungTimingsSchema = z.object({
  respondWorkingDays: workingDays,
  maxExtensionWorkingDays: workingDays,
});

export const policySchema = z.object({
  policyVersion: z.string().regex(/^\d{4}-\d{2}$/, "policyVersion is YYYY-MM"),
  acknowledgeWorkingDays: workingDays,
  setting: rungTimingsSchema,
  localService: rungTimingsSchema,
  escalationWindowWorkingDays: workingDays,
  national: z.object({
    acknowledgeWorkingDays: workingDays,
    assessmentWorkingDays: workingDays,
    investigationWorkingDays: workingDays,
    commentsWorkingDays: workingDays,
    finalDecisionWorkingDays: workingDays,
    timeLimitMonths: z.number().int().min(1).max(60),
  }),
  mediation: z.object({
    informationWorkingDays: workingDays,
    heldWithinCalendarDays: z.number().int().min(1).max(365),
    certificateWorkingDays: workingDays,
  }),
  remedyDefaultWorkingDays: workingDays,
  warningPercents: z.array(z.number().int().min(1).max(99)).max(5),
});

export type Policy = z.infer<typeof policySchema>;

export const POLICY_2026_11: Policy = policySchema.parse({
  policyVersion: "2026-11",
  acknowledgeWorkingDays: 5,
  setting: { respondWorkingDays: 10, maxExtensionWorkingDays: 10 },
  localService: { respondWorkingDays: 20, maxExtensionWorkingDays: 20 },
  escalationWindowWorkingDays: 20,
  national: {
    acknowledgeWorkingDays: 5,
    assessmentWorkingDays: 20,
    investigationWorkingDays: 65,
    commentsWorkingDays: 10,
    finalDecisionWorkingDays: 10,
    timeLimitMonths: 12,
  },
  mediation: { informationWorkingDays: 3, heldWithinCalendarDays: 30, certificateWorkingDays: 3 },
  remedyDefaultWorkingDays: 20,
  warningPercents: [50, 75, 90],
});

export const POLICIES: Readonly<Record<string, Policy>> = { [POLICY_2026_11.policyVersion]: POLICY_2026_11 };

export default POLICY_2026_11;
