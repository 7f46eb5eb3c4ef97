import { NOTE_EVENT } from "./case-messages";
import { isoFromDateColumn } from "./dates";
import { getPrisma } from "./db.server";
import { loadCaseForUser } from "./case-page.server";
import { composeLetters, type Letter, type LetterEvent, type LetterSource } from "./letters";
import type { SessionUser } from "./session.server";

// Letters for one reader: loaded through the same read scope as the case page (a case outside it
// is a 404), then composed from the case's view and event log (docs/decisions/018).

/** The keys of the deadlines a letter quotes ("you can take this further until …"). */
const QUOTED_DEADLINES = ["rung1.escalationWindow", "rung2.escalationWindow", "rung3.investigation", "rung3.comments", "rung3.finalDecision"];

export type CaseForLetters = Awaited<ReturnType<typeof loadCaseForUser>>;

/** The person shown for an event: the name as logged; an erased person by their pseudonym. */
export function actorOf(e: { actorLabel: string; actor: { name: string; erasedAt: Date | null } | null }): string {
  return e.actorLabel.startsWith("system:") ? "Redress (automatic)" : e.actor?.erasedAt ? e.actor.name : e.actorLabel;
}

/** The events letters are made from (the history and the evidence list need every event). */
const LETTER_EVENT_TYPES = [
  "RESPOND",
  "ACCEPT_FOR_INVESTIGATION",
  "REJECT_OUT_OF_JURISDICTION",
  "REJECT_OUT_OF_TIME",
  "ISSUE_DRAFT_DECISION",
  "ISSUE_FINAL_DECISION",
  "RECORD_MEDIATION_OUTCOME",
  "ISSUE_CERTIFICATE",
];

export type EventRow = { seq: number; type: string; payload: unknown; actorLabel: string; occurredAt: Date; actor: { name: string; erasedAt: Date | null } | null };

export async function loadLettersForUser(
  user: SessionUser,
  caseId: string,
  options: { allEvents?: boolean } = {},
): Promise<{ loaded: CaseForLetters; letters: Letter[]; source: LetterSource; eventRows: EventRow[] }> {
  const loaded = await loadCaseForUser(user, caseId);
  const { row, view, capacities } = loaded;
  const prisma = await getPrisma();
  const [deadlines, eventRows] = await Promise.all([
    prisma.deadline.findMany({ where: { caseId: row.id, key: { in: QUOTED_DEADLINES }, kind: { not: "warning" } }, select: { key: true, dueOn: true } }),
    prisma.caseEvent.findMany({
      // Internal notes are never in a letter or a bundle, whoever downloads it (docs/decisions/023).
      where: { caseId: row.id, ...(options.allEvents ? { type: { not: NOTE_EVENT } } : { type: { in: LETTER_EVENT_TYPES } }) },
      orderBy: { seq: "asc" },
      select: { seq: true, type: true, payload: true, actorLabel: true, occurredAt: true, actor: { select: { name: true, erasedAt: true } } },
    }),
  ]);
  // Every party of the case may know whose concern it is; a reader in no capacity on it may not.
  const entitled = capacities.length > 0;
  const events: LetterEvent[] = eventRows.map((e) => ({ seq: e.seq, type: e.type, payload: e.payload, actor: actorOf(e) }));
  const source: LetterSource = {
    view,
    events,
    caseRef: row.ref,
    concernRef: row.concern.ref,
    receivedOn: isoFromDateColumn(row.concern.receivedOn),
    settingName: row.setting.name,
    areaName: row.localArea.name,
    healthInvolved: row.healthInvolved,
    child: entitled ? `${row.concern.child.givenName} ${row.concern.child.familyName}` : null,
    familyName: entitled ? row.concern.raisedBy.name : null,
    mediators: Object.fromEntries(row.assignments.filter((a) => a.capacity === "mediator").map((a) => [a.user.id, a.user.name])),
    dueOn: Object.fromEntries(deadlines.map((d) => [d.key, isoFromDateColumn(d.dueOn)])),
  };
  return { loaded, letters: composeLetters(source), source, eventRows };
}

/** One letter, or 404 (an id that is not one of this case's letters is simply not found). */
export async function loadLetterForUser(user: SessionUser, caseId: string, letterId: string) {
  const all = await loadLettersForUser(user, caseId);
  const letter = all.letters.find((l) => l.id === letterId);
  if (!letter) throw new Response("Not found", { status: 404 });
  return { ...all, letter };
}

/** "RC-2026-AB12CD-P-final-decision-1.pdf": safe in any file system and header. */
export function letterFileName(caseRef: string, letter: Letter): string {
  return `${caseRef}-${letter.id}.pdf`.replace(/[^A-Za-z0-9._-]/g, "-");
}
