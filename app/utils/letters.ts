import { FINDING_LABELS, type CaseView, type OutcomeRecord, type Party, type RemedyInput } from "../../machines";
import { formatPounds, REMEDY_KIND_LABELS } from "./case-file";
import { formatDate } from "./format";

// Letters are derived documents (docs/decisions/018): composed on request from the case's view
// (the machine's record of outcomes, remedies and mediations) and its event log (who decided, and
// what a draft proposed). Nothing is stored, so a letter can never disagree with the file. Every
// string here is final wording: dates as "23 December 2026", money as "£1,250.00", no ids.

export type LetterKind = "response" | "assessment-decision" | "draft-decision" | "final-decision" | "mediation-agreement" | "mediation-certificate";

export type LetterBlock =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "findings"; items: Array<{ issue: string; finding: string; reasons?: string }> }
  | { kind: "remedies"; items: LetterRemedy[] }
  | { kind: "facts"; items: Array<{ label: string; value: string }> };

export type LetterRemedy = { what: string; kind: string; amount?: string; owedBy: string; due: string };

export interface Letter {
  /** The letter's address on the case ("response-1", "mediation-certificate-2"): never shown in it. */
  id: string;
  kind: LetterKind;
  title: string;
  /** The body issuing it. */
  from: string;
  caseRef: string;
  /** Only for parties entitled to it; otherwise null and the letter says "the child". */
  child: string | null;
  /** The person the letter is addressed to (the family), for entitled readers only. */
  to: string | null;
  issuedOn: string;
  draft: boolean;
  blocks: LetterBlock[];
  signedBy: { name: string; role: string };
}

/** One row of the case's event log, as the letters need it. */
export interface LetterEvent {
  seq: number;
  type: string;
  payload: unknown;
  /** The person's name as shown on the case page ("Redress (automatic)" for the system). */
  actor: string;
}

export interface LetterSource {
  view: CaseView;
  /** In log order (oldest first). */
  events: LetterEvent[];
  caseRef: string;
  concernRef: string;
  receivedOn: string;
  settingName: string;
  areaName: string;
  healthInvolved: boolean;
  child: string | null;
  familyName: string | null;
  /** Mediator user id → name (from the case's assignments). */
  mediators: Record<string, string>;
  /** Deadline key → its last recorded due date (ISO), kept after the deadline closes. */
  dueOn: Record<string, string>;
}

/** Notifications that announce a letter: their emails link to the case's letters to download it. */
export function notificationHasLetter(kind: string, data: Record<string, unknown>): boolean {
  if (kind === "mediation-outcome") return Array.isArray(data.agreedIssueIds) && data.agreedIssueIds.length > 0;
  return ["outcome-issued", "assessment-decision", "draft-decision-issued", "final-decision-issued", "mediation-certificate-issued"].includes(kind);
}

export function nationalBodyName(route: CaseView["route"]): string {
  return route === "process" ? "The Ombudsman" : "The National Practice Body";
}

/** A body's name inside a sentence: "take it to the Ombudsman". */
const inText = (name: string) => name.replace(/^The /, "the ");

/** The body answering at a rung, by name: "Oakfield Primary School", "Leeds local service". */
export function bodyAt(source: Pick<LetterSource, "view" | "settingName" | "areaName">, rung: 1 | 2 | 3): string {
  if (rung === 1) return source.settingName;
  if (rung === 2) return `${source.areaName} local service`;
  return nationalBodyName(source.view.route);
}

function partyName(source: LetterSource, party: Party): string {
  switch (party) {
    case "setting":
      return source.settingName;
    case "local-service":
      return `${source.areaName} local service`;
    case "health-partner":
      return `${source.areaName} health services`;
    case "national-body":
      return nationalBodyName(source.view.route);
    case "mediator":
      return "The mediator";
    case "family":
      return "The family";
  }
}

