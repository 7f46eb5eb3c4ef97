// Runs the real sweeper in its own process, slowly, so a test can kill -9 it mid-run.
// Usage: node --import tsx tests/integration/support/sweep-child.ts <DATABASE_URL> <now ISO>
import { openDatabase } from "../../../app/utils/database.server";
import { useDatabase } from "../../../app/utils/db.server";
import { sweepDeadlines } from "../../../app/utils/sweeper.server";

const [url, now] = process.argv.slice(2);
const db = await openDatabase(url!);
useDatabase(db);
await sweepDeadlines({
  prisma: db.prisma,
  now: new Date(now!),
  batchSize: 2,
  beforeFire: async (id) => {
    process.stdout.write(`firing ${id}\n`);
    await new Promise((resolve) => setTimeout(resolve, 40));
  },
});
process.stdout.write("done\n");
await db.close();
