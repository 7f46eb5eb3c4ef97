import { PARTIES, type NotificationKind, type NotificationPayload } from "../../machines";
import { formatDate } from "./dates";
import { audienceOf, type Audience, type Party, type RungNumber } from "./wording";

/** What the dispatcher adds to the machine's data for each recipient. */
/**
 * Added by the write path to every email: who it is for, and the case's issues by their own titles
 * (never ids); `actorName`, the person whose act it tells of, where the email names them (evidence-added).
 */
export type Recipient = { recipientName?: string; party?: Party; caseUrl?: string; issueTitles?: Record<string, string>; actorName?: string };

/**
 * What a template for `kind` is given: the machine's typed data for that kind (machines'
 * NotificationData) plus the recipient. Data goes in as one prop: notifications carry fields
 * such as `key` that React would swallow as props.
 */
export type EmailProps<K extends NotificationKind = NotificationKind> = { data: NotificationPayload<K> & Recipient };

/**
 * The same data as stored in the outbox (JSON, perhaps queued by an older release): what the
 * subject line and the defensive readers below take, so a row missing a field is still sent
 * sensibly rather than with "undefined" in it.
 */
export type NoticeProps = Record<string, unknown>;

export class MissingCaseRefError extends Error {
  constructor() {
    super("Notification data has no caseRef: the email cannot say which concern it is about");
    this.name = "MissingCaseRefError";
  }
}

export const textOf = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);

export const numberOf = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

export const recordOf = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

export const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export const textsOf = (value: unknown): string[] => listOf(value).flatMap((item) => textOf(item) ?? []);

export function rungOf(value: unknown): RungNumber | undefined {
  const rung = typeof value === "string" ? Number(value) : value;
  return rung === 1 || rung === 2 || rung === 3 ? rung : undefined;
}

const partyOf = (value: unknown): Party | undefined => PARTIES.find((party) => party === value);

/** Only absolute http(s) links go into an email. */
function urlOf(value: unknown): string | undefined {
  const text = textOf(value);
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function requireCaseRef(data: NoticeProps): string {
  const caseRef = textOf(data.caseRef);
  if (!caseRef) throw new MissingCaseRefError();
  return caseRef;
}

/** Loose, never-throwing reads of a notification's data (except caseRef, without which we cannot send). */
export function readNotice(data: NoticeProps) {
  const party = partyOf(data.party);
  return {
    caseRef: requireCaseRef(data),
    recipientName: textOf(data.recipientName),
    party,
    audience: audienceOf(party) as Audience | undefined,
    caseUrl: urlOf(data.caseUrl),
    /** Set for notifications that announce a letter (outcomes, decisions, mediation certificates and agreements). */
    lettersUrl: urlOf(data.lettersUrl),
    text: (key: string) => textOf(data[key]),
    date: (key: string) => formatDate(data[key]),
    number: (key: string) => numberOf(data[key]),
    rung: (key = "rung") => rungOf(data[key]),
    list: (key: string) => listOf(data[key]),
    texts: (key: string) => textsOf(data[key]),
    record: (key: string) => recordOf(data[key]),
    flag: (key: string) => data[key] === true,
  };
}

export type Notice = ReturnType<typeof readNotice>;

/** Every subject starts with the concern reference and nothing personal. */
export const caseSubject = (data: NoticeProps, summary: string) => `Concern ${requireCaseRef(data)}: ${summary}`.replace(/\s+/g, " ");
