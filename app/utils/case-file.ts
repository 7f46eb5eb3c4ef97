import { FINDING_LABELS, rungName, URGENT_REASON_LABELS, type CaseView, type Finding, type Party, type Remedy, type RemedyInput, type UrgentReason } from "../../machines";
import { formatBytes } from "./evidence";
import { formatDate } from "./format";

// The case file as a person reads it: every word written on the case, from its event log (the
// authoritative, append-only record), and every decision, from the machine's view. Pure: the
// loader gives it rows, the page shows what it returns. No internal ids or ISO dates come out.

/** One row of the case's event log, as the case page loads it. */
export type LogEvent = {
  seq: number;
  type: string;
  payload: unknown;
  toState: string;
  actor: string;
  recordedAt: string | Date;
};

/** One line of the history: what happened, the words written with it, when and by whom. */
export type HistoryEntry = { seq: number; title: string; quote?: { label: string; text: string }; on: string; by: string };

/** A piece of writing on the file: who wrote it, in what capacity, when, and their words. */
export type WrittenEntry = { seq: number; by: string; party: string; on: string; text: string };

const PARTY_NAMES: Record<Party, string> = {
  family: "the family",
  setting: "the setting",
  "local-service": "the local service",
  "health-partner": "the health partner",
  mediator: "the mediator",
  "national-body": "the national body",
};

export const partyName = (party: string) => PARTY_NAMES[party as Party] ?? "someone involved";

/** A party on this case by its own name where it has one: the setting's name, the Ombudsman. */
export const partyOnFile = (party: string, names: Pick<FileNames, "setting" | "national">) =>
  party === "setting" ? names.setting : party === "national-body" ? names.national : partyName(party);

export const capitalise = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** Money as people write it: £1,250.00. */
export function formatPounds(pence: number): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", minimumFractionDigits: 2 }).format(pence / 100);
}

/** Each kind of remedy in words, for the case page and the letters. */
export const REMEDY_KIND_LABELS: Record<RemedyInput["kind"], string> = {
  apology: "Apology",
  action: "Action",
  "register-review": "Retake the register decision",
  "record-revision": "Revise the development record",
  payment: "Payment",
};

/** A remedy in words: "Payment of £250.00: For time and trouble". */
export function remedyText(remedy: RemedyInput): string {
  const amount = remedy.kind === "payment" && remedy.amountPence ? ` of ${formatPounds(remedy.amountPence)}` : "";
  return `${REMEDY_KIND_LABELS[remedy.kind] ?? "Remedy"}${amount}: ${remedy.description}`;
}

/** Where a remedy came from, in words: "ordered by the setting on 3 December", "agreed in mediation on 9 January". */
export function remedyOrigin(remedy: Pick<Remedy, "rung" | "via" | "issuedOn">, route: CaseView["route"]): string {
  if (remedy.via === "mediation") return `agreed in mediation on ${formatDate(remedy.issuedOn)}`;
  const name = rungName(remedy.rung, route);
  return `ordered by the ${remedy.rung === 3 && route === "process" ? name : name.toLowerCase()} on ${formatDate(remedy.issuedOn)}`;
}

/** A remedy as a choice or a reference: "Restore 8 hours, ordered by the setting on 3 December". */
export function remedyLabel(remedy: Pick<Remedy, "description" | "rung" | "via" | "issuedOn">, route: CaseView["route"]): string {
  return `${remedy.description}, ${remedyOrigin(remedy, route)}`;
}

export type RemedyLineage = { replaces?: string; replacedBy?: string };

/**
 * Which remedy replaced which, in words, by remedy id: the new one says "replaces: Restore 8 hours,
 * ordered by the setting on 3 December", the earlier one "replaced by: …". Both stay on the file.
 */
export function remedyLineage(view: Pick<CaseView, "remedies" | "route">): Record<string, RemedyLineage> {
  const lineage: Record<string, RemedyLineage> = {};
  for (const remedy of view.remedies) {
    const earlier = remedy.replaces ? view.remedies.find((r) => r.id === remedy.replaces) : undefined;
    if (!earlier) continue;
    (lineage[remedy.id] ??= {}).replaces = remedyLabel(earlier, view.route);
    (lineage[earlier.id] ??= {}).replacedBy = remedyLabel(remedy, view.route);
  }
  return lineage;
}

