import type { AnyStateMachine, AnyStateNode } from "xstate";

/**
 * Mermaid stateDiagram-v2 text generated from a machine's own definition, so
 * the README's diagrams cannot drift from the code (a unit test compares them).
 * Mermaid ids must be unique, so a state's id is its path joined with "_";
 * transitions that stay in their state are listed on one self-loop.
 */
const idOf = (node: AnyStateNode) => node.path.join("_");

function label(eventType: string, guard: unknown): string {
  const event = eventType.startsWith("xstate.done.actor.") ? `${eventType.slice("xstate.done.actor.".length)} done` : eventType || "always";
  const guardType = typeof guard === "string" ? guard : (guard as { type?: string } | undefined)?.type;
  return guardType ? `${event} [${guardType}]` : event;
}

function edges(node: AnyStateNode): string[] {
  const id = idOf(node);
  const all = [...[...node.transitions.values()].flat(), ...(node.always ?? [])];
  const moves = all.flatMap((t) => (t.target ?? []).map((target) => `${id} --> ${idOf(target)} : ${label(t.eventType, t.guard)}`));
  const stays = all.filter((t) => !t.target?.length).map((t) => label(t.eventType, t.guard));
  return [...moves, ...(stays.length ? [`${id} --> ${id} : ${stays.join(", ")}`] : []), ...(node.type === "final" ? [`${id} --> [*]`] : [])];
}

export function toMermaid(machine: AnyStateMachine): string {
  const lines = ["stateDiagram-v2"];
  const walk = (node: AnyStateNode, indent: string) => {
    const children = Object.values(node.states) as AnyStateNode[];
    for (const child of children) {
      if (child.type === "history") lines.push(`${indent}state "H*" as ${idOf(child)}`);
      if (Object.keys(child.states).length === 0) continue;
      lines.push(`${indent}state ${idOf(child)} {`);
      walk(child, `${indent}  `);
      lines.push(`${indent}}`);
    }
    if (node.initial?.target.length) lines.push(`${indent}[*] --> ${idOf(node.initial.target[0]!)}`);
    lines.push(...children.flatMap(edges).map((edge) => `${indent}${edge}`));
  };
  walk(machine.root, "  ");
  return lines.join("\n");
}
