import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "../utils/format";
import { pendingLinkRequests } from "../utils/links.server";
import { requireUserWithPermission } from "../utils/session.server";

// Setting staff: people asking to be linked to a child of this setting (docs/decisions/020).

export const meta: MetaFunction = () => [{ title: "Link requests – Redress" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "read:link");
  if (!user.settingId) throw new Response("You are not linked to a setting.", { status: 403 });
  const rows = await pendingLinkRequests(user.settingId);
  return json({
    settingName: user.setting?.name ?? "",
    requests: rows.map((r) => ({
      id: r.id,
      requester: r.requester?.name ?? "Unknown",
      child: `${r.childGivenName} ${r.childFamilyName}`,
      born: r.childDateOfBirth,
      relationship: r.relationship,
      asked: r.createdAt,
    })),
  });
}

export default function LinkRequests() {
  const { settingName, requests } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <span className="govuk-caption-l">{settingName}</span>
        <h1 className="govuk-heading-l">Link requests</h1>
        <p className="govuk-body">
          Parents, carers and family members asking to be linked to a child at your setting. Check who they are (as you would before sharing anything about the child) and confirm
          or refuse. Until you confirm, they see nothing about the child.
        </p>
        {requests.length ? (
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">Waiting for a decision</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Asked by
                </th>
                <th scope="col" className="govuk-table__header">
                  Child
                </th>
                <th scope="col" className="govuk-table__header">
                  Date of birth
                </th>
                <th scope="col" className="govuk-table__header">
                  Relationship
                </th>
                <th scope="col" className="govuk-table__header">
                  Asked on
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {requests.map((r) => (
                <tr key={r.id} className="govuk-table__row">
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`/setting/link-requests/${r.id}`}>
                      {r.requester}
                      <span className="govuk-visually-hidden"> asking about {r.child}</span>
                    </Link>
                  </td>
                  <td className="govuk-table__cell">{r.child}</td>
                  <td className="govuk-table__cell">{formatDate(r.born)}</td>
                  <td className="govuk-table__cell">{r.relationship}</td>
                  <td className="govuk-table__cell">{formatDate(r.asked)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="govuk-body">There are no requests waiting.</p>
        )}
      </div>
    </div>
  );
}
