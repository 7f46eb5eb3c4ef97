import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, funnelCsv, groupTableCsv, trendsCsv } from "../utils/patterns-csv.server";
import { parsePatternsQuery, requirePatternsAccess } from "../utils/patterns-request.server";
import { funnel, groupTable, trends } from "../utils/patterns.server";

// CSV of any table on the patterns pages, with the same disclosure control (docs/decisions/009).
const TABLES = ["groups", "trends", "funnel-setting-upheld", "funnel-setting-breach", "funnel-area-upheld", "funnel-area-breach"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { ownAreaId } = await requirePatternsAccess(request);
  const url = new URL(request.url);
  const q = await parsePatternsQuery(url, ownAreaId);
  const table = url.searchParams.get("table") ?? "groups";
  if (!(TABLES as readonly string[]).includes(table)) {
    return new Response(`table: must be one of ${TABLES.join(", ")}`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  if (table === "groups") return csvResponse(groupTableCsv(await groupTable(q.by, q.filters)), `by-${q.by}`, q.filters);
  if (table === "trends") return csvResponse(trendsCsv(await trends(q.filters)), "monthly", q.filters);
  const [, level, measure] = table.split("-") as [string, "setting" | "area", "upheld" | "breach"];
  return csvResponse(funnelCsv(await funnel(level, measure, q.filters)), table, q.filters);
}
