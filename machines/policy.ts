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
  /**
   * The fair-ladder bounds (machines/README.md "Decisions"). Defaults fill them in for cases
   * stored before they existed.
   */
  fairness: z
    .object({
      /** Working days a rung's response clock may spend paused for the family or a third party, in total. */
      maxPauseWorkingDays: workingDays,
      /** Mediation offers a respondent may make at one rung (the family may always ask). */
      maxRespondentMediationOffersPerRung: z.number().int().min(0).max(5),
      /** How long after the local service's response the family may still go to the national body. */
      nationalReferralMonths: z.number().int().min(1).max(24),
      /** A case still open this many months after receipt (and every such period after) raises a long-open alert. */
      longOpenAlertMonths: z.number().int().min(1).max(24),
      /** The family's time to take a failed remedy further. */
      failedRemedyWindowWorkingDays: workingDays,
      /** Term dates must cover this many calendar days after receipt, or rung 1 falls back to working days. */
      termDatesCoverCalendarDays: z.number().int().min(30).max(366),
    })
    .default({
      maxPauseWorkingDays: 20,
      maxRespondentMediationOffersPerRung: 1,
      nationalReferralMonths: 12,
      longOpenAlertMonths: 6,
      failedRemedyWindowWorkingDays: 20,
      termDatesCoverCalendarDays: 120,
    }),
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