const record = (value: unknown): Record<string, unknown> => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() ? value.trim() : undefined);
const dayOf = (event: LogEvent) => text(record(event.payload).at) ?? (typeof event.recordedAt === "string" ? event.recordedAt : event.recordedAt.toISOString());

/** The rung a state path is on ("ladder.localService.considering" → 2). */
export function rungOfState(state: string): 1 | 2 | 3 | null {
  if (state.includes("ladder.setting")) return 1;
  if (state.includes("ladder.localService")) return 2;
  if (state.includes("ladder.national")) return 3;
  return null;
}

export type FileNames = {
  /** The setting's own name ("Aston Sixth Form College"). */
  setting: string;
  /** "the Ombudsman" or "the national practice body". */
  national: string;
  /** People the log refers to by id (the mediator assigned, the handler). */
  people: Record<string, string>;
};

export function bodyAt(rung: 1 | 2 | 3 | null, names: FileNames): string {
  return rung === 1 ? names.setting : rung === 2 ? "the local service" : rung === 3 ? names.national : "the organisation handling the concern";
}

const DEADLINE_WORDS: Record<string, string> = {
  acknowledge: "to acknowledge the concern",
  respond: "to respond with an outcome",
  assessment: "to decide whether it can investigate",
  investigation: "to issue its draft decision",
  finalDecision: "to issue its final decision",
};

/** What a clock key stood for, in words a family would use. */
export function deadlineWords(key: string, view: Pick<CaseView, "remedies">, names: FileNames): string {
  const remedy = /^remedy\.([^.]+)$/.exec(key);
  if (remedy) return `the remedy “${view.remedies.find((r) => r.id === remedy[1])?.description ?? "agreed"}”`;
  const rung = /^rung(\d)\.(\w+)$/.exec(key);
  if (rung && DEADLINE_WORDS[rung[2]!]) return `${bodyAt(Number(rung[1]) as 1 | 2 | 3, names)}’s deadline ${DEADLINE_WORDS[rung[2]!]}`;
  if (key.startsWith("mediation.")) return "a mediation deadline";
  return "a deadline";
}

function deadlinePassed(key: string, view: Pick<CaseView, "remedies">, names: FileNames): string {
  if (/^rung\d\.respond\.pauseEnds$/.test(key)) return "The pause reached its limit: the response clock restarted by itself";
  if (/^rung\d\.escalationWindow$/.test(key)) return "The time to take the outcome further ended";
  if (key === "rung3.comments") return "The time to comment on the draft decision ended";
  if (key === "case.longOpen") return "The concern has been open six months: a dated update is owed to the family";
  if (/^remedy\.[^.]+\.takeFurther$/.test(key)) return "The time to take the failed remedy further ended";
  return `${capitalise(deadlineWords(key, view, names))} was missed`;
}

/** "rung1.respond.warn75" → "Reminder sent: Aston Vale College’s deadline to respond with an outcome is 75% through". */
function warningTitle(key: string, view: Pick<CaseView, "remedies">, names: FileNames): string {
  const match = /^(.*)\.warn(\d+)$/.exec(key);
  const clock = match?.[1] ?? key;
  return `Reminder sent: ${deadlineWords(clock, view, names)} is ${match ? `${match[2]}% through` : "coming up"}`;
}

/**
 * The history as a person would tell it. It quotes the words that have no other place on the page
 * (pause, extension, information sent, withdrawal, declined mediation, waived time limit); comments,
 * contributions, escalation reasons, delay notices, remedy notes and decisions' reasons have their
 * own sections and are not repeated. Automatic reminders are for the people who owe them, not families.
 */
