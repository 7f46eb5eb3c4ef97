import { z } from "zod";
import { londonDate } from "./dates";
import { getPrisma } from "./db.server";
import type { Filters } from "./patterns.server";
import { DIMENSIONS, type Dimension } from "./patterns-measures";
import { requireUserWithPermission } from "./session.server";

// Who may see which patterns, and what the query string asks for. National analysts see the
// whole country; a user whose analytics access is only "area" sees their own area, whatever
// the URL says. Bad parameters are a 400 naming each one, never a silent default.

export const FIRST_YEAR = 2020;

export interface PatternsQuery {
  filters: Filters;
  year: number;
  by: Dimension;
  /** Set when the user may only see one area. */
  ownAreaId: string | null;
  areas: Array<{ id: string; name: string }>;
  years: number[];
}

function querySchema(thisYear: number) {
  return z.object({
    year: z.coerce
      .number({ message: "Year must be a number" })
      .int()
      .min(FIRST_YEAR, `Year must be ${FIRST_YEAR} or later`)
      .max(thisYear, `Year must be ${thisYear} or earlier`)
      .default(thisYear),
    by: z.enum(DIMENSIONS, { message: `Group by must be one of: ${DIMENSIONS.join(", ")}` }).default("ethnicity"),
    area: z
      .string()
      .trim()
      .max(40)
      .optional()
      .transform((v) => v || undefined),
    route: z
      .enum(["process", "substance", ""], { message: "Route must be process or substance" })
      .optional()
      .transform((v) => v || undefined),
  });
}

export function badRequest(issues: z.core.$ZodIssue[]): Response {
  const text = issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("\n");
  return new Response(`The address has parameters we cannot use:\n${text}`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** Parses filters from the URL; throws a 400 Response for bad input and 404 for an unknown area. */
export async function parsePatternsQuery(url: URL, ownAreaId: string | null): Promise<PatternsQuery> {
  const thisYear = Number(londonDate().slice(0, 4));
  const parsed = querySchema(thisYear).safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw badRequest(parsed.error.issues);
  const { year, by, route } = parsed.data;
  const prisma = await getPrisma();
  const areas = await prisma.localArea.findMany({ where: ownAreaId ? { id: ownAreaId } : {}, select: { id: true, name: true }, orderBy: { name: "asc" } });
  const area = ownAreaId ?? parsed.data.area;
  if (area && !areas.some((a) => a.id === area)) throw new Response("No such local area", { status: 404 });
  return {
    filters: { from: `${year}-01-01`, to: `${year}-12-31`, ...(area ? { areaId: area } : {}), ...(route ? { route } : {}) },
    year,
    by,
    ownAreaId,
    areas,
    years: Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i),
  };
}

/** The signed-in user's analytics scope: null for national access, their area id for area-only access. */
export async function requirePatternsAccess(request: Request): Promise<{ ownAreaId: string | null }> {
  const { user, access } = await requireUserWithPermission(request, "read:analytics");
  if (access.includes("aggregate") || access.includes("any")) return { ownAreaId: null };
  if (access.includes("area") && user.localAreaId) return { ownAreaId: user.localAreaId };
  throw new Response("You do not have permission to read analytics records.", { status: 403 });
}
