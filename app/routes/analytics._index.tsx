import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BarChart, Figure, LineChart, monthLong } from "../components/charts";
import { FigureText, filterQuery, PatternFilters, PatternsNav } from "../components/patterns";
import { formatPublished } from "../utils/disclosure";
import { DIMENSION_LABELS, MEASURE_BY_KEY, MEASURES, type MeasureKey } from "../utils/patterns-measures";
import { parsePatternsQuery, requirePatternsAccess } from "../utils/patterns-request.server";
import { groupTable, trends } from "../utils/patterns.server";
import { publishedOverturnFigures } from "../utils/register.server";

export const meta: MetaFunction = () => [{ title: "Patterns – Redress" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { ownAreaId } = await requirePatternsAccess(request);
  const q = await parsePatternsQuery(new URL(request.url), ownAreaId);
  const [table, trend, register] = await Promise.all([groupTable(q.by, q.filters), trends(q.filters), publishedOverturnFigures(q.filters)]);
  return json({
    table,
    trend,
    register,
    filters: { year: q.year, years: q.years, area: q.filters.areaId ?? "", areas: q.areas, route: q.filters.route ?? "", by: q.by, ownArea: Boolean(ownAreaId) },
    scope: q.filters.areaId ? (q.areas.find((a) => a.id === q.filters.areaId)?.name ?? "") : "England",
  });
}

const HEADLINE: MeasureKey[] = ["received", "escalation1", "upheld1", "resolvedLocally", "remedyCompliance", "onTime1", "medianDays1", "p90Days1", "mediationOffered", "breached"];

export default function PatternsDashboard() {
  const { table, trend, register, filters, scope } = useLoaderData<typeof loader>();
  const byLabel = DIMENSION_LABELS[table.dimension];
  const routes = (["process", "substance"] as const).filter((r) => !filters.route || filters.route === r);
  const perThousandBase = MEASURE_BY_KEY.perThousand;
  const csv = (name: string) => `/analytics/export.csv?${filterQuery(filters, { table: name })}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <span className="govuk-caption-l">
          {scope}, concerns received in {filters.year}
          {filters.route ? `, ${filters.route} route` : ""}
        </span>
        <h1 className="govuk-heading-l">Patterns across settings and areas</h1>
        <PatternsNav current="/analytics" />
        <PatternFilters state={filters} />
        <p className="govuk-body">
          To protect children’s privacy every count is rounded to the nearest 5 (0, 1 and 2 show as 0), and rates are only given on 30 or more cases. [c] means withheld, [z] means
          nothing to measure. Figures are rounded separately, so they may not add up.{" "}
          <Link className="govuk-link" to="/methodology">
            How we protect and define these figures
          </Link>
          .
        </p>

        <h2 className="govuk-heading-m">At a glance</h2>
        <dl className="govuk-summary-list">
          {HEADLINE.map((key) => (
            <div className="govuk-summary-list__row" key={key}>
              <dt className="govuk-summary-list__key">{MEASURE_BY_KEY[key].label}</dt>
              <dd className="govuk-summary-list__value">
                <FigureText figure={table.total.figures[key]} unit={MEASURE_BY_KEY[key].unit} />
                {MEASURE_BY_KEY[key].unit === "days" && table.total.figures[key].value !== null ? " working days" : ""}
              </dd>
            </div>
          ))}
        </dl>

        <RegisterDecisionFigures register={register} year={filters.year} />

        <h2 className="govuk-heading-m">Over time</h2>
        {routes.map((route) => {
          const points = trend[route];
          const months = points.map((p) => p.month);
          const peak = points.reduce((best, p) => ((p.received.value ?? 0) > (best?.received.value ?? -1) ? p : best), points[0]);
          const last = points.at(-1);
          const summary =
            peak && last
              ? `Most ${route} cases were received in ${monthLong(peak.month)} (about ${formatPublished(peak.received)}); about ${formatPublished(last.open)} were open at the end of ${monthLong(last.month)}.`
              : "No cases in this period.";
          return (
            <Figure
              key={route}
              id={`trend-${route}`}
              title={`${route === "process" ? "Process" : "Substance"} route: cases received, concluded and open each month`}
              summary={summary}
              picture={
                <LineChart
                  label={`Line chart of ${route} route cases received, concluded and open by month in ${filters.year}. ${summary}`}
                  months={months}
                  series={[
                    { name: "Received", colour: "blue", values: points.map((p) => p.received) },
                    { name: "Concluded", colour: "green", values: points.map((p) => p.decided) },
                    { name: "Open at month end", colour: "black", dashed: true, values: points.map((p) => p.open) },
                  ]}
                />
              }
              table={
                <table className="govuk-table">
                  <caption className="govuk-table__caption govuk-table__caption--s">{route === "process" ? "Process" : "Substance"} route by month</caption>
                  <thead className="govuk-table__head">
                    <tr className="govuk-table__row">
                      <th scope="col" className="govuk-table__header">
                        Month
                      </th>
                      <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                        Received
                      </th>
                      <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                        Concluded
                      </th>
                      <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                        Open at month end
                      </th>
                    </tr>
                  </thead>
                  <tbody className="govuk-table__body">
                    {points.map((p) => (
                      <tr key={p.month} className="govuk-table__row">
                        <th scope="row" className="govuk-table__header">
                          {monthLong(p.month)}
                        </th>
                        <td className="govuk-table__cell govuk-table__cell--numeric">
                          <FigureText figure={p.received} />
                        </td>
                        <td className="govuk-table__cell govuk-table__cell--numeric">
                          <FigureText figure={p.decided} />
                        </td>
                        <td className="govuk-table__cell govuk-table__cell--numeric">
                          <FigureText figure={p.open} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              }
            />
          );
        })}
        <p className="govuk-body redress-no-print">
          <a className="govuk-link" href={csv("trends")} download>
            Download the monthly figures (CSV)
          </a>
        </p>

        <h2 className="govuk-heading-m">By {byLabel.toLowerCase()}</h2>
        {table.rows.length === 0 ? (
          <p className="govuk-body">No concerns were received in this period.</p>
        ) : (
          <>
            <Figure
              id="per-thousand"
              title={`Cases per 1,000 children on the register, by ${byLabel.toLowerCase()}`}
              summary={disparitySummary(table.rows, "perThousand", table.total.figures.perThousand)}
              picture={
                <BarChart
                  label={`Bar chart of cases per 1,000 children on the register by ${byLabel.toLowerCase()}. ${disparitySummary(table.rows, "perThousand", table.total.figures.perThousand)}`}
                  unit="per 1,000"
                  bars={table.rows.map((r) => ({ label: r.label, value: r.figures.perThousand }))}
                  {...(table.total.figures.perThousand.value !== null
                    ? { reference: { value: table.total.figures.perThousand.value, label: `all children (${table.total.figures.perThousand.value} per 1,000)` } }
                    : {})}
                />
              }
              table={<DisparityTable rows={table.rows} byLabel={byLabel} measure="perThousand" />}
            />
            <Figure
              id="upheld"
              title={`Setting responses upheld, by ${byLabel.toLowerCase()}`}
              summary={disparitySummary(table.rows, "upheld1", table.total.figures.upheld1)}
              picture={
                <BarChart
                  label={`Bar chart of the share of setting responses upheld by ${byLabel.toLowerCase()}. ${disparitySummary(table.rows, "upheld1", table.total.figures.upheld1)}`}
                  unit="%"
                  bars={table.rows.map((r) => ({ label: r.label, value: r.figures.upheld1 }))}
                  {...(table.total.figures.upheld1.value !== null
                    ? { reference: { value: table.total.figures.upheld1.value, label: `all cases (${table.total.figures.upheld1.value}%)` } }
                    : {})}
                />
              }
              table={<DisparityTable rows={table.rows} byLabel={byLabel} measure="upheld1" />}
            />
            <div className="redress-table-scroll" role="region" aria-label={`All measures by ${byLabel.toLowerCase()}`} tabIndex={0}>
              <table className="govuk-table govuk-!-font-size-16">
                <caption className="govuk-table__caption govuk-table__caption--s">All measures by {byLabel.toLowerCase()}</caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      {byLabel}
                    </th>
                    {MEASURES.map((m) => (
                      <th key={m.key} scope="col" className="govuk-table__header govuk-table__header--numeric">
                        {m.label}
                        {m.unit && m.unit !== "per 1,000" ? ` (${m.unit})` : ""}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {[...table.rows, table.total].map((row) => (
                    <tr key={row.key} className="govuk-table__row">
                      <th scope="row" className="govuk-table__header">
                        {row.label}
                      </th>
                      {MEASURES.map((m) => (
                        <td key={m.key} className="govuk-table__cell govuk-table__cell--numeric">
                          <FigureText figure={row.figures[m.key]} unit={m.unit} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="govuk-body redress-no-print">
              <a className="govuk-link" href={csv("groups")} download>
                Download this table (CSV)
              </a>
            </p>
            <p className="govuk-body-s">{perThousandBase.definition}</p>
          </>
        )}
      </div>
    </div>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["table"]["rows"][number];

function disparitySummary(rows: Row[], measure: "perThousand" | "upheld1", overall: { value: number | null }): string {
  const flagged = rows.filter((r) => r.disparity[measure] && (r.disparity[measure]!.low > 1 || r.disparity[measure]!.high < 1));
  if (overall.value === null) return "Too few cases to give an overall rate.";
  if (flagged.length === 0) return "No group differs from the overall rate by more than chance would explain (95% confidence).";
  return `${flagged.map((r) => `${r.label} (${r.disparity[measure]!.ratio} times the overall rate)`).join("; ")} ${flagged.length === 1 ? "differs" : "differ"} from the overall rate by more than chance would explain (95% confidence).`;
}

function DisparityTable({ rows, byLabel, measure }: { rows: Row[]; byLabel: string; measure: "perThousand" | "upheld1" }) {
  const m = MEASURE_BY_KEY[measure];
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--s">
        {m.label} by {byLabel.toLowerCase()}, with the disparity ratio against the overall rate
      </caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            {byLabel}
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            {m.unit === "%" ? "Rate (%)" : "Per 1,000"}
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Disparity ratio (95% CI)
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((r) => {
          const d = r.disparity[measure];
          return (
            <tr key={r.key} className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                {r.label}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">
                <FigureText figure={r.figures[measure]} />
              </td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{d ? `${d.ratio} (${d.low} to ${d.high})` : <FigureText figure={{ value: null, reason: "c" }} />}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Register decisions and how often they are overturned (docs/decisions/027): by decision date, not by concern. */
function RegisterDecisionFigures({ register, year }: { register: ReturnType<typeof useLoaderData<typeof loader>>["register"]; year: number }) {
  const rows: { label: string; figure: (typeof register)["decisions"]; unit?: "%" }[] = [
    { label: "Register decisions and reviews made", figure: register.decisions },
    { label: "Challenged by a concern", figure: register.challenged },
    { label: "Share challenged", figure: register.challengeRate, unit: "%" },
    { label: "Retaken as a remedy after a concern was upheld", figure: register.retaken },
    { label: "Result changed when retaken", figure: register.overturned },
    { label: "Overturn rate (of decisions retaken)", figure: register.overturnRate, unit: "%" },
  ];
  return (
    <>
      <h2 className="govuk-heading-m">Register decisions overturned</h2>
      <p className="govuk-body">
        Decisions to place, not to place or remove a child, and reviews, made in {year}, counted by the date of the decision. A decision is overturned when a setting retakes it as
        a remedy and the result changes.
      </p>
      <dl className="govuk-summary-list">
        {rows.map((row) => (
          <div className="govuk-summary-list__row" key={row.label}>
            <dt className="govuk-summary-list__key">{row.label}</dt>
            <dd className="govuk-summary-list__value">
              <FigureText figure={row.figure} unit={row.unit ?? ""} />
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
