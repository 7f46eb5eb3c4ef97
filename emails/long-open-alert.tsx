import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, WhatHappensNext, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "this concern has been open a long time");

export default function LongOpenAlert({ data }: EmailProps<"long-open-alert">) {
  const n = readNotice(data);
  const months = n.number("months");
  const since = n.date("openSince");
  const family = n.audience === "family";
  return (
    <Layout notice={n} heading={`${family ? "Your" : "This"} concern has been open for ${months ? `${months} months` : "a long time"}`}>
      <P>
        {family ? "Your" : "This"} concern was received{since ? ` on ${since}` : ""} and has not yet been settled.
      </P>
      {family ? (
        <WhatHappensNext>
          <P>
            The organisation handling your concern must now send you a dated update in Redress: why it is taking this long and when it will be done. If a deadline has been missed,
            you may be able to take your concern to the next stage now: your concern page says so.
          </P>
        </WhatHappensNext>
      ) : (
        <WhatYouNeedToDo>
          <P>Give the family a delay notice in Redress: why the concern is taking this long and the date you expect to finish. The family will see it.</P>
        </WhatYouNeedToDo>
      )}
      <P>{n.date("nextAlertOn") ? `If it is still open, everyone will be reminded again after ${n.date("nextAlertOn")}.` : ""}</P>
    </Layout>
  );
}

export const PreviewProps = sample("long-open-alert", { openSince: "2026-05-04", months: 6, nextAlertOn: "2027-05-04" });
