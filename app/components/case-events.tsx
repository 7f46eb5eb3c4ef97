import type { ReactNode } from "react";
import { z } from "zod";
import { URGENT_REASON_LABELS, URGENT_REASONS, type CaseView, type Party, type UserEventType } from "../../machines";
import {
  asArray,
  commentingCapacity,
  decidedBy,
  eventForm,
  FINDING_OPTIONS,
  isoDate,
  none,
  optionalText,
  outcomeForm,
  remedyRows,
  REMEDY_KIND_OPTIONS,
  REMEDY_ROWS,
  required,
  type EventForm,
  type FormContext,
} from "../utils/case-forms";
import { londonDate } from "../utils/dates";
import { formatDate } from "../utils/format";
import { ChoiceGroup, Select, Textarea, TextInput, type FieldErrors } from "./forms";

// THE catalogue of what a person can do to a case: one entry per user event of the machine,
// checked by `satisfies` against machines' UserEventType, so a new machine event fails the
// typecheck here until the app says how it is called, explained, shown in the history, and
// which fields its form has (and how they become the event's payload). Who may send it comes
// from machines (SENDERS); whether it is possible now, from the machine (allowedEvents).

/** Policy numbers come from the case's own policy version (its view), never from copy. */
type Limits = CaseView["limits"];
type Copy = string | ((limits: Limits) => string);

/** What the action page knows when it draws a form. */
export type ActionPage = {
  side: "family" | "handler";
  limits: Limits;
  issues: Array<{ id: string; summary: string }>;
  /** Open remedies this person may settle. */
  remedies: Array<{ id: string; description: string }>;
  failedRemedies: Array<{ id: string; description: string; until: string }>;
  sessions: string[];
  mediators: Array<{ id: string; name: string }>;
  /** The body answering now, for the assign and triage forms; `conflict`: why they may not handle it. */
  staff: Array<{ id: string; name: string; conflict?: string }>;
};

export type FieldsProps = { page: ActionPage; errors?: FieldErrors; values: Record<string, unknown> };

export type CaseEventEntry<T extends UserEventType> = {
  label: string;
  /** Shown above the form: what this does, in plain English. */
  explains: Copy;
  /** The history line once it has happened ("Response sent"). */
  pastTense: string;
  warning?: boolean;
  /** Wording for the family where the same event means something else to them. */
  forFamily?: { label: string; explains: Copy };
  /** The form: its schema (posted fields → the event's payload) and, if it has any, its fields. */
  fields: { schema: EventForm<T>; Fields?: (props: FieldsProps) => ReactNode };
};

