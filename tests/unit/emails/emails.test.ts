import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatDate, MissingCaseRefError, renderNotification, TEMPLATES, templateFor } from "../../../emails";
import { NOTIFICATION_KINDS, PARTIES } from "../../../machines";

const root = new URL("../../../", import.meta.url);

const BAD_TOKENS = ["undefined", "NaN", "[object Object]", "null"];
const CHILD = { childName: "Kezia Okonkwo", childFirstName: "Kezia" };
const templates = Object.entries(TEMPLATES);
const previewData = (kind: string) => templateFor(kind).PreviewProps.data;

function expectClean(rendered: { subject: string; html: string; text: string }, caseRef: string) {
  for (const part of [rendered.subject, rendered.text]) {
    expect(part).toContain(caseRef);
    for (const token of BAD_TOKENS) expect(part).not.toContain(token);
  }
  expect(rendered.html).toContain(caseRef);
  for (const token of ["undefined", "NaN", "[object Object]"]) expect(rendered.html).not.toContain(token);
}

// That every kind the machines can emit has a template, and no template is for a kind they cannot,
// is the typecheck's job: TEMPLATES satisfies { [K in NotificationKind]: EmailTemplate<K> }, and
// every notification a machine builds is typed by NotificationData (machines/notifications.ts).
describe("templates", () => {
  it("registers every template file in emails/", () => {
    const files = readdirSync(new URL("emails/", root))
      .filter((name) => name.endsWith(".tsx") && name !== "layout.tsx")
      .map((name) => name.slice(0, -".tsx".length));
    expect([...NOTIFICATION_KINDS].sort()).toEqual(files.sort());
  });
});

describe.each(templates)("%s", (kind, template) => {
  const data = template.PreviewProps.data;
  const caseRef = data.caseRef as string;

  it("renders its preview props to HTML, text and a subject", async () => {
    const rendered = await renderNotification(kind, { ...data, ...CHILD });
    expectClean(rendered, caseRef);
    expect(rendered.subject).toMatch(/^Concern \S+: \S/);
    expect(rendered.text).toContain(`You are getting this email because you are part of concern ${caseRef}`);
  });

  it("keeps the child's and the recipient's names out of the subject", async () => {
    const { subject } = await renderNotification(kind, { ...data, ...CHILD });
    for (const name of ["Kezia", "Okonkwo", data.recipientName as string]) expect(subject).not.toContain(name);
  });

  it.each(PARTIES)("renders for a %s recipient", async (party) => {
    expectClean(await renderNotification(kind, { ...data, party }), caseRef);
  });

  it("renders with nothing but a caseRef", async () => {
    const rendered = await renderNotification(kind, { caseRef });
    expectClean(rendered, caseRef);
    expect(rendered.text).toContain("Hello,");
    expect(rendered.text).toContain(`Sign in to Redress to see concern ${caseRef}`);
  });

  it.each([null, 42, Number.NaN, true, "nonsense", {}, [], [{}], [null, 7]])("survives every field set to %j", async (junk) => {
    const hostile = Object.fromEntries(Object.keys(data).map((key) => [key, junk]));
    expectClean(await renderNotification(kind, { ...hostile, caseRef }), caseRef);
  });

  it.each([undefined, "", "   ", 42])("refuses to render without a caseRef (%j)", async (missing) => {
    await expect(renderNotification(kind, { ...data, caseRef: missing })).rejects.toThrow(MissingCaseRefError);
  });
});

