import type { ReactNode } from "react";
import { controlLimit, Z95, Z998 } from "../utils/control-limits";
import { formatPublished, type Published } from "../utils/disclosure";

// Server-rendered SVG charts: no JavaScript needed. Each chart is a <figure> with a text summary
// (its caption), the picture (role="img" with a label), and the same figures as a table.

const COLOURS = { blue: "#1d70b8", green: "#00703c", black: "#0b0c0c", red: "#d4351c", grey: "#b1b4b6", orange: "#f47738" };

function niceMax(value: number): number {
  if (value <= 10) return 10;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= value / 4)! * magnitude;
  return Math.ceil(value / step) * step;
}

export function Figure({ id, title, summary, picture, table }: { id: string; title: string; summary: ReactNode; picture: ReactNode; table: ReactNode }) {
  return (
    <figure className="redress-chart" aria-labelledby={`${id}-title`}>
      <h3 className="govuk-heading-s" id={`${id}-title`}>
        {title}
      </h3>
      <p className="govuk-body">{summary}</p>
      {picture}
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Show the figures as a table</span>
        </summary>
        <div className="govuk-details__text redress-table-scroll">{table}</div>
      </details>
    </figure>
  );
}

export interface LineSeries {
  name: string;
  colour: keyof typeof COLOURS;
  dashed?: boolean;
  values: Published[];
}

