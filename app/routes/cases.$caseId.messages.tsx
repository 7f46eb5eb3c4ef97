import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "../components/case-history";
import { CaseMessages } from "../components/case-messages";
import { recordCaseView } from "../utils/audit.server";
import { fileNamesOf } from "../utils/case-file.server";
import { parsePage } from "../utils/case-history.server";
import { caseThreadFor } from "../utils/case-messages.server";
import { loadCaseForUser } from "../utils/case-page.server";
import { getPrisma } from "../utils/db.server";
import { ROUTE_LABELS } from "../utils/format";
import { requireUserWithPermission } from "../utils/session.server";

// Every message on a case (and the reader's own organisation's internal notes), a page at a time,
// read through the same scope as the case page: a case the reader may not open is not found.

/** Messages (and notes) per page; the latest page comes first. */
const PAGE_SIZE = 50;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Messages${data.pages > 1 ? ` (page ${data.page} of ${data.pages})` : ""} – ${data.ref} – Redress` : "Messages – Redress" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "read:case");
  const page = parsePage(new URL(request.url).searchParams.get("page"));
  if (page === null) throw new Response("The page number must be a whole number from 1.", { status: 400, statusText: "Bad request" });
  const { row, view, capacities, actions } = await loadCaseForUser(user, params.caseId ?? "");
  const [thread] = await Promise.all([
    caseThreadFor(await getPrisma(), row.id, view, capacities, actions, fileNamesOf(row, view), { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    recordCaseView(user.id, row, "messages", request),
  ]);
  const pages = Math.max(1, Math.ceil(Math.max(thread.messageCount, thread.notes?.count ?? 0) / PAGE_SIZE));
  if (page > pages) throw new Response("Not found", { status: 404 });
  return json({ id: row.id, ref: row.ref, title: `${ROUTE_LABELS[view.route]}: ${row.concern.child.givenName} ${row.concern.child.familyName}`, page, pages, thread });
}

export default function CaseMessagesPage() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <Link to={`/cases/${d.id}`} className="govuk-back-link">
        Back to the case
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{d.ref}</span>
          <h1 className="govuk-heading-l">Messages: {d.title}</h1>
          {d.pages > 1 ? (
            <p className="govuk-body">
              Page {d.page} of {d.pages}: the latest messages are on page 1, each page oldest first.
            </p>
          ) : null}
          <CaseMessages thread={d.thread} caseId={d.id} />
          <Pagination page={d.page} pages={d.pages} href={(p) => `/cases/${d.id}/messages${p === 1 ? "" : `?page=${p}`}`} />
        </div>
      </div>
    </>
  );
}
