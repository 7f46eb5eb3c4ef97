import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { capitalise, partyName } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "a contribution to the joint response");

export default function ContributionReceived({ data }: EmailProps<"contribution-received">) {
  const n = readNotice(data);
  const from = capitalise(partyName(n.text("from") ?? "health-partner"));
  return (
    <Layout notice={n} heading="A contribution to the joint response">
      <P>{from} has added its part of the response to this concern. You can read it on the concern in Redress.</P>
      <WhatYouNeedToDo>
        <P>Take it into account in the response. You send the response for everyone answering the concern, by its deadline.</P>
      </WhatYouNeedToDo>
    </Layout>
  );
}

export const PreviewProps = sample("contribution-received", { rung: 1, from: "health-partner" }, "setting");