/** Lines over months; withheld points break the line. */
export function LineChart({ label, months, series }: { label: string; months: string[]; series: LineSeries[] }) {
  const [w, h, left, bottom, top, right] = [640, 280, 56, 40, 16, 16];
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values.map((v) => v.value ?? 0))));
  const x = (i: number) => left + (months.length <= 1 ? 0 : (i * (w - left - right)) / (months.length - 1));
  const y = (v: number) => top + (h - top - bottom) * (1 - v / max);
  const ticks = [0, max / 4, max / 2, (3 * max) / 4, max];
  return (
    <>
      <svg className="redress-chart__svg" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label} focusable="false">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={left} x2={w - right} y1={y(t)} y2={y(t)} stroke={COLOURS.grey} strokeWidth={1} />
            <text x={left - 8} y={y(t) + 5} textAnchor="end" fontSize={14}>
              {t.toLocaleString("en-GB")}
            </text>
          </g>
        ))}
        {months.map((m, i) => (
          <text key={m} x={x(i)} y={h - 14} textAnchor="middle" fontSize={14}>
            {monthShort(m)}
          </text>
        ))}
        {series.map((s) => {
          const segments: string[] = [];
          let current = "";
          s.values.forEach((v, i) => {
            if (v.value === null) {
              if (current) segments.push(current);
              current = "";
            } else current += `${current ? "L" : "M"}${x(i).toFixed(1)},${y(v.value).toFixed(1)}`;
          });
          if (current) segments.push(current);
          return segments.map((d, k) => <path key={`${s.name}${k}`} d={d} fill="none" stroke={COLOURS[s.colour]} strokeWidth={3} strokeDasharray={s.dashed ? "8 5" : undefined} />);
        })}
      </svg>
      <ul className="redress-chart__legend">
        {series.map((s) => (
          <li key={s.name}>
            <svg width="28" height="10" aria-hidden="true" focusable="false">
              <line x1="0" x2="28" y1="5" y2="5" stroke={COLOURS[s.colour]} strokeWidth={3} strokeDasharray={s.dashed ? "8 5" : undefined} />
            </svg>{" "}
            {s.name}
          </li>
        ))}
      </ul>
    </>
  );
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export const monthShort = (m: string) => MONTHS[Number(m.slice(5, 7)) - 1] ?? m;
export const monthLong = (m: string) => new Date(`${m}-01T00:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

export interface Bar {
  label: string;
  value: Published;
  interval?: { low: number; high: number } | null;
}

/** Horizontal bars with HTML labels (readable at any width), an optional reference line and whiskers. */
export function BarChart({ label, bars, unit, reference }: { label: string; bars: Bar[]; unit: "" | "%" | "per 1,000"; reference?: { value: number; label: string } }) {
  const max = niceMax(Math.max(reference?.value ?? 0, ...bars.map((b) => Math.max(b.value.value ?? 0, b.interval?.high ?? 0))));
  return (
    <div role="img" aria-label={label} className="redress-bars">
      {bars.map((b) => (
        <div key={b.label} className="redress-bars__row">
          <span className="redress-bars__label" aria-hidden="true">
            {b.label}
          </span>
          <svg className="redress-bars__bar" viewBox="0 0 100 20" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            {b.value.value !== null ? <rect x="0" y="3" width={(100 * b.value.value) / max} height="14" fill={COLOURS.blue} /> : null}
            {reference ? (
              <line
                x1={(100 * reference.value) / max}
                x2={(100 * reference.value) / max}
                y1="0"
                y2="20"
                stroke={COLOURS.black}
                strokeWidth="0.6"
                vectorEffect="non-scaling-stroke"
              />
            ) : null}
          </svg>
          <span className="redress-bars__value" aria-hidden="true">
            {formatPublished(b.value)}
            {b.value.value !== null && unit ? ` ${unit === "%" ? "%" : unit}` : ""}
          </span>
        </div>
      ))}
      {reference ? <p className="govuk-body-s redress-bars__reference">Black line: {reference.label}</p> : null}
    </div>
  );
}

export interface FunnelChartPoint {
  name: string;
  volume: number;
  rate: number;
  outside: string | null;
}

/** Rate (%) against volume with 95% and 99.8% control limits around the national rate. */
export function FunnelChart({
  label,
  points,
  nationalRate,
  maxVolume,
  volumeLabel,
}: {
  label: string;
  points: FunnelChartPoint[];
  nationalRate: number;
  maxVolume: number;
  volumeLabel: string;
}) {
  const [w, h, left, bottom, top, right] = [640, 340, 56, 52, 16, 16];
  const xMax = niceMax(maxVolume * 1.1);
  const x = (v: number) => left + ((w - left - right) * v) / xMax;
  const y = (pct: number) => top + (h - top - bottom) * (1 - pct / 100);
  const p = nationalRate / 100;
  const curve = (z: number, side: 0 | 1) => {
    const steps = 60;
    let d = "";
    for (let i = 0; i <= steps; i++) {
      const n = Math.max(5, (xMax * i) / steps);
      const v = controlLimit(p, n, z)[side] * 100;
      d += `${i ? "L" : "M"}${x(n).toFixed(1)},${y(v).toFixed(1)}`;
    }
    return d;
  };
  const colour = (o: string | null) => (o?.startsWith("above") ? COLOURS.red : o ? COLOURS.orange : COLOURS.blue);
  return (
    <>
      <svg className="redress-chart__svg" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label} focusable="false">
        {[0, 25, 50, 75, 100].map((t) => (
          <g key={t}>
            <line x1={left} x2={w - right} y1={y(t)} y2={y(t)} stroke={COLOURS.grey} strokeWidth={1} />
            <text x={left - 8} y={y(t) + 5} textAnchor="end" fontSize={14}>
              {t}%
            </text>
          </g>
        ))}
        {[0, xMax / 4, xMax / 2, (3 * xMax) / 4, xMax].map((t) => (
          <text key={t} x={x(t)} y={h - 28} textAnchor="middle" fontSize={14}>
            {Math.round(t).toLocaleString("en-GB")}
          </text>
        ))}
        <text x={(left + w - right) / 2} y={h - 6} textAnchor="middle" fontSize={14}>
          {volumeLabel}
        </text>
        <line x1={left} x2={w - right} y1={y(nationalRate)} y2={y(nationalRate)} stroke={COLOURS.black} strokeWidth={2} />
        {[Z95, Z998].map((z) =>
          ([0, 1] as const).map((side) => (
            <path key={`${z}${side}`} d={curve(z, side)} fill="none" stroke={COLOURS.black} strokeWidth={1.5} strokeDasharray={z === Z95 ? "6 4" : "2 3"} />
          )),
        )}
        {points.map((pt) => (
          <circle key={pt.name} cx={x(pt.volume)} cy={y(pt.rate)} r={pt.outside ? 6 : 4} fill={colour(pt.outside)} stroke="#ffffff" strokeWidth={1} />
        ))}
      </svg>
      <ul className="redress-chart__legend">
        <li>
          <svg width="28" height="10" aria-hidden="true" focusable="false">
            <line x1="0" x2="28" y1="5" y2="5" stroke={COLOURS.black} strokeWidth={2} />
          </svg>{" "}
          National rate ({nationalRate}%)
        </li>
        <li>
          <svg width="28" height="10" aria-hidden="true" focusable="false">
            <line x1="0" x2="28" y1="5" y2="5" stroke={COLOURS.black} strokeWidth={1.5} strokeDasharray="6 4" />
          </svg>{" "}
          95% control limits
        </li>
        <li>
          <svg width="28" height="10" aria-hidden="true" focusable="false">
            <line x1="0" x2="28" y1="5" y2="5" stroke={COLOURS.black} strokeWidth={1.5} strokeDasharray="2 3" />
          </svg>{" "}
          99.8% control limits
        </li>
        <li>
          <svg width="12" height="12" aria-hidden="true" focusable="false">
            <circle cx="6" cy="6" r="5" fill={COLOURS.red} />
          </svg>{" "}
          Above the limits
        </li>
        <li>
          <svg width="12" height="12" aria-hidden="true" focusable="false">
            <circle cx="6" cy="6" r="5" fill={COLOURS.orange} />
          </svg>{" "}
          Below the limits
        </li>
      </ul>
    </>
  );
}
