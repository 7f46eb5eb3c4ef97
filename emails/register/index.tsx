import { Link, render, Text } from "@react-email/components";
import { createElement, type ReactNode } from "react";
import { formatDate } from "../_shared/dates";
import { styles } from "../layout";
import { StandaloneLayout } from "../_shared/standalone-layout";

// Emails about a child's register entry rather than a concern (docs/decisions/027): a request for
// consideration received and decided, a register decision recorded, a review due soon or overdue,
// a new development record version awaiting a partner's confirmation. They go through the same
// outbox as case notifications, with no case; the link points at the child's register page.

export const REGISTER_EMAIL_KINDS = [
  "register-request-received",
  "register-request-decided",
  "register-decision-recorded",
  "register-review-due-soon",
  "register-review-overdue",
  "register-record-awaiting-confirmation",
] as const;
export type RegisterEmailKind = (typeof REGISTER_EMAIL_KINDS)[number];

export const isRegisterEmailKind = (kind: string): kind is RegisterEmailKind => (REGISTER_EMAIL_KINDS as readonly string[]).includes(kind);

type Data = Record<string, unknown>;
const text = (data: Data, key: string) => (typeof data[key] === "string" && (data[key] as string).trim() !== "" ? (data[key] as string).trim() : undefined);
const date = (data: Data, key: string) => formatDate(data[key]);

/** The reasons as sent: the criterion's title and the setting's words. */
function reasons(data: Data): { title: string; reason: string }[] {
  const list = Array.isArray(data.reasons) ? data.reasons : [];
  return list.flatMap((r) => {
    const item = r as Record<string, unknown>;
    return typeof item.title === "string" && typeof item.reason === "string" ? [{ title: item.title, reason: item.reason }] : [];
  });
}

const OUTCOME_SENTENCES: Record<string, (child: string) => string> = {
  place: (child) => `${child} has been placed on the additional needs register.`,
  not_place: (child) => `${child} has not been placed on the additional needs register.`,
  remove: (child) => `${child} has been removed from the additional needs register.`,
  confirm: (child) => `${child}'s register review has confirmed their place on the register and their support.`,
  change: (child) => `${child}'s register review has changed their support. They stay on the register.`,
};

const OUTCOME_SUBJECTS: Record<string, (child: string) => string> = {
  place: (child) => `Register decision: ${child} has been placed on the register`,
  not_place: (child) => `Register decision: ${child} has not been placed on the register`,
  remove: (child) => `Register decision: ${child} has been removed from the register`,
  confirm: (child) => `Register review: ${child}'s support is confirmed`,
  change: (child) => `Register review: ${child}'s support has changed`,
};

const P = ({ children }: { children: ReactNode }) => <Text style={styles.paragraph}>{children}</Text>;

function RegisterLayout({ data, heading, children }: { data: Data; heading: string; children: ReactNode }) {
  return (
    <StandaloneLayout
      name={text(data, "recipientName")}
      heading={heading}
      footer="You are getting this email because of your part in this child's register entry in Redress. Do not reply to this email."
    >
      {children}
    </StandaloneLayout>
  );
}

function RegisterLink({ data, label }: { data: Data; label: string }) {
  const href = text(data, "link");
  if (!href) return null;
  return (
    <>
      <P>
        <Link href={href} style={styles.link}>
          {label}
        </Link>
      </P>
      <P>If the link does not open, copy this address into your browser: {href}</P>
    </>
  );
}

function Reasons({ data }: { data: Data }) {
  const list = reasons(data);
  if (list.length === 0) return null;
  return (
    <>
      <P>The reasons the setting gave:</P>
      {list.map((r, i) => (
        <P key={i}>
          {r.title}: {r.reason}
        </P>
      ))}
    </>
  );
}

function Challenge({ data }: { data: Data }) {
  return (
    <P>
      If you disagree with this decision, talk to {text(data, "settingName") ?? "the setting"} first if you can. You can also raise a concern about it in Redress: open{" "}
      {text(data, "childName") ?? "the child"}&apos;s register page and choose &quot;Raise a concern about this decision&quot;. The setting must answer your concern, and if you are
      still unhappy you can take it to the local service and then to the national body.
    </P>
  );
}

