import { dueBy, formatDate } from "./_shared/dates";
import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { Deadline, P, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => {
  const dueOn = formatDate(data.dueOn);
  return caseSubject(data, dueOn ? `reminder of a deadline on ${dueOn}` : "reminder of a deadline");
};

export default function DeadlineWarning({ data }: EmailProps<"deadline-warning">) {
  const n = readNotice(data);
  const dueOn = n.date("dueOn");
  const percent = n.number("percent");
  return (
    <Layout notice={n} heading="Reminder: a deadline is coming up">
      <P>This is a reminder about a deadline on {n.audience === "family" ? "your" : "this"} concern.</P>
      <Deadline label={n.text("label")} dueOn={dueOn} />
      {percent !== undefined && percent > 0 && percent < 100 && <P>{Math.round(percent)}% of the time allowed has passed.</P>}
      <WhatYouNeedToDo>
        {n.audience === "family" ? (
          <P>If you want to do this, do it in Redress {dueBy(dueOn)}. After that date you may no longer be able to.</P>
        ) : (
          <P>Make sure this is done {dueBy(dueOn)}. A missed deadline is recorded and reported.</P>
        )}
      </WhatYouNeedToDo>
    </Layout>
  );
}

export const PreviewProps = sample("deadline-warning", { key: "rung1.respond", label: "The setting to respond with an outcome", dueOn: "2026-04-03", percent: 75 }, "setting");
