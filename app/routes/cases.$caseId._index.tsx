import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FairnessFacts, IssuesList, Ladder, MissedDeadlines, StatusTag } from "../components/case-parts";
import { HandlingRows, UrgentNotice } from "../components/case-handling";
import { EscalationReasons, FamilyPrompts, History, MediationDetails, OutcomesOnFile, RemediesOnFile, RunningDeadlines, WrittenOnFile } from "../components/case-file";
import { wordingFor } from "../components/case-events";
import { caseFileFor } from "../utils/case-file.server";
import { CaseMessages } from "../components/case-messages";
import { THREAD_ACTIONS } from "../utils/case-messages";
import { actionSlug } from "../utils/case-forms";
import { recordCaseView } from "../utils/audit.server";
import { loadCaseForUser, readCaseFile } from "../utils/case-page.server";
import { getPrisma } from "../utils/db.server";
import { formatDate, formatPolicyVersion, ROUTE_LABELS } from "../utils/format";
import { requireUserWithPermission } from "../utils/session.server";

import { ReceivedViaRow, YoungPersonViews } from "../components/concern-views";
import { CaseEvidence } from "../components/case-evidence";
import { mayAddViews, youngPersonViews } from "../utils/concern-views.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.ref ?? "Case"} – Redress` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "read:case");
  const page = await loadCaseForUser(user, params.caseId ?? "");
  const { row, view, actions, capacities } = page;
  // History, quoted events, messages, notes and evidence in one statement; the view recorded beside it.
  const [{ latest, events, thread, evidence }] = await Promise.all([readCaseFile(await getPrisma(), page), recordCaseView(user.id, row, "case", request)]);
  return json({
    id: row.id,
    ref: row.ref,
    view,
    isFamily: capacities.includes("family"),
    concern: {
      ref: row.concern.ref,
      summary: row.concern.summary,
      receivedOn: row.concern.receivedOn,
      raisedBy: row.concern.raisedBy.name,
      child: `${row.concern.child.givenName} ${row.concern.child.familyName}`,
      linked: row.concern.cases.filter((c) => c.id !== row.id),
      receivedVia: row.concern.receivedVia,
      views: await youngPersonViews(row.concern.views),
      canAddViews: mayAddViews(user, row, capacities),
    },
    setting: row.setting.name,
    area: row.localArea.name,
    mediators: row.assignments.filter((a) => a.capacity === "mediator").map((a) => a.user.name),
    handling: { handler: view.handlerId ? (row.people[view.handlerId] ?? null) : null, about: view.peopleConcerned.map((p) => p.description) },
    file: caseFileFor(row, view, capacities, actions, events, latest, new Set(evidence.items.map((item) => item.id))),
    thread,
    evidence: { items: evidence.items, canAdd: actions.includes("ADD_EVIDENCE") },
    // Messages, notes and evidence are added from their own sections (case-messages.tsx, case-evidence.tsx).
    actions: actions
      .filter((type) => !THREAD_ACTIONS.has(type) && type !== "ADD_EVIDENCE")
      .map((type) => ({ type, slug: actionSlug(type), label: wordingFor(type, capacities, view.limits).label })),
  });
}

export default function CasePage() {
  const d = useLoaderData<typeof loader>();
  const { view } = d;
  return (
    <>
      <Link to="/cases" className="govuk-back-link">
        Back to cases
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{d.ref}</span>
          <h1 className="govuk-heading-l">
            {ROUTE_LABELS[view.route]}: {d.concern.child}
          </h1>
          <p className="govuk-body">
            <StatusTag status={view.status} /> {view.stateLabel}
          </p>
          <UrgentNotice urgent={view.urgent} isFamily={d.isFamily} />
          <FamilyPrompts prompts={d.file.prompts} />
          <Ladder view={view} />
          <FairnessFacts view={view} isFamily={d.isFamily} />
          {d.actions.length ? (
            <>
              <h2 className="govuk-heading-m">What you can do</h2>
              {/* Red (warning) buttons appear only on a destructive action's own confirmation page; withdrawing is a plain link. */}
              <div className="govuk-button-group">
                {d.actions
                  .filter((a) => a.type !== "WITHDRAW")
                  .map((a) => (
                    <Link key={a.type} to={a.slug} className="govuk-button govuk-button--secondary" role="button" data-module="govuk-button">
                      {a.label}
                    </Link>
                  ))}
              </div>
              {d.actions.some((a) => a.type === "WITHDRAW") ? (
                <p className="govuk-body">
                  <Link className="govuk-link" to="withdraw">
                    Withdraw this concern
                  </Link>
                </p>
              ) : null}
            </>
          ) : null}
          <RunningDeadlines view={view} />
          <MissedDeadlines view={view} isFamily={d.isFamily} />
          <MediationDetails view={view} session={d.file.session} />
          <EscalationReasons escalations={d.file.escalations} />
          <h2 className="govuk-heading-m">Issues</h2>
          <IssuesList view={view} />
          <OutcomesOnFile view={view} draftRemedies={d.file.draftRemedies} />
          <WrittenOnFile contributions={d.file.contributions} comments={d.file.comments} />
          <YoungPersonViews views={d.concern.views} canAdd={d.concern.canAddViews} child={d.concern.child} />
          <RemediesOnFile view={view} />
          <CaseEvidence caseId={d.id} {...d.evidence} />
          <CaseMessages thread={d.thread} caseId={d.id} allMessagesHref={`/cases/${d.id}/messages`} />
          <History entries={d.file.history} more={d.file.moreHistory} caseId={d.id} />
        </div>
        <div className="govuk-grid-column-one-third">
          <h2 className="govuk-heading-s">About this concern</h2>
          <dl className="govuk-summary-list govuk-summary-list--no-border govuk-body-s">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Concern</dt>
              <dd className="govuk-summary-list__value">{d.concern.ref}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Received</dt>
              <dd className="govuk-summary-list__value">{formatDate(d.concern.receivedOn)}</dd>
            </div>
            <ReceivedViaRow receivedVia={d.concern.receivedVia} />
            {view.rung !== null ? <HandlingRows handler={d.handling.handler} about={d.handling.about} /> : null}
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Raised by</dt>
              <dd className="govuk-summary-list__value">{d.concern.raisedBy}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Setting</dt>
              <dd className="govuk-summary-list__value">{d.setting}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Local area</dt>
              <dd className="govuk-summary-list__value">{d.area}</dd>
            </div>
            {d.mediators.length ? (
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Mediator</dt>
                <dd className="govuk-summary-list__value">{d.mediators.join(", ")}</dd>
              </div>
            ) : null}
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Time limits</dt>
              <dd className="govuk-summary-list__value">The timeline policy of {formatPolicyVersion(view.policyVersion)}</dd>
            </div>
          </dl>
          <p className="govuk-body-s">
            <Link className="govuk-link" to={`/cases/${d.id}/letters`}>
              Letters{view.outcomes.length || view.mediations.length ? " – read and download as PDF" : ""}
            </Link>
          </p>
          {d.concern.linked.length ? (
            <p className="govuk-body-s">
              Linked case:{" "}
              {d.concern.linked.map((c) => (
                <Link key={c.id} className="govuk-link" to={`/cases/${c.id}`}>
                  {c.ref}
                </Link>
              ))}
            </p>
          ) : null}
          <h2 className="govuk-heading-s">What was raised</h2>
          <p className="govuk-body-s">{d.concern.summary}</p>
        </div>
      </div>
    </>
  );
}
