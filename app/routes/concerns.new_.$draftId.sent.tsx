import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { sentConcern } from "../utils/concern-drafts.server";
import { formatDate, ROUTE_LABELS } from "../utils/format";
import { MAX_LENGTH } from "../utils/limits";
import { requireUserWithPermission } from "../utils/session.server";

// The confirmation page (docs/decisions/025): the reference, what happens next, and the date the
// setting must acknowledge by, read from the case's own deadline (its calendar may count school days).

export const meta: MetaFunction = () => [{ title: "Concern sent – Redress" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "create:concern");
  const sent = await sentConcern(user.id, (params.draftId ?? "").slice(0, MAX_LENGTH.id));
  if (!sent) throw new Response("There is no sent concern here.", { status: 404, statusText: "Not Found" });
  return json({
    ...sent,
    acknowledgeBy: sent.acknowledgeBy ? formatDate(sent.acknowledgeBy) : null,
    cases: sent.cases.map((c) => ({ id: c.id, ref: c.ref, route: ROUTE_LABELS[c.route as keyof typeof ROUTE_LABELS] ?? "" })),
  });
}

export default function ConcernSent() {
  const { ref, setting, cases, acknowledgeBy } = useLoaderData<typeof loader>();
  const split = cases.length > 1;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Concern sent</h1>
          <div className="govuk-panel__body">
            Your reference number
            <br />
            <strong>{ref}</strong>
          </div>
        </div>
        <p className="govuk-body">We have sent you an email to confirm. Use the reference if you call or write about this concern.</p>
        <h2 className="govuk-heading-m">What happens next</h2>
        {acknowledgeBy ? (
          <p className="govuk-body">
            {setting} must acknowledge your concern by <strong>{acknowledgeBy}</strong> and tell you who is handling it.
          </p>
        ) : (
          <p className="govuk-body">{setting} will acknowledge your concern and tell you who is handling it.</p>
        )}
        <p className="govuk-body">
          They will then look into it and send you their response. If you are not happy with their answer, you can take it to the local service, and then to a national body.
          Redress tells you by email each time something happens, and what you can do next.
        </p>
        {split ? (
          <p className="govuk-body">
            Your concern is about how a decision was made and about the support itself, so it has been split into two linked cases. Each has its own route and deadlines.
          </p>
        ) : null}
        <ul className="govuk-list">
          {cases.map((c) => (
            <li key={c.id}>
              <Link className="govuk-link" to={`/cases/${c.id}`}>
                See your concern{split ? `: ${c.route.toLowerCase()}` : ""}
                <span className="govuk-visually-hidden"> ({c.ref})</span>
              </Link>
            </li>
          ))}
          <li>
            <Link className="govuk-link" to="/dashboard">
              Go to your home page
            </Link>
          </li>
        </ul>
      </div>
    </div>
  );
}