function DecisionBody({ data }: { data: Data }) {
  const child = text(data, "childName") ?? "Your child";
  const sentence = OUTCOME_SENTENCES[text(data, "outcome") ?? ""] ?? (() => `${child}'s register entry has a new decision.`);
  return (
    <>
      <P>
        {sentence(child)} {text(data, "settingName") ?? "The setting"} made this decision on {date(data, "decidedOn") ?? "the date shown on the register page"}.
      </P>
      <Reasons data={data} />
      {date(data, "nextReviewOn") ? <P>The next review is due by {date(data, "nextReviewOn")}. You will be invited to take part.</P> : null}
      <Challenge data={data} />
      <RegisterLink data={data} label={`See ${child}'s register page`} />
    </>
  );
}

const REQUESTER_WORDS: Record<string, string> = {
  family: "the child's family",
  "young-person": "the young person",
  professional: "a professional working with the child",
};

const TEMPLATES: Record<RegisterEmailKind, { subject: (d: Data) => string; body: (d: Data) => ReactNode }> = {
  "register-request-received": {
    subject: (d) => `Request to consider ${text(d, "childName") ?? "a child"} for the register`,
    body: (d) => (
      <RegisterLayout data={d} heading="A request for consideration for the register">
        <P>
          {text(d, "requestedBy") ?? "Someone"}, {REQUESTER_WORDS[text(d, "requesterKind") ?? ""] ?? "on the child's behalf"}, has asked {text(d, "settingName") ?? "your setting"}{" "}
          to consider {text(d, "childName") ?? "a child"} for the additional needs register. The request was received on {date(d, "receivedOn") ?? "the date on the register page"}.
        </P>
        <P>
          Your setting must decide by {date(d, "dueOn") ?? "the date on the register page"}, with the family and, where it applies, the health lead. A decision not to place the
          child can be challenged, so record who took part and the reasons for it.
        </P>
        <RegisterLink data={d} label="See the request and record the decision" />
      </RegisterLayout>
    ),
  },
  "register-request-decided": {
    subject: (d) => `Your request about ${text(d, "childName") ?? "your child"} has been decided`,
    body: (d) => (
      <RegisterLayout data={d} heading="Your request for consideration has been decided">
        <P>
          You asked {text(d, "settingName") ?? "the setting"} on {date(d, "receivedOn") ?? "the date on the register page"} to consider {text(d, "childName") ?? "your child"} for
          the additional needs register. They have now decided.
        </P>
        <DecisionBody data={d} />
      </RegisterLayout>
    ),
  },
  "register-decision-recorded": {
    subject: (d) => (OUTCOME_SUBJECTS[text(d, "outcome") ?? ""] ?? (() => "A new register decision"))(text(d, "childName") ?? "your child"),
    body: (d) => (
      <RegisterLayout data={d} heading={text(d, "kind") === "review" ? "A register review has been recorded" : "A register decision has been recorded"}>
        <DecisionBody data={d} />
      </RegisterLayout>
    ),
  },
  "register-review-due-soon": {
    subject: (d) => `${text(d, "childName") ?? "A child"}'s register review is due by ${date(d, "reviewOn") ?? "soon"}`,
    body: (d) => (
      <RegisterLayout data={d} heading="A register review is due soon">
        <P>
          {text(d, "childName") ?? "The child"}&apos;s place on the additional needs register and their support must be reviewed by{" "}
          {date(d, "reviewOn") ?? "the date on the register page"}.
        </P>
        {text(d, "audience") === "setting" ? (
          <P>Arrange the review with the family and, where it applies, the health lead, and record it in Redress when it is held.</P>
        ) : (
          <P>
            {text(d, "settingName") ?? "The setting"} should invite you to take part. If you have not heard from them, ask them when the review will be. You can share your views in
            a meeting or in writing.
          </P>
        )}
        <RegisterLink data={d} label="See the register page" />
      </RegisterLayout>
    ),
  },
  "register-review-overdue": {
    subject: (d) => `${text(d, "childName") ?? "A child"}'s register review is overdue`,
    body: (d) => (
      <RegisterLayout data={d} heading="A register review is overdue">
        <P>
          {text(d, "childName") ?? "The child"}&apos;s register review was due by {date(d, "reviewOn") ?? "the date on the register page"} and has not been recorded.
        </P>
        {text(d, "audience") === "setting" ? (
          <P>Hold the review as soon as you can, with the family and, where it applies, the health lead, and record it in Redress. The family can see that it is overdue.</P>
        ) : (
          <P>
            Ask {text(d, "settingName") ?? "the setting"} when the review will be held. If it is not held, you can raise a concern that the review was not held: open the register
            page and choose &quot;Raise a concern that the review was not held&quot;.
          </P>
        )}
        <RegisterLink data={d} label="See the register page" />
      </RegisterLayout>
    ),
  },
  "register-record-awaiting-confirmation": {
    subject: (d) => `Confirm your part of ${text(d, "childName") ?? "a child"}'s development record`,
    body: (d) => (
      <RegisterLayout data={d} heading="A development record is waiting for your confirmation">
        <P>
          {text(d, "authorName") ?? "The setting"} has written a new version of {text(d, "childName") ?? "a child"}&apos;s development record at{" "}
          {text(d, "settingName") ?? "their setting"}. It names support from {text(d, "partnerWords") ?? "your service"}.
        </P>
        <P>Read the support it describes, and confirm your service&apos;s part if it is right. If it is not, contact the setting so they can write a corrected version.</P>
        <RegisterLink data={d} label="Read the record and confirm your part" />
      </RegisterLayout>
    ),
  },
};

