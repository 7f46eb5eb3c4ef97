import { RemediesStillOwed } from "./_shared/next-steps";
import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, WhatHappensNext, WhatYouCanDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { answersAt, nextBodyName, outcomeOf } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "the time to take the concern further has ended");

export default function EscalationWindowClosed({ data }: EmailProps<"escalation-window-closed">) {
  const n = readNotice(data);
  const rung = n.rung();
  const next = nextBodyName(rung) ?? "the next stage";
  const outcome = answersAt(n.party, rung) ? "your outcome" : outcomeOf(rung);
  if (n.audience === "family") {
    return (
      <Layout notice={n} heading="The time to take your concern further has ended">
        <P>
          The time to take your concern to {next} has ended, so your concern is now closed with {outcome}.
        </P>
        <WhatHappensNext>
          <RemediesStillOwed />
        </WhatHappensNext>
        <WhatYouCanDo>
          <P>If something stopped you acting in time, you can still contact {next} and explain why.</P>
        </WhatYouCanDo>
      </Layout>
    );
  }
  return (
    <Layout notice={n} heading="The time to take the concern further has ended">
      <P>
        The family did not take the concern to {next} in time, so it is now closed with {outcome}.
      </P>
      <WhatHappensNext>
        <RemediesStillOwed />
      </WhatHappensNext>
    </Layout>
  );
}

export const PreviewProps = sample("escalation-window-closed", { rung: 1 });
