import { MessagesLink } from "./_shared/next-steps";
import { caseSubject, readNotice, textOf, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, Quote, WhatHappensNext, WhatYouCanDo, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, data.held === true ? "the mediation session was held" : "a mediation session has been arranged");

export default function MediationSessionScheduled({ data }: EmailProps<"mediation-session-scheduled">) {
  const n = readNotice(data);
  if (data.held === true) {
    const heldOn = n.date("heldOn");
    return (
      <Layout notice={n} heading="The mediation session was held">
        <P>The mediation session {heldOn ? `on ${heldOn} ` : ""}has been recorded as held.</P>
        <WhatHappensNext>
          <P>
            {n.audience === "mediator" ? "Record the outcome of the session in Redress." : "The mediator will record the outcome in Redress, and you will be told what was agreed."}
          </P>
        </WhatHappensNext>
      </Layout>
    );
  }
  const sessionOn = n.date("sessionOn");
  const time = textOf(data.sessionTime);
  return (
    <Layout notice={n} heading="A mediation session has been arranged">
      <P>
        A mediation session has been arranged {sessionOn ? `for ${sessionOn}` : "for the date shown in Redress"}
        {time ? ` at ${time}` : ""}.
      </P>
      <Quote label="Where" text={textOf(data.place)} />
      {n.audience === "mediator" ? (
        <WhatYouNeedToDo>
          <P>After the session, record in Redress that it was held, then its outcome.</P>
        </WhatYouNeedToDo>
      ) : (
        <WhatYouCanDo>
          {n.audience === "family" ? (
            <>
              <P>If you cannot attend, send a message on your concern in Redress as soon as you can, so the organisation handling it can ask the mediator to move the session.</P>
              <MessagesLink notice={n}>Send a message about the session</MessagesLink>
            </>
          ) : (
            <P>If you cannot attend, tell the mediator you assigned as soon as you can, so the session can be moved, and send the family a message on the concern in Redress.</P>
          )}
        </WhatYouCanDo>
      )}
    </Layout>
  );
}

export const PreviewProps = sample("mediation-session-scheduled", { rung: 1, sessionOn: "2026-04-21", sessionTime: "14:30", place: "Room 2, Leeds Civic Hall, LS1 1UR" });
