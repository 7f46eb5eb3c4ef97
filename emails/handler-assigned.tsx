import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, WhatYouNeedToDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { Layout } from "./layout";

export const subject = (data: NoticeProps) => caseSubject(data, "you are now handling this concern");

export default function HandlerAssigned({ data }: EmailProps<"handler-assigned">) {
  const n = readNotice(data);
  return (
    <Layout notice={n} heading="You are now handling this concern">
      <P>Your complaints lead has asked you to handle this concern. You can see it, its deadlines and everything on its file in Redress.</P>
      <WhatYouNeedToDo>
        <P>
          Read the case and take its next step by the date shown there. If the concern is about you, or you have handled it before, tell your complaints lead at once so they can
          ask someone else.
        </P>
      </WhatYouNeedToDo>
    </Layout>
  );
}

export const PreviewProps = sample("handler-assigned", { rung: 1, handlerId: "usr_setting_clarke" }, "setting");
