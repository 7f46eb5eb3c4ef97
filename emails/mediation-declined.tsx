import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, Quote, WhatHappensNext, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "the family has declined mediation");

export default function MediationDeclined({ data }: EmailProps) {
  const n = readNotice(data);
  return (
    <Layout notice={n} heading="The family has declined mediation">
      <P>The family has decided not to take part in mediation on this concern.</P>
      <Quote label="Reason given" text={n.text("reason")} />
      {n.audience === "mediator" && (
        <WhatYouNeedToDo>
          <P>Issue the mediation certificate to the family by the date shown in Redress.</P>
        </WhatYouNeedToDo>
      )}
      <WhatHappensNext>
        <P>Once the certificate is issued, the concern goes back to where it was and its deadlines start again.</P>
      </WhatHappensNext>
    </Layout>
  );
}

export const PreviewProps = sample({ rung: 1, reason: "We would rather have a written response." }, "mediator");
