import { getPrisma } from "./db.server";
import { groupLabel } from "./group-labels";

// Aggregates for national analysts. No row ever names a child; any count below the threshold is
// suppressed, and so is a total that would let a suppressed cell be worked out by subtraction.

export const SUPPRESSION_THRESHOLD = 5;

/** A published figure: a value, suppressed, or (value null, not suppressed) nothing to measure. */
export type Cell = { value: number; suppressed: false } | { value: null; suppressed: true } | { value: null; suppressed: false };

export function suppress(count: number): Cell {
  return count > 0 && count < SUPPRESSION_THRESHOLD ? { value: null, suppressed: true } : { value: count, suppressed: false };
}

/**
 * Suppresses small cells in a row, then — if exactly one cell was hidden — also hides the next
 * smallest, so the hidden value cannot be recovered from a published total.
 */
export function suppressRow(counts: number[]): Cell[] {
  const cells = counts.map(suppress);
  const hidden = cells.filter((c) => c.suppressed).length;
  if (hidden === 1) {
    let smallest = -1;
    counts.forEach((count, i) => {
      if (!cells[i]?.suppressed && count > 0 && (smallest < 0 || count < (counts[smallest] ?? Infinity))) smallest = i;
    });
    if (smallest >= 0) cells[smallest] = { value: null, suppressed: true };
  }
  return cells;
}

export interface BreakdownRow {
  label: string;
  cells: Cell[];
  total: Cell;
}

export async function registerBreakdown(dimension: "primaryNeed" | "ethnicity" | "sex"): Promise<{ columns: string[]; rows: BreakdownRow[] }> {
  const prisma = await getPrisma();
  const areas = await prisma.localArea.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  const grouped = await prisma.child.groupBy({ by: [dimension, "localAreaId"], _count: { _all: true } });
  const labels = [...new Set(grouped.map((g) => String(g[dimension])))].sort();
  const rows = labels.map((label) => {
    const counts = areas.map((a) => grouped.find((g) => String(g[dimension]) === label && g.localAreaId === a.id)?._count._all ?? 0);
    return { label: groupLabel(label), cells: suppressRow(counts), total: suppress(counts.reduce((s, n) => s + n, 0)) };
  });
  return { columns: areas.map((a) => a.name), rows };
}

export async function caseCountsByRoute(): Promise<{ columns: string[]; rows: BreakdownRow[] }> {
  const prisma = await getPrisma();
  const grouped = await prisma.case.groupBy({ by: ["route", "status"], _count: { _all: true } });
  const statuses = [...new Set(grouped.map((g) => g.status))].sort();
  const rows = (["process", "substance"] as const).map((route) => {
    const counts = statuses.map((s) => grouped.find((g) => g.route === route && g.status === s)?._count._all ?? 0);
    return { label: groupLabel(route), cells: suppressRow(counts), total: suppress(counts.reduce((a, b) => a + b, 0)) };
  });
  return { columns: statuses.map(groupLabel), rows };
}
