import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { caseCountsByRoute, registerBreakdown, SUPPRESSION_THRESHOLD, type BreakdownRow } from "../utils/analytics.server";
import { requireUserWithPermission } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Patterns – Redress" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read:analytics");
  const [cases, need, ethnicity, sex] = await Promise.all([
    caseCountsByRoute(),
    registerBreakdown("primaryNeed"),
    registerBreakdown("ethnicity"),
    registerBreakdown("sex"),
  ]);
  return json({ cases, need, ethnicity, sex, threshold: SUPPRESSION_THRESHOLD });
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
                  {cell.suppressed ? (
                    <>
                      <span aria-hidden="true">[c]</span>
                      <span className="govuk-visually-hidden">suppressed</span>
                    </>
                  ) : (
                    cell.value
                  )}
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
          row where needed, so no child can be identified.
        </p>
        <BreakdownTable caption="Cases by route and status" first="Route" data={d.cases} />
        <BreakdownTable caption="Children on the register by primary need and area" first="Primary need" data={d.need} />
        <BreakdownTable caption="Children on the register by ethnic group and area" first="Ethnic group" data={d.ethnicity} />
        <BreakdownTable caption="Children on the register by sex and area" first="Sex" data={d.sex} />
      </div>
    </div>
  );
}
