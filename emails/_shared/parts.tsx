import { Heading, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { styles } from "../layout";
import { formatDate } from "./dates";
import { listOf, numberOf, recordOf, textOf } from "./notice";
import { FINDING_NAMES, formatPence, REMEDY_NAMES, wordFor } from "./wording";

export const P = ({ children }: { children: ReactNode }) => <Text style={styles.paragraph}>{children}</Text>;

function Titled({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <Heading as="h2" style={styles.h2}>
        {title}
      </Heading>
      {children}
    </>
  );
}

export const WhatHappensNext = ({ children }: { children: ReactNode }) => <Titled title="What happens next">{children}</Titled>;
export const WhatYouCanDo = ({ children }: { children: ReactNode }) => <Titled title="What you can do">{children}</Titled>;
export const WhatYouNeedToDo = ({ children }: { children: ReactNode }) => <Titled title="What you need to do">{children}</Titled>;

const insetStyle = { ...styles.paragraph, borderLeft: "10px solid #b1b4b6", padding: "5px 0 5px 15px" };

/** Free text someone wrote (a reason, evidence), shown as a GOV.UK inset; nothing when absent. */
export function Quote({ label, text }: { label: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <Text style={insetStyle}>
      {label}: {text}
    </Text>
  );
}

export function Bullets({ items }: { items: ReactNode[] }) {
  if (items.length === 0) return null;
  return (
    <ul style={{ ...styles.paragraph, paddingLeft: "20px" }}>
      {items.map((item, index) => (
        <li key={index} style={{ marginBottom: "5px" }}>
          {item}
        </li>
      ))}
    </ul>
  );
}

/**
 * An issue by its own title, as the family raised it (`issueTitles` is added to every email's data
 * by the outbox); "Issue 2" by its place in the list when no title was sent, never its internal id.
 */
export function issueName(issueTitles: unknown, issueId: string, position: number): string {
  return textOf(recordOf(issueTitles)?.[issueId]) ?? `Issue ${position + 1}`;
}

/** The issues named in a list of ids, by their titles. */
export function IssueList({ ids, issueTitles }: { ids: string[]; issueTitles: unknown }) {
  return <Bullets items={ids.map((id, index) => issueName(issueTitles, id, index))} />;
}

/** Findings per issue ("Support when moving between settings: Upheld"); malformed entries are skipped rather than shown half-empty. */
export function Findings({ findings, issueTitles }: { findings: unknown; issueTitles?: unknown }) {
  const items = listOf(findings).flatMap((entry, index) => {
    const finding = recordOf(entry);
    const issueId = textOf(finding?.issueId);
    const result = wordFor(FINDING_NAMES, textOf(finding?.finding));
    if (!issueId || !result) return [];
    const reasons = textOf(finding?.reasons);
    return [`${issueName(issueTitles, issueId, index)}: ${result}${reasons ? `. ${reasons}` : ""}`];
  });
  if (items.length === 0) return <P>You can read the findings for each issue in Redress.</P>;
  return <Bullets items={items} />;
}

function describeRemedy(entry: unknown): string | undefined {
  const remedy = recordOf(entry);
  const name = wordFor(REMEDY_NAMES, textOf(remedy?.kind));
  if (!name) return undefined;
  const pence = numberOf(remedy?.amountPence);
  const description = textOf(remedy?.description);
  const dueOn = formatDate(remedy?.dueOn);
  return [`${name}${pence !== undefined && pence > 0 ? ` of ${formatPence(pence)}` : ""}`, description ? `: ${description}` : "", dueOn ? ` (by ${dueOn})` : ""].join("");
}

export function Remedies({ remedies }: { remedies: unknown }) {
  return <Bullets items={listOf(remedies).flatMap((entry) => describeRemedy(entry) ?? [])} />;
}

/** Deadlines as the machines label them ("The setting to respond with an outcome: by 3 April 2026"). */
export function DueDates({ dueDates }: { dueDates: unknown }) {
  const items = listOf(dueDates).flatMap((entry) => {
    const due = recordOf(entry);
    const label = textOf(due?.label);
    const dueOn = formatDate(due?.dueOn);
    return label && dueOn ? [`${label}: by ${dueOn}`] : [];
  });
  return <Bullets items={items} />;
}

/** A clock as the machines describe it: what is owed and the last day for it. */
export function Deadline({ label, dueOn }: { label: string | undefined; dueOn: string | undefined }) {
  return <Bullets items={[label ? `What: ${label}` : "What: see the deadlines in Redress", dueOn ? `Last day: ${dueOn}` : "Last day: shown in Redress"]} />;
}
