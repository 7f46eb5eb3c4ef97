import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, WhatHappensNext } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "a mediator has been assigned");

export default function MediatorAssigned({ data }: EmailProps<"mediator-assigned">) {
  const n = readNotice(data);
  return (
    <Layout notice={n} heading="A mediator has been assigned">
      <P>An independent mediator has been assigned to {n.audience === "family" ? "your" : "this"} concern.</P>
      <WhatHappensNext>
        <P>The mediator will contact you to arrange a session. You can see who the mediator is in Redress.</P>
      </WhatHappensNext>
    </Layout>
  );
}

export const PreviewProps = sample("mediator-assigned", { rung: 1, mediatorId: "usr_mediator_okafor" });
