import type { CaseEvent } from "../../machines";
import { applyCaseEventWithLinked, type ApplyOptions, type EventAuthor } from "./cases.server";
import { loadCaseForUser, type CasePage } from "./case-page.server";
import { ROUTE_LABELS } from "./format";
import type { SessionUser } from "./session.server";

// Withdrawing is withdrawing the concern: a concern split into two cases (one per route) is
// withdrawn on both, and the confirmation page says so first, naming each linked case in words.

export type LinkedCase = { id: string; ref: string; about: string };

/** The concern's other cases that this person may also withdraw now, each with what it is about. */
export async function linkedCasesToWithdraw(user: SessionUser, page: CasePage): Promise<LinkedCase[]> {
  const others = page.row.concern.cases.filter((c) => c.id !== page.row.id);
  const linked = await Promise.all(
    others.map(async (other) => {
      const sibling = await loadCaseForUser(user, other.id);
      if (!sibling.actions.includes("WITHDRAW")) return null;
      const issues = sibling.view.issues.map((i) => i.summary);
      return { id: other.id, ref: sibling.row.ref, about: `${ROUTE_LABELS[sibling.view.route].toLowerCase()}${issues.length ? ` (${issues.join("; ")})` : ""}` };
    }),
  );
  return linked.filter((c): c is LinkedCase => c !== null);
}

/**
 * Withdraws the case and its linked cases as one write (cases.server.ts applyCaseEventWithLinked):
 * all of them or, when any fails, none. A linked case that has meanwhile moved past withdrawal is
 * left as it is. Returns the references of the linked cases withdrawn.
 */
export async function withdrawConcern(
  caseId: string,
  linked: readonly LinkedCase[],
  event: Extract<CaseEvent, { type: "WITHDRAW" }>,
  actor: EventAuthor,
  options: ApplyOptions = {},
): Promise<string[]> {
  const { linked: withdrawn } = await applyCaseEventWithLinked(
    caseId,
    linked.map((c) => c.id),
    event,
    actor,
    options,
  );
  return linked.filter((c) => withdrawn.includes(c.id)).map((c) => c.ref);
}
