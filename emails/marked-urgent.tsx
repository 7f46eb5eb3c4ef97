import { URGENT_REASON_LABELS, type UrgentReason } from "../machines";
import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, Quote, WhatHappensNext, WhatYouCanDo, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { bodyName } from "./_shared/wording";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "marked urgent");

export default function MarkedUrgent({ data }: EmailProps<"marked-urgent">) {
  const n = readNotice(data);
  const body = bodyName(n.rung());
  const reason = n.text("reason");
  const why = reason && reason in URGENT_REASON_LABELS ? URGENT_REASON_LABELS[reason as UrgentReason] : undefined;
  const safeguarding = reason === "safeguarding";
  return (
    <Layout notice={n} heading="This concern has been marked urgent">
      {why ? <P>Reason: {why.charAt(0).toLowerCase() + why.slice(1)}.</P> : null}
      <Quote label="What they added" text={n.text("details")} />
      {n.audience === "family" ? (
        <>
          <WhatHappensNext>
            <P>
              Your concern now sits at the top of the list of everyone who works on it, and {body} has been asked to deal with it as soon as possible. The deadlines do not change:
              the dates you have been given are still the latest {body} may take, not a target.
            </P>
          </WhatHappensNext>
          <WhatYouCanDo>
            <P>
              Redress is not an emergency service. If you think a child is at risk of harm now, call 999. If you are worried about a child’s safety, contact your local council’s
              children’s social care team{safeguarding ? ": the worry must be reported to them as well as recorded here" : ""}.
            </P>
          </WhatYouCanDo>
        </>
      ) : (
        <WhatYouNeedToDo>
          <P>
            Deal with this concern before others in your list. Its deadlines are unchanged: they are the latest you may take, not a target.
            {safeguarding
              ? " A safeguarding worry must also be reported through your own safeguarding procedures: to your designated safeguarding lead and, where a child may be at risk, to the local council’s children’s social care team. Recording it in Redress does not report it."
              : ""}
          </P>
        </WhatYouNeedToDo>
      )}
    </Layout>
  );
}

export const PreviewProps = sample("marked-urgent", { rung: 1, reason: "out-of-education", details: "Off school since 3 November: no place that meets his needs" });
