// Working-day arithmetic speed: every deadline computation goes through it.
//   npm run bench:calendar
import { performance } from "node:perf_hooks";
import { addWorkingDays, isWorkingDay, workingDaysBetween } from "../machines";

function opsPerSecond(label: string, n: number, fn: (i: number) => unknown) {
  for (let i = 0; i < 1000; i++) fn(i); // warm up
  const start = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const ms = performance.now() - start;
  return { operation: label, runs: n, "ops /s": Math.round((n / ms) * 1000).toLocaleString("en-GB"), "µs each": ((ms * 1000) / n).toFixed(2) };
}

const dates = Array.from({ length: 3650 }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));
console.table([
  opsPerSecond("isWorkingDay", 200_000, (i) => isWorkingDay(dates[i % dates.length]!)),
  opsPerSecond("addWorkingDays(d, 5)", 100_000, (i) => addWorkingDays(dates[i % 3000]!, 5)),
  opsPerSecond("addWorkingDays(d, 65)", 50_000, (i) => addWorkingDays(dates[i % 3000]!, 65)),
  opsPerSecond("workingDaysBetween(d, d+90)", 50_000, (i) => workingDaysBetween(dates[i % 3000]!, dates[(i % 3000) + 90]!)),
]);
