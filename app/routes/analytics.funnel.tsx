import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Figure, FunnelChart } from "../components/charts";
import { filterQuery, PatternFilters, PatternsNav } from "../components/patterns";
import { MIN_RATE_BASE } from "../utils/disclosure";
import { badRequest, parsePatternsQuery, requirePatternsAccess } from "../utils/patterns-request.server";
import { funnel } from "../utils/patterns.server";

export const meta: MetaFunction = () => [{ title: "Early warning – Patterns – Redress" }];

const schema = z.object({
  level: z.enum(["setting", "area"], { message: "Level must be setting or area" }).default("setting"),
  measure: z.enum(["upheld", "breach"], { message: "Measure must be upheld or breach" }).default("upheld"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { ownAreaId } = await requirePatternsAccess(request);
  const url = new URL(request.url);
  const q = await parsePatternsQuery(url, ownAreaId);
  const parsed = schema.safeParse({ level: url.searchParams.get("level") || undefined, measure: url.searchParams.get("measure") || undefined });
  if (!parsed.success) throw badRequest(parsed.error.issues);
  const f = await funnel(parsed.data.level, parsed.data.measure, q.filters);
  return json({
    funnel: f,
    filters: { year: q.year, years: q.years, area: q.filters.areaId ?? "", areas: q.areas, route: q.filters.route ?? "", ownArea: Boolean(ownAreaId) },
    scope: q.filters.areaId ? (q.areas.find((a) => a.id === q.filters.areaId)?.name ?? "") : "England",
  });
}

const OUTSIDE: Record<string, string> = {
  "above-99.8": "Above the 99.8% limit",
  "above-95": "Above the 95% limit",
  "below-95": "Below the 95% limit",
  "below-99.8": "Below the 99.8% limit",
};

export default function EarlyWarning() {
  const { funnel: f, filters, scope } = useLoaderData<typeof loader>();
  const bodies = f.level === "setting" ? "settings" : "local areas";
  const rateName = f.measure === "upheld" ? "share of setting responses upheld" : "share of cases with a deadline missed";
  const outside = f.points.filter((p) => p.outside);
  const summary =
    f.nationalRate === null
      ? "Too few cases to draw a funnel plot."
      : `${f.points.length} ${f.points.length === 1 ? bodies.replace(/s$/, "") : bodies} with ${MIN_RATE_BASE} or more cases ${f.points.length === 1 ? "is" : "are"} plotted against the overall rate of ${f.nationalRate}%. ${outside.filter((p) => p.outside!.startsWith("above")).length} lie above the 95% control limit and ${outside.filter((p) => p.outside!.startsWith("below")).length} below it. About ${f.notShown} ${bodies} with fewer cases are not shown.`;
  const csv = `/analytics/export.csv?${filterQuery(filters, { table: `funnel-${f.level}-${f.measure}` })}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <span className="govuk-caption-l">
          {scope}, concerns received in {filters.year}
        </span>
        <h1 className="govuk-heading-l">Early warning: {bodies} outside the expected range</h1>
        <PatternsNav current="/analytics/funnel" />
        <PatternFilters
          state={filters}
          showBy={false}
          extra={
            <>
              <div className="govuk-form-group govuk-!-display-inline-block govuk-!-margin-right-4">
                <label className="govuk-label" htmlFor="level">
                  Compare
                </label>
                <select className="govuk-select" id="level" name="level" defaultValue={f.level}>
                  <option value="setting">Settings</option>
                  <option value="area">Local areas</option>
                </select>
              </div>
              <div className="govuk-form-group govuk-!-display-inline-block govuk-!-margin-right-4">
                <label className="govuk-label" htmlFor="measure">
                  Measure
                </label>
                <select className="govuk-select" id="measure" name="measure" defaultValue={f.measure}>
                  <option value="upheld">Responses upheld</option>
                  <option value="breach">Deadlines missed</option>
                </select>
              </div>
            </>
          }
        />
        <p className="govuk-body">
          A funnel plot shows each body’s rate against how many cases it had. Small bodies vary more by chance, so the control limits widen as volume falls. A body outside the
          99.8% limits is very unlikely to be there by chance and should be looked at first.
        </p>
        {f.nationalRate === null ? (
          <p className="govuk-body">{summary}</p>
        ) : (
          <Figure
            id="funnel"
            title={`The ${rateName}, by ${f.level === "setting" ? "setting" : "local area"}`}
            summary={summary}
            picture={
              <FunnelChart
                label={`Funnel plot of the ${rateName} against the number of cases for each of ${f.points.length} ${bodies}. ${summary}`}
                points={f.points}
                nationalRate={f.nationalRate}
                maxVolume={f.maxVolume}
                volumeLabel={f.measure === "upheld" ? "Setting responses" : "Cases received"}
              />
            }
            table={<FunnelTable points={f.points} level={f.level} caption={`All ${bodies} plotted`} />}
          />
        )}
        <h2 className="govuk-heading-m">Outside the control limits</h2>
        {outside.length === 0 ? (
          <p className="govuk-body">None.</p>
        ) : (
          <FunnelTable points={outside} level={f.level} caption={`${bodies[0]!.toUpperCase()}${bodies.slice(1)} outside the 95% control limits`} />
        )}
        <p className="govuk-body redress-no-print">
          <a className="govuk-link" href={csv} download>
            Download the plotted figures (CSV)
          </a>
        </p>
      </div>
    </div>
  );
}

function FunnelTable({
  points,
  level,
  caption,
}: {
  points: Array<{ id: string; name: string; volume: number; rate: number; outside: string | null }>;
  level: string;
  caption: string;
}) {
  return (
    <div className="redress-table-scroll">
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              {level === "setting" ? "Setting" : "Local area"}
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Cases
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Rate
            </th>
            <th scope="col" className="govuk-table__header">
              Against the limits
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {points.map((p) => (
            <tr key={p.id} className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                {p.name}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{p.volume.toLocaleString("en-GB")}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{p.rate}%</td>
              <td className="govuk-table__cell">{p.outside ? OUTSIDE[p.outside] : "Within"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
