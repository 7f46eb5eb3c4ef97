import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { Deadline, P, WhatHappensNext, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "a remedy is overdue");

export default function RemedyOverdue({ data }: EmailProps<"remedy-overdue">) {
  const n = readNotice(data);
  const family = n.audience === "family";
  return (
    <Layout notice={n} heading="A remedy is overdue">
      <P>A remedy owed on {family ? "your" : "this"} concern has not been recorded as done by its last day:</P>
      <Deadline label={n.text("label")} dueOn={n.date("dueOn")} />
      {family ? (
        <WhatHappensNext>
          <P>It has been recorded as overdue. The remedy is still owed, and we will email you when it is recorded as done.</P>
        </WhatHappensNext>
      ) : (
        <WhatYouNeedToDo>
          <P>Carry it out as soon as you can and record it in Redress. It has been recorded as overdue.</P>
        </WhatYouNeedToDo>
      )}
    </Layout>
  );
}

export const PreviewProps = sample(
  "remedy-overdue",
  { key: "remedy.R1", label: "Apology: A written apology to the family", dueOn: "2026-10-30", familyMayEscalate: false },
  "setting",
);
