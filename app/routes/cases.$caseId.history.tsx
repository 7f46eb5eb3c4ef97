import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination, Timeline } from "../components/case-history";
import { recordCaseView } from "../utils/audit.server";
import { HISTORY_PAGE_SIZE, historyPage, parsePage } from "../utils/case-history.server";
import { historyOf } from "../utils/case-file";
import { fileNamesOf } from "../utils/case-file.server";
import { loadCaseForUser } from "../utils/case-page.server";
import { noteReadersOf } from "../utils/case-messages";
import { getPrisma } from "../utils/db.server";
import { evidenceFor } from "../utils/evidence.server";
import { ROUTE_LABELS } from "../utils/format";
import { requireUserWithPermission } from "../utils/session.server";

// The full history of a case, newest first, a page at a time (docs/decisions/017). Read through
// the same scope as the case page: a case the reader may not open is not found.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `History${data.pages > 1 ? ` (page ${data.page} of ${data.pages})` : ""} – ${data.ref} – Redress` : "History – Redress" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "read:case");
  const page = parsePage(new URL(request.url).searchParams.get("page"));
  if (page === null) throw new Response("The page number must be a whole number from 1.", { status: 400, statusText: "Bad request" });
  const { row, view, capacities } = await loadCaseForUser(user, params.caseId ?? "");
  const isFamily = capacities.includes("family");
  const [history, evidence] = await Promise.all([
    historyPage(await getPrisma(), row.id, isFamily, page, noteReadersOf(capacities)),
    evidenceFor({ row, capacities, view }),
    recordCaseView(user.id, row, "history", request),
  ]);
  if (page > history.pages) throw new Response("Not found", { status: 404 });
  return json({
    id: row.id,
    ref: row.ref,
    title: `${ROUTE_LABELS[view.route]}: ${row.concern.child.givenName} ${row.concern.child.familyName}`,
    page,
    pages: history.pages,
    total: history.total,
    first: (page - 1) * HISTORY_PAGE_SIZE + 1,
    entries: historyOf(history.events, view, fileNamesOf(row, view), isFamily, new Set(evidence.items.map((item) => item.id))),
  });
}

export default function CaseHistoryPage() {
  const d = useLoaderData<typeof loader>();
  const last = d.first + d.entries.length - 1;
  return (
    <>
      <Link to={`/cases/${d.id}`} className="govuk-back-link">
        Back to the case
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{d.ref}</span>
          <h1 className="govuk-heading-l">History: {d.title}</h1>
          <p className="govuk-body">
            {d.total === 0
              ? "Nothing has been recorded on this case yet."
              : d.pages > 1
                ? `Showing ${d.first.toLocaleString("en-GB")} to ${last.toLocaleString("en-GB")} of ${d.total.toLocaleString("en-GB")} entries, newest first.`
                : `${d.total.toLocaleString("en-GB")} ${d.total === 1 ? "entry" : "entries"}, newest first.`}
          </p>
          {/* Numbered from the oldest (entry 1 is when the concern was raised). */}
          <Timeline entries={d.entries} start={d.total - d.first + 1} />
          <Pagination page={d.page} pages={d.pages} href={(p) => `/cases/${d.id}/history${p === 1 ? "" : `?page=${p}`}`} />
        </div>
      </div>
    </>
  );
}
