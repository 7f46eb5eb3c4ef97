// CPU per generated case, without the database: the generator's walk through the machines and
// the product's recording (CaseChanges: canonical JSON, snapshot digests, HMAC chain), on ONE
// thread, so process CPU time is the walk's own (robust to a loaded machine, unlike wall time).
//   npm run bench:generate [-- --cases 2000 --seed 42]
// Prints CPU ms per case and the cases/s one free core would walk. docs/decisions/034.
import { buildBatch, buildNation, type GenerateOptions } from "../scripts/generate";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const cases = arg("cases", 2000);
const options: GenerateOptions = { cases, seed: arg("seed", 42), from: "2024-01-01", to: "2026-11-27", batch: 1000, workers: 0, quiet: true };
const nation = buildNation(options);
const now = "2026-11-27T12:00:00.000Z";
buildBatch(nation, options, 1_000_000, 1_000_200, 200, now); // warm up (other concerns)
const cpu = process.cpuUsage();
const wall = performance.now();
let walked = 0;
let events = 0;
for (let from = 0; walked < cases; from += 500) {
  const batch = buildBatch(nation, options, from, from + 500, cases - walked, now);
  walked += batch.cases;
  events += batch.events;
}
const used = process.cpuUsage(cpu);
const cpuMs = (used.user + used.system) / 1000;
const wallMs = performance.now() - wall;
console.table([
  {
    cases: walked,
    events,
    "CPU ms per case": (cpuMs / walked).toFixed(2),
    "cases/s per free core": Math.round((walked / cpuMs) * 1000),
    "wall ms per case": (wallMs / walked).toFixed(2),
  },
]);
