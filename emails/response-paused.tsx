import { MessagesLink } from "./_shared/next-steps";
import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, Quote, WhatHappensNext, WhatYouCanDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { answersAt, bodyName } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "the deadline for a response is paused");

export default function ResponsePaused({ data }: EmailProps<"response-paused">) {
  const n = readNotice(data);
  const rung = n.rung();
  const family = n.audience === "family";
  const who = answersAt(n.party, rung) ? "you" : bodyName(rung);
  const waitingOnFamily = n.text("waitingOn") === "family";
  const pauseEndsOn = n.date("pauseEndsOn");
  const waitingFor = waitingOnFamily
    ? `information from ${family ? "you" : "the family"}`
    : n.text("waitingOn") === "third-party"
      ? "information from someone else, such as a health service"
      : "more information";
  return (
    <Layout notice={n} heading="The deadline for a response is paused">
      <P>
        The deadline for {who} to respond to {family ? "your" : "this"} concern is paused while waiting for {waitingFor}.
      </P>
      <Quote label="Reason given" text={n.text("reason")} />
      <WhatHappensNext>
        <P>
          The deadline starts again when the information arrives
          {pauseEndsOn ? `, or by itself on ${pauseEndsOn} if it has not arrived by then: a pause cannot last longer` : ""}. Everyone will get an email with the new date.
        </P>
      </WhatHappensNext>
      {family && waitingOnFamily && (
        <WhatYouCanDo>
          <P>Send the information as a message on your concern in Redress as soon as you can. The deadline starts again when you do.</P>
          <MessagesLink notice={n}>Send the information as a message</MessagesLink>
        </WhatYouCanDo>
      )}
    </Layout>
  );
}

export const PreviewProps = sample("response-paused", {
  rung: 1,
  reason: "We need the latest speech and language therapy report before we can respond.",
  waitingOn: "family",
  pauseEndsOn: "2026-05-01",
});
