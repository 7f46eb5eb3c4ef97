import { json } from "@remix-run/node";
import type { z } from "zod";
import type { FieldErrors } from "../components/forms";

// Server half of "one zod schema per form": parse, and on failure answer 400 with field errors
// keyed by field name (the error summary links to each field).

export type FormResult<T> = { ok: true; data: T } | { ok: false; response: Response };

export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.output<S>> {
  const raw: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    const values = formData.getAll(key);
    raw[key] = values.length > 1 ? values : (values[0] as FormDataEntryValue);
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, response: badRequest(zodFieldErrors(result.error), raw) };
}

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "form";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

export function badRequest(errors: FieldErrors, values: Record<string, unknown> = {}, status = 400) {
  // Passwords are never echoed back into the page.
  const { password: _omit, ...safeValues } = values;
  return json({ errors, values: safeValues }, { status });
}
