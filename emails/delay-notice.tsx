import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, Quote, WhatHappensNext } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "a delay notice has been given");

export default function DelayNotice({ data }: EmailProps<"delay-notice">) {
  const n = readNotice(data);
  const family = n.audience === "family";
  const expected = n.date("expectedOn");
  return (
    <Layout notice={n} heading="A delay notice has been given">
      <P>
        The organisation handling {family ? "your" : "this"} concern is late and has said why, and when it expects to finish
        {expected ? `: by ${expected}` : ""}.
      </P>
      <Quote label="Reason given" text={n.text("reason")} />
      <WhatHappensNext>
        <P>
          The missed deadline still stands and stays on the record.
          {family ? " You can still take your concern further where a missed deadline allows it: your concern page says so." : ""}
        </P>
      </WhatHappensNext>
    </Layout>
  );
}

export const PreviewProps = sample("delay-notice", { reason: "The SENCo has been on sick leave; the head teacher is now handling the concern.", expectedOn: "2026-12-11" });
