import type { z } from "zod";
import { readFields, type FieldErrors } from "./form-fields";
import { nestFields } from "./nested-fields";

// The server's check of a posted form, without the HTTP answer: the first gate (readFields), then
// the form's zod schema on the nested fields. Pure, so unit tests need no server modules, and the
// browser's check (components/form-kit.tsx) can be tested against it.

export type FormCheck<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string | string[]> };

export function checkForm<S extends z.ZodType>(schema: S, formData: FormData): FormCheck<z.output<S>> {
  const read = readFields(formData);
  if (!read.ok) return { ok: false, errors: read.errors, values: echoable(read.fields) };
  // Dotted names (`remedies.0.action`) become nested rows, so forms reuse the machines' schemas.
  const result = schema.safeParse(nestFields(read.fields));
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: zodFieldErrors(result.error), values: echoable(read.fields) };
}

/** What to put back into the form's fields (checkbox groups too), never huge. */
function echoable(fields: Record<string, string | string[]>): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(fields)) values[key] = typeof value === "string" ? value.slice(0, 5000) : value.slice(0, 50).map((v) => v.slice(0, 200));
  return values;
}

/** Messages keyed by field name: a zod issue's path joined with "." ("form" for the whole form). */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "form";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}
