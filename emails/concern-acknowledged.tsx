import { SendInformation, RespondBy } from "./_shared/next-steps";
import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, WhatHappensNext, WhatYouCanDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { bodyName, capitalise } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "your concern has been acknowledged");

export default function ConcernAcknowledged({ data }: EmailProps<"concern-acknowledged">) {
  const n = readNotice(data);
  const rung = n.rung();
  const body = bodyName(rung);
  const nextDueOn = n.date("nextDueOn");
  return (
    <Layout notice={n} heading="Your concern has been acknowledged">
      <P>{capitalise(body)} has acknowledged your concern and named the person who will handle it.</P>
      <WhatHappensNext>
        {rung === 3 ? (
          <RespondBy who={body} what="decide whether it can investigate your concern" date={nextDueOn} />
        ) : (
          <>
            <RespondBy who={body} what="look into your concern and respond with an outcome" date={nextDueOn} />
            <P>If {body} needs information from you or someone else, it can pause this deadline until the information arrives. We will email you if it does.</P>
          </>
        )}
      </WhatHappensNext>
      <WhatYouCanDo>
        <SendInformation notice={n} />
      </WhatYouCanDo>
    </Layout>
  );
}

export const PreviewProps = sample("concern-acknowledged", { rung: 1, handlerId: "usr_setting_senco", nextDueOn: "2026-03-27" });
