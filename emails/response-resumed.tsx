import { RespondBy } from "./_shared/next-steps";
import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, Quote, WhatHappensNext } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { answersAt, bodyName } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "the deadline for a response has restarted");

export default function ResponseResumed({ data }: EmailProps<"response-resumed">) {
  const n = readNotice(data);
  const rung = n.rung();
  const who = answersAt(n.party, rung) ? "you" : bodyName(rung);
  return (
    <Layout notice={n} heading="The deadline for a response has restarted">
      <P>
        {n.flag("pauseLimitReached")
          ? "The pause has reached the longest a pause may last, so the deadline for a response has started again by itself."
          : n.text("information")
            ? "The family has sent the information that was asked for, so the pause has ended and the deadline for a response is running again."
            : "The pause has ended, so the deadline for a response is running again."}
      </P>
      <Quote label="Information sent" text={n.text("information")} />
      <WhatHappensNext>
        <RespondBy who={who} what={`respond to ${n.audience === "family" ? "your" : "the"} concern with an outcome`} date={n.date("dueOn")} />
      </WhatHappensNext>
    </Layout>
  );
}

export const PreviewProps = sample("response-resumed", { rung: 1, dueOn: "2026-04-03" });
