import { monthLong } from "../components/charts";
import type { Published } from "./disclosure";
import { DIMENSION_LABELS, MEASURES } from "./patterns-measures";
import type { Filters, Funnel, GroupTable, TrendPoint } from "./patterns.server";

// CSV exports of the published tables: the same Published values as the pages, never raw counts.

const cell = (value: string | number) => {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const figure = (f: Published) => (f.value === null ? `[${f.reason === "c" ? "c" : "z"}]` : String(f.value));
const lines = (rows: Array<Array<string | number>>) => `${rows.map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;

export function groupTableCsv(table: GroupTable): string {
  const header = [
    DIMENSION_LABELS[table.dimension],
    ...MEASURES.map((m) => `${m.label}${m.unit ? ` (${m.unit})` : ""}`),
    "Disparity ratio per 1,000",
    "Disparity ratio upheld by setting",
  ];
  const rows = [...table.rows, table.total].map((r) => [
    r.label,
    ...MEASURES.map((m) => figure(r.figures[m.key])),
    r.disparity.perThousand ? `${r.disparity.perThousand.ratio} (${r.disparity.perThousand.low}-${r.disparity.perThousand.high})` : "[c]",
    r.disparity.upheld1 ? `${r.disparity.upheld1.ratio} (${r.disparity.upheld1.low}-${r.disparity.upheld1.high})` : "[c]",
  ]);
  return lines([header, ...rows]);
}

export function trendsCsv(trend: Record<"process" | "substance", TrendPoint[]>): string {
  const rows = (["process", "substance"] as const).flatMap((route) => trend[route].map((p) => [route, monthLong(p.month), figure(p.received), figure(p.decided), figure(p.open)]));
  return lines([["Route", "Month", "Received", "Concluded", "Open at month end"], ...rows]);
}

export function funnelCsv(f: Funnel): string {
  const rows = f.points.map((p) => [p.name, p.volume, p.rate, p.outside ?? "within limits"]);
  return lines([
    [f.level === "setting" ? "Setting" : "Local area", "Cases (rounded)", `${f.measure === "upheld" ? "Upheld" : "With a deadline missed"} (%)`, "Against the control limits"],
    ...rows,
  ]);
}

export function csvResponse(body: string, name: string, filters: Filters): Response {
  const file = `redress-${name}-${filters.from.slice(0, 4)}${filters.areaId ? "-area" : ""}${filters.route ? `-${filters.route}` : ""}.csv`;
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${file}"`, "Cache-Control": "private, no-store" },
  });
}
