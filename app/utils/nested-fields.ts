import { joinDateParts } from "./date-input";
import type { RawFields } from "./form-fields";

// Repeated groups on a form (remedies, findings per issue) are posted as dotted names:
// `remedies.0.action`, `remedies.0.dueOn`, `remedies.1.action`… `nestFields` turns them into
// `{ remedies: [{ action, dueOn }, …] }` so a form schema can reuse the machines' own schemas
// (`z.array(remedyInputSchema)`), and a zod issue's path joined with "." is again the field's
// name, so each message lands beside its input. Pure: the server and the browser both use it.

/** `group.index.field`, index 0–99 (no sparse giant arrays), names that cannot touch a prototype. */
const NESTED = /^([a-zA-Z][a-zA-Z0-9]*)\.(\d{1,2})\.([a-zA-Z][a-zA-Z0-9]*)$/;
const UNSAFE = new Set(["__proto__", "prototype", "constructor"]);

export type NestedFields = Record<string, string | string[] | Record<string, string | string[]>[]>;

export function nestFields(posted: RawFields): NestedFields {
  const out: NestedFields = {};
  // A GOV.UK date input's three boxes (`dueOn-day`, `dueOn-month`, `dueOn-year`) become one field first.
  const fields = joinDateParts(posted);
  for (const [key, value] of Object.entries(fields)) {
    const match = NESTED.exec(key);
    const [, group, index, field] = match ?? [];
    if (!group || !index || !field || UNSAFE.has(group) || UNSAFE.has(field) || (Object.hasOwn(out, group) && !Array.isArray(out[group]))) {
      if (!UNSAFE.has(key) && !Object.hasOwn(out, key)) out[key] = value;
      continue;
    }
    const rows = (out[group] ??= []) as Record<string, string | string[]>[];
    const row = (rows[Number(index)] ??= {});
    row[field] = value;
  }
  return out;
}

/** The name of one field of one row of a repeated group: `nestedName("remedies", 0, "action")`. */
export function nestedName(group: string, index: number, field: string): string {
  return `${group}.${index}.${field}`;
}

/** The id the design system's error summary links to for a field name (dots are not safe in ids). */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}
