// Benchmarks (docs/decisions/016): one run prints every figure with its baseline, then one line
// per target, `ratio <name>: <value>` (1.00 = the baseline or target reached).
//   npm run bench                  full run (exactly-once over 100,000 deadlines on PostgreSQL)
//   npm run bench -- --quick       the same with fewer items, under two minutes
//   npm run bench -- pglite        one engine
// The write path (bench/write-path.ts): case events through applyCaseEvent vs the same rows by
// hand through raw SQL (8 clients on PostgreSQL; PGlite vs raw PGlite); the set-based sweeper with
// 2 sweepers vs a raw sweep, exactly once. The read side and HTTP (bench/http.ts) when present.
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { ENGINES, type EngineName } from "../tests/support/scratch-database";
import { benchWritePath } from "./write-path";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const wanted = args.filter((a) => ENGINES.includes(a as EngineName)) as EngineName[];
const started = performance.now();
const log = (line: string) => console.log(line);

console.log(`Redress benchmarks${quick ? " (quick)" : ""}, Node ${process.version}, ${new Date().toISOString()}`);
const ratios: string[] = [];
ratios.push(...(await benchWritePath({ quick, engines: wanted.length ? wanted : ENGINES, log })));

// The read side and HTTP figures live in bench/http.ts (issue 12, read side), when merged.
const http = new URL("./http.ts", import.meta.url);
if (fs.existsSync(http)) {
  const module = (await import(http.href)) as { runHttpBench?: (options: { quick: boolean }) => Promise<string[]> };
  if (module.runHttpBench) ratios.push(...(await module.runHttpBench({ quick })));
}

console.log(`\nTook ${((performance.now() - started) / 1000).toFixed(0)} s`);
for (const line of ratios) console.log(line);
