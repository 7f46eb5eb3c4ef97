import { caseSubject, readNotice, textOf, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, WhatHappensNext } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { lookup } from "./_shared/wording";
import { Layout } from "./layout";

const COMMENTERS: Record<string, string> = { family: "The family", respondent: "The organisation the concern is about" };

/** The machine's `party` (who commented) is overwritten by the dispatcher's recipient party, so prefer `commentsFrom`. */
const commenter = (data: NoticeProps) => lookup(COMMENTERS, textOf(data.commentsFrom) ?? textOf(data.party));

export const subject = (data: NoticeProps) => caseSubject(data, "comments received on the draft decision");

export default function CommentsReceived({ data }: EmailProps<"comments-received">) {
  const n = readNotice(data);
  return (
    <Layout notice={n} heading="Comments received on the draft decision">
      <P>{commenter(data) ?? "One of the parties"} has sent comments on the draft decision. You can read them in Redress.</P>
      <WhatHappensNext>
        <P>When the time for comments ends, the final decision becomes due.</P>
      </WhatHappensNext>
    </Layout>
  );
}

export const PreviewProps = sample("comments-received", { commentsFrom: "family" }, "national-body");
