import { dueBy } from "./_shared/dates";
import { RemediesStillOwed } from "./_shared/next-steps";
import { caseSubject, readNotice, textOf, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, Quote, WhatHappensNext } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { lookup } from "./_shared/wording";
import { Layout } from "./layout";

const HEADINGS: Record<string, string> = {
  "accepted-for-investigation": "The national body will investigate",
  "out-of-jurisdiction": "The national body cannot investigate",
  "out-of-time": "The national body cannot investigate",
};

const WHY_NOT: Record<string, string> = {
  "out-of-jurisdiction": "it is not something the national body can look into",
  "out-of-time": "it was brought after the time limit",
};

const headingFor = (decision: string | undefined) => lookup(HEADINGS, decision) ?? "The national body has assessed the concern";

export const subject = (data: NoticeProps) => caseSubject(data, headingFor(textOf(data.decision)).toLowerCase());

export default function AssessmentDecision({ data }: EmailProps<"assessment-decision">) {
  const n = readNotice(data);
  const decision = n.text("decision");
  const concern = n.audience === "family" ? "your concern" : "this concern";
  const whyNot = lookup(WHY_NOT, decision);
  const reasons = <Quote label="Reasons" text={n.text("reasons")} />;
  if (decision === "accepted-for-investigation") {
    return (
      <Layout notice={n} heading={headingFor(decision)}>
        <P>The national body has decided to investigate {concern}.</P>
        {reasons}
        <WhatHappensNext>
          <P>It will send a draft decision to the family and the local service {dueBy(n.date("draftDecisionBy"))}.</P>
          <P>Both sides can then comment on the draft before the final decision is made.</P>
        </WhatHappensNext>
      </Layout>
    );
  }
  return (
    <Layout notice={n} heading={headingFor(decision)}>
      <P>
        {whyNot
          ? `The national body has decided it cannot investigate ${concern}, because ${whyNot}.`
          : `The national body has decided whether it can investigate ${concern}. You can read the decision in Redress.`}
      </P>
      {reasons}
      {whyNot && (
        <WhatHappensNext>
          <P>The concern is now closed.</P>
          <RemediesStillOwed />
        </WhatHappensNext>
      )}
    </Layout>
  );
}

export const PreviewProps = sample("assessment-decision", { decision: "accepted-for-investigation", draftDecisionBy: "2026-09-04" });
