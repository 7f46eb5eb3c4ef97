import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Pagination } from "../components/case-history";
import { Select, TextInput } from "../components/forms";
import { QueueTable } from "../components/work-queue";
import { requireUserWithPermission } from "../utils/session.server";
import { isStaff, pageOf, QUEUE_PAGE_SIZE, QUEUE_PAGE_SIZES, QUEUE_STATUSES, queueHref, queueQueryOf } from "../utils/work-queue";
import { queueSettings, workQueue } from "../utils/work-queue.server";

export const meta: MetaFunction = () => [{ title: "Cases – Redress" }];

const STATUS_LABELS: Record<(typeof QUEUE_STATUSES)[number], string> = {
  open: "Open",
  paused: "Paused",
  "in-mediation": "In mediation",
  "monitoring-compliance": "Remedies monitored",
  closed: "Closed",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "read:case");
  const params = new URL(request.url).searchParams;
  const page = pageOf(params.get("page"));
  if (page === undefined) throw new Response("The page number must be a whole number from 1", { status: 400 });
  const query = queueQueryOf(params, user.roles);
  const [queue, settings] = await Promise.all([workQueue(user, query, page), queueSettings(user)]);
  if (queue.rows.length === 0 && page > 1) throw new Response("There is no such page", { status: 404 });
  const staff = isStaff(user.roles);
  return json({ queue, query, settings, staff, userId: user.id, filtered: [query.q, query.status, query.route, query.rung, query.setting, query.assigned].some(Boolean) });
}

export default function Cases() {
  const { queue, query, settings, staff, filtered } = useLoaderData<typeof loader>();
  const first = (queue.page - 1) * queue.pageSize + 1;
  const last = first + queue.rows.length - 1;
  const what = query.show === "mine" ? "cases needing your action" : "cases";
  const caption = `${query.show === "mine" ? "Cases needing your action" : "Your cases"}: urgent first, then overdue, then due soonest`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <h1 className="govuk-heading-l">Cases</h1>
        <p className="govuk-body">
          {query.show === "mine" ? "Cases needing your action. " : staff ? "All the cases you can see. " : ""}Urgent cases come first, then anything overdue, then what is due
          soonest.
        </p>
      </div>
      <div className="govuk-grid-column-one-third">
        {/* A plain GET form: filters and search work without JavaScript, and the address can be bookmarked or shared. */}
        <form method="get" action="/cases" className="redress-filter" key={queueHref(query, 1)} role="search" aria-label="Filter cases">
          <h2 className="govuk-heading-m">Filter</h2>
          <TextInput name="q" label="Search" hint="Reference, child’s name or setting" defaultValue={query.q ?? ""} type="search" />
          <Select
            name="show"
            label="Show"
            defaultValue={query.show}
            options={[
              { value: "mine", label: "Needing your action" },
              { value: "all", label: "All cases you can see" },
            ]}
          />
          <Select
            name="status"
            label="Status"
            defaultValue={query.status ?? ""}
            options={[{ value: "", label: "Any status" }, ...QUEUE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))]}
          />
          <Select
            name="route"
            label="About"
            defaultValue={query.route ?? ""}
            options={[
              { value: "", label: "Either" },
              { value: "process", label: "How a decision was made" },
              { value: "substance", label: "Level and quality of support" },
            ]}
          />
          <Select
            name="rung"
            label="Stage"
            defaultValue={query.rung ? String(query.rung) : ""}
            options={[
              { value: "", label: "Any stage" },
              { value: "1", label: "Stage 1: the setting" },
              { value: "2", label: "Stage 2: the local service" },
              { value: "3", label: "Stage 3: the national body" },
            ]}
          />
          {settings.length > 1 ? (
            <Select
              name="setting"
              label="Setting"
              defaultValue={query.setting ?? ""}
              options={[{ value: "", label: "Any setting" }, ...settings.map((s) => ({ value: s.id, label: s.name }))]}
            />
          ) : null}
          {staff ? (
            <Select
              name="assigned"
              label="Handled by"
              defaultValue={query.assigned ?? ""}
              options={[
                { value: "", label: "Anyone" },
                { value: "me", label: "You" },
                { value: "nobody", label: "Not yet assigned" },
              ]}
            />
          ) : null}
          <Select
            name="perPage"
            label="Cases per page"
            defaultValue={String(query.perPage ?? QUEUE_PAGE_SIZE)}
            options={QUEUE_PAGE_SIZES.map((size) => ({ value: size, label: size }))}
          />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Apply filters
            </button>
            {filtered || query.show !== (staff ? "mine" : "all") ? (
              <a className="govuk-link" href="/cases">
                Clear filters
              </a>
            ) : null}
          </div>
        </form>
      </div>
      <div className="govuk-grid-column-two-thirds">
        {queue.total === 0 ? (
          <>
            <p className="govuk-body" role="status">
              {query.show === "mine" && !filtered ? "Nothing needs your action at the moment." : "No cases match these filters."}
            </p>
            {query.show === "mine" ? (
              <p className="govuk-body">
                <a className="govuk-link" href={`/cases${queueHref({ ...query, show: "all" }, 1)}`}>
                  See all the cases you can see
                </a>
              </p>
            ) : null}
          </>
        ) : (
          <>
            <p className="govuk-body" role="status" data-testid="queue-count">
              Showing {first.toLocaleString("en-GB")} to {last.toLocaleString("en-GB")} of {queue.total.toLocaleString("en-GB")} {what}
            </p>
            <QueueTable rows={queue.rows} caption={caption} />
            <Pagination page={queue.page} pages={queue.lastPage} href={(p) => `/cases${queueHref(query, p)}`} />
          </>
        )}
      </div>
    </div>
  );
}
