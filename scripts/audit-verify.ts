// `npm run audit:verify`: check every case's event log — order, hash chain, keyed hashes (with
// AUDIT_HMAC_KEY), the case row against its last event, and a replay through the machines.
// Exit code 0: nothing found; 1: tampering found (each finding printed); 2: could not run.
// Read-only. With the embedded database, stop the server first. docs/decisions/010.
import { formatReport, verifyAuditLog } from "../app/utils/audit-verify.server";
import { openDatabase, redact } from "../app/utils/database.server";
import { getEnv } from "../app/utils/env.server";

async function main() {
  const env = getEnv();
  const db = await openDatabase(env.DATABASE_URL);
  try {
    const started = Date.now();
    const report = await verifyAuditLog(db.prisma);
    console.log(`Database: ${redact(env.DATABASE_URL)}`);
    console.log(formatReport(report));
    console.log(`Took ${Date.now() - started} ms`);
    process.exitCode = report.findings.length ? 1 : 0;
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
