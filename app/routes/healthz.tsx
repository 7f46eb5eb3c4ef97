import { json } from "@remix-run/node";

// Liveness: the process answers. No database, no session, nothing about anyone (docs/decisions/017).
export function loader() {
  return json({ status: "alive" }, { headers: { "Cache-Control": "no-store" } });
}
