import { z } from "zod";
import { emailField } from "./account-forms";
import { MAX_LENGTH } from "./limits";
import { ROLE_NAMES } from "./permissions";

const asArray = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const optionalId = z
  .string()
  .max(MAX_LENGTH.id)
  .optional()
  .transform((v) => (v ? v : null));

export const inviteSchema = z.object({
  name: z.string({ error: "Enter their full name" }).trim().min(1, "Enter their full name").max(MAX_LENGTH.name, `The name must be ${MAX_LENGTH.name} characters or fewer`),
  email: emailField,
  role: z.enum(ROLE_NAMES, { error: "Select their role" }),
  settingId: optionalId,
  localAreaId: optionalId,
});

export const rolesSchema = z.object({
  intent: z.literal("roles"),
  roles: z.preprocess(asArray, z.array(z.enum(ROLE_NAMES, { error: "Select at least one role" })).min(1, "Select at least one role")),
  settingId: optionalId,
  localAreaId: optionalId,
});

export const adminLinkSchema = z.object({
  intent: z.literal("link"),
  registerRef: z
    .string({ error: "Enter the child's register reference" })
    .trim()
    .min(1, "Enter the child's register reference")
    .max(MAX_LENGTH.shortText, "Enter the child's register reference"),
  relationship: z.string({ error: "Select the relationship" }).min(1, "Select the relationship").max(MAX_LENGTH.shortText, "Select the relationship"),
});
