import { dueBy, until } from "./dates";
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

export const AddEvidence = () => <P>You can add evidence or information to the concern in Redress at any time.</P>;

export const RemediesStillOwed = () => <P>Anything already promised to put things right is still tracked in Redress until it is done.</P>;

export const ClosedWith = ({ rung }: { rung: RungNumber | undefined }) => <P>The concern is now closed with {bodyName(rung)}. You can still see everything about it in Redress.</P>;
