import { caseSubject, readNotice, rungOf, type EmailProps, type NoticeProps } from "./_shared/notice";
import { DueDates, IssueList, P, WhatHappensNext } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { bodyName, lookup, MEDIATION_RESULTS } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, `the concern is back with ${bodyName(rungOf(data.rung))}`);

export default function ReturnedToLadder({ data }: EmailProps<"returned-to-ladder">) {
  const n = readNotice(data);
  const body = bodyName(n.rung());
  const result = lookup(MEDIATION_RESULTS, n.text("mediationResult"));
  const openIssues = n.texts("openIssueIds");
  const hasDueDates = n.list("dueDates").length > 0;
  return (
    <Layout notice={n} heading={`The concern is back with ${body}`}>
      <P>
        Mediation has finished{result ? ` (${result})` : ""}, so {n.audience === "family" ? "your" : "the"} concern carries on with {body} where it left off.
      </P>
      {openIssues.length > 0 && (
        <>
          <P>These issues are still open:</P>
          <IssueList ids={openIssues} issueTitles={data.issueTitles} />
        </>
      )}
      <WhatHappensNext>
        <P>The deadlines have moved on by the time spent on mediation.{hasDueDates ? " They are now:" : " You can see the new dates in Redress."}</P>
        <DueDates dueDates={data.dueDates} />
      </WhatHappensNext>
    </Layout>
  );
}

export const PreviewProps = sample("returned-to-ladder", {
  rung: 1,
  mediationResult: "partly-agreed",
  openIssueIds: ["I2"],
  dueDates: [{ key: "rung1.respond", label: "The setting to respond with an outcome", dueOn: "2026-05-12" }],
});
