// How long Redress keeps what (docs/decisions/010, README "Data protection"). Shared with pages,
// so not a .server module. `npm run retention` and the server's daily job apply it.

export const RETENTION = {
  /** A concern whose cases are all closed: its people and child are pseudonymised this long after the last event. */
  closedCaseYears: 6,
  /** Sign-in attempts (email typed, client address): only needed for throttling and investigating attacks. */
  signInAttemptDays: 90,
  /** Sessions are deleted once expired (they are useless after). */
  expiredSessionDays: 0,
  /** Emails already sent, skipped or given up: the case log records what happened; the copy is deleted. */
  settledEmailDays: 365,
  /** Deactivated accounts with nothing open: pseudonymised this long after their last change. */
  deactivatedAccountYears: 2,
} as const;
