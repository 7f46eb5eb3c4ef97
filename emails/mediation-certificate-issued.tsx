import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, WhatHappensNext } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { bodyName } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "the mediation certificate has been issued");

export default function MediationCertificateIssued({ data }: EmailProps<"mediation-certificate-issued">) {
  const n = readNotice(data);
  const result = n.text("result");
  const what = result === "declined" ? "that mediation was offered and declined" : "that mediation took place and what came of it";
  return (
    <Layout notice={n} heading="The mediation certificate has been issued">
      <P>
        The mediator has issued the certificate for {n.audience === "family" ? "your" : "this"} concern. It records {what}. You can see it in Redress.
      </P>
      <WhatHappensNext>
        {result === "agreed" ? (
          <P>The concern is resolved by agreement. You will get a separate email confirming it is closed.</P>
        ) : (
          <P>The concern goes back to {bodyName(n.rung())}. You will get a separate email with the new deadlines.</P>
        )}
      </WhatHappensNext>
    </Layout>
  );
}

export const PreviewProps = sample("mediation-certificate-issued", { rung: 1, result: "not-agreed" });
