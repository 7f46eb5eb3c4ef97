import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runScenario, parseScenario } from "../../../machines/simulation";

const machinesDir = new URL("../../../machines/", import.meta.url).pathname;
const scenario = () => parseScenario(JSON.parse(readFileSync(join(machinesDir, "scenarios/breach-escalation.json"), "utf8")));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

describe("time only comes in on events", () => {
  afterEach(() => vi.useRealTimers());

  it("gives the same trajectory whatever the system clock says", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("1999-12-31T23:59:00Z"));
    const inThePast = runScenario(scenario());
    vi.setSystemTime(new Date("2041-06-01T12:00:00Z"));
    const inTheFuture = runScenario(scenario());
    expect(inTheFuture).toEqual(inThePast);
    expect(inThePast.steps.at(-1)?.at).toBe("2027-02-03");
  });

  it("never reads the clock or imports the app in machines/", () => {
    for (const file of sourceFiles(machinesDir)) {
      const source = readFileSync(file, "utf8");
      expect(source, file).not.toMatch(/Date\.now\s*\(|new Date\s*\(\s*\)|performance\.now/);
      expect(source, file).not.toMatch(/from\s+["'](~\/|\.\.\/app\/|\.\.\/\.\.\/app\/)/);
      expect(source, file).not.toMatch(/\bafter\s*:/);
    }
  });
});
