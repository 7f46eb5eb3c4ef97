// Funnel-plot control limits (Spiegelhalter 2005), shared by the server and the chart.

export const Z95 = 1.96;
export const Z998 = 3.09;

/** Binomial control limits around the proportion p for a base of n (normal approximation), clipped to 0–1. */
export function controlLimit(p: number, n: number, z: number): [number, number] {
  const se = Math.sqrt((p * (1 - p)) / n);
  return [Math.max(0, p - z * se), Math.min(1, p + z * se)];
}
