import { RemediesStillOwed } from "./_shared/next-steps";
import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { answersAt, outcomeOf } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "the family has accepted the outcome");

export default function OutcomeAccepted({ data }: EmailProps<"outcome-accepted">) {
  const n = readNotice(data);
  const rung = n.rung();
  return (
    <Layout notice={n} heading="The family has accepted the outcome">
      <P>The family has accepted {answersAt(n.party, rung) ? "your outcome" : outcomeOf(rung)}. The concern is now closed.</P>
      <WhatYouNeedToDo>
        <P>If the outcome includes remedies, carry each one out by its due date and record it in Redress.</P>
        <RemediesStillOwed />
      </WhatYouNeedToDo>
    </Layout>
  );
}

export const PreviewProps = sample("outcome-accepted", { rung: 1 }, "setting");
