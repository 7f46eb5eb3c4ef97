import { z } from "zod";
import { ISSUE_CATEGORY_NAMES } from "./issue-categories";
import { londonDate } from "./dates";
import { EARLIEST_DATE, MAX_LENGTH } from "./limits";
import { MIN_PASSWORD_LENGTH } from "./passwords";

// The schemas of the forms outside a case (sign in, change password, raise a concern). Pure, so
// the browser checks a form with the same schema the server does (components/form-kit.tsx) and
// unit tests load them without the database client. The case actions' schemas are in case-forms.ts.

const asArray = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export const signInSchema = z.object({
  email: z
    .string({ error: "Enter your email address" })
    .trim()
    .min(1, "Enter your email address")
    .max(MAX_LENGTH.email, `Email address must be ${MAX_LENGTH.email} characters or fewer`)
    .pipe(z.email("Enter an email address in the correct format, like name@example.com")),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(MAX_LENGTH.password, `Password must be ${MAX_LENGTH.password} characters or fewer`),
  redirectTo: z.string().optional(),
});

export const passwordSchema = z
  .object({
    currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(200, "Your current password must be 200 characters or fewer"),
    newPassword: z
      .string({ error: "Enter a new password" })
      .min(MIN_PASSWORD_LENGTH, `Your new password must be at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(200, "Your new password must be 200 characters or fewer"),
    confirmPassword: z.string({ error: "Enter your new password again" }).min(1, "Enter your new password again").max(200, "Your new password must be 200 characters or fewer"),
  })
  .superRefine((value, ctx) => {
    if (value.newPassword !== value.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The passwords do not match" });
    if (value.newPassword === value.currentPassword) ctx.addIssue({ code: "custom", path: ["newPassword"], message: "Choose a password you have not used here before" });
  });

export const concernSchema = z.object({
  childId: z.string({ error: "Select the child or young person" }).min(1, "Select the child or young person").max(MAX_LENGTH.id, "Select the child or young person"),
  categories: z.preprocess(asArray, z.array(z.enum(ISSUE_CATEGORY_NAMES, { error: "Select what your concern is about" })).min(1, "Select what your concern is about")),
  summary: z
    .string({ error: "Describe your concern" })
    .trim()
    .min(20, "Describe your concern in at least 20 characters")
    .max(MAX_LENGTH.longText, "Your description must be 5,000 characters or fewer"),
  healthInvolved: z.enum(["yes", "no"], { error: "Select yes if health services are involved" }),
  awarenessDate: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(
      z.iso
        .date("Enter the date as YYYY-MM-DD, for example 2026-09-14")
        .refine((date) => date <= londonDate(), "The date you found out must be today or in the past")
        .refine((date) => date >= EARLIEST_DATE, "The date you found out must be after 1 January 2000")
        .optional(),
    ),
  // What the concern challenges (docs/decisions/021): checked against the chosen child by the action.
  challengesDecisionId: z
    .string()
    .max(MAX_LENGTH.id)
    .optional()
    .transform((v) => v || undefined),
  challengesRecordVersionId: z
    .string()
    .max(MAX_LENGTH.id)
    .optional()
    .transform((v) => v || undefined),
});