export function historyOf(
  events: readonly LogEvent[],
  view: Pick<CaseView, "remedies" | "issues">,
  names: FileNames,
  forFamily: boolean,
  /** Files kept to the organisation handling the concern that this reader may see (docs/decisions/022); others are named without their description. */
  privateEvidenceShown: ReadonlySet<string> = new Set(),
): HistoryEntry[] {
  const remedyName = (id: unknown) => `“${view.remedies.find((r) => r.id === id)?.description ?? "agreed remedy"}”`;
  return events.flatMap((event): HistoryEntry[] => {
    const p = record(event.payload);
    const rung = rungOfState(event.toState);
    const base = { seq: event.seq, on: dayOf(event), by: event.actor };
    const quoted = (title: string, label: string, words: unknown): HistoryEntry => {
      const t = text(words);
      return { ...base, title, ...(t ? { quote: { label, text: t } } : {}) };
    };
    switch (event.type) {
      case "CONCERN_RAISED":
        return [{ ...base, title: "Concern raised" }];
      case "ACKNOWLEDGE":
        return [{ ...base, title: `${capitalise(bodyAt(rung, names))} acknowledged the concern` }];
      case "ASSIGN_HANDLER": {
        const handler = names.people[String(p.handlerId)];
        return [{ ...base, title: handler ? `${event.actor} assigned the concern to ${handler}` : "The person handling the concern was changed" }];
      }
      case "NAME_PERSON_CONCERNED":
        return [quoted("Recorded that the concern is about a member of staff", "Who", p.description)];
      case "MARK_URGENT":
        return [quoted(`Marked urgent: ${(URGENT_REASON_LABELS[String(p.reason) as UrgentReason] ?? "urgent").replace(/^The /, "the ")}`, "Details", p.details)];
      case "PAUSE":
        return [quoted(`Response clock paused, waiting for information from ${p.waitingOn === "family" ? "the family" : "someone else"}`, "Information asked for", p.reason)];
      case "RESUME":
        return [quoted("Response clock restarted", "Information sent", p.information)];
      case "EXTEND":
        return [quoted(`Response deadline extended by ${Number(p.workingDays) || "some"} working days`, "Reason", p.reason)];
      case "RESPOND": {
        const findings = Array.isArray(record(p.outcome).findings) ? (record(p.outcome).findings as unknown[]) : [];
        const words = [...new Set(findings.map((f) => FINDING_LABELS[String(record(f).finding) as Finding]?.toLowerCase()).filter(Boolean))].join(", ");
        return [{ ...base, title: `${capitalise(bodyAt(rung, names))} sent its response${words ? `: ${words}` : ""}` }];
      }
      case "CONTRIBUTE_TO_RESPONSE":
        return [{ ...base, title: `${capitalise(partyName(String(p.party)))} added its part of the joint response` }];
      case "GIVE_DELAY_NOTICE":
        return [{ ...base, title: `Delay notice given: now expected by ${text(p.expectedOn) ? formatDate(String(p.expectedOn)) : "a new date"}` }];
      case "ACCEPT_OUTCOME":
        return [{ ...base, title: "The family accepted the outcome" }];
      case "ESCALATE":
        return [{ ...base, title: `The family took the concern to ${rung === 3 ? names.national : "the local service"}` }];
      case "OFFER_MEDIATION":
        return [{ ...base, title: p.requestedBy === "family" ? "The family asked for mediation" : "Mediation offered" }];
      case "SEND_MEDIATION_INFORMATION":
        return [{ ...base, title: "Information about mediation sent to the family" }];
      case "ACCEPT_MEDIATION":
        return [{ ...base, title: "The family accepted mediation" }];
      case "DECLINE_MEDIATION":
        return [quoted("The family declined mediation", "Reason", p.reason)];
      case "ASSIGN_MEDIATOR":
        return [{ ...base, title: `Mediator assigned${names.people[String(p.mediatorId)] ? `: ${names.people[String(p.mediatorId)]}` : ""}` }];
      case "SCHEDULE_SESSION":
        return [
          {
            ...base,
            title: `Mediation session arranged for ${text(p.sessionOn) ? formatDate(String(p.sessionOn)) : "a date"}${text(p.sessionTime) ? ` at ${p.sessionTime}` : ""}`,
          },
        ];
      case "RECORD_SESSION_HELD":
        return [{ ...base, title: `Mediation session held on ${text(p.heldOn) ? formatDate(String(p.heldOn)) : "the day arranged"}` }];
      case "RECORD_MEDIATION_OUTCOME": {
        const agreed = Array.isArray(p.agreedIssueIds) ? p.agreedIssueIds.length : 0;
        return [{ ...base, title: agreed ? `Mediation outcome recorded: ${agreed} of ${view.issues.length} issues agreed` : "Mediation outcome recorded: nothing was agreed" }];
      }
      case "ISSUE_CERTIFICATE":
        return [{ ...base, title: "Mediation certificate issued" }];
      case "ACCEPT_FOR_INVESTIGATION": {
        const entry = { ...base, title: `${capitalise(names.national)} accepted the concern for investigation` };
        const discretion = text(p.discretionReason);
        return discretion ? [entry, { ...base, title: "The time limit was waived", quote: { label: "Why", text: discretion } }] : [entry];
      }
      case "REJECT_OUT_OF_JURISDICTION":
        return [{ ...base, title: `${capitalise(names.national)} decided the concern is outside what it can look at` }];
      case "REJECT_OUT_OF_TIME":
        return [{ ...base, title: `${capitalise(names.national)} decided the concern was brought too late` }];
      case "ISSUE_DRAFT_DECISION":
        return [{ ...base, title: "Draft decision issued for comment" }];
      case "SUBMIT_COMMENTS":
        return [{ ...base, title: `Comments on the draft decision from ${partyName(p.party === "respondent" ? "local-service" : String(p.party))}` }];
      case "ISSUE_FINAL_DECISION":
        return [{ ...base, title: "Final decision issued" }];
      case "REMEDY_DONE":
        return [{ ...base, title: `Remedy done: ${remedyName(p.remedyId)}` }];
      case "REMEDY_FAILED":
        return [{ ...base, title: `Remedy not done: ${remedyName(p.remedyId)}` }];
      case "TAKE_REMEDY_FURTHER":
        return [{ ...base, title: `The family took the remedy ${remedyName(p.remedyId)} further` }];
      case "WITHDRAW":
        return [quoted("The family withdrew the concern", "Reason", p.reason)];
      // The words are in the messages and notes on the case page; the history says who wrote (docs/decisions/023).
      case "SEND_MESSAGE":
        return [{ ...base, title: `Message from ${partyOnFile(String(p.party), names)}` }];
      case "ADD_INTERNAL_NOTE":
        return [{ ...base, title: `Internal note added (only staff of ${partyOnFile(String(p.party), names)} can see it)` }];
      case "ADD_EVIDENCE": {
        const about = `${text(p.fileType) ?? "file"}${typeof p.sizeBytes === "number" ? `, ${formatBytes(p.sizeBytes)}` : ""}`;
        if (p.visibility !== "all-parties" && !privateEvidenceShown.has(String(p.evidenceId))) {
          return [{ ...base, title: "Evidence added for the organisation handling the concern only" }];
        }
        return [{ ...base, title: `Evidence added: ${text(p.description) ?? "a file"} (${about})` }];
      }
      case "DEADLINE_WARNING":
        return forFamily ? [] : [{ ...base, title: warningTitle(String(p.key), view, names) }];
      case "DEADLINE_MISSED":
        return [{ ...base, title: deadlinePassed(String(p.key), view, names) }];
      default:
        return [{ ...base, title: "The case was updated" }];
    }
  });
}

