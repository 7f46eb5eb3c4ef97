import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { recordCaseView } from "../utils/audit.server";
import { mayDownloadBundle } from "../utils/bundle.server";
import { loadLettersForUser } from "../utils/letters.server";
import { requireUserWithPermission } from "../utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Letters – ${data?.caseRef ?? "Case"} – Redress` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "read:case");
  const { loaded, letters } = await loadLettersForUser(user, params.caseId ?? "");
  await recordCaseView(user.id, loaded.row, "letters", request);
  return json({
    caseId: loaded.row.id,
    caseRef: loaded.row.ref,
    bundle: mayDownloadBundle(loaded.capacities),
    letters: letters.map((l) => ({ id: l.id, title: l.title, from: l.from, issuedOn: l.issuedOn, draft: l.draft })),
  });
}

export default function CaseLetters() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <Link to={`/cases/${d.caseId}`} className="govuk-back-link">
        Back to the case
      </Link>
      <span className="govuk-caption-l">{d.caseRef}</span>
      <h1 className="govuk-heading-l">Letters</h1>
      {d.letters.length === 0 ? (
        <p className="govuk-body">No letters yet. A letter is issued with every outcome, decision and mediation certificate, and will be listed here.</p>
      ) : (
        <ul className="govuk-list govuk-list--spaced" aria-label="Letters on this case, oldest first">
          {d.letters.map((l) => (
            <li key={l.id} className="govuk-!-margin-bottom-5">
              <Link className="govuk-link govuk-!-font-weight-bold" to={l.id}>
                {l.title}
              </Link>
              {l.draft ? (
                <>
                  {" "}
                  <strong className="govuk-tag govuk-tag--yellow">Draft</strong>
                </>
              ) : null}
              <br />
              <span className="govuk-body-s">
                {l.from}, {l.issuedOn}
              </span>
              <br />
              <a className="govuk-link govuk-body-s" href={`/cases/${d.caseId}/letters/${l.id}/pdf`} download>
                Download as PDF
                <span className="govuk-visually-hidden">
                  : {l.title}, {l.issuedOn}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {d.bundle ? (
        <>
          <h2 className="govuk-heading-m">The whole case file</h2>
          <p className="govuk-body">Download a ZIP file with every letter as a PDF, the history of the case and a list of the evidence on it.</p>
          <a className="govuk-button govuk-button--secondary" href={`/cases/${d.caseId}/bundle.zip`} download>
            Download the case bundle (ZIP)
          </a>
        </>
      ) : null}
    </>
  );
}
