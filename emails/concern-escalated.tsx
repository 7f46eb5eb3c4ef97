import { RemediesStillOwed, RespondBy } from "./_shared/next-steps";
import { caseSubject, readNotice, rungOf, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, Quote, WhatHappensNext, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { answersAt, bodyName, capitalise } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, `the concern has been taken to ${bodyName(rungOf(data.to))}`);

export default function ConcernEscalated({ data }: EmailProps<"concern-escalated">) {
  const n = readNotice(data);
  const from = n.rung("from");
  const to = n.rung("to");
  const acknowledgeBy = n.date("acknowledgeBy");
  const afterwards = to === 3 ? "decide whether it can investigate" : "look into the concern and respond with an outcome";
  if (n.audience === "family") {
    return (
      <Layout notice={n} heading={`Your concern has gone to ${bodyName(to)}`}>
        <P>
          You have taken your concern from {bodyName(from)} to {bodyName(to)}.
        </P>
        <WhatHappensNext>
          <RespondBy who={bodyName(to)} what="acknowledge your concern" date={acknowledgeBy} />
          <P>It will then {afterwards}.</P>
        </WhatHappensNext>
      </Layout>
    );
  }
  const receiving = answersAt(n.party, to);
  return (
    <Layout notice={n} heading={`A concern has been taken to ${bodyName(to)}`}>
      <P>
        The family has taken this concern from {answersAt(n.party, from) ? "you" : bodyName(from)} to {receiving ? "you" : bodyName(to)}.
      </P>
      <Quote label="The family said" text={n.text("reason")} />
      {receiving ? (
        <WhatYouNeedToDo>
          <RespondBy who="you" what="acknowledge the concern and name the person who will handle it" date={acknowledgeBy} />
          {to === 2 && <P>This must be someone who has not handled the concern before.</P>}
          <P>You will then need to {afterwards}.</P>
        </WhatYouNeedToDo>
      ) : (
        <WhatHappensNext>
          <P>{capitalise(bodyName(to))} may ask you for information.</P>
          <RemediesStillOwed />
        </WhatHappensNext>
      )}
    </Layout>
  );
}

export const PreviewProps = sample(
  "concern-escalated",
  { from: 1, to: 2, reason: "The setting did not involve us in the register decision.", acknowledgeBy: "2026-05-15" },
  "local-service",
);