/** Words people wrote of one kind (comments, contributions), oldest first, with who wrote them. */
export function writtenOf(events: readonly LogEvent[], type: "SUBMIT_COMMENTS" | "CONTRIBUTE_TO_RESPONSE"): WrittenEntry[] {
  return events
    .filter((e) => e.type === type)
    .map((e) => {
      const p = record(e.payload);
      const party = p.party === "respondent" ? "local-service" : String(p.party ?? "");
      return { seq: e.seq, by: e.actor, party: partyName(party), on: dayOf(e), text: text(type === "SUBMIT_COMMENTS" ? p.comments : p.contribution) ?? "" };
    })
    .sort((a, b) => a.seq - b.seq);
}

/** Why the family took the concern up the ladder, rung by rung: the next rung reads it first. */
export function escalationsOf(events: readonly LogEvent[], names: FileNames): Array<{ seq: number; to: string; on: string; reason?: string }> {
  return events
    .filter((e) => e.type === "ESCALATE" || e.type === "TAKE_REMEDY_FURTHER")
    .map((e) => {
      const reason = text(record(e.payload).reason);
      return { seq: e.seq, to: rungOfState(e.toState) === 3 ? names.national : "the local service", on: dayOf(e), ...(reason ? { reason } : {}) };
    })
    .sort((a, b) => a.seq - b.seq);
}

/** The remedies each draft decision proposed (the machine keeps only the findings of a draft), oldest first. */
export function draftRemediesOf(events: readonly LogEvent[]): RemedyInput[][] {
  return events
    .filter((e) => e.type === "ISSUE_DRAFT_DECISION")
    .sort((a, b) => a.seq - b.seq)
    .map((e) => {
      const remedies = record(record(e.payload).outcome).remedies;
      return Array.isArray(remedies) ? (remedies as RemedyInput[]) : [];
    });
}

