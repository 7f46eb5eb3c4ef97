import { MessagesLink } from "./_shared/next-steps";
import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, WhatYouCanDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { capitalise, partyName } from "./_shared/wording";
import { Layout } from "./layout";

// The email says a message is waiting and who wrote it, never what it says: a message about a
// child's needs stays in Redress, behind sign-in, and is not copied into mailboxes (docs/decisions/023).

export const subject = (data: NoticeProps) => caseSubject(data, "you have a new message");

/** Who wrote, in the reader's terms: "The organisation handling your concern", "The family". */
function writer(from: string | undefined, family: boolean): string {
  if (from === "family") return "The family";
  if (family) return from ? `${capitalise(partyName(from))}, which is handling your concern,` : "The organisation handling your concern";
  return from ? capitalise(partyName(from)) : "Someone involved in the concern";
}

export default function MessageReceived({ data }: EmailProps<"message-received">) {
  const n = readNotice(data);
  const family = n.audience === "family";
  return (
    <Layout notice={n} heading="You have a new message">
      <P>
        {writer(n.text("from"), family)} has sent a message about {family ? "your" : "this"} concern. To keep it private, the message is not in this email: sign in to Redress to
        read it.
      </P>
      <WhatYouCanDo>
        <P>You can reply on the concern in Redress.</P>
        <MessagesLink notice={n}>Read the message and reply</MessagesLink>
      </WhatYouCanDo>
    </Layout>
  );
}

export const PreviewProps = sample("message-received", { from: "setting" });
