import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "enter your term dates");

export default function TermDatesNeeded({ data }: EmailProps<"term-dates-needed">) {
  const n = readNotice(data);
  return (
    <Layout notice={n} heading="Your term dates are needed">
      <P>
        Your setting counts its deadlines in school days, but the term dates we hold do not cover the time this concern needs. Its deadlines are counted in working days (Monday to
        Friday, not bank holidays) instead, and the family has been told the dates.
      </P>
      <WhatYouNeedToDo>
        <P>Ask your Redress administrator to enter your term dates for the coming school year, so future concerns count school days.</P>
      </WhatYouNeedToDo>
    </Layout>
  );
}

export const PreviewProps = sample("term-dates-needed", { reason: "the setting’s term dates (to 2026-07-22) do not cover the time needed" }, "setting");
