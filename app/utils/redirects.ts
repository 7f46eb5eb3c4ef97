import { MAX_LENGTH } from "./limits";

// Where a person may be sent after signing in: only a path on this site. Browsers forgive a lot
// ("/\t/evil.example" loses its tab and becomes "//evil.example"), so rather than list what is
// bad, the path must be plain: printable ASCII, one leading slash, no backslash, and it must
// still resolve to this origin.

const SAFE_PATH = /^\/(?![/\\])[\x21-\x7E]*$/;

export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/dashboard"): string {
  if (typeof to !== "string" || to.length > MAX_LENGTH.redirectTo || !SAFE_PATH.test(to) || to.includes("\\")) return fallback;
  try {
    const base = "http://redress.invalid";
    const resolved = new URL(to, base);
    if (resolved.origin !== base) return fallback;
    return `${resolved.pathname}${resolved.search}${resolved.hash}`;
  } catch {
    return fallback;
  }
}
