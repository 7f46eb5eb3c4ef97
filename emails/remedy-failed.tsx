import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { dueBy } from "./_shared/dates";
import { P, Quote, WhatHappensNext, WhatYouCanDo, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { bodyName, partyName, remedyName } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "a remedy has not been carried out");

export default function RemedyFailed({ data }: EmailProps<"remedy-failed">) {
  const n = readNotice(data);
  const takeFurtherBy = n.date("takeFurtherBy");
  const told = n.texts("told").map(partyName);
  return (
    <Layout notice={n} heading="A remedy has not been carried out">
      <P>
        {remedyName(n.text("kind"))}
        {n.text("description") ? ` (“${n.text("description")}”)` : ""} owed on {n.audience === "family" ? "your" : "this"} concern has been recorded as not done.
      </P>
      <Quote label="Reason given" text={n.text("note")} />
      {n.audience === "national-body" ? (
        <WhatYouNeedToDo>
          <P>Decide what follow-up is needed as part of monitoring compliance with remedies.</P>
        </WhatYouNeedToDo>
      ) : null}
      {n.audience === "family" && takeFurtherBy ? (
        <WhatYouCanDo>
          <P>
            You can take this further to {bodyName(n.rung("takeFurtherTo"))} {dueBy(takeFurtherBy)}. Choose “Take the failed remedy further” on your concern in Redress.
          </P>
        </WhatYouCanDo>
      ) : null}
      <WhatHappensNext>
        <P>This has been recorded on the concern. {told.length ? `We have told: ${told.join(", ")}.` : ""}</P>
      </WhatHappensNext>
    </Layout>
  );
}

export const PreviewProps = sample("remedy-failed", {
  remedyId: "R2",
  description: "Restore weekly speech and language sessions",
  kind: "action",
  note: "The speech and language therapist post is still vacant.",
  told: ["family", "setting"],
  takeFurtherBy: "2026-12-18",
  takeFurtherTo: 2,
});
