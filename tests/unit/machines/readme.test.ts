import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CASE_EVENT_TYPES, NOTIFICATION_KINDS } from "../../../machines";
import { caseMachine } from "../../../machines/case.machine";
import { toMermaid } from "../../../machines/diagram";
import { mediationMachine } from "../../../machines/mediation.machine";

const readme = readFileSync(new URL("../../../machines/README.md", import.meta.url), "utf8");

describe("machines/README.md", () => {
  it.each([caseMachine, mediationMachine])("shows the current diagram of $id", (machine) => {
    expect(readme).toContain(`\`\`\`mermaid\n${toMermaid(machine)}\n\`\`\``);
  });

  it("has a row for every event in the vocabulary, and no others", () => {
    const rows = [...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]);
    expect(rows.sort()).toEqual([...CASE_EVENT_TYPES].sort());
  });

  it("names every notification kind", () => {
    for (const kind of NOTIFICATION_KINDS) expect(readme).toContain(`\`${kind}\``);
  });
});
