import { EvidenceLink } from "./_shared/next-steps";
import { caseSubject, readNotice, type EmailProps, type NoticeProps } from "./_shared/notice";
import { P, Quote, WhatYouCanDo } from "./_shared/parts";
import { sample } from "./_shared/samples";
import { capitalise, partyName } from "./_shared/wording";
import { Layout } from "./layout";

// A file was put on the concern (docs/decisions/022). The email says who added it and what it is,
// in the adder's own words; never the file itself, which is only read in Redress behind sign-in.

export const subject = (data: NoticeProps) => caseSubject(data, "new evidence has been added");

/** Who added it, in the reader's terms: "Helen Clarke (the setting)", "The family"; to another of the family, just the name. */
function adder(name: string | undefined, from: string | undefined, family: boolean): string {
  if (family && from === "family") return name ?? "Someone in your family";
  const side = from === "family" ? "the family" : from ? (family ? `${partyName(from)}, which is dealing with your concern` : partyName(from)) : undefined;
  if (name && side) return `${name} (${side})`;
  return capitalise(name ?? side ?? "Someone involved in the concern");
}

export default function EvidenceAdded({ data }: EmailProps<"evidence-added">) {
  const n = readNotice(data);
  const family = n.audience === "family";
  const privateFile = n.text("visibility") === "handler";
  const kind = n.text("fileType");
  return (
    <Layout notice={n} heading="New evidence has been added">
      <P>
        {adder(n.text("actorName"), n.text("from"), family)} has added {kind ? `a file (${kind})` : "a file"} to {family ? "your" : "this"} concern. To keep it private, the file is
        not in this email: sign in to Redress to read it.
      </P>
      <Quote label="What the file is" text={n.text("description")} />
      {privateFile && <P>Only the organisation handling the concern can see this file. The family cannot see it.</P>}
      <WhatYouCanDo>
        <EvidenceLink notice={n}>Read the evidence</EvidenceLink>
      </WhatYouCanDo>
    </Layout>
  );
}

const preview = sample(
  "evidence-added",
  { from: "family", description: "Letter from the speech and language therapist, March", fileType: "PDF", visibility: "all-parties" },
  "setting",
);
export const PreviewProps = { data: { ...preview.data, actorName: "Amira Hussain" } };
