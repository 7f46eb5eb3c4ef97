import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { caseCountsByRoute, registerBreakdown, SUPPRESSION_THRESHOLD, type BreakdownRow, type Cell } from "../utils/analytics.server";
import { londonDate } from "../utils/dates";
import { casePatterns, DIMENSIONS, type Dimension } from "../utils/patterns.server";
import { requireUserWithPermission } from "../utils/session.server";

// NOTE: patterns.server is stripped from the browser bundle, so its values are only read in the loader.
const dimensionKeys = () => Object.keys(DIMENSIONS) as [Dimension, ...Dimension[]];

export const meta: MetaFunction = () => [{ title: "Patterns – Redress" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read:analytics");
  const thisYear = Number(londonDate().slice(0, 4));
  const query = z
    .object({
      by: z.enum(dimensionKeys()).catch("area"),
      year: z.coerce.number().int().min(2020).max(thisYear).catch(thisYear),
    })
    .parse(Object.fromEntries(new URL(request.url).searchParams));
  const [patterns, cases, need, ethnicity, sex] = await Promise.all([
    casePatterns(query.by, query.year),
    caseCountsByRoute(),
    registerBreakdown("primaryNeed"),
    registerBreakdown("ethnicity"),
    registerBreakdown("sex"),
  ]);
  return json({
    patterns,
    by: query.by,
    year: query.year,
    years: Array.from({ length: thisYear - 2020 + 1 }, (_, i) => thisYear - i),
    dimensions: dimensionKeys().map((key) => ({ key, label: DIMENSIONS[key].label })),
    cases,
    need,
    ethnicity,
    sex,
    threshold: SUPPRESSION_THRESHOLD,
  });
}

function CellValue({ cell, percent }: { cell: Cell; percent?: boolean }) {
  if (cell.suppressed) {
    return (
      <>
        <span aria-hidden="true">[c]</span>
        <span className="govuk-visually-hidden">suppressed</span>
      </>
    );
  }
  if (cell.value === null) {
    return (
      <>
        <span aria-hidden="true">–</span>
        <span className="govuk-visually-hidden">none</span>
      </>
    );
  }
  return <>{percent ? `${cell.value}%` : cell.value}</>;
}

function BreakdownTable({ caption, first, data }: { caption: string; first: string; data: { columns: string[]; rows: BreakdownRow[] } }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">{first}</th>
          {data.columns.map((c) => (
            <th key={c} scope="col" className="govuk-table__header govuk-table__header--numeric">{c}</th>
          ))}
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">Total</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {data.rows.length === 0 ? (
          <tr className="govuk-table__row">
            <td className="govuk-table__cell" colSpan={data.columns.length + 2}>No data yet</td>
          </tr>
        ) : (
          data.rows.map((row) => (
            <tr key={row.label} className="govuk-table__row">
              <th scope="row" className="govuk-table__header">{row.label}</th>
              {[...row.cells, row.total].map((cell, i) => (
                <td key={i} className="govuk-table__cell govuk-table__cell--numeric">
                  <CellValue cell={cell} />
                </td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

export default function Analytics() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <h1 className="govuk-heading-l">Patterns across settings and areas</h1>
        <p className="govuk-body">
          Totals only. Counts from 1 to {d.threshold - 1} are shown as [c] (confidential), together with the next smallest count in the
          row where needed, and so is any percentage worked out from one, so no child can be identified. A dash means there
          was nothing to measure.
        </p>
        <h2 className="govuk-heading-m">Concerns by group</h2>
        <Form method="get" className="govuk-!-margin-bottom-4">
          <div className="govuk-form-group govuk-!-display-inline-block govuk-!-margin-right-4">
            <label className="govuk-label" htmlFor="by">Group by</label>
            <select className="govuk-select" id="by" name="by" defaultValue={d.by}>
              {d.dimensions.map((dim) => (
                <option key={dim.key} value={dim.key}>{dim.label}</option>
              ))}
            </select>
          </div>
          <div className="govuk-form-group govuk-!-display-inline-block govuk-!-margin-right-4">
            <label className="govuk-label" htmlFor="year">Year received</label>
            <select className="govuk-select" id="year" name="year" defaultValue={String(d.year)}>
              {d.years.map((y) => (
                <option key={y} value={y}>{y}</option>
              ))}
            </select>
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">Show</button>
        </Form>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">
            Concerns received in {d.year}, by {d.dimensions.find((x) => x.key === d.by)?.label.toLowerCase()}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">{d.dimensions.find((x) => x.key === d.by)?.label}</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Cases</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Taken to a higher stage</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Findings upheld (fully or partly)</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Deadlines missed</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Mediation offers</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Remedies done</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {d.patterns.length === 0 ? (
              <tr className="govuk-table__row">
                <td className="govuk-table__cell" colSpan={7}>No concerns received in {d.year}</td>
              </tr>
            ) : (
              d.patterns.map((row) => (
                <tr key={row.label} className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">{row.label}</th>
                  <td className="govuk-table__cell govuk-table__cell--numeric"><CellValue cell={row.cases} /></td>
                  <td className="govuk-table__cell govuk-table__cell--numeric"><CellValue cell={row.escalationRate} percent /></td>
                  <td className="govuk-table__cell govuk-table__cell--numeric"><CellValue cell={row.upholdRate} percent /></td>
                  <td className="govuk-table__cell govuk-table__cell--numeric"><CellValue cell={row.breaches} /></td>
                  <td className="govuk-table__cell govuk-table__cell--numeric"><CellValue cell={row.mediationOffers} /></td>
                  <td className="govuk-table__cell govuk-table__cell--numeric"><CellValue cell={row.remedyCompliance} percent /></td>
                </tr>
              ))
            )}
          </tbody>
        </table>
        <BreakdownTable caption="Cases by route and status" first="Route" data={d.cases} />
        <BreakdownTable caption="Children on the register by primary need and area" first="Primary need" data={d.need} />
        <BreakdownTable caption="Children on the register by ethnic group and area" first="Ethnic group" data={d.ethnicity} />
        <BreakdownTable caption="Children on the register by sex and area" first="Sex" data={d.sex} />
      </div>
    </div>
  );
}
