import { allowedEvents, NOTE_PARTIES, type CaseEvent, type CaseTransition, type NoteParty, type Party } from "../../machines";
import { capitalise, partyOnFile, type FileNames, type LogEvent } from "./case-file";
import { londonDate } from "./dates";
import { formatDate, formatDateTime } from "./format";

// Messages and internal notes on a case (docs/decisions/023). Pure: who may see a note, what a
// family message sets off, and log rows as a thread a person reads. No ids or ISO dates come out.

/** Event types of the conversation and of the notes: the case file reads them, the history names them. */
export const MESSAGE_EVENT = "SEND_MESSAGE";
export const NOTE_EVENT = "ADD_INTERNAL_NOTE";
/** The case page offers these in its messages and notes sections, not among "What you can do". */
export const THREAD_ACTIONS: ReadonlySet<string> = new Set([MESSAGE_EVENT, NOTE_EVENT]);

/**
 * Whose internal notes this reader may see: a body's own, for its own staff. Nobody acting for the
 * family (a parent, the young person, a representative) sees any, even one who also works for a
 * body on the case; a mediator, an administrator or an analyst sees none.
 */
export function noteReadersOf(capacities: readonly Party[]): NoteParty[] {
  if (capacities.includes("family")) return [];
  return NOTE_PARTIES.filter((party) => capacities.includes(party));
}

/**
 * What a message sets off in the same write: the family's message ends a pause that waits on the
 * family (the machine's RESUME, dated the same day), so answering in words restarts the clock.
 */
export function followUpOf(event: CaseEvent, result: Pick<CaseTransition, "persisted" | "view">): CaseEvent | undefined {
  if (event.type !== "SEND_MESSAGE" || event.party !== "family") return undefined;
  if (!result.view.pausedClocks.some((clock) => clock.waitingOn === "family")) return undefined;
  if (!allowedEvents(result.persisted).includes("RESUME")) return undefined;
  return { type: "RESUME", at: event.at };
}

/** What the family is told before sending a message while a pause waits on them. */
export const RESTARTS_CLOCK =
  "You have been asked for information: sending a message restarts the response deadline, so include the information asked for or say where it can be found.";

export const CLOCK_RESTARTED_BANNER = {
  title: "Message sent",
  body: "The organisation handling your concern has been emailed to say it is waiting, and its response deadline has started again. The new date is shown on the case.",
};

/** One message or note as a person reads it: who wrote it, in what part, when, and their words. */
export type ThreadEntry = { seq: number; by: string; role: string; when: string; text: string; fromFamily: boolean };

/**
 * When it was written, in words: the day and time it was recorded ("28 November 2026 at 3:05pm"),
 * or only its day when it was recorded later than the day it carries (a replayed demo story).
 */
export function whenWritten(on: unknown, recordedAt: string | Date): string {
  const recorded = typeof recordedAt === "string" ? new Date(recordedAt) : recordedAt;
  const day = typeof on === "string" ? on.slice(0, 10) : londonDate(recorded);
  return londonDate(recorded) === day ? formatDateTime(recorded) : formatDate(day);
}

const record = (value: unknown): Record<string, unknown> => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** Log rows of messages or notes, oldest first (newest last, as a conversation reads). */
export function threadOf(events: readonly LogEvent[], names: Pick<FileNames, "setting" | "national">): ThreadEntry[] {
  return events
    .filter((e) => e.type === MESSAGE_EVENT || e.type === NOTE_EVENT)
    .map((e) => {
      const p = record(e.payload);
      const party = String(p.party ?? "");
      const role = capitalise(partyOnFile(party, names));
      const words = e.type === MESSAGE_EVENT ? p.message : p.note;
      return {
        seq: e.seq,
        by: e.actor,
        role,
        when: whenWritten(p.at, e.recordedAt),
        text: typeof words === "string" ? words : "",
        fromFamily: party === "family",
      };
    })
    .sort((a, b) => a.seq - b.seq);
}
