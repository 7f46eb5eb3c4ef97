import { FINDING_LABELS, rungName, type CaseView, type OutcomeRecord, type RemedyInput } from "../../machines";
import { capitalise, formatPounds, partyName, remedyLineage, remedyOrigin, remedyText, type HistoryEntry, type Prompt, type WrittenEntry } from "../utils/case-file";
import { formatDate } from "../utils/format";
import { Link } from "@remix-run/react";
import { Timeline } from "./case-history";
import { Table } from "./table";

// The case page as the complete, readable file: every outcome at every rung, every remedy and
// who owes it, every word people wrote, and a history a person would tell. GOV.UK patterns only.

const DECISION_TEXT: Record<NonNullable<OutcomeRecord["decision"]>, string> = {
  "accepted-for-investigation": "Accepted for investigation",
  "out-of-jurisdiction": "Outside what the national body can look at",
  "out-of-time": "Brought too late",
};

const bodyName = (view: CaseView, rung: number) => (rung === 1 || rung === 2 || rung === 3 ? rungName(rung, view.route) : "Organisation");

function outcomeTitle(view: CaseView, outcome: OutcomeRecord): string {
  const by = bodyName(view, outcome.rung);
  switch (outcome.stage) {
    case "response":
      return `${by}: response`;
    case "assessment":
      return `${by}: assessment`;
    case "draft-decision":
      return `${by}: draft decision`;
    case "final-decision":
      return `${by}: final decision`;
    case "mediation":
      return `Mediation agreement at the ${by.toLowerCase()} stage`;
    case "withdrawal":
      return "Concern withdrawn";
  }
}

/** What the family must decide first, at the top of the page. */
export function FamilyPrompts({ prompts }: { prompts: Prompt[] }) {
  if (prompts.length === 0) return null;
  const [first, ...rest] = prompts;
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="family-prompts-title" data-module="govuk-notification-banner" data-testid="family-prompts">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="family-prompts-title">
          Important
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{first!.text}</p>
        {rest.map((p) => (
          <p key={p.id} className="govuk-body">
            {p.text}
          </p>
        ))}
      </div>
    </div>
  );
}

/** The deadlines running now; never "no deadlines" on a case whose deadlines were missed. */
export function RunningDeadlines({ view }: { view: CaseView }) {
  const deadlines = view.deadlines.filter((d) => d.kind === "deadline");
  if (deadlines.length === 0) {
    const missed = view.breaches.filter((b) => !b.key.startsWith("mediation.")).length;
    return (
      <p className="govuk-body">
        {missed
          ? `No deadline is running now. ${missed === 1 ? "One deadline was" : `${missed} deadlines were`} missed: see “Missed deadlines and delays”.`
          : view.status === "closed" || view.conclusion
            ? "No deadlines are running: this stage of the concern has finished."
            : "No deadlines are running at the moment."}
      </p>
    );
  }
  return (
    <Table
      caption="Deadlines"
      captionClasses="govuk-table__caption--m"
      head={[{ text: "What" }, { text: "By the end of" }, { text: "Counted in" }]}
      rows={deadlines.map((d) => [
        { text: d.label },
        { text: formatDate(d.dueOn) },
        {
          classes: "govuk-body-s",
          text: `${d.workingDays !== undefined ? `${d.workingDays} working days` : d.calendarDays !== undefined ? `${d.calendarDays} calendar days` : ""}${d.calendar.startsWith("school:") ? " (school days)" : ""}, from ${formatDate(d.startedOn)}`,
        },
      ])}
    />
  );
}

