import type { CaseView, NotificationKind, Party } from "../../machines";
import type { Recipient } from "./recipients.server";

// Who at a body is told of a message or a file (docs/decisions/023, 022): the person handling the
// concern there, not all its staff. No handler yet: the body's complaints lead(s); a lead the
// concern is about is skipped, so the governing body's lead is told instead. Never a person the
// concern is about. A body with no handler and no lead: everyone else there (or, for the
// national body, its casework inbox), so a message is never told to nobody.

/** A possible recipient as the write path reads them: with their user id and complaints-lead role. */
export type StaffRecipient = Recipient & { id?: string | null; lead?: string | null };

/** The notifications told to the handler at each body rather than to all its staff. */
export const TO_THE_HANDLER: ReadonlySet<NotificationKind> = new Set<NotificationKind>(["message-received", "evidence-added"]);

/** The rung each body handles the concern at. */
export const RUNG_OF_BODY: Partial<Record<Party, 1 | 2 | 3>> = { setting: 1, "local-service": 2, "national-body": 3 };

/**
 * Of `members` (one body's staff), who hears about the concern at `rung`, and as what: its handler,
 * else its leads, else ("staff") everyone there the concern is not about.
 */
export function handlingRecipients<R extends StaffRecipient>(
  members: readonly R[],
  view: Pick<CaseView, "handlers" | "peopleConcerned">,
  rung: 1 | 2 | 3,
): { as: "handler" | "lead" | "staff"; people: R[] } {
  const concerned = new Set(view.peopleConcerned.flatMap((person) => (person.personId ? [person.personId] : [])));
  const free = members.filter((member) => !member.id || !concerned.has(member.id));
  const handlerId = view.handlers.findLast((handler) => handler.rung === rung)?.handlerId;
  const handler = free.find((member) => member.id === handlerId);
  if (handler) return { as: "handler", people: [handler] };
  for (const role of ["lead", "governing-body"]) {
    const leads = free.filter((member) => member.lead === role);
    if (leads.length > 0) return { as: "lead", people: leads };
  }
  return { as: "staff", people: free };
}