export async function renderRegisterEmail(kind: string, data: Data): Promise<{ subject: string; html: string; text: string }> {
  if (!isRegisterEmailKind(kind)) throw new Error(`No register email for kind "${kind}"`);
  const template = TEMPLATES[kind];
  const element = createElement(() => template.body(data));
  const [html, plain] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: template.subject(data), html, text: plain };
}

const decisionSample = {
  recipientName: "Amira Hussain",
  childName: "Yusuf Hussain",
  settingName: "Beckett Park Primary School",
  outcome: "not_place",
  kind: "decision",
  decidedOn: "2026-10-12",
  reasons: [{ title: "Needs met by the universal offer", reason: "Yusuf's speech and language needs are met by the whole-class support the school gives every child." }],
  link: "http://localhost:3000/register/example",
};

/** Sample data for `npm run emails:preview` and the template tests. */
export const REGISTER_EMAIL_SAMPLES: Record<RegisterEmailKind, Data> = {
  "register-request-received": {
    recipientName: "Helen Clarke",
    childName: "Leah Walker",
    settingName: "Beckett Park Primary School",
    requestedBy: "Joanne Walker",
    requesterKind: "family",
    receivedOn: "2026-11-02",
    dueOn: "2026-11-30",
    link: "http://localhost:3000/register/example",
  },
  "register-request-decided": { ...decisionSample, receivedOn: "2026-09-14" },
  "register-decision-recorded": {
    ...decisionSample,
    outcome: "place",
    nextReviewOn: "2027-04-12",
    reasons: [{ title: "Communication needs", reason: "Yusuf needs daily small-group speech therapy." }],
  },
  "register-review-due-soon": {
    recipientName: "Amira Hussain",
    childName: "Yusuf Hussain",
    settingName: "Beckett Park Primary School",
    reviewOn: "2026-12-14",
    audience: "family",
    link: "http://localhost:3000/register/example",
  },
  "register-review-overdue": {
    recipientName: "Helen Clarke",
    childName: "Yusuf Hussain",
    settingName: "Beckett Park Primary School",
    reviewOn: "2026-11-02",
    audience: "setting",
    link: "http://localhost:3000/register/example",
  },
  "register-record-awaiting-confirmation": {
    recipientName: "Dr Owen Price",
    childName: "Yusuf Hussain",
    settingName: "Beckett Park Primary School",
    authorName: "Helen Clarke",
    partnerWords: "health",
    link: "http://localhost:3000/register/example/confirm",
  },
};
