import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, Quote, WhatHappensNext, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { remedyName } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "a remedy has not been carried out");

export default function RemedyFailed({ data }: EmailProps) {
  const n = readNotice(data);
  return (
    <Layout notice={n} heading="A remedy has not been carried out">
      <P>{remedyName(n.text("kind"))} owed on {n.audience === "family" ? "your" : "this"} concern has been recorded as not done.</P>
      <Quote label="Reason given" text={n.text("note")} />
      {n.audience === "national-body" ? (
        <WhatYouNeedToDo>
          <P>Decide what follow-up is needed as part of monitoring compliance with remedies.</P>
        </WhatYouNeedToDo>
      ) : (
        <WhatHappensNext>
          <P>The national body monitors remedies and has been told. It will decide what happens next.</P>
        </WhatHappensNext>
      )}
    </Layout>
  );
}

export const PreviewProps = sample({ remedyId: "R2", kind: "action", note: "The speech and language therapist post is still vacant." });
