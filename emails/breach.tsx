import { caseSubject, readNotice, textOf, rungOf, type EmailProps, type NoticeProps } from "./_shared/notice";
import { Deadline, P, WhatHappensNext, WhatYouCanDo, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { nextBodyName } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "a deadline has been missed");

/** The rung whose acknowledge or respond deadline was missed ("rung1.respond" → 1). */
const rungOfKey = (key: string | undefined) => rungOf(/^rung(\d)\./.exec(key ?? "")?.[1]);

export default function Breach({ data }: EmailProps<"breach">) {
  const n = readNotice(data);
  const family = n.audience === "family";
  const next = n.flag("familyMayEscalate") ? nextBodyName(rungOfKey(textOf(data.key))) : undefined;
  return (
    <Layout notice={n} heading="A deadline has been missed">
      <P>A deadline on {family ? "your" : "this"} concern was missed:</P>
      <Deadline label={n.text("label")} dueOn={n.date("dueOn")} />
      {!family && (
        <WhatYouNeedToDo>
          <P>Do this as soon as you can. The missed deadline has been recorded and is reported.</P>
          <P>Give the family a delay notice in Redress: why it is late and the date it will be done by. The family will see it.</P>
        </WhatYouNeedToDo>
      )}
      {family && next && (
        <WhatYouCanDo>
          <P>Because this deadline was missed, you can take your concern to {next} now, without waiting.</P>
        </WhatYouCanDo>
      )}
      {family && !next && (
        <WhatHappensNext>
          <P>The missed deadline has been recorded. It should still be done as soon as possible.</P>
        </WhatHappensNext>
      )}
    </Layout>
  );
}

export const PreviewProps = sample("breach", {
  key: "rung1.respond",
  label: "The setting to respond with an outcome",
  dueOn: "2026-04-03",
  familyMayEscalate: true,
});