const listOf = (names: string[]) => (names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

function issueTitle(source: LetterSource, issueId: string): string {
  return source.view.issues.find((issue) => issue.id === issueId)?.summary ?? "An issue raised in the concern";
}

function findingsBlock(source: LetterSource, findings: OutcomeRecord["findings"]): LetterBlock {
  return {
    kind: "findings",
    items: findings.map((f) => ({ issue: issueTitle(source, f.issueId), finding: FINDING_LABELS[f.finding] ?? f.finding, ...(f.reasons ? { reasons: f.reasons } : {}) })),
  };
}

function issuedRemedies(source: LetterSource, remedyIds: string[]): LetterRemedy[] {
  return remedyIds.flatMap((id) => {
    const r = source.view.remedies.find((remedy) => remedy.id === id);
    if (!r) return [];
    return [
      {
        what: r.description,
        kind: REMEDY_KIND_LABELS[r.kind],
        ...(r.kind === "payment" ? { amount: formatPounds(r.amountPence) } : {}),
        owedBy: listOf(r.owedBy.map((party) => partyName(source, party))),
        due: `By ${formatDate(r.dueOn)}`,
      },
    ];
  });
}

function standardsBlock(standards: string[]): LetterBlock[] {
  return standards.length ? [{ kind: "paragraph", text: `National Framework standards relied on: ${standards.join(", ")}.` }] : [];
}

const childOf = (source: LetterSource) => source.child ?? "the child";

function introFacts(source: LetterSource): LetterBlock {
  return {
    kind: "facts",
    items: [
      { label: "Case reference", value: source.caseRef },
      { label: "Concern", value: `${source.concernRef}, received ${formatDate(source.receivedOn)}` },
      ...(source.child ? [{ label: "Child or young person", value: source.child }] : []),
    ],
  };
}

/** The k-th event of these types in the log (outcomes and their events are both append-only). */
function nthEvent(source: LetterSource, types: string[], k: number, when: (e: LetterEvent) => boolean = () => true): LetterEvent | undefined {
  return source.events.filter((e) => types.includes(e.type) && when(e))[k];
}

const payloadOf = (e: LetterEvent | undefined) => (e?.payload ?? {}) as Record<string, unknown>;

const STAGE_EVENTS: Record<string, string[]> = {
  response: ["RESPOND"],
  assessment: ["ACCEPT_FOR_INVESTIGATION", "REJECT_OUT_OF_JURISDICTION", "REJECT_OUT_OF_TIME"],
  "draft-decision": ["ISSUE_DRAFT_DECISION"],
  "final-decision": ["ISSUE_FINAL_DECISION"],
};

function signer(event: LetterEvent | undefined, body: string): Letter["signedBy"] {
  return { name: event && !event.actor.startsWith("Redress") ? event.actor : body, role: event && !event.actor.startsWith("Redress") ? `for ${inText(body)}` : "" };
}

function base(
  source: LetterSource,
  id: string,
  kind: LetterKind,
  title: string,
  from: string,
  on: string,
  blocks: LetterBlock[],
  signedBy: Letter["signedBy"],
  draft = false,
): Letter {
  return {
    id,
    kind,
    title,
    from,
    caseRef: source.caseRef,
    child: source.child,
    to: source.familyName,
    issuedOn: formatDate(on),
    draft,
    blocks: [introFacts(source), ...blocks],
    signedBy,
  };
}

function responseLetter(source: LetterSource, outcome: OutcomeRecord, k: number): Letter {
  const rung = outcome.rung as 1 | 2;
  const body = bodyAt(source, rung);
  const event = nthEvent(source, STAGE_EVENTS.response!, k);
  const remedies = issuedRemedies(source, outcome.remedyIds);
  const window = source.dueOn[`rung${rung}.escalationWindow`];
  const next = rung === 1 ? bodyAt(source, 2) : nationalBodyName(source.view.route);
  const blocks: LetterBlock[] = [
    { kind: "paragraph", text: `${body} has looked into the concern about ${childOf(source)}. This letter gives its finding on each issue, its reasons and what it will do.` },
    { kind: "heading", text: "Findings" },
    findingsBlock(source, outcome.findings),
    { kind: "heading", text: "Reasons" },
    { kind: "paragraph", text: outcome.reasons ?? "" },
    ...standardsBlock(outcome.standards),
    ...(remedies.length ? [{ kind: "heading", text: "What will be done" } as const, { kind: "remedies", items: remedies } as const] : []),
    { kind: "heading", text: "What happens next" },
    {
      kind: "paragraph",
      text: window
        ? `If you accept this outcome, the concern closes${remedies.length ? " and each remedy is tracked until it is done" : ""}. If you are not satisfied, you can take the concern to ${inText(next)} until ${formatDate(window)}. If you do neither by then, the concern closes with this outcome.`
        : `If you are not satisfied, you can take the concern to ${inText(next)}.`,
    },
  ];
  return base(source, `response-${k + 1}`, "response", `Outcome of the concern at stage ${rung}`, body, outcome.on, blocks, signer(event, body));
}

const DECISION_TITLE: Record<NonNullable<OutcomeRecord["decision"]>, string> = {
  "accepted-for-investigation": "The concern will be investigated",
  "out-of-jurisdiction": "The concern cannot be investigated: it is outside what we can look at",
  "out-of-time": "The concern cannot be investigated: it was brought too late",
};

function assessmentLetter(source: LetterSource, outcome: OutcomeRecord, k: number): Letter {
  const body = nationalBodyName(source.view.route);
  const event = nthEvent(source, STAGE_EVENTS.assessment!, k);
  const accepted = outcome.decision === "accepted-for-investigation";
  const draftBy = source.dueOn["rung3.investigation"];
  const discretion = accepted ? source.view.national?.discretionReason : undefined;
  const blocks: LetterBlock[] = [
    { kind: "heading", text: DECISION_TITLE[outcome.decision ?? "accepted-for-investigation"] },
    {
      kind: "paragraph",
      text: accepted
        ? `${body} has assessed the concern about ${childOf(source)} and will investigate it.`
        : `${body} has assessed the concern about ${childOf(source)} and cannot investigate it.`,
    },
    ...(outcome.reasons ? [{ kind: "heading", text: "Reasons" } as const, { kind: "paragraph", text: outcome.reasons } as const] : []),
    ...(discretion ? [{ kind: "paragraph", text: `The concern was brought after the usual time limit. ${body} has decided to look at it: ${discretion}` } as const] : []),
    { kind: "heading", text: "What happens next" },
    {
      kind: "paragraph",
      text: accepted
        ? `${body} will investigate and send everyone involved a draft decision${draftBy ? ` by ${formatDate(draftBy)}` : ""}. You will be able to comment on it before the final decision.`
        : `This decision ends the concern at ${inText(body)}. Any remedy already agreed at an earlier stage is still tracked until it is done.`,
    },
  ];
  return base(source, `assessment-decision-${k + 1}`, "assessment-decision", "Assessment decision", body, outcome.on, blocks, signer(event, body));
}

function proposedRemedies(source: LetterSource, inputs: RemedyInput[], owedBy: string): LetterRemedy[] {
  const days = source.view.remedyDefaultWorkingDays;
  return inputs.map((r) => ({
    what: r.description,
    kind: REMEDY_KIND_LABELS[r.kind],
    ...(r.kind === "payment" ? { amount: formatPounds(r.amountPence) } : {}),
    owedBy,
    due: r.dueOn ? `By ${formatDate(r.dueOn)}` : days ? `Within ${days} working days of the final decision` : "Set in the final decision",
  }));
}

function draftLetter(source: LetterSource, outcome: OutcomeRecord, k: number): Letter {
  const body = nationalBodyName(source.view.route);
  const event = nthEvent(source, STAGE_EVENTS["draft-decision"]!, k);
  const inputs = ((payloadOf(event).outcome as { remedies?: RemedyInput[] } | undefined)?.remedies ?? []) as RemedyInput[];
  // A final decision's remedies are owed by the bodies the concern is about (machines/parties.ts).
  const owed = listOf([source.settingName, `${source.areaName} local service`, ...(source.healthInvolved ? [`${source.areaName} health services`] : [])]);
  const remedies = proposedRemedies(source, inputs, owed);
  const commentsBy = source.dueOn["rung3.comments"];
  const blocks: LetterBlock[] = [
    {
      kind: "paragraph",
      text: `DRAFT: this is not the final decision. ${body} proposes the findings and remedies below and asks everyone involved for their comments before it decides.`,
    },
    { kind: "heading", text: "Proposed findings" },
    findingsBlock(source, outcome.findings),
    { kind: "heading", text: "Reasons" },
    { kind: "paragraph", text: outcome.reasons ?? "" },
    ...standardsBlock(outcome.standards),
    ...(remedies.length ? [{ kind: "heading", text: "Proposed remedies" } as const, { kind: "remedies", items: remedies } as const] : []),
    { kind: "heading", text: "What happens next" },
    {
      kind: "paragraph",
      text: `You can comment on this draft in Redress${commentsBy ? ` until ${formatDate(commentsBy)}` : ""}. ${body} will read every comment and then issue its final decision${source.dueOn["rung3.finalDecision"] ? ` by ${formatDate(source.dueOn["rung3.finalDecision"])}` : ""}.`,
    },
  ];
  return base(source, `draft-decision-${k + 1}`, "draft-decision", "Draft decision", body, outcome.on, blocks, signer(event, body), true);
}

function finalLetter(source: LetterSource, outcome: OutcomeRecord, k: number): Letter {
  const body = nationalBodyName(source.view.route);
  const event = nthEvent(source, STAGE_EVENTS["final-decision"]!, k);
  const remedies = issuedRemedies(source, outcome.remedyIds);
  const blocks: LetterBlock[] = [
    { kind: "paragraph", text: `${body} has investigated the concern about ${childOf(source)}, read the comments on its draft decision and reached its final decision.` },
    { kind: "heading", text: "Findings" },
    findingsBlock(source, outcome.findings),
    { kind: "heading", text: "Reasons" },
    { kind: "paragraph", text: outcome.reasons ?? "" },
    ...standardsBlock(outcome.standards),
    ...(remedies.length ? [{ kind: "heading", text: "Remedies" } as const, { kind: "remedies", items: remedies } as const] : []),
    { kind: "heading", text: "What happens next" },
    {
      kind: "paragraph",
      text: `This is the final decision: the complaints process ends here.${remedies.length ? ` ${body} tracks each remedy until it is done; each body must record it in Redress by its due date.` : ""}`,
    },
  ];
  return base(source, `final-decision-${k + 1}`, "final-decision", "Final decision", body, outcome.on, blocks, signer(event, body));
}

type Mediation = CaseView["mediations"][number];

function mediatorName(source: LetterSource, m: Mediation): string | undefined {
  return m.mediatorId ? source.mediators[m.mediatorId] : undefined;
}

function agreementLetter(source: LetterSource, outcome: OutcomeRecord, k: number): Letter {
  const rung = outcome.rung;
  const convenor = bodyAt(source, rung);
  const event = nthEvent(source, ["RECORD_MEDIATION_OUTCOME"], k, (e) => ((payloadOf(e).agreedIssueIds as unknown[] | undefined) ?? []).length > 0);
  const remedies = issuedRemedies(source, outcome.remedyIds);
  const open = source.view.issues.filter((issue) => !outcome.findings.some((f) => f.issueId === issue.id) && !issue.settledByAgreement);
  const blocks: LetterBlock[] = [
    {
      kind: "paragraph",
      text: `At mediation arranged by ${convenor}, the family and ${listOf([...new Set(remedies.map((r) => r.owedBy))]) || "the bodies the concern is about"} reached agreement on the issues below.`,
    },
    { kind: "heading", text: "Issues settled by agreement" },
    findingsBlock(source, outcome.findings),
    ...(outcome.reasons ? [{ kind: "heading", text: "What was agreed" } as const, { kind: "paragraph", text: outcome.reasons } as const] : []),
    ...(remedies.length ? [{ kind: "heading", text: "Agreed actions" } as const, { kind: "remedies", items: remedies } as const] : []),
    { kind: "heading", text: "What happens next" },
    {
      kind: "paragraph",
      text: `${remedies.length ? "Each agreed action is tracked in Redress until it is done. " : ""}${
        open.length ? `The issues not settled (${open.map((i) => i.summary).join("; ")}) go back to ${inText(convenor)}.` : "Every issue in the concern is settled."
      }`,
    },
  ];
  return base(
    source,
    `mediation-agreement-${k + 1}`,
    "mediation-agreement",
    "Mediation agreement",
    "Mediation",
    outcome.on,
    blocks,
    event ? { name: event.actor, role: "Mediator" } : { name: "The mediator", role: "" },
  );
}

const RESULT_WORDS: Record<Mediation["result"], string> = {
  declined: "Mediation did not take place: it was declined.",
  agreed: "Agreement was reached on every issue.",
  "partly-agreed": "Agreement was reached on some of the issues.",
  "not-agreed": "No agreement was reached.",
};

function certificateLetter(source: LetterSource, m: Mediation, k: number): Letter {
  const convenor = bodyAt(source, m.rung);
  const mediator = mediatorName(source, m);
  const event = source.events.find((e) => e.type === "ISSUE_CERTIFICATE" && String(payloadOf(e).at ?? "").slice(0, 10) === m.certificateOn);
  const held = m.held ?? [];
  const blocks: LetterBlock[] = [
    { kind: "paragraph", text: `This certificate records how mediation about the concern ended. ${RESULT_WORDS[m.result]}` },
    {
      kind: "facts",
      items: [
        { label: "Stage", value: `Stage ${m.rung}, arranged by ${inText(convenor)}` },
        { label: "Offered", value: formatDate(m.offeredOn) },
        ...(mediator ? [{ label: "Mediator", value: mediator }] : []),
        ...(held.length ? [{ label: held.length === 1 ? "Session held" : "Sessions held", value: held.map((d) => formatDate(d)).join(", ") }] : []),
        ...(m.declineReason ? [{ label: "Reason given for declining", value: m.declineReason }] : []),
        { label: "Result", value: RESULT_WORDS[m.result] },
      ],
    },
    ...(m.certificateDeemed
      ? [{ kind: "paragraph", text: "No certificate was issued within the time allowed, so Redress treats it as issued on the date of this letter." } as const]
      : []),
    { kind: "heading", text: "What happens next" },
    {
      kind: "paragraph",
      text:
        m.result === "agreed"
          ? "Every issue was settled by agreement, so the concern is resolved. Any agreed action is tracked until it is done."
          : `The concern goes back to ${inText(convenor)}${m.result === "partly-agreed" ? " for the issues not settled" : ""}. Its deadlines move on by the time spent in mediation.`,
    },
  ];
  const name = mediator ?? (event ? event.actor : convenor);
  return base(source, `mediation-certificate-${k + 1}`, "mediation-certificate", "Mediation certificate", "Mediation", m.certificateOn, blocks, {
    name: m.certificateDeemed ? "Redress" : name,
    role: m.certificateDeemed ? "issued automatically" : mediator ? "Mediator" : `for ${inText(convenor)}`,
  });
}

/** Every letter the case has issued, oldest first. */
export function composeLetters(source: LetterSource): Letter[] {
  const letters: Array<{ on: string; order: number; letter: Letter }> = [];
  const counts: Record<string, number> = {};
  source.view.outcomes.forEach((outcome, order) => {
    const k = counts[outcome.stage] ?? 0;
    counts[outcome.stage] = k + 1;
    const letter =
      outcome.stage === "response"
        ? responseLetter(source, outcome, k)
        : outcome.stage === "assessment"
          ? assessmentLetter(source, outcome, k)
          : outcome.stage === "draft-decision"
            ? draftLetter(source, outcome, k)
            : outcome.stage === "final-decision"
              ? finalLetter(source, outcome, k)
              : outcome.stage === "mediation"
                ? agreementLetter(source, outcome, k)
                : null;
    if (letter) letters.push({ on: outcome.on, order, letter });
  });
  source.view.mediations.forEach((m, k) => {
    letters.push({ on: m.certificateOn, order: source.view.outcomes.length + k, letter: certificateLetter(source, m, k) });
  });
  return letters.sort((a, b) => a.on.localeCompare(b.on) || a.order - b.order).map(({ letter }) => letter);
}

/** Plain text of a letter (for search, tests and the bundle's index). */
export function letterText(letter: Letter): string {
  const lines = [letter.from, letter.draft ? "DRAFT" : "", letter.title, letter.issuedOn];
  for (const block of letter.blocks) {
    if (block.kind === "heading" || block.kind === "paragraph") lines.push(block.text);
    if (block.kind === "facts") lines.push(...block.items.map((i) => `${i.label}: ${i.value}`));
    if (block.kind === "findings") lines.push(...block.items.map((i) => `${i.issue}: ${i.finding}${i.reasons ? `. ${i.reasons}` : ""}`));
    if (block.kind === "remedies") lines.push(...block.items.map((r) => `${r.kind}: ${r.what}${r.amount ? ` (${r.amount})` : ""}. ${r.owedBy}. ${r.due}`));
  }
  lines.push(letter.signedBy.name, letter.signedBy.role);
  return lines.filter(Boolean).join("\n");
}
