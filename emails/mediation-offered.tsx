import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, WhatHappensNext, WhatYouCanDo, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { bodyName, capitalise } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "mediation has been offered");

export default function MediationOffered({ data }: EmailProps<"mediation-offered">) {
  const n = readNotice(data);
  const body = bodyName(n.rung());
  const byFamily = n.text("requestedBy") === "family";
  if (n.audience === "family") {
    return (
      <Layout notice={n} heading="Mediation has been offered">
        <P>{byFamily ? "You asked for mediation on your concern." : `${capitalise(body)} has offered mediation on your concern.`}</P>
        <P>
          Mediation is a meeting with an independent mediator, who helps you and {body} try to agree a way forward. You do not have to take part, and saying no will not harm your
          concern.
        </P>
        <WhatHappensNext>
          <P>A mediator will send you information about how mediation works. The deadlines on your concern are paused in the meantime.</P>
        </WhatHappensNext>
        <WhatYouCanDo>
          <P>When you have read the information, you can accept or decline mediation in Redress.</P>
        </WhatYouCanDo>
      </Layout>
    );
  }
  const requested = byFamily ? "The family asked for mediation" : `Mediation has been offered by ${body}`;
  return (
    <Layout notice={n} heading="Mediation has been offered">
      <P>{requested} on this concern. The deadlines on the concern are paused while mediation is considered.</P>
      {n.audience === "mediator" ? (
        <WhatYouNeedToDo>
          <P>Send the family information about mediation by the date shown in Redress.</P>
        </WhatYouNeedToDo>
      ) : (
        <WhatHappensNext>
          <P>The family will be sent information about mediation. If they accept, a mediator will contact you to arrange a session.</P>
        </WhatHappensNext>
      )}
    </Layout>
  );
}

export const PreviewProps = sample("mediation-offered", { rung: 1, requestedBy: "family" });
