import { Link } from "@react-email/components";
import { styles } from "../layout";
import { dueBy, until } from "./dates";
import type { Notice } from "./notice";
import { P } from "./parts";
import { bodyName, capitalise, nextBodyName, type RungNumber } from "./wording";

/** The family's right to take the concern up the ladder, with the date it runs out. */
export function EscalateOption({ rung, date }: { rung: RungNumber | undefined; date?: string | undefined }) {
  const next = nextBodyName(rung) ?? "the next stage";
  return (
    <P>
      If you do not agree, you can take your concern to {next} {until(date)}. You do not need to give reasons.
    </P>
  );
}

export function RespondBy({ who, what, date }: { who: string; what: string; date: string | undefined }) {
  return (
    <P>
      {capitalise(who)} must {what} {dueBy(date)}.
    </P>
  );
}

/** A link to one section of the case page; without a case address, where to find it in words. */
function CaseSectionLink({ notice, section, children, otherwise }: { notice: Pick<Notice, "caseUrl">; section: string; children: string; otherwise: string }) {
  if (!notice.caseUrl) return <P>{otherwise}</P>;
  return (
    <P>
      <Link href={`${notice.caseUrl}#${section}`} style={styles.link}>
        {children}
      </Link>
    </P>
  );
}

/** A link to the case's messages (its "Send a message" form is there): the promise "send it in Redress" always points somewhere real. */
export const MessagesLink = ({ notice, children = "Send a message about your concern" }: { notice: Pick<Notice, "caseUrl">; children?: string }) => (
  <CaseSectionLink notice={notice} section="messages" otherwise="Sign in to Redress and open the concern to send a message.">
    {children}
  </CaseSectionLink>
);

/** A link to the case's evidence (files are only ever read there, behind sign-in). */
export const EvidenceLink = ({ notice, children = "See the evidence on the concern" }: { notice: Pick<Notice, "caseUrl">; children?: string }) => (
  <CaseSectionLink notice={notice} section="evidence" otherwise="Sign in to Redress and open the concern to see its evidence.">
    {children}
  </CaseSectionLink>
);

/** The family can write to the body handling the concern at any time (docs/decisions/023). */
export const SendInformation = ({ notice }: { notice: Pick<Notice, "caseUrl"> }) => (
  <>
    <P>You can send information to the organisation handling your concern at any time, as a message on the concern in Redress.</P>
    <MessagesLink notice={notice} />
  </>
);

export const RemediesStillOwed = () => <P>Anything already promised to put things right is still tracked in Redress until it is done.</P>;

export const ClosedWith = ({ rung }: { rung: RungNumber | undefined }) => <P>The concern is now closed with {bodyName(rung)}. You can still see everything about it in Redress.</P>;
