import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, Quote, WhatHappensNext } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "the family has declined mediation");

export default function MediationDeclined({ data }: EmailProps<"mediation-declined">) {
  const n = readNotice(data);
  return (
    <Layout notice={n} heading="The family has declined mediation">
      <P>The family has decided not to take part in mediation on this concern.</P>
      <Quote label="Reason given" text={n.text("reason")} />
      <WhatHappensNext>
        <P>
          Mediation has ended. The decision not to take part is recorded in Redress as the mediation certificate. The concern has gone straight back to where it was, with its
          deadlines as they were; any deadline already missed stays missed.
        </P>
      </WhatHappensNext>
    </Layout>
  );
}

export const PreviewProps = sample("mediation-declined", { rung: 1, reason: "We would rather have a written response." }, "mediator");
