import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, WhatHappensNext, WhatYouCanDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "information about mediation");

export default function MediationInformationSent({ data }: EmailProps<"mediation-information-sent">) {
  const n = readNotice(data);
  return (
    <Layout notice={n} heading="Information about mediation">
      <P>The mediator has sent you information about mediation for your concern. You can read it in Redress.</P>
      <WhatYouCanDo>
        <P>Accept or decline mediation in Redress.</P>
      </WhatYouCanDo>
      <WhatHappensNext>
        <P>If you accept, a mediator will be assigned and will arrange a session with you.</P>
        <P>If you decline, mediation ends at once, your decision is recorded as the mediation certificate and your concern carries on where it left off.</P>
      </WhatHappensNext>
    </Layout>
  );
}

export const PreviewProps = sample("mediation-information-sent", { rung: 1 });
