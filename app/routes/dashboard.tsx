import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CaseTable } from "../components/case-table";
import { casesDueSoonest } from "../utils/case-list.server";
import { getPrisma } from "../utils/db.server";
import { caseScope } from "../utils/permissions.server";
import { familyPromptsFor } from "../utils/family-prompts.server";
import { unsentDrafts } from "../utils/concern-drafts.server";
import { formatDate } from "../utils/format";
import { childrenOfUser } from "../utils/representation-scope";
import { userHasPermission } from "../utils/permissions";
import { requireUser } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Home – Redress" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const prisma = await getPrisma();
  const canReadCases = userHasPermission(user, "read:case");
  const [open, closed] = canReadCases
    ? await Promise.all([
        prisma.case.count({ where: { AND: [caseScope(user, "read"), { status: { not: "closed" } }] } }),
        prisma.case.count({ where: { AND: [caseScope(user, "read"), { status: "closed" }] } }),
      ])
    : [0, 0];
  const children = userHasPermission(user, "create:concern")
    ? await prisma.child.findMany({
        where: childrenOfUser(user.id),
        select: { id: true, givenName: true, familyName: true, registerStatus: true, setting: { select: { name: true } } },
      })
    : [];
  const dueSoonest = canReadCases ? await casesDueSoonest(user) : [];
  const decisions = canReadCases && userHasPermission(user, "create:concern") ? await familyPromptsFor(user) : [];
  // Concerns started on the question pages and not sent yet (docs/decisions/025).
  const drafts = userHasPermission(user, "create:concern") ? await unsentDrafts(user) : [];
  return json({
    decisions,
    drafts: drafts.map((draft) => ({ id: draft.id, child: draft.child, savedOn: formatDate(draft.savedAt), expiresOn: formatDate(draft.expiresAt) })),
    dueSoonest,
    name: user.name,
    roles: user.roles.map((r) => r.label),
    workplace: user.setting?.name ?? (user.localArea ? `${user.localArea.name} local area` : null),
    canReadCases,
    // Staff log concerns for families from their own page; only families and representatives raise them.
    canRaise: userHasPermission(user, "create:concern:own") || userHasPermission(user, "create:concern:represented"),
    canSeePatterns: userHasPermission(user, "read:analytics"),
    canManageUsers: userHasPermission(user, "read:user"),
    open,
    closed,
    children,
  });
}

export default function Dashboard() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <span className="govuk-caption-l">
          {d.roles.join(", ")}
          {d.workplace ? ` – ${d.workplace}` : ""}
        </span>
        <h1 className="govuk-heading-l">Welcome, {d.name}</h1>
        {d.decisions.length ? (
          <div className="govuk-notification-banner" role="region" aria-labelledby="decisions-title" data-module="govuk-notification-banner" data-testid="family-prompts">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="decisions-title">
                Important
              </h2>
            </div>
            <div className="govuk-notification-banner__content">
              {d.decisions.map((c) => (
                <div key={c.caseId}>
                  {c.prompts.map((p) => (
                    <p key={p.id} className="govuk-notification-banner__heading">
                      {p.text}
                    </p>
                  ))}
                  <p className="govuk-body">
                    <Link className="govuk-notification-banner__link" to={`/cases/${c.caseId}`}>
                      See {c.child}’s concern {c.ref}
                    </Link>
                  </p>
                </div>
              ))}
            </div>
          </div>
        ) : null}
        {d.drafts.length ? (
          <div className="govuk-notification-banner" role="region" aria-labelledby="drafts-title" data-module="govuk-notification-banner" data-testid="concern-drafts">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="drafts-title">
                Not sent yet
              </h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">
                {d.drafts.length === 1 ? "You have a concern you have not sent yet" : `You have ${d.drafts.length} concerns you have not sent yet`}
              </p>
              {d.drafts.map((draft) => (
                <p key={draft.id} className="govuk-body">
                  {draft.child ? `About ${draft.child}, last` : "Last"} saved on {draft.savedOn}; kept until {draft.expiresOn}.{" "}
                  <Link className="govuk-notification-banner__link" to={`/concerns/new/${draft.id}/continue`}>
                    Continue<span className="govuk-visually-hidden"> the concern saved on {draft.savedOn}</span>
                  </Link>{" "}
                  or{" "}
                  <Link className="govuk-notification-banner__link" to={`/concerns/new/${draft.id}/delete`}>
                    delete it<span className="govuk-visually-hidden"> (the concern saved on {draft.savedOn})</span>
                  </Link>
                </p>
              ))}
            </div>
          </div>
        ) : null}
        {d.children.length ? (
          <>
            <h2 className="govuk-heading-m">On the additional needs register</h2>
            <ul className="govuk-list">
              {d.children.map((c) => (
                <li key={c.id}>
                  {c.givenName} {c.familyName} – {c.setting.name}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {d.canReadCases ? (
          <>
            <h2 className="govuk-heading-m">Cases</h2>
            <p className="govuk-body">
              {d.open} open, {d.closed} closed.{" "}
              <Link className="govuk-link" to="/cases">
                View all cases
              </Link>
            </p>
          </>
        ) : null}

        {d.canRaise ? (
          <p className="govuk-body">
            <Link className="govuk-button" to="/concerns/new" role="button" data-module="govuk-button">
              Raise a concern
            </Link>
          </p>
        ) : null}
        {d.canSeePatterns ? (
          <p className="govuk-body">
            <Link className="govuk-link" to="/analytics">
              See patterns across settings and areas
            </Link>
          </p>
        ) : null}
        {d.canManageUsers ? (
          <p className="govuk-body">
            <Link className="govuk-link" to="/admin/users">
              Manage accounts and roles
            </Link>
          </p>
        ) : null}
      </div>
      {d.dueSoonest.length ? (
        <div className="govuk-grid-column-full">
          <CaseTable cases={d.dueSoonest} caption="Open cases with the soonest deadlines" />
        </div>
      ) : null}
    </div>
  );
}
