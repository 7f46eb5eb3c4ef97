import { readFileSync } from "node:fs";
import { parseScenario, runScenario, ScenarioError } from "../simulation";
import { formatRun, formatSteps } from "./format-run";

/**
 * Usage: npm run -s simulate -- scenario.json
 * Prints the trajectory of a scenario; exits 1 on any error, 2 on bad usage.
 */
function main(args: string[]): number {
  const [file] = args;
  if (!file || args.length > 1) {
    console.error("usage: npm run -s simulate -- <scenario.json>");
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    console.error(`${file}: ${error instanceof SyntaxError ? "not valid JSON: " : ""}${(error as Error).message}`);
    return 1;
  }
  try {
    console.log(formatRun(runScenario(parseScenario(json))));
    return 0;
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    if (error.steps.length) console.log(formatSteps(error.steps));
    console.error(`${file}: ${error.message}`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
