import { dueBy } from "./_shared/dates";
import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, Quote, WhatHappensNext, WhatYouCanDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { bodyName, capitalise, nextBodyName } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "the deadline for a response has been extended");

export default function ResponseExtended({ data }: EmailProps<"response-extended">) {
  const n = readNotice(data);
  const rung = n.rung();
  const body = bodyName(rung);
  const next = nextBodyName(rung);
  return (
    <Layout notice={n} heading={`${capitalise(body)} needs more time to respond`}>
      <P>{capitalise(body)} has extended the deadline for responding to your concern.</P>
      <Quote label="Reason given" text={n.text("reason")} />
      <WhatHappensNext>
        <P>
          {capitalise(body)} must now respond with an outcome {dueBy(n.date("dueOn"))}.
        </P>
      </WhatHappensNext>
      {next && (
        <WhatYouCanDo>
          <P>
            If {body} does not respond by then, you can take your concern to {next} straight away.
          </P>
        </WhatYouCanDo>
      )}
    </Layout>
  );
}

export const PreviewProps = sample("response-extended", {
  rung: 1,
  reason: "The SENCo is gathering views from the class teacher and the health visitor.",
  dueOn: "2026-04-24",
});
