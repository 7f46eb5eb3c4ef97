import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, WhatYouCanDo, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "a mediation session has been arranged");

export default function MediationSessionScheduled({ data }: EmailProps<"mediation-session-scheduled">) {
  const n = readNotice(data);
  const sessionOn = n.date("sessionOn");
  return (
    <Layout notice={n} heading="A mediation session has been arranged">
      <P>
        A mediation session has been arranged {sessionOn ? `for ${sessionOn}` : "for the date shown in Redress"}. You can see the
        details in Redress.
      </P>
      {n.audience === "mediator" ? (
        <WhatYouNeedToDo>
          <P>After the session, record the outcome in Redress.</P>
        </WhatYouNeedToDo>
      ) : (
        <WhatYouCanDo>
          <P>If you cannot attend, say so in Redress as soon as you can so the session can be moved.</P>
        </WhatYouCanDo>
      )}
    </Layout>
  );
}

export const PreviewProps = sample("mediation-session-scheduled", { rung: 1, sessionOn: "2026-04-21" });