/**
 * The final decision form starts from the draft: each finding and its reasons, the reasons, the
 * standards and the proposed remedies, as the form's own field names.
 */
export function draftDefaults(view: Pick<CaseView, "outcomes">, draftRemedies: readonly RemedyInput[]): Record<string, string> {
  const draft = view.outcomes.findLast((o) => o.stage === "draft-decision");
  if (!draft) return {};
  const values: Record<string, string> = { reasons: draft.reasons ?? "", standards: draft.standards.join(", ") };
  for (const finding of draft.findings) {
    values[`finding-${finding.issueId}`] = finding.finding;
    if (finding.reasons) values[`reasons-${finding.issueId}`] = finding.reasons;
  }
  draftRemedies.forEach((remedy, index) => {
    const row = `remedy-${index + 1}`;
    values[`${row}-kind`] = remedy.kind;
    values[`${row}-description`] = remedy.description;
    if (remedy.dueOn) values[`${row}-dueOn`] = remedy.dueOn;
    if (remedy.kind === "payment") values[`${row}-amount`] = (remedy.amountPence / 100).toFixed(2);
    if (remedy.replaces) values[`${row}-replaces`] = remedy.replaces;
  });
  return values;
}

export type Prompt = { id: string; text: string; urgent: boolean };

/**
 * What the family must decide, or may do now, first: "You need to decide by 23 December whether to
 * accept the outcome or take it further". Said to the family as "you", to everyone else as "the family".
 */
export function familyPrompts(view: CaseView, names: FileNames, opts: { isFamily: boolean; mayEscalateNow: boolean }): Prompt[] {
  const you = opts.isFamily ? "You" : "The family";
  const prompts: Prompt[] = [];
  const window = view.deadlines.find((d) => /^rung[12]\.escalationWindow$/.test(d.key));
  if (window && /\.responded$/.test(view.stateValue)) {
    const next = window.key.startsWith("rung2") ? `ask ${names.national} to look at it` : "take it to the local service";
    prompts.push({
      id: "decide",
      urgent: true,
      text: `${you} need${opts.isFamily ? "" : "s"} to decide by ${formatDate(window.dueOn)} whether to accept the outcome or ${next}.`,
    });
  }
  if (opts.mayEscalateNow && !/\.responded$/.test(view.stateValue) && (view.rung === 1 || view.rung === 2)) {
    const missed = view.breaches.filter((b) => b.key === `rung${view.rung}.acknowledge` || b.key === `rung${view.rung}.respond`).at(-1);
    if (missed) {
      const clock = missed.key.endsWith("acknowledge") ? "to acknowledge the concern" : "to respond";
      prompts.push({
        id: "missed",
        urgent: true,
        text: `${capitalise(bodyAt(view.rung, names))} missed its deadline ${clock} on ${formatDate(missed.on)}: ${opts.isFamily ? "you" : "the family"} can take this further now.`,
      });
    }
  }
  const comments = view.deadlines.find((d) => d.key === "rung3.comments");
  if (comments) prompts.push({ id: "comments", urgent: false, text: `Comments on the draft decision are open until ${formatDate(comments.dueOn)}.` });
  for (const clock of view.pausedClocks.filter((c) => c.waitingOn === "family")) {
    const ends = view.deadlines.find((d) => d.key === `${clock.key}.pauseEnds`)?.dueOn;
    prompts.push({
      id: `pause-${clock.key}`,
      urgent: opts.isFamily,
      text: `${opts.isFamily ? "You have" : "The family has"} been asked for information: “${clock.reason}”.${ends ? ` The response clock restarts by itself on ${formatDate(ends)}.` : ""}`,
    });
  }
  return prompts;
}

