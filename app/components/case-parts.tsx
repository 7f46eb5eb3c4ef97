import type { CaseView } from "../../machines";
import { formatDate, RUNG_LABELS } from "../utils/format";

// Presentational pieces of the case page, GOV.UK patterns only.

const FINDING_TEXT: Record<string, string> = {
  upheld: "Upheld",
  "partly-upheld": "Partly upheld",
  "not-upheld": "Not upheld",
  "resolved-by-agreement": "Resolved by agreement",
  withdrawn: "Withdrawn",
};

const STAGE_TEXT: Record<NonNullable<CaseView["outcome"]>["stage"], string> = {
  response: "response",
  assessment: "assessment",
  "draft-decision": "draft decision",
  "final-decision": "final decision",
  mediation: "mediation agreement",
  withdrawal: "withdrawal",
};

const STATUS_TAG: Record<CaseView["status"], { text: string; colour: string }> = {
  open: { text: "Open", colour: "govuk-tag--blue" },
  paused: { text: "Paused", colour: "govuk-tag--yellow" },
  "in-mediation": { text: "In mediation", colour: "govuk-tag--purple" },
  "monitoring-compliance": { text: "Remedies monitored", colour: "govuk-tag--turquoise" },
  closed: { text: "Closed", colour: "govuk-tag--grey" },
};

export function StatusTag({ status }: { status: CaseView["status"] }) {
  const tag = STATUS_TAG[status];
  return <strong className={`govuk-tag ${tag.colour}`}>{tag.text}</strong>;
}

export function Ladder({ view }: { view: CaseView }) {
  const current = view.rung ?? view.conclusion?.rung ?? 1;
  const national = view.route === "process" ? "Ombudsman" : "National practice body";
  const names = { ...RUNG_LABELS, 3: national } as Record<number, string>;
  return (
    <ol className="redress-ladder" aria-label="Stages of the concern">
      {[1, 2, 3].map((rung) => (
        <li key={rung} className="govuk-body" aria-current={view.rung === rung ? "step" : undefined} data-done={rung < current ? "" : undefined}>
          <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">Stage {rung}</span>
          {names[rung]}
          {view.rung === rung ? <span className="govuk-visually-hidden"> (current stage)</span> : null}
        </li>
      ))}
    </ol>
  );
}

export function DeadlinesTable({ view }: { view: CaseView }) {
  const deadlines = view.deadlines.filter((d) => d.kind === "deadline");
  if (deadlines.length === 0) return <p className="govuk-body">There are no deadlines running.</p>;
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">Deadlines</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">What</th>
          <th scope="col" className="govuk-table__header">By the end of</th>
          <th scope="col" className="govuk-table__header">Counted in</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {deadlines.map((d) => (
          <tr key={d.key} className="govuk-table__row">
            <td className="govuk-table__cell">{d.label}</td>
            <td className="govuk-table__cell">{formatDate(d.dueOn)}</td>
            <td className="govuk-table__cell govuk-body-s">
              {d.workingDays !== undefined ? `${d.workingDays} working days` : d.calendarDays !== undefined ? `${d.calendarDays} calendar days` : ""}
              {d.calendar.startsWith("school:") ? " (school days)" : ""}, from {formatDate(d.startedOn)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function IssuesList({ view }: { view: CaseView }) {
  return (
    <dl className="govuk-summary-list">
      {view.issues.map((issue) => (
        <div key={issue.id} className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{issue.summary}</dt>
          <dd className="govuk-summary-list__value">
            {issue.settledByAgreement ? "Settled by agreement in mediation" : issue.finding ? FINDING_TEXT[issue.finding] : "No finding yet"}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function OutcomeSummary({ view }: { view: CaseView }) {
  const outcome = view.outcome;
  if (!outcome) return null;
  return (
    <>
      <h2 className="govuk-heading-m">Latest outcome</h2>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Decided by</dt>
          <dd className="govuk-summary-list__value">{outcome.rung === 3 ? "National body" : RUNG_LABELS[outcome.rung]} – {STAGE_TEXT[outcome.stage]}, {formatDate(outcome.on)}</dd>
        </div>
        {outcome.reasons ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Reasons</dt>
            <dd className="govuk-summary-list__value">{outcome.reasons}</dd>
          </div>
        ) : null}
        {outcome.standards?.length ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">National Framework standards</dt>
            <dd className="govuk-summary-list__value">{outcome.standards.join(", ")}</dd>
          </div>
        ) : null}
      </dl>
    </>
  );
}

export function RemediesTable({ view }: { view: CaseView }) {
  if (view.remedies.length === 0) return null;
  const statusText = { open: "Not done yet", done: "Done", failed: "Not done" } as const;
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">Remedies</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Remedy</th>
          <th scope="col" className="govuk-table__header">Due</th>
          <th scope="col" className="govuk-table__header">Status</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {view.remedies.map((r) => (
          <tr key={r.id} className="govuk-table__row">
            <td className="govuk-table__cell">
              {r.description}
              {r.kind === "payment" && "amountPence" in r && r.amountPence ? ` (£${(r.amountPence / 100).toFixed(2)})` : ""}
            </td>
            <td className="govuk-table__cell">{formatDate(r.dueOn)}</td>
            <td className="govuk-table__cell">
              <strong className={`govuk-tag ${r.status === "done" ? "govuk-tag--green" : r.status === "failed" ? "govuk-tag--red" : "govuk-tag--grey"}`}>{statusText[r.status]}</strong>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
