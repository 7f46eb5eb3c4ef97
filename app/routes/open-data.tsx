import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { londonDate } from "../utils/dates";
import { DIMENSION_LABELS, DIMENSIONS } from "../utils/patterns-measures";

export const meta: MetaFunction = () => [{ title: "Open data – Redress" }];

// Open data: England-wide tables for complete calendar years, public, under the Open Government
// Licence. The same disclosure control as the dashboard (docs/decisions/009).
export function loader() {
  const lastFullYear = Number(londonDate().slice(0, 4)) - 1;
  return json({ years: [lastFullYear, lastFullYear - 1] });
}

export default function OpenData() {
  const { years } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Open data</h1>
        <p className="govuk-body">
          England-wide figures on concerns about children with additional needs, for complete calendar years, as CSV files. You may reuse them under the Open Government Licence
          v3.0. Every figure is rounded and protected as described in the{" "}
          <Link className="govuk-link" to="/methodology">
            methodology
          </Link>
          .
        </p>
        {years.map((year) => (
          <div key={year}>
            <h2 className="govuk-heading-m">{year}</h2>
            <ul className="govuk-list">
              <li>
                <a className="govuk-link" href={`/open-data.csv?year=${year}&table=trends`} download>
                  Cases received, concluded and open by month, {year} (CSV)
                </a>
              </li>
              {DIMENSIONS.map((d) => (
                <li key={d}>
                  <a className="govuk-link" href={`/open-data.csv?year=${year}&table=groups&by=${d}`} download>
                    All measures by {DIMENSION_LABELS[d].toLowerCase()}, {year} (CSV)
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </div>
  );
}
