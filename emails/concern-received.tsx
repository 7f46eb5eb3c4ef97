import { RespondBy, SendInformation } from "./_shared/next-steps";
import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, WhatHappensNext, WhatYouCanDo, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { answersAt, lookup, ROUTE_SUBJECTS } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, readNotice(data).audience === "family" ? "we have received your concern" : "a new concern has been raised");

export default function ConcernReceived({ data }: EmailProps<"concern-received">) {
  const n = readNotice(data);
  const about = lookup(ROUTE_SUBJECTS, n.text("route"));
  const acknowledgeBy = n.date("acknowledgeBy");
  if (n.audience === "family") {
    return (
      <Layout notice={n} heading="We have received your concern">
        <P>Your concern has been sent to the setting.{about && ` It is about ${about}.`}</P>
        <WhatHappensNext>
          <RespondBy who="the setting" what="acknowledge your concern and tell you who is handling it" date={acknowledgeBy} />
          <P>The setting will then look into your concern and respond with an outcome.</P>
        </WhatHappensNext>
        <WhatYouCanDo>
          <SendInformation notice={n} />
        </WhatYouCanDo>
      </Layout>
    );
  }
  return (
    <Layout notice={n} heading="A new concern has been raised">
      <P>A family has raised a concern with the setting.{about && ` It is about ${about}.`}</P>
      <WhatYouNeedToDo>
        <RespondBy who={answersAt(n.party, 1) ? "you" : "the setting"} what="acknowledge the concern and name the person who will handle it" date={acknowledgeBy} />
      </WhatYouNeedToDo>
    </Layout>
  );
}

export const PreviewProps = sample("concern-received", { route: "process", acknowledgeBy: "2026-03-13", calendar: "england-and-wales" });
