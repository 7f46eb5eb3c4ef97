import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { reviewState } from "../../machines";
import { isoFromDateColumn, londonDate } from "../utils/dates";
import { formatDate, formatDateTime } from "../utils/format";
import { userHasPermission } from "../utils/permissions";
import { OUTCOME_HISTORY_LABELS, PARTICIPANT_ROLES, PARTNERS, STATUS_LABELS, TOOK_PART, type Participant, type RecordContent } from "../utils/register-forms";
import { childInScope, childRegister, registerCapacity } from "../utils/register.server";
import { requireUserWithPermission } from "../utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.child.name ?? "Register"}: the register – Redress` }];

const PARTNER_FOR: Record<string, string> = { health: "health", "local-service": "local-service" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "read:register");
  const child = await childInScope(user, params.childId ?? "", "read");
  if (!child) throw new Response("Not found", { status: 404 });
  const { decisions, requests, record, settingName } = await childRegister(child.id);
  const today = londonDate();
  const capacity = registerCapacity(user);
  const canUpdate = Boolean(await childInScope(user, child.id, "update"));
  const openRequest = requests.find((r) => r.status === "awaiting_decision" || r.status === "overdue");
  const latest = record?.versions[0];
  const latestContent = latest ? (latest.content as unknown as RecordContent) : null;
  const confirmAs = capacity && PARTNER_FOR[capacity];
  const review = reviewState({ status: child.registerStatus, nextReviewOn: child.nextReviewOn ? isoFromDateColumn(child.nextReviewOn) : undefined }, today);
  return json({
    child: { id: child.id, name: `${child.givenName} ${child.familyName}`, ref: child.registerRef, setting: child.setting.name, status: child.registerStatus },
    review,
    isFamily: capacity === "family",
    can: {
      decide: capacity === "setting" && canUpdate,
      request: userHasPermission(user, "create:register") && child.registerStatus !== "on_register" && !openRequest,
      editRecord: canUpdate && (capacity === "setting" || capacity === "family") && (capacity === "setting" || Boolean(latest)),
      confirm: Boolean(canUpdate && confirmAs && latestContent?.support.some((s) => s.partner === confirmAs) && !latest?.confirmations.some((c) => c.partner === confirmAs)),
      raiseConcern: userHasPermission(user, "create:concern") && capacity === "family",
    },
    requests: requests.map((r) => ({
      ref: r.ref,
      status: r.status,
      receivedOn: isoFromDateColumn(r.receivedOn),
      dueOn: isoFromDateColumn(r.dueOn),
      requesterKind: r.requesterKind,
      reasons: r.reasons,
      decisionRef: r.decision?.ref ?? null,
    })),
    decisions: decisions.map((d) => {
      const titles = new Map(d.framework.items.map((i) => [i.code, i.title]));
      return {
        id: d.id,
        ref: d.ref,
        kind: d.kind,
        outcome: d.outcome,
        decidedOn: isoFromDateColumn(d.decidedOn),
        nextReviewOn: d.nextReviewOn ? isoFromDateColumn(d.nextReviewOn) : null,
        setting: settingName[d.settingId] ?? "",
        participants: d.participants as unknown as Participant[],
        evidence: d.evidence,
        reasons: (d.reasons as unknown as { code: string; reason: string }[]).map((r) => ({ ...r, title: titles.get(r.code) ?? "" })),
        summary: d.summary,
        framework: `version ${d.framework.number}${d.framework.illustrative ? " (illustrative)" : ""}`,
        retakes: d.retakes?.ref ?? null,
        overturned: d.overturned,
        recordedBy: d.recordedByLabel,
        challengedBy: d.challengedBy.map((c) => c.ref),
      };
    }),
    record: record
      ? record.versions.map((v) => ({
          id: v.id,
          number: v.number,
          setting: settingName[v.settingId] ?? "",
          content: v.content as unknown as RecordContent,
          changeSummary: v.changeSummary,
          author: v.authorLabel,
          at: v.createdAt,
          confirmations: v.confirmations.map((c) => ({ partner: c.partner, by: c.confirmedByLabel, at: c.createdAt, note: c.note })),
        }))
      : [],
  });
}

const partnerLabel = (partner: string) => PARTNERS.find((p) => p.partner === partner)?.label ?? partner;
const tookPartLabel = (value: string) => TOOK_PART.find((t) => t.value === value)?.label ?? value;
const roleLabel = (role: string) => PARTICIPANT_ROLES.find((r) => r.role === role)?.label ?? role;