/** A success banner that says what happens next, not "…: done". */
export function successBanner(type: string, isFamily: boolean): { title: string; body?: string } {
  const BANNERS: Record<string, { title: string; body?: string }> = {
    ACKNOWLEDGE: { title: "Concern acknowledged", body: "The family has been told. Your response deadline is shown on the case." },
    ASSIGN_HANDLER: { title: "Handler assigned", body: "They have been sent an email and now handle the concern at this stage." },
    NAME_PERSON_CONCERNED: { title: "Recorded who the concern is about", body: "They cannot be assigned to handle it." },
    MARK_URGENT: {
      title: "Marked urgent",
      body: "It is now at the top of every list of work, and the family has been told what that means. The deadlines have not changed.",
    },
    PAUSE: {
      title: "Response clock paused",
      body: "Everyone involved has been told what you are waiting for. The clock restarts when the information arrives, or by itself at the pause limit.",
    },
    SEND_MESSAGE: isFamily
      ? {
          title: "Message sent",
          body: "The organisation handling your concern has been emailed to say it is waiting. Their reply will be shown on the case, and you will get an email.",
        }
      : { title: "Message sent", body: "The family has been emailed to say it is waiting. Their reply will be shown on the case." },
    ADD_INTERNAL_NOTE: { title: "Internal note added", body: "Only staff of your organisation can see it." },
    RESUME: isFamily
      ? { title: "Information sent", body: "The organisation handling your concern has been told, and its response deadline has started again." }
      : { title: "Response clock restarted", body: "The family has been told the new response date." },
    EXTEND: { title: "Response deadline extended", body: "The family has been told the reason and the new date." },
    RESPOND: { title: "Response sent", body: "The family has been told. They can accept the outcome or take it further; any remedies are tracked until done." },
    CONTRIBUTE_TO_RESPONSE: { title: "Your part of the response has been added", body: "The lead organisation sends the joint response; the family will see your part with it." },
    GIVE_DELAY_NOTICE: { title: "Delay notice given", body: "The family has been told why it is late and when to expect it." },
    ACCEPT_OUTCOME: { title: "Outcome accepted", body: "The concern is closed. Any remedies are checked until they are done, and you will be told." },
    ESCALATE: {
      title: "Your concern has been taken to the next stage",
      body: "The organisation at the next stage has been told and must acknowledge it. You will get an email when it does.",
    },
    OFFER_MEDIATION: isFamily
      ? { title: "Mediation asked for", body: "The organisation handling your concern will send you information about mediation." }
      : { title: "Mediation offered", body: "The family will be sent information and can accept or decline. Deadlines keep running unless they accept." },
    SEND_MEDIATION_INFORMATION: { title: "Mediation information recorded as sent", body: "The family can now accept or decline mediation." },
    ACCEPT_MEDIATION: { title: "Mediation accepted", body: "A mediator will be assigned and a session arranged. The deadlines at this stage wait meanwhile." },
    DECLINE_MEDIATION: { title: "Mediation declined", body: "Your concern carries on where it was." },
    ASSIGN_MEDIATOR: { title: "Mediator assigned", body: "The mediator can now see this case and will arrange a session." },
    SCHEDULE_SESSION: { title: "Mediation session arranged", body: "Everyone involved has been told the date. Record the session as held once it has taken place." },
    RECORD_SESSION_HELD: { title: "Session recorded as held", body: "Next, record the mediation outcome." },
    RECORD_MEDIATION_OUTCOME: { title: "Mediation outcome recorded", body: "Next, issue the mediation certificate. Anything agreed is tracked until it is done." },
    ISSUE_CERTIFICATE: { title: "Mediation certificate issued", body: "Everyone involved has been sent it." },
    ACCEPT_FOR_INVESTIGATION: { title: "Accepted for investigation", body: "Everyone involved has been told. The draft decision deadline is shown on the case." },
    REJECT_OUT_OF_JURISDICTION: { title: "Decision recorded: outside jurisdiction", body: "Everyone involved has been told, with your reasons." },
    REJECT_OUT_OF_TIME: { title: "Decision recorded: out of time", body: "Everyone involved has been told, with your reasons." },
    ISSUE_DRAFT_DECISION: { title: "Draft decision issued", body: "The family and the organisations the concern is about have been sent it and may comment until the date shown." },
    SUBMIT_COMMENTS: { title: "Your comments have been sent", body: "The national body will read them before its final decision. You can add more until the comment period ends." },
    ISSUE_FINAL_DECISION: { title: "Final decision issued", body: "Everyone involved has been told. Any remedies are now monitored until they are done." },
    REMEDY_DONE: { title: "Remedy recorded as done", body: "The family has been told what was done." },
    REMEDY_FAILED: { title: "Remedy recorded as not done", body: "The family has been told why, and that they can take it further." },
    TAKE_REMEDY_FURTHER: { title: "The failed remedy has been taken further", body: "The organisation at the next stage has been told and will look at it." },
    WITHDRAW: { title: "Concern withdrawn", body: "Everyone involved has been told. You can raise a new concern at any time." },
  };
  return BANNERS[type] ?? { title: "Saved" };
}
