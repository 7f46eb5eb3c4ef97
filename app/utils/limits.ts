// Every size limit of the portal in one place: request bodies, form fields, dates, sessions.
// Shared by the HTTP middleware (server.ts), the form schemas and the pages' hints.

/** Largest request body accepted before parsing; bigger is 413 (only the add-evidence page uploads files: EVIDENCE_MAX_REQUEST_BYTES). */
export const MAX_BODY_BYTES = 256 * 1024;
/** Signed-out forms (sign-in) are tiny: a smaller cap so strangers cannot make us parse much. */
export const MAX_SIGNED_OUT_BODY_BYTES = 16 * 1024;
/** A URL longer than this is refused (414) before routing. */
export const MAX_URL_LENGTH = 4096;

/** Form fields, in characters (after Unicode normalisation). */
export const MAX_LENGTH = {
  email: 254, // RFC 5321's path limit
  password: 200,
  name: 200,
  id: 64, // cuids and machine ids are far shorter
  shortText: 200, // one-line answers: standards references, amounts
  longText: 5000, // reasons, comments, summaries, remedy descriptions
  redirectTo: 1024,
} as const;

/** Dates people type: nothing before 2000 (the register did not exist) and nothing absurdly far ahead. */
export const EARLIEST_DATE = "2000-01-01";
/** Earliest date of birth of a child or young person on the register (up to 25, with room for records kept). */
export const EARLIEST_CHILD_BIRTH = "1990-01-01";
/** A remedy or session may be due at most this many years after the day it is set. */
export const MAX_YEARS_AHEAD = 2;

/** Remedies (or agreed actions) one decision may give: the "Add another remedy" form stops offering more here. */
export const MAX_REMEDIES = 25;

/** Concurrent sessions per person; signing in again ends the oldest. */
export const MAX_SESSIONS_PER_USER = 5;

/** Evidence files (docs/decisions/022): the largest file, and how many files one case may hold. */
export const EVIDENCE_MAX_FILE_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MAX_FILES_PER_CASE = 50;
/** The add-evidence request as a whole: one file plus its description and the form's other fields. */
export const EVIDENCE_MAX_REQUEST_BYTES = EVIDENCE_MAX_FILE_BYTES + 64 * 1024;
