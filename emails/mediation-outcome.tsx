import { caseSubject, readNotice, textOf, type EmailProps, type NoticeProps } from "./_shared/notice";
import { IssueList, P, WhatHappensNext } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { bodyName, lookup, MEDIATION_RESULTS } from "./_shared/wording";
import { Layout } from "./layout";

const HEADINGS: Record<string, string> = {
  agreed: "Mediation has ended with an agreement",
  "partly-agreed": "Mediation has ended with agreement on some issues",
  "not-agreed": "Mediation has ended without an agreement",
};

const headingFor = (result: string | undefined) => lookup(HEADINGS, result) ?? "Mediation has ended";

export const subject = (data: NoticeProps) => caseSubject(data, headingFor(textOf(data.result)).toLowerCase());

export default function MediationOutcome({ data }: EmailProps<"mediation-outcome">) {
  const n = readNotice(data);
  const result = n.text("result");
  const agreedIssues = n.texts("agreedIssueIds");
  const summary = lookup(MEDIATION_RESULTS, result);
  return (
    <Layout notice={n} heading={headingFor(result)}>
      <P>{summary ? `At mediation, ${summary}.` : "The mediation session has ended. You can see the result in Redress."}</P>
      {result === "partly-agreed" && agreedIssues.length > 0 && (
        <>
          <P>The issues agreed were:</P>
          <IssueList ids={agreedIssues} issueTitles={data.issueTitles} />
        </>
      )}
      <WhatHappensNext>
        <P>The mediator will issue a mediation certificate.</P>
        {result === "agreed" ? (
          <P>The concern will then close as resolved by agreement.</P>
        ) : (
          <P>Any issues not agreed go back to {bodyName(n.rung())}, and the deadlines start again.</P>
        )}
        {agreedIssues.length > 0 && <P>Anything agreed at mediation is tracked in Redress until it is done.</P>}
      </WhatHappensNext>
    </Layout>
  );
}

export const PreviewProps = sample("mediation-outcome", { rung: 1, result: "partly-agreed", agreedIssueIds: ["I1"] });
