import { Link } from "@remix-run/react";
import { formatDate } from "../utils/format";
import type { EvidenceListItem } from "../utils/evidence.server";

// The case page's Evidence section (docs/decisions/022): every file this reader may see, with who
// added it and when, what it is, its size and who can see it, each downloaded through the
// authorised route; and the way to add one when this reader may.

export function CaseEvidence({ caseId, items, canAdd }: { caseId: string; items: EvidenceListItem[]; canAdd: boolean }) {
  if (items.length === 0 && !canAdd) return null;
  return (
    <section aria-labelledby="evidence" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="evidence" tabIndex={-1}>
        Evidence
      </h2>
      {items.length === 0 ? <p className="govuk-body">No files have been added yet.</p> : null}
      {items.length ? (
        <ul className="govuk-list govuk-list--spaced" data-testid="evidence-list">
          {items.map((item) => (
            <li key={item.id} className="govuk-!-padding-bottom-2 redress-evidence-item">
              {item.erased ? (
                <p className="govuk-body govuk-!-margin-bottom-1">
                  <strong>File removed</strong>: personal data was erased.
                </p>
              ) : (
                <p className="govuk-body govuk-!-margin-bottom-1">
                  <a className="govuk-link govuk-!-font-weight-bold" href={`/cases/${caseId}/evidence/${item.id}`} download>
                    {item.description}
                    <span className="govuk-visually-hidden"> – download {item.fileType}</span>
                  </a>
                </p>
              )}
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                {item.fileType}, {item.size}
                {item.erased ? null : <span className="redress-break-words"> – {item.fileName}</span>}
              </p>
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                Added by {item.addedBy} on {formatDate(item.addedOn)}
              </p>
              <p className="govuk-body-s govuk-!-margin-bottom-0">Who can see it: {item.visibility}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {canAdd ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/cases/${caseId}/add-evidence`}>
            Add evidence<span className="govuk-visually-hidden"> to this concern</span>
          </Link>
        </p>
      ) : null}
    </section>
  );
}
