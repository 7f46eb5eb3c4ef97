import { RemediesStillOwed } from "./_shared/next-steps";
import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, WhatHappensNext, WhatYouCanDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "the concern has been withdrawn");

export default function ConcernWithdrawn({ data }: EmailProps<"concern-withdrawn">) {
  const n = readNotice(data);
  if (n.audience === "family") {
    return (
      <Layout notice={n} heading="You have withdrawn your concern">
        <P>You have withdrawn your concern. It is now closed.</P>
        <WhatYouCanDo>
          <P>If things change, you can raise a new concern in Redress.</P>
        </WhatYouCanDo>
      </Layout>
    );
  }
  return (
    <Layout notice={n} heading="The concern has been withdrawn">
      <P>The family has withdrawn this concern. It is now closed and no response is needed.</P>
      <WhatHappensNext>
        <RemediesStillOwed />
      </WhatHappensNext>
    </Layout>
  );
}

export const PreviewProps = sample("concern-withdrawn", { rung: 1 });
