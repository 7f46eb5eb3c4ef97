import { MAX_LENGTH } from "./limits";
import { FORBIDDEN_CHARACTERS_MESSAGE, hasForbiddenCharacters, normaliseText } from "./text";

// The first gate every posted form passes, before its own schema: text only, one value per
// field unless the form asks for several, NFC, no control characters, nothing absurdly long.
// Pure (no server imports) so unit tests and the fuzzer can use it directly.

export type FieldErrors = Record<string, string[]>;
export type RawFields = Record<string, string | string[]>;

/** Fields that may hold several lines of text (newline and tab allowed). */
export const MULTILINE_FIELD =
  /^(reason|reasons|comments|summary|evidence|discretionReason|standards|reasons-[\w-]+|remedy-\d+-description|reason-\d+-text|items|changeSummary|views|aspirations|needs|outcomes|transitions|support-[\w-]+-provision)$/;

/** Fields allowed to be longer than MAX_LENGTH.longText: the National Framework catalogue (docs/decisions/021). */
export const LONG_FIELD_LIMITS: Readonly<Record<string, number>> = { items: 60_000 };

/** Checkbox groups: the only fields that may be sent more than once. */
export const MULTI_VALUE_FIELDS = ["categories", "agreedIssueIds"] as const;

export interface ReadOptions {
  /** Fields that may repeat (checkboxes); every other field must be sent once. */
  multiple?: readonly string[];
}

const plural = (n: number) => n.toLocaleString("en-GB");

export function readFields(
  formData: FormData,
  options: ReadOptions = { multiple: MULTI_VALUE_FIELDS },
): { ok: true; fields: RawFields } | { ok: false; errors: FieldErrors; fields: RawFields } {
  const fields: RawFields = {};
  const errors: FieldErrors = {};
  const fail = (key: string, message: string) => (errors[key] ??= []).push(message);
  for (const key of new Set(formData.keys())) {
    const safeKey = key.length > 100 || hasForbiddenCharacters(key, false) ? "form" : key;
    if (safeKey === "form") {
      fail("form", "The form had a field this service does not know. Go back and try again.");
      continue;
    }
    const values = formData.getAll(key);
    if (values.length > 1 && !options.multiple?.includes(key)) {
      fail(key, "Give one answer for this question");
      continue;
    }
    const texts: string[] = [];
    for (const value of values) {
      if (typeof value !== "string") {
        fail(key, "This answer must be text, not a file");
        continue;
      }
      const text = normaliseText(value);
      const limit = LONG_FIELD_LIMITS[key] ?? MAX_LENGTH.longText;
      if (text.length > limit) fail(key, `This answer must be ${plural(limit)} characters or fewer`);
      else if (hasForbiddenCharacters(text, MULTILINE_FIELD.test(key))) fail(key, `This answer ${FORBIDDEN_CHARACTERS_MESSAGE}`);
      texts.push(text);
    }
    fields[key] = options.multiple?.includes(key) ? texts : (texts[0] ?? "");
  }
  return Object.keys(errors).length ? { ok: false, errors, fields } : { ok: true, fields };
}
