import { FINDING_LABELS, rungName, type CaseView } from "../../machines";
import { formatDate } from "../utils/format";

// Presentational pieces of the case page, GOV.UK patterns only.

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
  return (
    <ol className="redress-ladder" aria-label="Stages of the concern">
      {([1, 2, 3] as const).map((rung) => (
        <li key={rung} className="govuk-body" aria-current={view.rung === rung ? "step" : undefined} data-done={rung < current ? "" : undefined}>
          <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">Stage {rung}</span>
          {rungName(rung, view.route)}
          {/* Said in words, not by colour alone. */}
          {rung < current ? <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">Completed</span> : null}
          {view.rung === rung ? <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">Current stage</span> : null}
        </li>
      ))}
    </ol>
  );
}

export function IssuesList({ view }: { view: CaseView }) {
  return (
    <dl className="govuk-summary-list">
      {view.issues.map((issue) => (
        <div key={issue.id} className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{issue.summary}</dt>
          <dd className="govuk-summary-list__value">
            {issue.settledByAgreement ? "Settled by agreement in mediation" : issue.finding ? FINDING_LABELS[issue.finding] : "No finding yet"}
          </dd>
        </div>
      ))}
    </dl>
  );
}

// ── What the machine has decided about fairness, said the same way as the machine and the emails ──

const nationalName = (view: CaseView) => (view.route === "process" ? "the Ombudsman" : "the national practice body");

/** A missed deadline in words: "The setting’s deadline to respond with an outcome". */
function missedDeadlineText(view: CaseView, key: string): string {
  const remedy = /^remedy\.(R\d+)$/.exec(key);
  if (remedy) return `The remedy “${view.remedies.find((r) => r.id === remedy[1])?.description ?? "agreed"}”`;
  const match = /^rung(\d)\.(\w+)$/.exec(key);
  const body = match?.[1] === "1" ? "setting" : match?.[1] === "2" ? "local service" : "national body";
  const what: Record<string, string> = {
    acknowledge: "to acknowledge the concern",
    respond: "to respond with an outcome",
    assessment: "to decide whether it can investigate",
    investigation: "to issue its draft decision",
    finalDecision: "to issue its final decision",
  };
  if (match) return `The ${body}’s deadline ${what[match[2] ?? ""] ?? ""}`.trim();
  if (key.startsWith("mediation.")) return "A mediation deadline";
  return "A deadline";
}

/** Breaches, long-open alerts and the delay notices given for them. */
export function MissedDeadlines({ view, isFamily }: { view: CaseView; isFamily: boolean }) {
  const items = [
    ...view.breaches.filter(({ key }) => !key.startsWith("mediation.")).map(({ key, on }) => ({ id: `${key}@${on}`, title: `${missedDeadlineText(view, key)} was missed`, on })),
    ...view.longOpenAlerts.map((on) => ({ id: `case.longOpen@${on}`, title: "The concern has been open a long time: a dated update is owed", on })),
  ];
  if (items.length === 0) return null;
  const owedNotice = (id: string) => view.delayNotices.find((notice) => notice.keys.includes(id));
  return (
    <>
      <h2 className="govuk-heading-m">Missed deadlines and delays</h2>
      <ul className="govuk-list">
        {items.map((item) => {
          const notice = owedNotice(item.id);
          return (
            <li key={item.id} className="govuk-!-margin-bottom-4">
              <strong className="govuk-tag govuk-tag--red">Late</strong> {item.title} (recorded {formatDate(item.on)}).
              {notice ? (
                <div className="govuk-inset-text govuk-!-margin-top-2 govuk-!-margin-bottom-0" data-testid="delay-notice">
                  Delay notice given on {formatDate(notice.on)}: {notice.reason} Expected by {formatDate(notice.expectedOn)}.
                </div>
              ) : (
                <p className="govuk-body-s govuk-!-margin-bottom-0">
                  {isFamily ? "No delay notice has been given to you yet." : "No delay notice has been given yet: give the family one (why, and by when)."}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** The family's own route and decisions, and what the clocks are doing, in plain words. */
export function FairnessFacts({ view, isFamily }: { view: CaseView; isFamily: boolean }) {
  const you = isFamily ? "You" : "The family";
  const pauseEnds = (key: string) => view.deadlines.find((d) => d.key === `${key}.pauseEnds`)?.dueOn;
  const facts: Array<{ id: string; text: string }> = [];
  if (view.nationalReferralOpenUntil && view.stateValue === "ladder.localService.responded") {
    facts.push({
      id: "national-referral",
      text: `${you} can ask ${nationalName(view)} to look at ${isFamily ? "your" : "the"} concern until ${formatDate(view.nationalReferralOpenUntil)}. The local service’s stage is finished; this route stays open for 12 months from its response.`,
    });
  }
  for (const clock of view.pausedClocks) {
    const ends = pauseEnds(clock.key);
    const waitingFor =
      clock.waitingOn === "family"
        ? isFamily
          ? "information from you"
          : "information from the family"
        : clock.waitingOn === "mediation"
          ? "the mediation"
          : "information from someone else";
    facts.push({
      id: `pause-${clock.key}`,
      text: `The response deadline has been paused since ${formatDate(clock.pausedSince)}, waiting for ${waitingFor}: “${clock.reason}”.${ends ? ` It restarts by itself on ${formatDate(ends)} at the latest.` : ""}`,
    });
  }
  for (const failed of view.failedRemediesOpen) {
    const remedy = view.remedies.find((r) => r.id === failed.remedyId);
    facts.push({
      id: `failed-${failed.remedyId}`,
      text: `${you} can take the remedy “${remedy?.description ?? failed.remedyId}”, which was not carried out, further to ${failed.toRung === 3 ? nationalName(view) : "the local service"} until ${formatDate(failed.until)}.`,
    });
  }
  if (view.calendarFallback) {
    facts.push({ id: "calendar", text: `The setting’s deadlines are counted in working days, not school days: its term dates did not cover the time this concern needs.` });
  }
  if (facts.length === 0) return null;
  return (
    <div className="govuk-inset-text" data-testid="fairness-facts">
      {facts.map((fact) => (
        <p key={fact.id} className="govuk-body">
          {fact.text}
        </p>
      ))}
    </div>
  );
}
