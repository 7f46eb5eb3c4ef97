import { MAX_LENGTH } from "./limits";

// Text people type is stored as NFC and never carries control characters: PostgreSQL refuses
// NUL, and the others (bidi overrides aside) have no business in a letter to a family.

// C0 and C1 controls, DEL, and the bidi overrides/isolates that can disguise text.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const CONTROL_OR_BREAK = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/;
// Lone surrogates cannot be stored as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the text has characters we refuse: newline, CR and tab allowed only in multi-line text. */
export function hasForbiddenCharacters(value: string, multiline: boolean): boolean {
  return (multiline ? CONTROL : CONTROL_OR_BREAK).test(value) || LONE_SURROGATE.test(value);
}

/** NFC, with Windows and old-Mac line endings made "\n". */
export function normaliseText(value: string): string {
  return value.normalize("NFC").replace(/\r\n?/g, "\n");
}

export const FORBIDDEN_CHARACTERS_MESSAGE = "must not contain control characters (like a null character); remove them and try again";

export { MAX_LENGTH };
