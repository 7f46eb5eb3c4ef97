// `npm run retention`: apply the retention schedule once (app/utils/retention-schedule.ts) and
// print what was deleted or pseudonymised. `-- --dry-run` only counts. The server also runs it
// once a day. With the embedded database, stop the server first. docs/decisions/010.
import { openDatabase, redact } from "../app/utils/database.server";
import { useDatabase } from "../app/utils/db.server";
import { getEnv } from "../app/utils/env.server";
import { migrate } from "../app/utils/migrate.server";
import { runRetention } from "../app/utils/retention.server";
import { RETENTION } from "../app/utils/retention-schedule";

async function main() {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== "--dry-run");
  if (unknown.length) throw new Error(`usage: npm run retention [-- --dry-run] (unknown: ${unknown.join(" ")})`);
  const dryRun = args.includes("--dry-run");
  const env = getEnv();
  const db = await openDatabase(env.DATABASE_URL);
  useDatabase(db);
  try {
    await migrate(db);
    const r = await runRetention({ dryRun, prisma: db.prisma });
    const verb = dryRun ? "would be" : "were";
    console.log(`Database: ${redact(env.DATABASE_URL)}${dryRun ? " · DRY RUN: nothing changed" : ""}`);
    console.log(`Expired sessions that ${verb} deleted: ${r.expiredSessions}`);
    console.log(`Sign-in attempts older than ${RETENTION.signInAttemptDays} days that ${verb} deleted: ${r.signInAttempts}`);
    console.log(`Settled emails older than ${RETENTION.settledEmailDays} days that ${verb} deleted: ${r.settledEmails}`);
    console.log(`Children whose concerns closed over ${RETENTION.closedCaseYears} years ago that ${verb} pseudonymised: ${r.closedConcernsPseudonymised}`);
    console.log(`Accounts deactivated over ${RETENTION.deactivatedAccountYears} years ago that ${verb} pseudonymised: ${r.deactivatedAccountsPseudonymised}`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
