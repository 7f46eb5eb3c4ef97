import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { Findings, P, WhatHappensNext, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { answersAt } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "the national body has made its final decision");

export default function FinalDecisionIssued({ data }: EmailProps<"final-decision-issued">) {
  const n = readNotice(data);
  const remedies = n.texts("remedyIds").length;
  return (
    <Layout notice={n} heading="The national body has made its final decision">
      <P>The national body has made its final decision on {n.audience === "family" ? "your" : "this"} concern. Its findings are:</P>
      <Findings findings={data.findings} issueTitles={data.issueTitles} />
      {remedies > 0 && (
        <P>
          The decision includes {remedies === 1 ? "1 remedy" : `${remedies} remedies`} to put things right. You can see{" "}
          {remedies === 1 ? "it and its due date" : "them and their due dates"} in Redress.
        </P>
      )}
      <WhatHappensNext>
        <P>This is the last stage, so the concern is now closed. The national body checks that remedies are carried out.</P>
      </WhatHappensNext>
      {remedies > 0 && answersAt(n.party, 2) && (
        <WhatYouNeedToDo>
          <P>Carry out each remedy by its due date and record it in Redress, with evidence.</P>
        </WhatYouNeedToDo>
      )}
    </Layout>
  );
}

export const PreviewProps = sample("final-decision-issued", {
  findings: [
    { issueId: "I1", finding: "upheld" },
    { issueId: "I2", finding: "partly-upheld" },
  ],
  remedyIds: ["R1", "R2"],
});
