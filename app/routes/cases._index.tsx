import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getPrisma } from "../utils/db.server";
import { formatDate, ROUTE_LABELS, RUNG_LABELS } from "../utils/format";
import { caseScope } from "../utils/permissions.server";
import { requireUserWithPermission } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Cases – Redress" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "read:case");
  const prisma = await getPrisma();
  const cases = await prisma.case.findMany({
    where: caseScope(user, "read"),
    orderBy: [{ status: "asc" }, { updatedAt: "desc" }],
    take: 200,
    select: {
      id: true,
      ref: true,
      route: true,
      rung: true,
      status: true,
      stateValue: true,
      setting: { select: { name: true } },
      concern: { select: { child: { select: { givenName: true, familyName: true } } } },
      deadlines: { where: { status: "open", kind: "deadline" }, orderBy: { dueOn: "asc" }, take: 1, select: { label: true, dueOn: true } },
    },
  });
  return json({ cases });
}

export default function Cases() {
  const { cases } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <h1 className="govuk-heading-l">Cases</h1>
        {cases.length === 0 ? (
          <p className="govuk-body">There are no cases for you to see.</p>
        ) : (
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">{cases.length} cases</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Reference</th>
                <th scope="col" className="govuk-table__header">Child or young person</th>
                <th scope="col" className="govuk-table__header">About</th>
                <th scope="col" className="govuk-table__header">Where it is</th>
                <th scope="col" className="govuk-table__header">Next deadline</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {cases.map((c) => (
                <tr key={c.id} className="govuk-table__row">
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`/cases/${c.id}`}>{c.ref}</Link>
                  </td>
                  <td className="govuk-table__cell">
                    {c.concern.child.givenName} {c.concern.child.familyName}
                    <br />
                    <span className="govuk-body-s">{c.setting.name}</span>
                  </td>
                  <td className="govuk-table__cell">{ROUTE_LABELS[c.route]}</td>
                  <td className="govuk-table__cell">
                    <strong className={`govuk-tag${c.status === "closed" ? " govuk-tag--grey" : ""}`}>{c.status}</strong>
                    <br />
                    <span className="govuk-body-s">{c.rung ? RUNG_LABELS[c.rung] : "Triage"}</span>
                  </td>
                  <td className="govuk-table__cell">
                    {c.deadlines[0] ? (
                      <>
                        {formatDate(c.deadlines[0].dueOn)}
                        <br />
                        <span className="govuk-body-s">{c.deadlines[0].label}</span>
                      </>
                    ) : (
                      "None"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