export default function ChildRegister() {
  const d = useLoaderData<typeof loader>();
  const latest = d.record[0];
  const concernLink = (extra: string) => `/concerns/new?childId=${encodeURIComponent(d.child.id)}${extra}`;
  return (
    <>
      <Link to="/register" className="govuk-back-link">
        Back to the register
      </Link>
      <span className="govuk-caption-l">{d.child.setting}</span>
      <h1 className="govuk-heading-l">{d.child.name}: the additional needs register</h1>

      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Where {d.child.name.split(" ")[0]} stands</dt>
          <dd className="govuk-summary-list__value">
            <strong className={`govuk-tag ${d.child.status === "on_register" ? "govuk-tag--green" : "govuk-tag--grey"}`}>{STATUS_LABELS[d.child.status]}</strong>
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Register reference</dt>
          <dd className="govuk-summary-list__value">{d.child.ref}</dd>
        </div>
        {d.review.state !== "none" ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Next review</dt>
            <dd className="govuk-summary-list__value">
              {formatDate(d.review.dueOn)}
              {d.review.state === "due-soon" ? " (due soon)" : null}
            </dd>
          </div>
        ) : null}
      </dl>

      {d.review.state === "overdue" ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            The review due on {formatDate(d.review.dueOn)} has not been held ({d.review.daysOverdue} {d.review.daysOverdue === 1 ? "day" : "days"} late).
            {d.can.raiseConcern ? (
              <>
                {" "}
                <Link className="govuk-link" to={concernLink("&category=review-not-held")}>
                  Raise a concern that the review was not held
                </Link>
              </>
            ) : null}
          </strong>
        </div>
      ) : null}

      <div className="govuk-button-group">
        {d.can.decide ? (
          <Link to="decide" className="govuk-button" data-module="govuk-button">
            {d.child.status === "on_register" ? "Record a review or decision" : "Record a register decision"}
          </Link>
        ) : null}
        {d.can.request ? (
          <Link to="request" className="govuk-button" data-module="govuk-button">
            Ask the setting to consider the register
          </Link>
        ) : null}
      </div>

      {d.requests.length ? (
        <>
          <h2 className="govuk-heading-m">Requests for consideration</h2>
          {d.requests.map((r) => (
            <div key={r.ref} className="govuk-inset-text">
              <p className="govuk-body">
                <strong>{r.ref}</strong>, received {formatDate(r.receivedOn)}. {r.status === "awaiting_decision" ? `The setting must decide by ${formatDate(r.dueOn)}.` : null}
                {r.status === "overdue" ? `The setting should have decided by ${formatDate(r.dueOn)} and has not yet.` : null}
                {r.status === "decided" ? `Decided: see ${r.decisionRef} below.` : null}
                {r.status === "withdrawn" ? "Withdrawn." : null}
              </p>
              <p className="govuk-body">{r.reasons}</p>
            </div>
          ))}
        </>
      ) : null}

      <h2 className="govuk-heading-m">Register decisions and reviews</h2>
      {d.decisions.length === 0 ? <p className="govuk-body">No register decision has been made yet.</p> : null}
      {d.decisions.map((decision) => (
        <div key={decision.ref} className="govuk-summary-card" id={`decision-${decision.ref}`}>
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">
              {formatDate(decision.decidedOn)}: {OUTCOME_HISTORY_LABELS[decision.outcome]}
            </h3>
            {d.can.raiseConcern ? (
              <ul className="govuk-summary-card__actions">
                <li className="govuk-summary-card__action">
                  <Link className="govuk-link" to={concernLink(`&decision=${encodeURIComponent(decision.id)}`)}>
                    Raise a concern about this decision<span className="govuk-visually-hidden"> of {formatDate(decision.decidedOn)}</span>
                  </Link>
                </li>
              </ul>
            ) : null}
          </div>
          <div className="govuk-summary-card__content">
            <dl className="govuk-summary-list">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Reference</dt>
                <dd className="govuk-summary-list__value">
                  {decision.ref}, by {decision.setting}
                </dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Who took part</dt>
                <dd className="govuk-summary-list__value">
                  <ul className="govuk-list">
                    {decision.participants
                      .filter((p) => p.tookPart !== "not-applicable")
                      .map((p) => (
                        <li key={p.role}>
                          {roleLabel(p.role)}
                          {p.name ? ` (${p.name})` : ""}: {tookPartLabel(p.tookPart).toLowerCase()}
                        </li>
                      ))}
                  </ul>
                </dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Evidence considered</dt>
                <dd className="govuk-summary-list__value">{decision.evidence}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Reasons</dt>
                <dd className="govuk-summary-list__value">
                  <ul className="govuk-list">
                    {decision.reasons.map((r) => (
                      <li key={r.code}>
                        <strong>
                          {r.code} {r.title}
                        </strong>
                        : {r.reason}
                      </li>
                    ))}
                  </ul>
                  <p className="govuk-body-s">National Framework {decision.framework}</p>
                </dd>
              </div>
              {decision.summary ? (
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">{decision.kind === "review" ? "What the review found" : "Summary"}</dt>
                  <dd className="govuk-summary-list__value">{decision.summary}</dd>
                </div>
              ) : null}
              {decision.nextReviewOn ? (
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Next review</dt>
                  <dd className="govuk-summary-list__value">{formatDate(decision.nextReviewOn)}</dd>
                </div>
              ) : null}
              {decision.retakes ? (
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Retakes</dt>
                  <dd className="govuk-summary-list__value">
                    Decision {decision.retakes}, as a remedy ordered on a concern. {decision.overturned ? "The result changed." : "The result is the same."}
                  </dd>
                </div>
              ) : null}
              {decision.challengedBy.length ? (
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Challenged by</dt>
                  <dd className="govuk-summary-list__value">Concern {decision.challengedBy.join(", ")}</dd>
                </div>
              ) : null}
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Recorded by</dt>
                <dd className="govuk-summary-list__value">{decision.recordedBy}</dd>
              </div>
            </dl>
          </div>
        </div>
      ))}

      <h2 className="govuk-heading-m">Development record</h2>
      {!latest ? (
        <p className="govuk-body">
          {d.child.status === "on_register" ? "The development record has not been written yet." : "A development record is written for each child on the register."}
        </p>
      ) : (
        <>
          <p className="govuk-body">
            Version {latest.number}, written by {latest.author} at {latest.setting} on {formatDateTime(latest.at)}. It follows {d.child.name.split(" ")[0]} to any new setting.
          </p>
          <dl className="govuk-summary-list">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">{d.child.name.split(" ")[0]}'s views, in their own words</dt>
              <dd className="govuk-summary-list__value">{latest.content.views}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Aspirations</dt>
              <dd className="govuk-summary-list__value">{latest.content.aspirations || "None recorded"}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Needs</dt>
              <dd className="govuk-summary-list__value">{latest.content.needs}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Outcomes sought</dt>
              <dd className="govuk-summary-list__value">{latest.content.outcomes}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Transitions</dt>
              <dd className="govuk-summary-list__value">{latest.content.transitions || "None planned"}</dd>
            </div>
          </dl>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--s">Support each partner provides</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Partner
                </th>
                <th scope="col" className="govuk-table__header">
                  Support
                </th>
                <th scope="col" className="govuk-table__header">
                  How much and how often
                </th>
                <th scope="col" className="govuk-table__header">
                  Confirmed
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {latest.content.support.map((s) => {
                const confirmation = latest.confirmations.find((c) => c.partner === s.partner);
                return (
                  <tr key={s.partner} className="govuk-table__row">
                    <th scope="row" className="govuk-table__header">
                      {partnerLabel(s.partner)}
                    </th>
                    <td className="govuk-table__cell">{s.provision}</td>
                    <td className="govuk-table__cell">
                      {s.amount}, {s.frequency}
                    </td>
                    <td className="govuk-table__cell">
                      {s.partner === "setting" ? "Writes the record" : confirmation ? `Yes, by ${confirmation.by} on ${formatDate(confirmation.at)}` : "Not yet"}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
      <div className="govuk-button-group">
        {d.can.editRecord ? (
          <Link to="record" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            {d.isFamily ? "Add or change the views in the record" : latest ? "Change the development record" : "Write the development record"}
          </Link>
        ) : null}
        {d.can.confirm ? (
          <Link to="confirm" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Confirm your service's part
          </Link>
        ) : null}
        {d.can.raiseConcern && latest ? (
          <Link className="govuk-link" to={concernLink(`&recordVersion=${encodeURIComponent(latest.id)}`)}>
            Raise a concern about the development record
          </Link>
        ) : null}
      </div>
      {d.record.length > 1 ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Earlier versions of the record ({d.record.length - 1})</span>
          </summary>
          <div className="govuk-details__text">
            <ol className="govuk-list">
              {d.record.slice(1).map((v) => (
                <li key={v.number}>
                  <strong>Version {v.number}</strong>, {formatDateTime(v.at)} by {v.author} ({v.setting}): {v.changeSummary}
                  {v.confirmations.length ? ` Confirmed by ${v.confirmations.map((c) => partnerLabel(c.partner).toLowerCase()).join(" and ")}.` : ""}
                </li>
              ))}
            </ol>
          </div>
        </details>
      ) : null}
      {latest ? <p className="govuk-body-s">Latest change: {latest.changeSummary}</p> : null}
    </>
  );
}
