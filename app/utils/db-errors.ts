// Recognises "the database is not there right now" (connection dropped, refused, server shutting
// down) as opposed to a fault in the code, so the portal answers 503 rather than 500
// (docs/decisions/017). A transaction cut off this way never commits: nothing is half-written.

const UNAVAILABLE_CODES = new Set([
  "57P01", // admin_shutdown (pg_terminate_backend, server restart)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "08000",
  "08001",
  "08003",
  "08004",
  "08006", // connection exceptions
  "53300", // too_many_connections
  "P1001",
  "P1002",
  "P1017", // Prisma: cannot reach / timed out / server closed the connection
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
]);
const UNAVAILABLE_TEXT =
  /connection terminated|terminating connection|connection ended|server closed the connection|connection refused|connection error|Client has encountered a connection error|not queryable|ECONNRESET|ECONNREFUSED/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 6) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown; kind?: unknown };
  if (typeof e.code === "string" && UNAVAILABLE_CODES.has(e.code)) return true;
  if (typeof e.originalCode === "string" && UNAVAILABLE_CODES.has(e.originalCode)) return true;
  if (typeof e.message === "string" && UNAVAILABLE_TEXT.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
