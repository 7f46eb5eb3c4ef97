import { z } from "zod";
import { MAX_LENGTH } from "./limits";
import { MIN_PASSWORD_LENGTH } from "./passwords";

// Schemas shared by the sign-up, reset and invitation pages (docs/decisions/020). Password rules
// are the same as on "Change your password".

export const emailField = z
  .string({ error: "Enter your email address" })
  .trim()
  .min(1, "Enter your email address")
  .max(MAX_LENGTH.email, `Email address must be ${MAX_LENGTH.email} characters or fewer`)
  .pipe(z.email("Enter an email address in the correct format, like name@example.com"));

export const nameField = z
  .string({ error: "Enter your full name" })
  .trim()
  .min(1, "Enter your full name")
  .max(MAX_LENGTH.name, `Your name must be ${MAX_LENGTH.name} characters or fewer`);

export const newPasswordFields = {
  newPassword: z
    .string({ error: "Enter a password" })
    .min(MIN_PASSWORD_LENGTH, `Your password must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(MAX_LENGTH.password, `Your password must be ${MAX_LENGTH.password} characters or fewer`),
  confirmPassword: z
    .string({ error: "Enter your password again" })
    .min(1, "Enter your password again")
    .max(MAX_LENGTH.password, `Your password must be ${MAX_LENGTH.password} characters or fewer`),
};

export function passwordsMatch(value: { newPassword: string; confirmPassword: string }, ctx: z.RefinementCtx) {
  if (value.newPassword !== value.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The passwords do not match" });
}

export const signUpSchema = z.object({ name: nameField, email: emailField, ...newPasswordFields }).superRefine(passwordsMatch);
export const newPasswordSchema = z.object(newPasswordFields).superRefine(passwordsMatch);
export const forgottenPasswordSchema = z.object({ email: emailField });

export const PASSWORD_HINT = `At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong password.`;

export const clientKeyOf = (context: unknown) => String((context as { clientAddress?: string } | undefined)?.clientAddress ?? "unknown");

/** What a spent, superseded or expired emailed link says: the action's 410 message and the page's heading. */
export const LINK_USED_UP = "This link has expired or has already been used";
