import { Link } from "@remix-run/react";
import { formatDate } from "../utils/format";

const CHANNEL_TEXT: Record<string, string> = {
  phone: "By phone, logged by the setting",
  letter: "By letter, logged by the setting",
  email: "By email, logged by the setting",
  "in-person": "In person, logged by the setting",
};

/** "How it was received" for concerns staff logged on the family's behalf (nothing for online ones). */
export function ReceivedViaRow({ receivedVia }: { receivedVia: string }) {
  const text = CHANNEL_TEXT[receivedVia];
  if (!text) return null;
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">How</dt>
      <dd className="govuk-summary-list__value">{text}</dd>
    </div>
  );
}

export function YoungPersonViews({
  views,
  canAdd,
  child,
}: {
  views: { id: string; text: string; createdAt: string; byYoungPerson: boolean; author: string }[];
  canAdd: string | null;
  child: string;
}) {
  if (!views.length && !canAdd) return null;
  return (
    <>
      <h2 className="govuk-heading-m">The young person's views</h2>
      {views.length ? (
        views.map((v) => (
          <div key={v.id} className="govuk-inset-text">
            <p className="govuk-body">{v.text}</p>
            <p className="govuk-body-s govuk-!-margin-bottom-0">
              {v.byYoungPerson ? `Written by ${v.author}` : `${child}'s words, recorded by ${v.author}`} on {formatDate(v.createdAt)}
            </p>
          </div>
        ))
      ) : (
        <p className="govuk-body">No views recorded yet.</p>
      )}
      {canAdd ? (
        <p className="govuk-body">
          <Link className="govuk-link" to="views">
            {canAdd === "young-person" ? "Add your own views" : `Record ${child}'s views`}
          </Link>
        </p>
      ) : null}
    </>
  );
}
