// `npm run sweep`: fire every due deadline once and send pending emails, then print what happened.
// `-- --as-of YYYY-MM-DD` pretends it is that date (not in production): useful to walk a demo case
// past its deadlines. With the embedded database, stop the server first.
import { openDatabase, redact } from "../app/utils/database.server";
import { useDatabase } from "../app/utils/db.server";
import { getEnv } from "../app/utils/env.server";
import { migrate } from "../app/utils/migrate.server";
import { dispatchOutbox } from "../app/utils/outbox.server";
import { sweepRegisterReviews } from "../app/utils/register-emails.server";
import { sweepRegisterRequests } from "../app/utils/register.server";
import { sweepDeadlines } from "../app/utils/sweeper.server";
import { foldPatternDeltas } from "../app/utils/patterns.server";
import { countDeadLetters } from "../app/utils/dead-letters.server";

function parseAsOf(args: string[]): Date {
  const i = args.indexOf("--as-of");
  if (i < 0) return new Date();
  const value = args[i + 1] ?? "";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new Error(`--as-of needs a date as YYYY-MM-DD (got "${value}")`);
  }
  if (getEnv().APP_ENV === "production") throw new Error("--as-of is refused in production: deadlines fire on the real date only.");
  return new Date(`${value}T12:00:00Z`);
}

async function main() {
  const now = parseAsOf(process.argv.slice(2));
  const env = getEnv();
  const db = await openDatabase(env.DATABASE_URL);
  useDatabase(db);
  try {
    await migrate(db);
    const started = Date.now();
    const swept = await sweepDeadlines({ now, prisma: db.prisma });
    const requests = await sweepRegisterRequests({ now, prisma: db.prisma });
    const reviews = await sweepRegisterReviews({ now, prisma: db.prisma });
    const sent = await dispatchOutbox({ now, prisma: db.prisma });
    const folded = await foldPatternDeltas({ prisma: db.prisma });
    console.log(`Database: ${redact(env.DATABASE_URL)} · as of ${now.toISOString().slice(0, 10)}`);
    console.log(`Deadlines fired: ${swept.fired}, moot: ${swept.moot}, already done: ${swept.alreadyDone}, failed: ${swept.failed.length}, dead: ${swept.dead.length}`);
    for (const f of swept.failed) console.log(`  ✖ deadline ${f.deadlineId}: ${f.error}`);
    for (const f of swept.dead) console.log(`  ✖ deadline ${f.deadlineId} gave up (dead letter, see /admin/dead-letters): ${f.error}`);
    const dead = await countDeadLetters(db.prisma);
    console.log(`Register requests now overdue: ${requests.overdue}`);
    console.log(`Register reviews written about: ${reviews.dueSoon} due soon, ${reviews.overdue} overdue`);
    console.log(`Emails sent: ${sent.sent}, retrying later: ${sent.retrying}, given up: ${sent.failed}`);
    console.log(`Fact changes folded into the pattern summaries: ${folded.folded}`);
    if (dead.deadlines || dead.emails) console.log(`Dead letters waiting for an administrator: ${dead.deadlines} deadlines, ${dead.emails} emails`);
    console.log(`Took ${Date.now() - started} ms`);
    if (swept.failed.length || swept.dead.length) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
