import { Link } from "@remix-run/react";
import type { ThreadEntry } from "../utils/case-messages";
import { RESTARTS_CLOCK } from "../utils/case-messages";
import type { CaseThread } from "../utils/case-messages.server";

// Messages between the family and the body handling the case, and the internal notes of the
// reader's own organisation (docs/decisions/023). Newest last, as a conversation reads.

function Entry({ entry }: { entry: ThreadEntry }) {
  return (
    <li className="govuk-inset-text govuk-!-margin-top-0" data-testid="thread-entry">
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        <strong>{entry.by}</strong> ({entry.role}), {entry.when}
      </p>
      <p className="govuk-body redress-prewrap govuk-!-margin-bottom-0">{entry.text}</p>
    </li>
  );
}

function Thread({ entries, label }: { entries: ThreadEntry[]; label: string }) {
  return (
    <ol className="govuk-list" aria-label={label}>
      {entries.map((entry) => (
        <Entry key={entry.seq} entry={entry} />
      ))}
    </ol>
  );
}

/** "Showing the latest 20 of 31 messages" with the way to the rest, or nothing when all are shown. */
function MoreOf({ shown, count, what, href }: { shown: number; count: number; what: string; href?: string }) {
  if (count <= shown || !href) return null;
  return (
    <p className="govuk-body">
      Showing the latest {shown} of {count} {what}.{" "}
      <Link className="govuk-link" to={href}>
        Read all {count} {what}
      </Link>
    </p>
  );
}

export function CaseMessages({ thread, caseId, allMessagesHref }: { thread: CaseThread; caseId: string; allMessagesHref?: string }) {
  const { isFamily, messages, messageCount, notes } = thread;
  return (
    <>
      <section id="messages" aria-labelledby="messages-heading">
        <h2 className="govuk-heading-m" id="messages-heading">
          Messages
        </h2>
        <p className="govuk-body">
          {isFamily
            ? "Messages between you and the organisation handling your concern. Everyone working on your concern can read them."
            : "Messages between the family and the organisation handling the concern. The family and everyone working on the concern can read them."}
        </p>
        {thread.canMessage && thread.restartsClock ? <div className="govuk-inset-text">{RESTARTS_CLOCK}</div> : null}
        <MoreOf shown={messages.length} count={messageCount} what="messages" href={allMessagesHref} />
        {messages.length ? <Thread entries={messages} label="Messages, oldest first" /> : <p className="govuk-body">There are no messages yet.</p>}
        {thread.canMessage ? (
          <Link to={`/cases/${caseId}/send-message`} className="govuk-button govuk-button--secondary" role="button" data-module="govuk-button">
            {isFamily ? "Send a message" : "Send the family a message"}
          </Link>
        ) : null}
      </section>
      {notes ? (
        <section id="internal-notes" aria-labelledby="internal-notes-heading">
          <h2 className="govuk-heading-m" id="internal-notes-heading">
            Internal notes
          </h2>
          <p className="govuk-body">Only staff of {notes.whose} can see these notes. The family, their representative and other organisations never see them.</p>
          <MoreOf shown={notes.entries.length} count={notes.count} what="internal notes" href={allMessagesHref} />
          {notes.entries.length ? <Thread entries={notes.entries} label="Internal notes, oldest first" /> : <p className="govuk-body">There are no internal notes yet.</p>}
          {notes.canAdd ? (
            <Link to={`/cases/${caseId}/add-internal-note`} className="govuk-button govuk-button--secondary" role="button" data-module="govuk-button">
              Add an internal note
            </Link>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
