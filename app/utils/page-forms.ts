import { z } from "zod";
import { MAX_LENGTH } from "./limits";
import { MIN_PASSWORD_LENGTH } from "./passwords";

// The schemas of the forms outside a case (sign in, change password). Pure, so
// the browser checks a form with the same schema the server does (components/form-kit.tsx) and
// unit tests load them without the database client. The case actions' schemas are in case-forms.ts.

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

// Raising a concern: one schema a question page, in concern-journey.ts (docs/decisions/025).
