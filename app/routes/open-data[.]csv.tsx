import type { LoaderFunctionArgs } from "@remix-run/node";
import { londonDate } from "../utils/dates";
import { csvResponse, groupTableCsv, trendsCsv } from "../utils/patterns-csv.server";
import { parsePatternsQuery } from "../utils/patterns-request.server";
import { groupTable, trends } from "../utils/patterns.server";

// Public CSVs: England only (no area or route filter), complete years only.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  for (const forbidden of ["area", "route"]) url.searchParams.delete(forbidden);
  const q = await parsePatternsQuery(url, null);
  if (q.year >= Number(londonDate().slice(0, 4))) {
    return new Response("year: open data covers complete years only", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const table = url.searchParams.get("table") ?? "groups";
  const filters = { from: q.filters.from, to: q.filters.to };
  if (table === "trends") return csvResponse(trendsCsv(await trends(filters)), "monthly", filters);
  if (table === "groups") return csvResponse(groupTableCsv(await groupTable(q.by, filters)), `by-${q.by}`, filters);
  return new Response("table: must be groups or trends", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