const text = (values: Record<string, unknown>, name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
const today = (ctx: FormContext) => () => ctx.today ?? londonDate();
const noFields = (type: UserEventType) => ({ schema: eventForm(type, none) });

/** A text area whose name, error and echoed value come from one name. */
function Reason({ name = "reason", label, hint, rows, errors, values }: { name?: string; label: string; hint?: string; rows?: number } & Omit<FieldsProps, "page">) {
  return <Textarea name={name} label={label} hint={hint} rows={rows} error={errors?.[name]?.[0]} defaultValue={text(values, name)} />;
}

function RemedyRows({ errors, values }: Omit<FieldsProps, "page">) {
  return (
    <>
      {Array.from({ length: REMEDY_ROWS }, (_, i) => i + 1).map((i) => (
        <fieldset key={i} className="govuk-fieldset govuk-!-margin-bottom-6">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Remedy {i} (optional)</legend>
          <Select
            name={`remedy-${i}-kind`}
            label="Kind of remedy"
            options={REMEDY_KIND_OPTIONS.map((o) => ({ ...o }))}
            defaultValue={text(values, `remedy-${i}-kind`)}
            error={errors?.[`remedy-${i}-kind`]?.[0]}
          />
          <Textarea
            name={`remedy-${i}-description`}
            label="What must be done"
            rows={2}
            defaultValue={text(values, `remedy-${i}-description`)}
            error={errors?.[`remedy-${i}-description`]?.[0]}
          />
          <TextInput
            name={`remedy-${i}-dueOn`}
            label="Due date (optional for apologies and payments)"
            hint="For example, 2027-01-29"
            widthClass="govuk-input--width-10"
            defaultValue={text(values, `remedy-${i}-dueOn`)}
            error={errors?.[`remedy-${i}-dueOn`]?.[0]}
          />
          <TextInput
            name={`remedy-${i}-amount`}
            label="Amount in pounds (payments only)"
            widthClass="govuk-input--width-5"
            inputMode="decimal"
            defaultValue={text(values, `remedy-${i}-amount`)}
            error={errors?.[`remedy-${i}-amount`]?.[0]}
          />
        </fieldset>
      ))}
    </>
  );
}

/** Findings on every open issue, reasons, standards and remedies: the three decisions share it. */
function OutcomeFields({ page, errors, values }: FieldsProps) {
  return (
    <>
      {page.issues.map((issue) => (
        <div key={issue.id}>
          <ChoiceGroup
            type="radio"
            name={`finding-${issue.id}`}
            legend={`Finding: ${issue.summary}`}
            error={errors?.[`finding-${issue.id}`]?.[0]}
            defaultValue={text(values, `finding-${issue.id}`)}
            options={FINDING_OPTIONS.map((o) => ({ ...o }))}
          />
          <Textarea name={`reasons-${issue.id}`} label="Reasons for this finding (optional)" rows={3} defaultValue={text(values, `reasons-${issue.id}`)} />
        </div>
      ))}
      <Reason name="reasons" label="Reasons for the decision" hint="Plain English: the family will read this" rows={6} errors={errors} values={values} />
      <TextInput
        name="standards"
        label="National Framework standards relied on"
        hint={
          <>
            Codes from the{" "}
            <a className="govuk-link" href="/framework" target="_blank" rel="noreferrer">
              National Framework catalogue (opens in a new tab)
            </a>
            , separated by commas, for example NF-3.2, NF-1.2
          </>
        }
        error={errors?.standards?.[0]}
        defaultValue={text(values, "standards")}
      />
      <h2 className="govuk-heading-m">Remedies</h2>
      <RemedyRows errors={errors} values={values} />
    </>
  );
}

const outcome = (type: "RESPOND" | "ISSUE_DRAFT_DECISION" | "ISSUE_FINAL_DECISION") => ({ schema: eventForm(type, decidedBy(outcomeForm)), Fields: OutcomeFields });

const remedyChoice = (ids: (ctx: FormContext) => string[]) => (ctx: FormContext) =>
  z.string({ error: "Select the remedy" }).refine((id) => ids(ctx).includes(id), "Select the remedy");

const OptionalReason = ({ errors, values }: FieldsProps) => <Reason label="Reason (optional)" errors={errors} values={values} />;

export const CASE_EVENTS = {
  ACKNOWLEDGE: {
    label: "Acknowledge the concern",
    explains: "You become the person handling the concern at this stage. The response deadline starts today.",
    pastTense: "Acknowledged",
    fields: { schema: eventForm("ACKNOWLEDGE", ({ userId }) => z.object({}).transform(() => ({ handlerId: userId }))) },
  },
  ASSIGN_HANDLER: {
    label: "Assign who handles the concern",
    explains:
      "As the complaints lead, choose who handles this concern at this stage. They are told by email and become the person handling it (also when it is acknowledged later). Nobody the concern is about may handle it.",
    pastTense: "Handler assigned",
    fields: {
      schema: eventForm("ASSIGN_HANDLER", ({ staff = [], conflicts = {} }) =>
        z.object({
          handlerId: z
            .string({ error: "Select who will handle the concern" })
            .refine((id) => staff.some((person) => person.id === id), "Select who will handle the concern")
            .superRefine((id, ctx) => {
              if (conflicts[id]) ctx.addIssue({ code: "custom", message: conflicts[id] });
            }),
        }),
      ),
      Fields: ({ page, errors, values }) => (
        <ChoiceGroup
          type="radio"
          name="handlerId"
          legend="Who will handle the concern?"
          error={errors?.handlerId?.[0]}
          defaultValue={text(values, "handlerId")}
          options={page.staff.map((person) => ({
            value: person.id,
            label: person.name,
            ...(person.conflict ? { hint: person.conflict.replace(/ Choose someone else\.$/, "") } : {}),
          }))}
        />
      ),
    },
  },
  NAME_PERSON_CONCERNED: {
    label: "Record who the concern is about",
    explains:
      "Use this when the concern is about a member of staff. They will not be able to handle it. If it is about a complaints lead (for example the headteacher), the governing body’s complaints lead assigns who handles it.",
    pastTense: "Recorded who the concern is about",
    fields: {
      schema: eventForm("NAME_PERSON_CONCERNED", ({ staff = [] }) =>
        z
          .object({
            personId: z
              .string({ error: "Select who the concern is about" })
              .refine((id) => id === "other" || staff.some((person) => person.id === id), "Select who the concern is about"),
            description: optionalText,
          })
          .superRefine((value, ctx) => {
            if (value.personId === "other" && !value.description) ctx.addIssue({ code: "custom", path: ["description"], message: "Describe who the concern is about" });
          })
          .transform(({ personId, description }) => {
            const person = staff.find(({ id }) => id === personId);
            return { ...(person ? { personId: person.id } : {}), description: description ?? person?.name ?? "" };
          }),
      ),
      Fields: ({ page, errors, values }) => (
        <>
          <ChoiceGroup
            type="radio"
            name="personId"
            legend="Who is the concern about?"
            error={errors?.personId?.[0]}
            defaultValue={text(values, "personId")}
            options={[...page.staff.map((person) => ({ value: person.id, label: person.name })), { value: "other", label: "Someone without an account here" }]}
          />
          <Textarea
            name="description"
            label="Describe them (optional if you chose a name)"
            hint="For example, the headteacher, or the class teacher in Year 4"
            rows={2}
            error={errors?.description?.[0]}
            defaultValue={text(values, "description")}
          />
        </>
      ),
    },
  },
  MARK_URGENT: {
    label: "Mark the concern urgent",
    explains:
      "An urgent concern goes to the top of every list of work and the family is told. The deadlines do not change. A safeguarding worry must also be reported through your own safeguarding procedures: recording it here does not report it.",
    pastTense: "Marked urgent",
    fields: {
      schema: eventForm("MARK_URGENT", () =>
        z.object({
          reason: z.enum(URGENT_REASONS, { error: "Select why the concern is urgent" }),
          details: optionalText,
        }),
      ),
      Fields: ({ errors, values }) => (
        <>
          <ChoiceGroup
            type="radio"
            name="reason"
            legend="Why is it urgent?"
            error={errors?.reason?.[0]}
            defaultValue={text(values, "reason")}
            options={URGENT_REASONS.map((value) => ({ value, label: URGENT_REASON_LABELS[value] }))}
          />
          <Reason name="details" label="Anything else the family and the organisations should know (optional)" rows={3} errors={errors} values={values} />
        </>
      ),
    },
  },
  PAUSE: {
    label: "Pause the response clock",
    explains: ({ maxPauseWorkingDays }) =>
      `Use this only while you wait for information from the family or someone else. A pause lasts at most ${maxPauseWorkingDays} working days in total at this stage; then the clock restarts by itself. The acknowledgement deadline is never paused.`,
    pastTense: "Response clock paused",
    fields: {
      schema: eventForm("PAUSE", () =>
        z.object({
          waitingOn: z.enum(["family", "third-party"], { error: "Select who you are waiting for" }),
          reason: required("Say what information you are waiting for"),
        }),
      ),
      Fields: ({ errors, values }) => (
        <>
          <ChoiceGroup
            type="radio"
            name="waitingOn"
            legend="Who are you waiting for?"
            error={errors?.waitingOn?.[0]}
            defaultValue={text(values, "waitingOn")}
            options={[
              { value: "family", label: "The family" },
              { value: "third-party", label: "Someone else, for example a health service" },
            ]}
          />
          <Reason label="What information are you waiting for?" errors={errors} values={values} />
        </>
      ),
    },
  },
  RESUME: {
    label: "Restart the response clock",
    explains: "The deadline moves on by the working days the clock was paused.",
    pastTense: "Response clock restarted",
    forFamily: {
      label: "Send the information asked for",
      explains: "Send the information the response is waiting for. The deadline for the response starts again when you send it.",
    },
    fields: {
      schema: eventForm("RESUME", ({ side }) =>
        side === "family" ? z.object({ information: required("Enter the information you were asked for, or say where it can be found") }) : z.object({}).transform(() => ({})),
      ),
      Fields: ({ page, errors, values }) =>
        page.side === "family" ? (
          <Reason
            name="information"
            label="The information you were asked for"
            hint="Write it here, or say where the organisation can find it (for example, that you have emailed the report)"
            rows={6}
            errors={errors}
            values={values}
          />
        ) : null,
    },
  },
  EXTEND: {
    label: "Extend the response deadline",
    explains: "You can extend once at each stage, with a reason the family will see.",
    pastTense: "Deadline extended",
    fields: {
      schema: eventForm("EXTEND", ({ maxExtensionWorkingDays: max }) =>
        z.object({
          workingDays: z.coerce
            .number({ error: "Enter the number of working days" })
            .int("Enter a whole number of working days")
            .min(1, "Extend by at least 1 working day")
            .max(max, `You can extend by at most ${max} working days at this stage`),
          reason: required("Give the reason for the extension"),
        }),
      ),
      Fields: ({ page, errors, values }) => (
        <>
          <TextInput
            name="workingDays"
            label="Extend by how many working days?"
            hint={page.limits.maxExtensionWorkingDays ? `At most ${page.limits.maxExtensionWorkingDays} working days at this stage` : undefined}
            widthClass="govuk-input--width-3"
            inputMode="numeric"
            error={errors?.workingDays?.[0]}
            defaultValue={text(values, "workingDays")}
          />
          <Reason label="Reason for the extension" hint="The family will see this" errors={errors} values={values} />
        </>
      ),
    },
  },
  RESPOND: {
    label: "Send the response",
    explains: "Give a finding on every issue, your reasons, the standards relied on and any remedies. You send it for everyone answering the concern at this stage.",
    pastTense: "Response sent",
    fields: outcome("RESPOND"),
  },
  CONTRIBUTE_TO_RESPONSE: {
    label: "Add your part of the response",
    explains: "The response is a joint one: add what your service found and will do. The lead organisation sends the response.",
    pastTense: "Part of the joint response added",
    fields: {
      schema: eventForm("CONTRIBUTE_TO_RESPONSE", ({ capacities }) =>
        z
          .object({ contribution: required("Enter your part of the response") })
          .transform((v) => ({ ...v, party: capacities.find((c) => c === "health-partner") ?? capacities[0] })),
      ),
      Fields: ({ errors, values }) => (
        <Reason
          name="contribution"
          label="Your part of the response"
          hint="What your service found, and what it will do. The family will see this with the response."
          rows={8}
          errors={errors}
          values={values}
        />
      ),
    },
  },
  GIVE_DELAY_NOTICE: {
    label: "Give a delay notice",
    explains:
      "A deadline has been missed, or the concern has been open a long time. Say why, and the date you expect to finish. The family will see this; the missed deadline still stands.",
    pastTense: "Delay notice given",
    fields: {
      schema: eventForm("GIVE_DELAY_NOTICE", (ctx) =>
        z.object({
          reason: required("Say why you are late"),
          expectedOn: isoDate("Enter the date you expect to finish as YYYY-MM-DD", "the date you expect to finish", today(ctx)),
        }),
      ),
      Fields: ({ errors, values }) => (
        <>
          <Reason label="Why is it late?" hint="The family will see this" errors={errors} values={values} />
          <TextInput
            name="expectedOn"
            label="When do you expect to finish?"
            hint="For example, 2027-01-29"
            widthClass="govuk-input--width-10"
            error={errors?.expectedOn?.[0]}
            defaultValue={text(values, "expectedOn")}
          />
        </>
      ),
    },
  },
  ACCEPT_OUTCOME: {
    label: "Accept the outcome",
    explains: "This closes the concern. Any remedies will still be checked until they are done.",
    pastTense: "Outcome accepted",
    fields: noFields("ACCEPT_OUTCOME"),
  },
  ESCALATE: {
    label: "Take the concern to the next stage",
    explains: "You do not have to give a reason.",
    pastTense: "Taken to the next stage",
    fields: { schema: eventForm("ESCALATE", () => z.object({ reason: optionalText })), Fields: OptionalReason },
  },
  OFFER_MEDIATION: {
    label: "Offer mediation",
    explains: "An independent mediator helps both sides reach an agreement. Deadlines keep running unless the family accepts. You can offer mediation once at each stage.",
    pastTense: "Mediation offered",
    forFamily: {
      label: "Ask for mediation",
      explains: "An independent mediator helps you reach an agreement. If you go ahead, the deadlines at this stage wait while mediation happens.",
    },
    fields: { schema: eventForm("OFFER_MEDIATION", ({ side }) => z.object({}).transform(() => ({ requestedBy: side }))) },
  },
  SEND_MEDIATION_INFORMATION: {
    label: "Send mediation information",
    explains: "Confirm the family has been sent information about mediation.",
    pastTense: "Mediation information sent",
    fields: noFields("SEND_MEDIATION_INFORMATION"),
  },
  ACCEPT_MEDIATION: {
    label: "Accept mediation",
    explains: ({ mediationSessionWithinCalendarDays }) =>
      `A mediator will be assigned and a session held within ${mediationSessionWithinCalendarDays} days. The deadlines at this stage wait while mediation happens.`,
    pastTense: "Mediation accepted",
    fields: noFields("ACCEPT_MEDIATION"),
  },
  DECLINE_MEDIATION: {
    label: "Decline mediation",
    explains: "Mediation ends now and your concern carries on where it was, with any missed deadline still counting.",
    pastTense: "Mediation declined",
    fields: { schema: eventForm("DECLINE_MEDIATION", () => z.object({ reason: optionalText })), Fields: OptionalReason },
  },
  ASSIGN_MEDIATOR: {
    label: "Assign a mediator",
    explains: "Choose an independent mediator. They will see this case.",
    pastTense: "Mediator assigned",
    fields: {
      schema: eventForm("ASSIGN_MEDIATOR", ({ mediatorIds }) =>
        z.object({ mediatorId: z.string({ error: "Select a mediator" }).refine((id) => mediatorIds.includes(id), "Select a mediator") }),
      ),
      Fields: ({ page, errors, values }) => (
        <Select
          name="mediatorId"
          label="Mediator"
          options={[{ value: "", label: "Choose a mediator" }, ...page.mediators.map((m) => ({ value: m.id, label: m.name }))]}
          error={errors?.mediatorId?.[0]}
          defaultValue={text(values, "mediatorId")}
        />
      ),
    },
  },
  SCHEDULE_SESSION: {
    label: "Schedule a mediation session",
    explains: ({ mediationSessionWithinCalendarDays }) =>
      `The session must be within the ${mediationSessionWithinCalendarDays}-day mediation window, unless both sides agree to a later date.`,
    pastTense: "Mediation session scheduled",
    fields: {
      schema: eventForm("SCHEDULE_SESSION", (ctx) =>
        z.object({
          sessionOn: isoDate("Enter the session date as YYYY-MM-DD", "the session date", today(ctx)),
          laterDateAgreed: z
            .string()
            .optional()
            .transform((v) => (v === "yes" ? true : undefined)),
          sessionTime: z
            .string()
            .trim()
            .optional()
            .transform((v) => (v ? v.replace(/^(\d):/, "0$1:") : undefined))
            .refine((v) => v === undefined || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), "Enter the time as hours and minutes on the 24-hour clock, like 14:30"),
          place: optionalText,
        }),
      ),
      Fields: ({ page, errors, values }) => (
        <>
          <TextInput
            name="sessionOn"
            label="Session date"
            hint={`For example, 2027-01-12. Within ${page.limits.mediationSessionWithinCalendarDays} days of the family accepting mediation, unless both sides agree to a later date.`}
            widthClass="govuk-input--width-10"
            error={errors?.sessionOn?.[0]}
            defaultValue={text(values, "sessionOn")}
          />
          <TextInput
            name="sessionTime"
            label="Start time (optional)"
            hint="24-hour clock, for example 14:30"
            widthClass="govuk-input--width-5"
            error={errors?.sessionTime?.[0]}
            defaultValue={text(values, "sessionTime")}
          />
          <Textarea
            name="place"
            label="Where it will be held, or the joining link (optional)"
            hint="Everyone taking part will see this"
            rows={2}
            error={errors?.place?.[0]}
            defaultValue={text(values, "place")}
          />
          <ChoiceGroup
            type="checkbox"
            name="laterDateAgreed"
            legend="Later date"
            options={[{ value: "yes", label: "Both sides have agreed to a date after the mediation window" }]}
          />
        </>
      ),
    },
  },
  RECORD_SESSION_HELD: {
    label: "Record that the session was held",
    explains: "Record the session on the day it took place (or after). You can write up the outcome afterwards.",
    pastTense: "Mediation session held",
    fields: {
      schema: eventForm("RECORD_SESSION_HELD", (ctx) =>
        z.object({ heldOn: isoDate("Enter the day the session was held as YYYY-MM-DD", "the day the session was held", today(ctx)) }),
      ),
      Fields: ({ page, errors, values }) => (
        <ChoiceGroup
          type="radio"
          name="heldOn"
          legend="Which session was held?"
          error={errors?.heldOn?.[0]}
          defaultValue={text(values, "heldOn")}
          options={page.sessions.map((on) => ({ value: on, label: formatDate(on) }))}
        />
      ),
    },
  },
  RECORD_MEDIATION_OUTCOME: {
    label: "Record the mediation outcome",
    explains: "Matters agreed are closed and their actions tracked; anything not agreed returns to the ladder.",
    pastTense: "Mediation outcome recorded",
    fields: {
      schema: eventForm("RECORD_MEDIATION_OUTCOME", ({ issueIds, today: on }) =>
        z.record(z.string(), z.unknown()).transform((fields, ctx) => {
          const agreedIssueIds = asArray(fields.agreedIssueIds).map(String);
          const unknown = agreedIssueIds.find((id) => !issueIds.includes(id));
          if (unknown) ctx.addIssue({ code: "custom", path: ["agreedIssueIds"], message: "Select only issues in this case" });
          const summary = String(fields.summary ?? "").trim();
          return { agreedIssueIds, actions: remedyRows(fields, ctx, on ?? londonDate()), ...(summary ? { summary } : {}) };
        }),
      ),
      Fields: ({ page, errors, values }) => (
        <>
          <ChoiceGroup
            type="checkbox"
            name="agreedIssueIds"
            legend="Which issues were agreed?"
            hint="Leave all unticked if nothing was agreed"
            error={errors?.agreedIssueIds?.[0]}
            options={page.issues.map((i) => ({ value: i.id, label: i.summary }))}
          />
          <Reason name="summary" label="Summary of the agreement (optional)" errors={errors} values={values} />
          <h2 className="govuk-heading-m">Agreed actions</h2>
          <RemedyRows errors={errors} values={values} />
        </>
      ),
    },
  },
  ISSUE_CERTIFICATE: {
    label: "Issue the mediation certificate",
    explains: "Confirms mediation took place or was declined.",
    pastTense: "Mediation certificate issued",
    fields: noFields("ISSUE_CERTIFICATE"),
  },
  ACCEPT_FOR_INVESTIGATION: {
    label: "Accept for investigation",
    explains: "The concern is within jurisdiction. If it is late, record why you are using discretion.",
    pastTense: "Accepted for investigation",
    fields: {
      schema: eventForm("ACCEPT_FOR_INVESTIGATION", () => z.object({ reasons: optionalText, discretionReason: optionalText })),
      Fields: ({ errors, values }) => (
        <>
          <Reason name="reasons" label="Reasons (optional)" errors={errors} values={values} />
          <Reason name="discretionReason" label="If the concern is late, why are you using discretion to accept it?" errors={errors} values={values} />
        </>
      ),
    },
  },
  REJECT_OUT_OF_JURISDICTION: {
    label: "Decide it is outside jurisdiction",
    explains: "Explain why this body cannot look at the concern.",
    pastTense: "Decided outside jurisdiction",
    warning: true,
    fields: {
      schema: eventForm("REJECT_OUT_OF_JURISDICTION", () => z.object({ reasons: required("Explain why the concern is outside jurisdiction") })),
      Fields: (props) => <DecisionReasons {...props} />,
    },
  },
  REJECT_OUT_OF_TIME: {
    label: "Decide it is out of time",
    explains: ({ nationalTimeLimitMonths }) => `Only for concerns brought more than ${nationalTimeLimitMonths} months after the family knew of the matter.`,
    pastTense: "Decided out of time",
    warning: true,
    fields: {
      schema: eventForm("REJECT_OUT_OF_TIME", () => z.object({ reasons: required("Explain why the concern is out of time") })),
      Fields: (props) => <DecisionReasons {...props} />,
    },
  },
  ISSUE_DRAFT_DECISION: {
    label: "Issue a draft decision",
    explains: "The family and every organisation the concern is about may comment before the final decision.",
    pastTense: "Draft decision issued",
    fields: outcome("ISSUE_DRAFT_DECISION"),
  },
  SUBMIT_COMMENTS: {
    label: "Comment on the draft decision",
    explains: "Your comments go to the national body before it decides. You can comment more than once until the comment period ends.",
    pastTense: "Comments on the draft decision",
    fields: {
      schema: eventForm("SUBMIT_COMMENTS", ({ capacities }) =>
        z.object({ comments: required("Enter your comments") }).transform((v) => ({ ...v, party: commentingCapacity(capacities) })),
      ),
      Fields: ({ errors, values }) => <Reason name="comments" label="Your comments on the draft decision" rows={8} errors={errors} values={values} />,
    },
  },
  ISSUE_FINAL_DECISION: {
    label: "Issue the final decision",
    explains: "Findings, reasons and remedies. Remedies are then monitored until done.",
    pastTense: "Final decision issued",
    fields: outcome("ISSUE_FINAL_DECISION"),
  },
  REMEDY_DONE: {
    label: "Record a remedy as done",
    explains: "Say what was done; the family will be told.",
    pastTense: "Remedy done",
    fields: {
      schema: eventForm("REMEDY_DONE", (ctx) => z.object({ remedyId: remedyChoice((c) => c.openRemedyIds)(ctx), evidence: optionalText })),
      Fields: ({ page, errors, values }) => (
        <>
          <WhichRemedy page={page} errors={errors} values={values} />
          <Reason name="evidence" label="What was done (optional)" errors={errors} values={values} />
        </>
      ),
    },
  },
  REMEDY_FAILED: {
    label: "Record a remedy as not done",
    explains: "Say why. The family will be told and may take it further.",
    pastTense: "Remedy not done",
    warning: true,
    fields: {
      schema: eventForm("REMEDY_FAILED", (ctx) => z.object({ remedyId: remedyChoice((c) => c.openRemedyIds)(ctx), reason: required("Say why the remedy was not done") })),
      Fields: ({ page, errors, values }) => (
        <>
          <WhichRemedy page={page} errors={errors} values={values} />
          <Reason label="Why was it not done?" errors={errors} values={values} />
        </>
      ),
    },
  },
  TAKE_REMEDY_FURTHER: {
    label: "Take the failed remedy further",
    explains: "A remedy was not carried out. Your concern goes to the next stage up (to the national body for a remedy it ordered), which will look at it.",
    pastTense: "Failed remedy taken further",
    fields: {
      schema: eventForm("TAKE_REMEDY_FURTHER", (ctx) => z.object({ remedyId: remedyChoice((c) => c.failedRemedyIds)(ctx), reason: required("Say why you are taking it further") })),
      Fields: ({ page, errors, values }) => (
        <>
          <ChoiceGroup
            type="radio"
            name="remedyId"
            legend="Which remedy was not carried out?"
            error={errors?.remedyId?.[0]}
            defaultValue={text(values, "remedyId")}
            options={page.failedRemedies.map((r) => ({ value: r.id, label: `${r.description} (you can take this further until ${formatDate(r.until)})` }))}
          />
          <Reason label="Why are you taking it further?" errors={errors} values={values} />
        </>
      ),
    },
  },
  WITHDRAW: {
    label: "Withdraw the concern",
    explains: "This closes the concern at every stage. You can raise a new concern later.",
    pastTense: "Concern withdrawn",
    warning: true,
    fields: { schema: eventForm("WITHDRAW", () => z.object({ reason: optionalText })), Fields: OptionalReason },
  },
} satisfies { [T in UserEventType]: CaseEventEntry<T> };

