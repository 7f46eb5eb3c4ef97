import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, Quote, WhatHappensNext } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { remedyName } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "a remedy has been carried out");

export default function RemedyDone({ data }: EmailProps<"remedy-done">) {
  const n = readNotice(data);
  return (
    <Layout notice={n} heading="A remedy has been carried out">
      <P>
        {remedyName(n.text("kind"))}
        {n.text("description") ? ` (“${n.text("description")}”)` : ""} owed on {n.audience === "family" ? "your" : "this"} concern has been recorded as done.
      </P>
      <Quote label="Evidence given" text={n.text("note")} />
      <WhatHappensNext>
        <P>Nothing more is needed for this remedy. Any other remedies are still tracked in Redress until they are done.</P>
      </WhatHappensNext>
    </Layout>
  );
}

export const PreviewProps = sample("remedy-done", {
  remedyId: "R1",
  kind: "apology",
  description: "Written apology to the family",
  told: ["family", "setting"],
  note: "Letter of apology sent to the family on 2 October 2026.",
});
