import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FigureText } from "../components/patterns";
import { ANNUAL_LETTER_WORDS } from "../utils/annual-letter";
import { loadAnnualLetter } from "../utils/annual-letter.server";
import { MEASURE_BY_KEY } from "../utils/patterns-measures";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Annual review letter${data ? ` – ${data.letter.name}` : ""} – Redress` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await loadAnnualLetter(request, params));
}

export default function AnnualLetter() {
  const { letter: l, id, today } = useLoaderData<typeof loader>();
  const pdfHref = `/analytics/letters/${l.level}/${encodeURIComponent(id)}/pdf?year=${l.year}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <p className="govuk-body redress-no-print">
          <Link className="govuk-link" to={`/analytics/letters?year=${l.year}`}>
            Back to annual letters
          </Link>
        </p>
        <span className="govuk-caption-l">Annual review letter {l.year}</span>
        <h1 className="govuk-heading-l">{l.name}</h1>
        <p className="govuk-body">{today}</p>
        <p className="govuk-body">{ANNUAL_LETTER_WORDS.greeting(l)}</p>
        <p className="govuk-body">{ANNUAL_LETTER_WORDS.intro(l)}</p>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Your figures for {l.year}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Measure
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                {l.name}
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Similar bodies
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {l.figures.map((f) => (
              <tr key={f.key} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  {MEASURE_BY_KEY[f.key].label}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  <FigureText figure={f.own} unit={MEASURE_BY_KEY[f.key].unit} />
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  <FigureText figure={f.similar} unit={MEASURE_BY_KEY[f.key].unit} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="govuk-body-s">{ANNUAL_LETTER_WORDS.rounding}</p>
        <p className="govuk-body">Yours sincerely,</p>
        <p className="govuk-body">{ANNUAL_LETTER_WORDS.from}</p>
        <p className="govuk-body redress-no-print">
          <a className="govuk-link" href={pdfHref} download>
            Download this letter as a PDF
          </a>{" "}
          or use your browser’s print command.
        </p>
      </div>
    </div>
  );
}
