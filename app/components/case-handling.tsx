import { respondentName, URGENT_REASON_LABELS, type CaseView } from "../../machines";
import { formatDate } from "../utils/format";

// Triage on the case page (docs/decisions/024): whether it is urgent and what that means, who
// handles it, and who it is about. Kept apart from the rest of the case file.

/** What "urgent" means, told plainly: the order of work changes, the deadlines do not. */
export function UrgentNotice({ urgent, isFamily }: { urgent: CaseView["urgent"]; isFamily: boolean }) {
  if (!urgent) return null;
  const body = `the ${respondentName(urgent.rung)}`;
  const reason = URGENT_REASON_LABELS[urgent.reason];
  return (
    <div className="govuk-warning-text" data-testid="urgent-notice">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <div className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        Marked urgent by {body} on {formatDate(urgent.on)}: {reason.charAt(0).toLowerCase() + reason.slice(1)}.
        {urgent.details ? <span className="govuk-!-display-block govuk-!-font-weight-regular govuk-!-margin-top-2">“{urgent.details}”</span> : null}
        <span className="govuk-!-display-block govuk-!-font-weight-regular govuk-!-margin-top-2">
          {isFamily
            ? `Your concern is at the top of the list of everyone working on it, and ${body} has been asked to deal with it as soon as possible. The deadlines have not changed: the dates shown are still the latest they may take, not a target.`
            : "Deal with this case before others. The deadlines have not changed: they are the latest you may take, not a target."}
        </span>
        <span className="govuk-!-display-block govuk-!-font-weight-regular govuk-!-margin-top-2">
          {isFamily
            ? "Redress is not an emergency service. If you think a child is at risk of harm now, call 999. If you are worried about a child’s safety, contact your local council’s children’s social care team."
            : "A safeguarding worry must also be reported through your own safeguarding procedures (your designated safeguarding lead, and the local council’s children’s social care team where a child may be at risk): recording it here does not report it."}
        </span>
      </div>
    </div>
  );
}

/** Summary-list rows for the sidebar: who handles the concern now, and who it is about. */
export function HandlingRows({ handler, about }: { handler: string | null; about: string[] }) {
  return (
    <>
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">Handled by</dt>
        <dd className="govuk-summary-list__value" data-testid="handled-by">
          {handler ?? "Not yet assigned"}
        </dd>
      </div>
      {about.length ? (
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">About</dt>
          <dd className="govuk-summary-list__value">{about.join("; ")}</dd>
        </div>
      ) : null}
    </>
  );
}