function DecisionReasons({ errors, values }: FieldsProps) {
  return <Reason name="reasons" label="Reasons" hint="The family and the organisations the concern is about will see this" errors={errors} values={values} />;
}

function WhichRemedy({ page, errors, values }: FieldsProps) {
  return (
    <ChoiceGroup
      type="radio"
      name="remedyId"
      legend="Which remedy?"
      error={errors?.remedyId?.[0]}
      defaultValue={text(values, "remedyId")}
      options={page.remedies.map((r) => ({ value: r.id, label: r.description }))}
    />
  );
}

/** History lines for what the system records, not a person (the concern itself, deadlines). */
const SYSTEM_EVENTS: Record<string, string> = {
  CONCERN_RAISED: "Concern raised",
  DEADLINE_WARNING: "Deadline reminder",
  DEADLINE_MISSED: "Deadline passed",
};

export function isUserEventType(type: string): type is UserEventType {
  return Object.hasOwn(CASE_EVENTS, type);
}

export function entryFor<T extends UserEventType>(type: T): CaseEventEntry<T> {
  return CASE_EVENTS[type] as CaseEventEntry<T>;
}

/** The history line for a logged event of any type. */
export function pastTenseOf(type: string): string {
  return isUserEventType(type) ? CASE_EVENTS[type].pastTense : (SYSTEM_EVENTS[type] ?? type);
}

/** The label and explanation a person sees (the family's own wording where there is one), with the case's own numbers. */
export function wordingFor(type: UserEventType, capacities: readonly Party[], limits: Limits): { label: string; explains: string } {
  const entry: CaseEventEntry<UserEventType> = CASE_EVENTS[type];
  const chosen = capacities.includes("family") && entry.forFamily ? entry.forFamily : entry;
  return { label: chosen.label, explains: typeof chosen.explains === "function" ? chosen.explains(limits) : chosen.explains };
}