function Row({ k, children }: { k: string; children: React.ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{k}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/**
 * Every outcome on the file, newest first: each rung's response stays when the next rung decides.
 * A draft decision is marked as a draft, with the remedies it proposes.
 */
export function OutcomesOnFile({ view, draftRemedies }: { view: CaseView; draftRemedies: RemedyInput[][] }) {
  if (view.outcomes.length === 0) return null;
  let draftIndex = 0;
  const cards = view.outcomes.map((outcome, index) => {
    const proposed = outcome.stage === "draft-decision" ? (draftRemedies[draftIndex++] ?? []) : [];
    return { outcome, index, proposed };
  });
  const issueName = (id: string) => view.issues.find((i) => i.id === id)?.summary ?? "An issue";
  return (
    <>
      <h2 className="govuk-heading-m">Outcomes</h2>
      {cards.reverse().map(({ outcome, index, proposed }) => {
        const isDraft = outcome.stage === "draft-decision";
        const ordered = outcome.remedyIds.map((id) => view.remedies.find((r) => r.id === id)).filter((r) => r !== undefined);
        return (
          <div key={index} className="govuk-summary-card" data-testid={isDraft ? "draft-decision" : "outcome"}>
            <div className="govuk-summary-card__title-wrapper">
              <h3 className="govuk-summary-card__title">
                {outcomeTitle(view, outcome)}, {formatDate(outcome.on)}
                {isDraft ? (
                  <>
                    {" "}
                    <strong className="govuk-tag govuk-tag--yellow">Draft</strong>
                  </>
                ) : null}
              </h3>
            </div>
            <div className="govuk-summary-card__content">
              {isDraft ? <p className="govuk-body">This is a draft for comment, not the final decision. The findings and remedies may change.</p> : null}
              <dl className="govuk-summary-list">
                {outcome.decision ? <Row k="Decision">{DECISION_TEXT[outcome.decision]}</Row> : null}
                {outcome.findings.map((f) => (
                  <Row key={f.issueId} k={issueName(f.issueId)}>
                    <strong>{isDraft ? `Proposed: ${FINDING_LABELS[f.finding].toLowerCase()}` : FINDING_LABELS[f.finding]}</strong>
                    {f.reasons ? <p className="govuk-body govuk-!-margin-top-1 govuk-!-margin-bottom-0 redress-prewrap">{f.reasons}</p> : null}
                  </Row>
                ))}
                {outcome.reasons ? (
                  <Row k="Reasons">
                    <span className="redress-prewrap">{outcome.reasons}</span>
                  </Row>
                ) : null}
                {outcome.standards.length ? <Row k="National Framework standards">{outcome.standards.join(", ")}</Row> : null}
                {isDraft && proposed.length ? (
                  <Row k="Proposed remedies">
                    <ul className="govuk-list govuk-list--bullet">
                      {proposed.map((r, i) => (
                        <li key={i}>
                          {remedyText(r)}
                          {r.dueOn ? `, by ${formatDate(r.dueOn)}` : ""}
                        </li>
                      ))}
                    </ul>
                  </Row>
                ) : null}
                {!isDraft && ordered.length ? (
                  <Row k="Remedies">
                    <ul className="govuk-list govuk-list--bullet">
                      {ordered.map((r) => (
                        <li key={r.id}>{remedyText(r)}</li>
                      ))}
                    </ul>
                  </Row>
                ) : null}
              </dl>
            </div>
          </div>
        );
      })}
    </>
  );
}

/** Every remedy: what, who owes it, which stage ordered it, by when, and what became of it. */
export function RemediesOnFile({ view }: { view: CaseView }) {
  if (view.remedies.length === 0) return null;
  const statusText = { open: "Not done yet", done: "Done", failed: "Not done", replaced: "Replaced" } as const;
  const referral = (id: string) => view.remedyReferrals.find((r) => r.remedyId === id);
  const lineage = remedyLineage(view);
  // Still owed after its due date passed (the machine recorded the breach).
  const overdue = (r: CaseView["remedies"][number]) => r.status === "open" && view.breaches.some((b) => b.key === `remedy.${r.id}`);
  return (
    <Table
      caption="Remedies"
      captionClasses="govuk-table__caption--m"
      head={[{ text: "Remedy" }, { text: "Due" }, { text: "Status" }]}
      rows={view.remedies.map((r) => {
        const further = referral(r.id);
        return [
          {
            html: (
              <>
                {r.description}
                {r.kind === "payment" && "amountPence" in r && r.amountPence ? ` (${formatPounds(r.amountPence)})` : ""}
                {lineage[r.id]?.replaces ? <span className="govuk-!-display-block govuk-!-margin-top-1">(replaces: {lineage[r.id]?.replaces})</span> : null}
                <span className="govuk-body-s govuk-!-display-block govuk-!-margin-top-1">
                  {capitalise(remedyOrigin(r, view.route))}. Owed by {r.owedBy.map(partyName).join(" and ")}.
                </span>
                {lineage[r.id]?.replacedBy ? <span className="govuk-body-s govuk-!-display-block govuk-!-margin-top-1">Replaced by: {lineage[r.id]?.replacedBy}.</span> : null}
              </>
            ),
          },
          { text: formatDate(r.dueOn) },
          {
            html: (
              <>
                <strong className={`govuk-tag ${r.status === "done" ? "govuk-tag--green" : r.status === "failed" || overdue(r) ? "govuk-tag--red" : "govuk-tag--grey"}`}>
                  {overdue(r) ? "Overdue" : statusText[r.status]}
                </strong>
                {r.settledOn ? <span className="govuk-body-s govuk-!-display-block">{formatDate(r.settledOn)}</span> : null}
                {r.note ? (
                  <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0 redress-prewrap">
                    {r.status === "done" ? "What was done" : "Why it was not done"}: {r.note}
                  </p>
                ) : null}
                {further ? (
                  <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">
                    Taken further by the family on {formatDate(further.on)}: “{further.reason}”
                  </p>
                ) : null}
              </>
            ),
          },
        ];
      })}
    />
  );
}

/** Someone's words on the file: who, in what capacity, when, and what they wrote. */
function Written({ entry }: { entry: WrittenEntry }) {
  return (
    <div className="govuk-inset-text">
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        {entry.by} ({entry.party}), {formatDate(entry.on)}
      </p>
      <p className="govuk-body redress-prewrap">{entry.text}</p>
    </div>
  );
}

/** Why the family took the concern further, for the next rung to read first. */
export function EscalationReasons({ escalations }: { escalations: Array<{ seq: number; to: string; on: string; reason?: string }> }) {
  if (escalations.length === 0) return null;
  return (
    <>
      <h2 className="govuk-heading-m">Why the family took the concern further</h2>
      {escalations.map((e) => (
        <div key={e.seq} className="govuk-inset-text" data-testid="escalation-reason">
          <p className="govuk-body-s govuk-!-margin-bottom-1">
            To {e.to}, {formatDate(e.on)}
          </p>
          <p className="govuk-body redress-prewrap">{e.reason ?? "The family did not give a reason (they do not have to)."}</p>
        </div>
      ))}
    </>
  );
}

/** Parts of a joint response and comments on a draft decision, as written, with who and when. */
export function WrittenOnFile({ contributions, comments }: { contributions: WrittenEntry[]; comments: WrittenEntry[] }) {
  return (
    <>
      {contributions.length ? (
        <>
          <h2 className="govuk-heading-m">Parts of the joint response</h2>
          {contributions.map((c) => (
            <Written key={c.seq} entry={c} />
          ))}
        </>
      ) : null}
      {comments.length ? (
        <>
          <h2 className="govuk-heading-m">Comments on the draft decision</h2>
          {comments.map((c) => (
            <Written key={c.seq} entry={c} />
          ))}
        </>
      ) : null}
    </>
  );
}

/** Mediation as the parties and the mediator need it: the session's date and where it happens. */
export function MediationDetails({ view, session }: { view: CaseView; session?: { on: string; time?: string; place?: string } }) {
  const mediation = view.mediation;
  if (!mediation || mediation.status !== "in-progress" || (!session && !mediation.held?.length && !mediation.sessionWindowEndsOn)) return null;
  return (
    <>
      <h2 className="govuk-heading-m">Mediation</h2>
      <dl className="govuk-summary-list">
        {session ? (
          <Row k="Session">
            {formatDate(session.on)}
            {session.time ? ` at ${session.time}` : ""}
            {session.place ? <span className="govuk-!-display-block redress-prewrap">{session.place}</span> : null}
          </Row>
        ) : null}
        {mediation.held?.length ? <Row k="Held">{mediation.held.map((d) => formatDate(d)).join(", ")}</Row> : null}
        {mediation.sessionWindowEndsOn ? <Row k="Session to be held by">{formatDate(mediation.sessionWindowEndsOn)}</Row> : null}
      </dl>
    </>
  );
}

export function History({ entries, more, caseId }: { entries: HistoryEntry[]; more: boolean; caseId: string }) {
  return (
    <>
      <h2 className="govuk-heading-m">History</h2>
      <Timeline entries={entries} />
      {more ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/cases/${caseId}/history`}>
            See the full history
          </Link>
        </p>
      ) : null}
    </>
  );
}
