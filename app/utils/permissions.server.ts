import type { Prisma } from "../../generated/prisma/client";
import { accessLevels, type Access, type Action } from "./permissions";
import type { SessionUser } from "./session.server";

// Turns a user's access levels into a query filter, so ownership is enforced INSIDE the
// query's where-clause: a record outside it is simply not found (404), never fetched then hidden.

const NOTHING: Prisma.CaseWhereInput = { id: { in: [] } };

function scopeFor(access: Access, user: SessionUser): Prisma.CaseWhereInput {
  switch (access) {
    case "any":
      return {};
    case "own":
      return {
        concern: {
          child: { OR: [{ guardians: { some: { userId: user.id } } }, { youngPersonUserId: user.id }] },
        },
      };
    case "setting":
      return user.settingId ? { settingId: user.settingId } : NOTHING;
    case "area":
      return user.localAreaId ? { localAreaId: user.localAreaId } : NOTHING;
    case "health":
      return user.localAreaId ? { localAreaId: user.localAreaId, healthInvolved: true } : NOTHING;
    case "assigned":
      return { assignments: { some: { userId: user.id } } };
    case "national-process":
      return { route: "process", rung: 3 };
    case "national-substance":
      return { route: "substance", rung: 3 };
    case "aggregate":
      return NOTHING;
  }
}

/** Cases the user may `action` (read, update, …). Empty filter result for no permission. */
export function caseScope(user: SessionUser, action: Action, entity: "case" | "mediation" = "case"): Prisma.CaseWhereInput {
  const levels = accessLevels(user, action, entity);
  if (levels.length === 0) return NOTHING;
  return { OR: levels.map((level) => scopeFor(level, user)) };
}
