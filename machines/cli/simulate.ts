import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseScenario, runScenario, ScenarioError } from "../simulation";
import { formatRun, formatSteps } from "./format-run";

/**
 * Usage: npm run -s simulate -- scenario.json
 * Prints the trajectory of a scenario; exits 1 on any error, 2 on bad usage.
 */
export type Output = { out: (text: string) => void; err: (text: string) => void };

export function simulate(args: string[], { out, err }: Output): number {
  const [file] = args;
  if (!file || args.length > 1) {
    err("usage: npm run -s simulate -- <scenario.json>");
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    err(`${file}: ${error instanceof SyntaxError ? "not valid JSON: " : ""}${(error as Error).message}`);
    return 1;
  }
  try {
    out(formatRun(runScenario(parseScenario(json))));
    return 0;
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    if (error.steps.length) out(formatSteps(error.steps));
    err(`${file}: ${error.message}`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = simulate(process.argv.slice(2), { out: console.log, err: console.error });
}
