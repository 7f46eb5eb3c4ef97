import { json } from "@remix-run/node";
import { readiness } from "../utils/health.server";

// Readiness for a load balancer: the database answers and every migration this code knows is
// applied (503 otherwise). Also reports the sweeper's lag and the email backlog, as counts and
// ages only: no names, no ids, no configuration (docs/decisions/017).
export async function loader() {
  const result = await readiness();
  return json(result, { status: result.status === "ready" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
