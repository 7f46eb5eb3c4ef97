import type { Env } from "./env.server";
import { dispatchOutbox } from "./outbox.server";
import { runRetentionDaily } from "./retention.server";
import { sweepRegisterRequests } from "./register.server";
import { sweepDeadlines } from "./sweeper.server";

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

export function startBackgroundWorkers(env: Env): () => void {
  return startIntervalJobs(
    [
      { name: "deadline-sweeper", run: () => sweepDeadlines() },
      // Register requests past their decision day (docs/decisions/021): a separate, set-based hook.
      { name: "register-request-sweeper", run: () => sweepRegisterRequests() },
      { name: "email-dispatcher", run: () => dispatchOutbox() },
      // Ticks with the others but does its work at most once a day (docs/decisions/010).
      { name: "retention", run: () => runRetentionDaily() },
    ],
    env.SWEEP_INTERVAL_SECONDS * 1000,
  );
}
