import type { Env } from "./env.server";
import { dispatchOutbox } from "./outbox.server";
import { foldPatternDeltas } from "./patterns.server";
import { runRetentionDaily } from "./retention.server";
import { sweepRegisterReviews } from "./register-emails.server";
import { sweepRegisterRequests } from "./register.server";
import { sweepDeadlines, type SweepResult } from "./sweeper.server";

// Background work that must survive restarts keeps its state in the database; these intervals
// only decide WHEN to look. Each job is safe to run on several instances at once.

export interface Job {
  name: string;
  run(): Promise<unknown>;
}

export function startIntervalJobs(jobs: Job[], intervalMs: number): () => void {
  if (intervalMs <= 0 || jobs.length === 0) return () => {};
  const running = new Set<string>();
  const tick = () => {
    for (const job of jobs) {
      if (running.has(job.name)) continue; // never overlap a slow run with the next tick
      running.add(job.name);
      job
        .run()
        .catch((error: unknown) => console.error(`[${job.name}]`, error))
        .finally(() => running.delete(job.name));
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return () => clearInterval(timer);
}

export function logSweep(result: SweepResult, log: (line: string) => void = console.log) {
  if (result.fired || result.moot || result.failed.length || result.dead.length) {
    log(`[deadline-sweeper] fired ${result.fired}, moot ${result.moot}, failed ${result.failed.length} (will retry), dead ${result.dead.length} (see /admin/dead-letters)`);
  }
  for (const f of result.failed) console.error(`[deadline-sweeper] deadline ${f.deadlineId} on case ${f.caseId} failed and will be retried: ${f.error}`);
  return result;
}

export function logDispatch(tally: Awaited<ReturnType<typeof dispatchOutbox>>, log: (line: string) => void = console.log) {
  if (tally.sent || tally.retrying || tally.failed) log(`[email-dispatcher] sent ${tally.sent}, retrying ${tally.retrying}, dead ${tally.failed} (see /admin/dead-letters)`);
  return tally;
}

export function startBackgroundWorkers(env: Env): () => void {
  return startIntervalJobs(
    [
      // Results are logged, not discarded: failures and dead letters reach the server log.
      { name: "deadline-sweeper", run: async () => logSweep(await sweepDeadlines()) },
      // Register requests past their decision day (docs/decisions/021): a separate, set-based hook.
      { name: "register-request-sweeper", run: () => sweepRegisterRequests() },
      // Reviews due soon and overdue, written about once per review date (docs/decisions/027).
      { name: "register-review-sweeper", run: () => sweepRegisterReviews() },
      { name: "email-dispatcher", run: async () => logDispatch(await dispatchOutbox()) },
      // Fact changes into the monthly pattern summaries (docs/decisions/028); reads are exact either way.
      { name: "pattern-summary-fold", run: () => foldPatternDeltas() },
      // Ticks with the others but does its work at most once a day (docs/decisions/010).
      { name: "retention", run: () => runRetentionDaily() },
    ],
    env.SWEEP_INTERVAL_SECONDS * 1000,
  );
}
