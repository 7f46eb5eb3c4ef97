import { RespondBy } from "./_shared/next-steps";
import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, WhatHappensNext, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "the time to comment on the draft decision has ended");

export default function CommentsClosed({ data }: EmailProps<"comments-closed">) {
  const n = readNotice(data);
  const finalDecisionBy = n.date("finalDecisionBy");
  return (
    <Layout notice={n} heading="The time to comment has ended">
      <P>The time to comment on the draft decision has ended.</P>
      {n.audience === "national-body" ? (
        <WhatYouNeedToDo>
          <RespondBy who="you" what="consider the comments and issue the final decision" date={finalDecisionBy} />
        </WhatYouNeedToDo>
      ) : (
        <WhatHappensNext>
          <RespondBy who="the national body" what="consider the comments and send its final decision" date={finalDecisionBy} />
        </WhatHappensNext>
      )}
    </Layout>
  );
}

export const PreviewProps = sample("comments-closed", { finalDecisionBy: "2026-10-16" });
