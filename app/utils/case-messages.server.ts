import type { CaseView, Party, UserEventType } from "../../machines";
import type { PrismaClient } from "../../generated/prisma/client";
import { partyOnFile, type FileNames } from "./case-file";
import { THREAD_ON_CASE_PAGE, threadEvents } from "./case-history.server";
import { noteReadersOf, threadOf, type ThreadEntry } from "./case-messages";

// The case's messages, and the internal notes this reader may see, for the case page and the
// messages page (docs/decisions/023). Notes are chosen in the query by the reader's own
// capacities: a note never leaves the database for the family or another body.

export interface CaseThread {
  isFamily: boolean;
  messages: ThreadEntry[];
  messageCount: number;
  /** Null: this reader sees no notes at all (so the page shows no notes section). */
  notes: { entries: ThreadEntry[]; count: number; whose: string; canAdd: boolean } | null;
  canMessage: boolean;
  /** The family's message would restart a response clock paused for them. */
  restartsClock: boolean;
}

export async function caseThreadFor(
  prisma: PrismaClient,
  caseId: string,
  view: Pick<CaseView, "pausedClocks">,
  capacities: readonly Party[],
  actions: readonly UserEventType[],
  names: Pick<FileNames, "setting" | "national">,
  page: { limit?: number; offset?: number } = {},
): Promise<CaseThread> {
  const thread = await threadEvents(prisma, caseId, noteReadersOf(capacities), page.limit ?? THREAD_ON_CASE_PAGE, page.offset ?? 0);
  return caseThreadFrom(thread, view, capacities, actions, names);
}

/** The thread as the page shows it, from threadEvents' answer (read alone, or as parts of the case page's statement). */
export function caseThreadFrom(
  thread: Awaited<ReturnType<typeof threadEvents>>,
  view: Pick<CaseView, "pausedClocks">,
  capacities: readonly Party[],
  actions: readonly UserEventType[],
  names: Pick<FileNames, "setting" | "national">,
): CaseThread {
  const noteParties = noteReadersOf(capacities);
  const isFamily = capacities.includes("family");
  return {
    isFamily,
    messages: threadOf(thread.messages, names),
    messageCount: thread.messageCount,
    // No section for a reader whose body has no notes here and may not add one (the local service at rung 1).
    notes:
      noteParties.length === 0 || (thread.noteCount === 0 && !actions.includes("ADD_INTERNAL_NOTE"))
        ? null
        : {
            entries: threadOf(thread.notes, names),
            count: thread.noteCount,
            whose: noteParties.map((party) => partyOnFile(party, names)).join(" and "),
            canAdd: actions.includes("ADD_INTERNAL_NOTE"),
          },
    canMessage: actions.includes("SEND_MESSAGE"),
    restartsClock: isFamily && view.pausedClocks.some((clock) => clock.waitingOn === "family"),
  };
}
