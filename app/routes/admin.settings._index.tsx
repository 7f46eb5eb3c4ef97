import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getPrisma } from "../utils/db.server";
import { requireUserWithPermission } from "../utils/session.server";

// Settings and their term dates, for administrators (docs/decisions/020).

export const meta: MetaFunction = () => [{ title: "Settings – Redress" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "update:setting");
  const prisma = await getPrisma();
  const settings = await prisma.setting.findMany({
    select: { id: true, name: true, urn: true, kind: true, schoolTerms: true, localArea: { select: { name: true } } },
    orderBy: [{ localArea: { name: "asc" } }, { name: "asc" }],
  });
  return json({
    settings: settings.map((s) => ({ id: s.id, name: s.name, urn: s.urn, kind: s.kind, area: s.localArea.name, terms: Array.isArray(s.schoolTerms) ? s.schoolTerms.length : 0 })),
  });
}

export default function Settings() {
  const { settings } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <h1 className="govuk-heading-l">Settings</h1>
        <p className="govuk-body">
          Nurseries, schools and colleges. A setting with term dates counts its own deadlines in school days; without them, in working days (Monday to Friday, not bank holidays).
        </p>
        <div className="govuk-button-group">
          <Link className="govuk-button" to="/admin/settings/new" role="button" data-module="govuk-button">
            Add a setting
          </Link>
          <Link className="govuk-link" to="/admin/areas">
            Local areas
          </Link>
        </div>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">{settings.length} settings</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Name
              </th>
              <th scope="col" className="govuk-table__header">
                URN
              </th>
              <th scope="col" className="govuk-table__header">
                Local area
              </th>
              <th scope="col" className="govuk-table__header">
                Deadlines count
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {settings.map((s) => (
              <tr key={s.id} className="govuk-table__row">
                <td className="govuk-table__cell">
                  <a className="govuk-link" href={`/admin/settings/${s.id}`}>
                    {s.name}
                  </a>
                </td>
                <td className="govuk-table__cell">{s.urn}</td>
                <td className="govuk-table__cell">{s.area}</td>
                <td className="govuk-table__cell">{s.terms ? `School days (${s.terms} terms entered)` : "Working days"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
