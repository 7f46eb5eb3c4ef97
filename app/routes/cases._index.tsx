import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseTable } from "../components/case-table";
import { listCases } from "../utils/case-list.server";
import { requireUserWithPermission } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Cases – Redress" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "read:case");
  return json({ cases: await listCases(user) });
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
          <CaseTable cases={cases} caption={`${cases.length} cases, most recently changed first`} />
        )}
      </div>
    </div>
  );
}
