import { dueBy, until } from "./_shared/dates";
import { EscalateOption, RemediesStillOwed } from "./_shared/next-steps";
import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { Findings, P, WhatHappensNext, WhatYouCanDo, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { answersAt, bodyName, capitalise, nextBodyName } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "an outcome has been issued");

export default function OutcomeIssued({ data }: EmailProps<"outcome-issued">) {
  const n = readNotice(data);
  const rung = n.rung();
  const body = bodyName(rung);
  const escalateBy = n.date("escalateBy");
  if (n.audience === "family") {
    return (
      <Layout notice={n} heading={`${capitalise(body)} has responded to your concern`}>
        <P>{capitalise(body)} has looked into your concern. This is its outcome for each issue:</P>
        <Findings findings={data.findings} issueTitles={data.issueTitles} />
        <WhatYouCanDo>
          <P>If you agree with the outcome, you can accept it in Redress. This closes your concern.</P>
          <EscalateOption rung={rung} date={escalateBy} />
        </WhatYouCanDo>
        <WhatHappensNext>
          <P>If you do not accept the outcome or take your concern further {dueBy(escalateBy)}, your concern will close with this outcome.</P>
        </WhatHappensNext>
      </Layout>
    );
  }
  const yours = answersAt(n.party, rung);
  return (
    <Layout notice={n} heading={yours ? "Your outcome has been sent to the family" : `${capitalise(body)} has issued its outcome`}>
      <P>{yours ? "The family has been sent your outcome" : `${capitalise(body)} has sent the family its outcome`}:</P>
      <Findings findings={data.findings} issueTitles={data.issueTitles} />
      <WhatHappensNext>
        <P>
          The family has {until(escalateBy)} to accept the outcome or take the concern to {nextBodyName(rung) ?? "the next stage"}.
        </P>
      </WhatHappensNext>
      {yours && (
        <WhatYouNeedToDo>
          <P>If the outcome includes remedies, carry each one out by its due date and record it in Redress.</P>
          <RemediesStillOwed />
        </WhatYouNeedToDo>
      )}
    </Layout>
  );
}

export const PreviewProps = sample("outcome-issued", {
  rung: 1,
  findings: [
    { issueId: "I1", finding: "upheld", reasons: "The annual review was not held on time." },
    { issueId: "I2", finding: "not-upheld" },
  ],
  escalateBy: "2026-05-08",
});
