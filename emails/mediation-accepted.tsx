import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, WhatHappensNext, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "the family has accepted mediation");

export default function MediationAccepted({ data }: EmailProps<"mediation-accepted">) {
  const n = readNotice(data);
  return (
    <Layout notice={n} heading="The family has accepted mediation">
      <P>The family has accepted mediation on this concern. The deadlines on the concern stay paused while mediation runs.</P>
      {n.audience === "mediator" ? (
        <WhatYouNeedToDo>
          <P>Make sure a mediator is assigned and a session is arranged. The session must be held by the date shown in Redress.</P>
        </WhatYouNeedToDo>
      ) : (
        <WhatHappensNext>
          <P>A mediator will contact you to arrange a session.</P>
        </WhatHappensNext>
      )}
    </Layout>
  );
}

export const PreviewProps = sample("mediation-accepted", { rung: 1 }, "mediator");
