import { formatDate } from "./_shared/dates";
import { RemediesStillOwed } from "./_shared/next-steps";
import { caseSubject, readNotice, textOf, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, WhatHappensNext } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { CLOSURE_REASONS, lookup } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "the concern is closed");

export default function CaseClosed({ data }: EmailProps<"case-closed">) {
  const n = readNotice(data);
  const conclusion = n.record("conclusion");
  const because = lookup(CLOSURE_REASONS, textOf(conclusion?.reason));
  const on = formatDate(conclusion?.on);
  return (
    <Layout notice={n} heading="The concern is closed">
      <P>
        Concern {n.caseRef} {on ? `was closed on ${on}` : "is now closed"}
        {because ? ` because ${because}` : ""}.
      </P>
      <WhatHappensNext>
        <RemediesStillOwed />
        <P>You can still see everything about the concern in Redress.</P>
      </WhatHappensNext>
    </Layout>
  );
}

export const PreviewProps = sample("case-closed", { conclusion: { reason: "outcome-accepted", rung: 1, on: "2026-05-11" } });
