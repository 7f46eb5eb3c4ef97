import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, WhatHappensNext, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { answersAt } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "resolved by agreement");

export default function ResolvedByAgreement({ data }: EmailProps<"resolved-by-agreement">) {
  const n = readNotice(data);
  return (
    <Layout notice={n} heading="The concern has been resolved by agreement">
      <P>{n.audience === "family" ? "Your" : "This"} concern has been resolved by agreement at mediation. It is now closed.</P>
      <WhatHappensNext>
        <P>Anything agreed at mediation is tracked in Redress until it is done.</P>
      </WhatHappensNext>
      {answersAt(n.party, n.rung()) && (
        <WhatYouNeedToDo>
          <P>Carry out what you agreed by the dates shown in Redress, and record each one when it is done.</P>
        </WhatYouNeedToDo>
      )}
    </Layout>
  );
}

export const PreviewProps = sample("resolved-by-agreement", { rung: 1 });
