import type { Prisma } from "../../generated/prisma/client";
import { londonDate } from "./dates";

// The one definition of "a representative's consent is in force" (docs/decisions/020), used by
// every query that gives a representative anything: case access (permissions.server.ts), the
// children they may raise a concern about, and the letters they receive (recipients.server.ts).

/** Today in London as a DATE column value. */
export const todayAsDate = (today = londonDate()) => new Date(`${today}T00:00:00.000Z`);

/** Representations of `userId` in force today that allow `what`. */
export function activeRepresentation(userId: string, what: "act" | "letters", today = londonDate()): Prisma.RepresentationWhereInput {
  return {
    representativeId: userId,
    withdrawnAt: null,
    ...(what === "act" ? { actOnConcerns: true } : { receiveLetters: true }),
    OR: [{ validUntil: null }, { validUntil: { gte: todayAsDate(today) } }],
  };
}

/** Any representation in force today (whatever it allows), for recipients lists. */
export function representationInForce(what: "act" | "letters", today = londonDate()): Prisma.RepresentationWhereInput {
  return {
    withdrawnAt: null,
    ...(what === "act" ? { actOnConcerns: true } : { receiveLetters: true }),
    OR: [{ validUntil: null }, { validUntil: { gte: todayAsDate(today) } }],
  };
}

/** Children the user may raise a concern about or see: their own, their register entry, or represented with consent to act. */
export function childrenOfUser(userId: string): Prisma.ChildWhereInput {
  return { OR: [{ guardians: { some: { userId } } }, { youngPersonUserId: userId }, { representations: { some: activeRepresentation(userId, "act") } }] };
}