describe("renderNotification", () => {
  it.each(["no-such-kind", "constructor", "__proto__", "toString", ""])("throws for the unknown kind %j", async (kind) => {
    await expect(renderNotification(kind, { caseRef: "RDR-1" })).rejects.toThrow(`No email template for notification kind "${kind}"`);
  });

  it("uses the GOV.UK-like layout with a link to the case", async () => {
    const { html } = await renderNotification("concern-acknowledged", previewData("concern-acknowledged"));
    expect(html).toContain("#1d70b8");
    expect(html).toContain('href="https://redress.example.gov.uk/cases/RDR-2026-0042"');
    expect(html).toContain(">Redress</p>");
    expect(html).toContain("Do not reply: sign in to Redress to respond.");
  });

  it("never links to anything but an http(s) case URL", async () => {
    const { html, text } = await renderNotification("concern-acknowledged", { ...previewData("concern-acknowledged"), caseUrl: "javascript:alert(1)" });
    expect(html).not.toContain("javascript:");
    expect(text).toContain("Sign in to Redress to see concern RDR-2026-0042");
  });

  it("escapes free text written by users", async () => {
    const { html } = await renderNotification("response-paused", { ...previewData("response-paused"), reason: "<script>alert(1)</script>" });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
  });

  it("keeps the subject on one line", async () => {
    const { subject } = await renderNotification("breach", { ...previewData("breach"), caseRef: "RDR-1\r\nBcc: someone@example.com" });
    expect(subject).not.toMatch(/[\r\n]/);
  });
});

describe("wording for the reader", () => {
  it("tells the family how long they have to take an outcome further", async () => {
    const { text } = await renderNotification("outcome-issued", previewData("outcome-issued"));
    expect(text).toContain("you can take your concern to the local service until 8 May 2026");
    expect(text).toContain("The annual review was not held: Upheld");
    expect(text).not.toContain("I1");
  });

  it("tells the setting its outcome went to the family", async () => {
    const { text } = await renderNotification("outcome-issued", { ...previewData("outcome-issued"), party: "setting" });
    expect(text).toContain("Your outcome has been sent to the family");
    expect(text).not.toContain("you can take your concern");
  });

  it("reads the clock key, which React would otherwise swallow as a prop", async () => {
    const { text } = await renderNotification("breach", previewData("breach"));
    expect(text).toContain("you can take your concern to the local service now");
  });

  it("does not offer escalation for a missed mediation deadline", async () => {
    const { text } = await renderNotification("breach", { ...previewData("breach"), key: "mediation.certificate", familyMayEscalate: undefined });
    expect(text).not.toContain("take your concern to");
  });

  it("tells the receiving body to acknowledge an escalated concern", async () => {
    const { text } = await renderNotification("concern-escalated", previewData("concern-escalated"));
    expect(text).toContain("You must acknowledge the concern and name the person who will handle it by 15 May 2026");
  });

  it("falls back to pointing at Redress when a date is missing", async () => {
    const { text } = await renderNotification("response-resumed", { caseRef: "RDR-1", rung: 2, party: "family" });
    expect(text).toContain("The local service must respond to your concern with an outcome by the date shown in Redress");
  });

  it("names issues by their place in the list when no titles were sent, never by id", async () => {
    const { text } = await renderNotification("outcome-issued", { ...previewData("outcome-issued"), issueTitles: undefined });
    expect(text).toContain("Issue 1: Upheld");
    expect(text).not.toContain("I1");
  });

  it("shows payments in pounds", async () => {
    const { text } = await renderNotification("draft-decision-issued", previewData("draft-decision-issued"));
    expect(text).toContain("A payment of £400.00: For four months of delay (by 30 October 2026)");
  });
});

describe("formatDate", () => {
  it.each([
    ["2026-04-03", "3 April 2026"],
    ["2026-12-25", "25 December 2026"],
    ["2024-02-29", "29 February 2024"],
    // 23:30 UTC on the first night of British Summer Time is already the next day in London.
    ["2026-03-29T23:30:00Z", "30 March 2026"],
    ["2026-01-15T23:30:00Z", "15 January 2026"],
    ["2026-06-30T23:30:00+01:00", "30 June 2026"],
  ])("shows %s as %s", (iso, expected) => {
    expect(formatDate(iso)).toBe(expected);
  });

  it.each([undefined, null, 20260403, "", "2026-02-30", "2025-02-29", "03/04/2026", "2026-4-3", "tomorrow"])("gives nothing for %j", (value) => {
    expect(formatDate(value)).toBeUndefined();
  });

  it("is used for every date in an email", async () => {
    const { subject, text } = await renderNotification("deadline-warning", previewData("deadline-warning"));
    expect(subject).toContain("3 April 2026");
    expect(text).toContain("Last day: 3 April 2026");
    expect(`${subject}${text}`).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
