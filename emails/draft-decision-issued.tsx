import { until } from "./_shared/dates";
import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { Findings, P, Remedies, WhatHappensNext, WhatYouCanDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "the national body has sent its draft decision");

export default function DraftDecisionIssued({ data }: EmailProps<"draft-decision-issued">) {
  const n = readNotice(data);
  const hasRemedies = n.list("proposedRemedies").length > 0;
  return (
    <Layout notice={n} heading="The national body has sent its draft decision">
      <P>
        The national body has finished investigating {n.audience === "family" ? "your" : "this"} concern. This is a draft: it may change after everyone involved has had the chance
        to comment. Its proposed findings are:
      </P>
      <Findings findings={data.findings} issueTitles={data.issueTitles} />
      {hasRemedies && <P>To put things right, it proposes:</P>}
      <Remedies remedies={data.proposedRemedies} />
      <WhatYouCanDo>
        <P>You can comment on the draft in Redress {until(n.date("commentsBy"))}.</P>
      </WhatYouCanDo>
      <WhatHappensNext>
        <P>After that, the national body will consider the comments and make its final decision.</P>
      </WhatHappensNext>
    </Layout>
  );
}

export const PreviewProps = sample("draft-decision-issued", {
  findings: [
    { issueId: "I1", finding: "upheld" },
    { issueId: "I2", finding: "partly-upheld", reasons: "The review was held but the family was not invited." },
  ],
  proposedRemedies: [
    { kind: "apology", description: "A written apology to the family" },
    { kind: "payment", description: "For four months of delay", amountPence: 40000, dueOn: "2026-10-30" },
  ],
  commentsBy: "2026-09-18",
});
