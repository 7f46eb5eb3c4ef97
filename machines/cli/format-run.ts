import type { DeadlineSpec } from "../clocks";
import type { ScenarioRun, ScenarioStep } from "../simulation";
import type { CaseView } from "../view";

/** Plain-text trajectory of a scenario run, one block per step. */
const penceToPounds = (pence: number) => `£${(pence / 100).toFixed(2)}`;

function describeEvent(step: ScenarioStep): string {
  const { type, at: _at, ...payload } = step.event as { type: string; at: string } & Record<string, unknown>;
  const detail = Object.entries(payload)
    .filter(([key]) => key !== "outcome")
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  if ("outcome" in payload) {
    const { findings } = payload.outcome as { findings: Array<{ issueId: string; finding: string }> };
    detail.push(`findings=${findings.map((f) => `${f.issueId}:${f.finding}`).join(",")}`);
  }
  return [type, ...detail].join(" ") + (step.firedBy ? `  [${step.firedBy}]` : "");
}

function describeDeadlines(deadlines: readonly DeadlineSpec[]): string[] {
  const due = deadlines.filter(({ kind }) => kind === "deadline");
  if (due.length === 0) return ["    deadlines: none open"];
  return due.map((spec) => {
    const warnings = deadlines.filter((w) => w.kind === "warning" && w.key.startsWith(`${spec.key}.warn`)).map((w) => w.dueOn);
    const warned = warnings.length ? ` (warnings ${warnings.join(", ")})` : "";
    return `    deadline ${spec.key} due ${spec.dueOn} [${spec.calendar}]${warned}: ${spec.label}`;
  });
}

function describeStep(step: ScenarioStep): string[] {
  const rung = step.view.rung === null ? step.view.rungName : `rung ${step.view.rung} ${step.view.rungName}`;
  const moved = step.from === step.to ? `stays in ${step.to}` : `${step.from} → ${step.to}`;
  return [
    `${String(step.index).padStart(3)}  ${step.at}  ${describeEvent(step)}`,
    `    ${moved}  (${rung}, ${step.view.status})`,
    ...describeDeadlines(step.deadlines),
    ...step.notifications.map((n) => `    notify ${n.kind} → ${n.to.join(", ")}`),
  ];
}

function describeFinal(view: CaseView): string[] {
  const lines = [`Final: ${view.stateLabel} (${view.stateValue})`];
  if (view.conclusion) lines.push(`Concluded: ${view.conclusion.reason} at rung ${view.conclusion.rung} on ${view.conclusion.on}`);
  for (const issue of view.issues) lines.push(`Issue ${issue.id} (${issue.category}): ${issue.finding ?? "no finding yet"}`);
  if (view.outcome) {
    const { rung, stage, on, reasons, standards, decision } = view.outcome;
    lines.push(`Outcome: ${stage} at rung ${rung} on ${on}${decision ? ` (${decision})` : ""}${reasons ? `: ${reasons}` : ""}`);
    if (standards.length) lines.push(`Standards relied on: ${standards.join(", ")}`);
  }
  for (const remedy of view.remedies) {
    const amount = remedy.kind === "payment" ? ` ${penceToPounds(remedy.amountPence)}` : "";
    const settled = remedy.settledOn ? ` on ${remedy.settledOn}` : "";
    lines.push(`Remedy ${remedy.id} ${remedy.kind}${amount} (due ${remedy.dueOn}): ${remedy.description} — ${remedy.status}${settled}`);
  }
  if (view.breaches.length) lines.push(`Breaches: ${view.breaches.map(({ key, on }) => `${key} (${on})`).join(", ")}`);
  return lines;
}

export function formatSteps(steps: readonly ScenarioStep[]): string {
  return steps.flatMap(describeStep).join("\n");
}

export function formatRun(run: ScenarioRun): string {
  return [formatSteps(run.steps), "", ...describeFinal(run.final)].join("\n");
}
