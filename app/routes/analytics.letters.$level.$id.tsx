import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FigureText } from "../components/patterns";
import { getPrisma } from "../utils/db.server";
import { MEASURE_BY_KEY } from "../utils/patterns-measures";
import { parsePatternsQuery, requirePatternsAccess } from "../utils/patterns-request.server";
import { letter } from "../utils/patterns.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Annual review letter${data ? ` – ${data.letter.name}` : ""} – Redress` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ownAreaId } = await requirePatternsAccess(request);
  const q = await parsePatternsQuery(new URL(request.url), ownAreaId);
  const level = params.level;
  if (level !== "setting" && level !== "area") throw new Response("Not found", { status: 404 });
  const id = params.id ?? "";
  if (ownAreaId) {
    // Area-only users may read letters for their own area and its settings, nothing else.
    const prisma = await getPrisma();
    const inArea = level === "area" ? id === ownAreaId : (await prisma.setting.count({ where: { id, localAreaId: ownAreaId } })) > 0;
    if (!inArea) throw new Response("Not found", { status: 404 });
  }
  const found = await letter(level, id, q.year);
  if (!found) throw new Response("Not found", { status: 404 });
  return json({ letter: found, today: new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }) });
}

export default function AnnualLetter() {
  const { letter: l, today } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <p className="govuk-body redress-no-print"><Link className="govuk-link" to={`/analytics/letters?year=${l.year}`}>Back to annual letters</Link></p>
        <span className="govuk-caption-l">Annual review letter {l.year}</span>
        <h1 className="govuk-heading-l">{l.name}</h1>
        <p className="govuk-body">{today}</p>
        <p className="govuk-body">Dear {l.level === "setting" ? "headteacher or principal" : "Director of Children’s Services"},</p>
        <p className="govuk-body">
          This letter summarises the concerns about children with additional needs that reached {l.name} in {l.year}, and how
          they were handled, beside the same figures for {l.comparedWith}. We hope it helps you see where your complaint handling
          is working well and where it could improve.
        </p>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Your figures for {l.year}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Measure</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">{l.name}</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Similar bodies</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {l.figures.map((f) => (
              <tr key={f.key} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">{MEASURE_BY_KEY[f.key].label}</th>
                <td className="govuk-table__cell govuk-table__cell--numeric"><FigureText figure={f.own} unit={MEASURE_BY_KEY[f.key].unit} /></td>
                <td className="govuk-table__cell govuk-table__cell--numeric"><FigureText figure={f.similar} unit={MEASURE_BY_KEY[f.key].unit} /></td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="govuk-body-s">
          Counts are rounded to the nearest 5 (0, 1 and 2 show as 0); rates and working-day figures are given only on 30 or more
          cases. [c] means withheld to protect privacy, [z] means nothing to measure. Definitions are on the methodology page.
        </p>
        <p className="govuk-body">Yours sincerely,</p>
        <p className="govuk-body">National Practice Body</p>
        <p className="govuk-body redress-no-print">Use your browser’s print command to print this letter or save it as a PDF.</p>
      </div>
    </div>
  );
}
