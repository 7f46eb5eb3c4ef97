import { caseMachine } from "../case.machine";
import { toMermaid } from "../diagram";
import { mediationMachine } from "../mediation.machine";

/** Prints the Mermaid diagrams for machines/README.md: npx tsx machines/cli/diagrams.ts */
for (const machine of [caseMachine, mediationMachine]) console.log(`${machine.id}\n\n\`\`\`mermaid\n${toMermaid(machine)}\n\`\`\`\n`);
