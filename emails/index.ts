import { render } from "@react-email/components";
import { createElement, type ComponentType } from "react";
import type { NotificationKind } from "../machines";
import { requireCaseRef, type EmailProps, type NoticeProps } from "./_shared/notice";
import * as assessmentDecision from "./assessment-decision";
import * as breach from "./breach";
import * as caseClosed from "./case-closed";
import * as commentsClosed from "./comments-closed";
import * as commentsReceived from "./comments-received";
import * as concernAcknowledged from "./concern-acknowledged";
import * as concernEscalated from "./concern-escalated";
import * as concernReceived from "./concern-received";
import * as concernWithdrawn from "./concern-withdrawn";
import * as contributionReceived from "./contribution-received";
import * as deadlineWarning from "./deadline-warning";
import * as delayNotice from "./delay-notice";
import * as draftDecisionIssued from "./draft-decision-issued";
import * as escalationWindowClosed from "./escalation-window-closed";
import * as evidenceAdded from "./evidence-added";
import * as finalDecisionIssued from "./final-decision-issued";
import * as handlerAssigned from "./handler-assigned";
import * as longOpenAlert from "./long-open-alert";
import * as markedUrgent from "./marked-urgent";
import * as mediationAccepted from "./mediation-accepted";
import * as mediationCertificateIssued from "./mediation-certificate-issued";
import * as mediationDeclined from "./mediation-declined";
import * as mediationInformationSent from "./mediation-information-sent";
import * as mediationOffered from "./mediation-offered";
import * as mediationOutcome from "./mediation-outcome";
import * as mediationSessionScheduled from "./mediation-session-scheduled";
import * as mediatorAssigned from "./mediator-assigned";
import * as messageReceived from "./message-received";
import * as outcomeAccepted from "./outcome-accepted";
import * as outcomeIssued from "./outcome-issued";
import * as remedyDone from "./remedy-done";
import * as remedyFailed from "./remedy-failed";
import * as remedyOverdue from "./remedy-overdue";
import * as resolvedByAgreement from "./resolved-by-agreement";
import * as responseExtended from "./response-extended";
import * as responsePaused from "./response-paused";
import * as responseResumed from "./response-resumed";
import * as returnedToLadder from "./returned-to-ladder";
import * as termDatesNeeded from "./term-dates-needed";

export { MissingCaseRefError, type EmailProps, type NoticeProps } from "./_shared/notice";
export { formatDate } from "./_shared/dates";

/**
 * One module per notification kind: the email body (props typed by machines' NotificationData for
 * its kind), its subject line and sample data for previews (typed the same way).
 */
export type EmailTemplate<K extends NotificationKind = NotificationKind> = {
  default: ComponentType<EmailProps<K>>;
  subject: (data: NoticeProps) => string;
  PreviewProps: EmailProps<K>;
};

export const TEMPLATES = {
  "assessment-decision": assessmentDecision,
  breach,
  "case-closed": caseClosed,
  "comments-closed": commentsClosed,
  "comments-received": commentsReceived,
  "concern-acknowledged": concernAcknowledged,
  "concern-escalated": concernEscalated,
  "concern-received": concernReceived,
  "concern-withdrawn": concernWithdrawn,
  "contribution-received": contributionReceived,
  "deadline-warning": deadlineWarning,
  "delay-notice": delayNotice,
  "draft-decision-issued": draftDecisionIssued,
  "escalation-window-closed": escalationWindowClosed,
  "evidence-added": evidenceAdded,
  "final-decision-issued": finalDecisionIssued,
  "handler-assigned": handlerAssigned,
  "long-open-alert": longOpenAlert,
  "marked-urgent": markedUrgent,
  "mediation-accepted": mediationAccepted,
  "mediation-certificate-issued": mediationCertificateIssued,
  "mediation-declined": mediationDeclined,
  "mediation-information-sent": mediationInformationSent,
  "mediation-offered": mediationOffered,
  "mediation-outcome": mediationOutcome,
  "mediation-session-scheduled": mediationSessionScheduled,
  "mediator-assigned": mediatorAssigned,
  "message-received": messageReceived,
  "outcome-accepted": outcomeAccepted,
  "outcome-issued": outcomeIssued,
  "remedy-done": remedyDone,
  "remedy-failed": remedyFailed,
  "remedy-overdue": remedyOverdue,
  "resolved-by-agreement": resolvedByAgreement,
  "response-extended": responseExtended,
  "response-paused": responsePaused,
  "response-resumed": responseResumed,
  "returned-to-ladder": returnedToLadder,
  "term-dates-needed": termDatesNeeded,
} satisfies { [K in NotificationKind]: EmailTemplate<K> };

// Capitalised headings read as shouting in plain text and to screen readers.
const PLAIN_TEXT = {
  selectors: [
    { selector: "h1", options: { uppercase: false } },
    { selector: "h2", options: { uppercase: false } },
  ],
};

export class UnknownNotificationKindError extends Error {
  constructor(kind: string) {
    super(`No email template for notification kind "${kind}"`);
    this.name = "UnknownNotificationKindError";
  }
}

export function templateFor(kind: string): EmailTemplate {
  // Own keys only, so "constructor" or "__proto__" can never pass for a template.
  if (!Object.hasOwn(TEMPLATES, kind)) throw new UnknownNotificationKindError(kind);
  return TEMPLATES[kind as NotificationKind] as EmailTemplate;
}

/**
 * What the outbox dispatcher sends for one notification. Throws (so the message is retried
 * and then failed, never sent blank) for an unknown kind or data without a caseRef.
 */
export async function renderNotification(kind: string, data: Record<string, unknown>): Promise<{ subject: string; html: string; text: string }> {
  const template = templateFor(kind);
  requireCaseRef(data);
  // A stored row is JSON of the machine's data for its kind; templates still read it defensively (NoticeProps).
  const element = createElement(template.default, { data: data as EmailProps["data"] });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true, htmlToTextOptions: PLAIN_TEXT })]);
  return { subject: template.subject(data), html, text };
}
