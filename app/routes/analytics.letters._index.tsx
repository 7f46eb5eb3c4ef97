import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PatternsNav } from "../components/patterns";
import { parsePatternsQuery, requirePatternsAccess } from "../utils/patterns-request.server";
import { letterBodies } from "../utils/patterns.server";

export const meta: MetaFunction = () => [{ title: "Annual letters – Patterns – Redress" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { ownAreaId } = await requirePatternsAccess(request);
  const q = await parsePatternsQuery(new URL(request.url), ownAreaId);
  const areaId = q.filters.areaId;
  return json({
    year: q.year,
    years: q.years,
    areas: q.areas,
    area: areaId ? { id: areaId, name: q.areas.find((a) => a.id === areaId)?.name ?? "" } : null,
    settings: areaId ? await letterBodies("setting", areaId) : [],
  });
}

export default function Letters() {
  const { year, years, areas, area, settings } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Annual review letters</h1>
        <PatternsNav current="/analytics/letters" />
        <p className="govuk-body">
          Each letter sets one setting’s or local area’s figures for a year beside those of similar bodies, ready to print. The same disclosure rules apply as everywhere else.
        </p>
        <p className="govuk-body">
          Letters for{" "}
          {years
            .filter((y) => y <= year)
            .slice(0, 1)
            .map((y) => (
              <strong key={y}>{y}</strong>
            ))}
          ; other years:{" "}
          {years
            .filter((y) => y !== year)
            .map((y, i) => (
              <span key={y}>
                {i ? ", " : ""}
                <Link className="govuk-link" to={`?year=${y}${area ? `&area=${area.id}` : ""}`}>
                  {y}
                </Link>
              </span>
            ))}
          .
        </p>
        {area ? (
          <>
            <h2 className="govuk-heading-m">Settings in {area.name}</h2>
            <ul className="govuk-list">
              <li>
                <Link className="govuk-link" to={`/analytics/letters/area/${area.id}?year=${year}`}>
                  Letter to {area.name} (local area)
                </Link>
              </li>
              {settings.map((s) => (
                <li key={s.id}>
                  <Link className="govuk-link" to={`/analytics/letters/setting/${s.id}?year=${year}`}>
                    {s.name}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <h2 className="govuk-heading-m">Local areas</h2>
        <ul className="govuk-list">
          {areas.map((a) => (
            <li key={a.id}>
              <Link className="govuk-link" to={`/analytics/letters/area/${a.id}?year=${year}`}>
                {a.name}
              </Link>{" "}
              (
              <Link className="govuk-link" to={`?year=${year}&area=${a.id}`}>
                its settings<span className="govuk-visually-hidden"> in {a.name}</span>
              </Link>
              )
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
