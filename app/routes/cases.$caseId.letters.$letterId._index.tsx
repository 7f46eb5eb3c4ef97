import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LetterView } from "../components/letter";
import { recordCaseView } from "../utils/audit.server";
import { loadLetterForUser } from "../utils/letters.server";
import { requireUserWithPermission } from "../utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.letter.draft ? "Draft: " : ""}${data.letter.title} – ${data.letter.caseRef}` : "Letter"} – Redress` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "read:case");
  const { loaded, letter } = await loadLetterForUser(user, params.caseId ?? "", params.letterId ?? "");
  await recordCaseView(user.id, loaded.row, `letter:${letter.id}`, request);
  return json({ caseId: loaded.row.id, letter });
}

export default function LetterPage() {
  const { caseId, letter } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="redress-no-print">
          <Link to={`/cases/${caseId}/letters`} className="govuk-back-link">
            Back to letters
          </Link>
          <p className="govuk-body">
            <a className="govuk-link" href={`/cases/${caseId}/letters/${letter.id}/pdf`} download>
              Download this letter as a PDF
            </a>{" "}
            or use your browser’s print command.
          </p>
        </div>
        <LetterView letter={letter} />
      </div>
    </div>
  );
}
