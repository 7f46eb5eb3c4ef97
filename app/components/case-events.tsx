import { Fragment, useEffect, useRef, useState, type ReactNode } from "react";
import { useFieldArray, type Control, type FieldValues } from "react-hook-form";
import { z } from "zod";
import { MESSAGE_PARTIES, NOTE_PARTIES, URGENT_REASON_LABELS, URGENT_REASONS, type CaseView, type Party, type UserEventType } from "../../machines";
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
  remedyRowCount,
  remedyRows,
  remedyRowValues,
  EMPTY_REMEDY_ROW,
  type RemedyRowFields,
  REMEDY_KIND_OPTIONS,
  required,
  type EventForm,
  type FormContext,
} from "../utils/case-forms";
import { londonDate } from "../utils/dates";
import { formatDate } from "../utils/format";
import { MAX_REMEDIES } from "../utils/limits";
import { DateInput, dateDefaults } from "./date-input";
import { ChoiceGroup, fieldId, Select, Textarea, TextInput, type FieldErrors } from "./forms";

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
  /** Every remedy already on the case, which a new remedy may replace ("Restore 8 hours, ordered by the setting on 3 December"). */
  earlierRemedies: Array<{ id: string; label: string }>;
  /** Linked cases of the same concern that withdrawing closes too, in words. */
  closesAlso: Array<{ ref: string; about: string }>;
  failedRemedies: Array<{ id: string; description: string; until: string }>;
  sessions: string[];
  mediators: Array<{ id: string; name: string }>;
  /** The body answering now, for the assign and triage forms; `conflict`: why they may not handle it. */
  staff: Array<{ id: string; name: string; conflict?: string }>;
};

/** `control`: the form kit's react-hook-form control, for rows added and removed in the browser. */
export type FieldsProps = { page: ActionPage; errors?: FieldErrors; values: Record<string, unknown>; control?: Control<FieldValues> };

export type CaseEventEntry<T extends UserEventType> = {
  label: string;
  /** Shown above the form: what this does, in plain English. */
  explains: Copy;
  /** The history line once it has happened ("Response sent"). */
  pastTense: string;
  /** Ends something for good: its red button appears only on its own confirmation page, never on the case page. */
  warning?: boolean;
  /** Wording for the family where the same event means something else to them. */
  forFamily?: { label: string; explains: Copy };
  /** Changes nothing on the case (a message, a note): sent whatever has happened since the form was opened, never refused as stale. */
  keepsState?: true;
  /** The page heading when the page is a confirmation ("Are you sure…?"); the button keeps `label`. */
  question?: string;
  /** The form: its schema (posted fields → the event's payload), its fields if it has any, and whether they include add-another rows. */
  fields: { schema: EventForm<T>; Fields?: (props: FieldsProps) => ReactNode; rows?: true };
};

const text = (values: Record<string, unknown>, name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
const today = (ctx: FormContext) => () => ctx.today ?? londonDate();
const noFields = (type: UserEventType) => ({ schema: eventForm(type, none) });

// ── One small set of fields: each takes its name and the form's errors and values, and finds its own
// error message and echoed value. Dates are one line each (<DateField name=… label=… />). ──

type Bound = Omit<FieldsProps, "page" | "control">;
const bound = ({ errors, values }: Bound, name: string) => ({ name, error: errors?.[name]?.[0], defaultValue: text(values, name) });

/** A text area. */
function Reason({ name = "reason", label, hint, rows, ...form }: { name?: string; label: string; hint?: string; rows?: number } & Bound) {
  return <Textarea {...bound(form, name)} label={label} hint={hint} rows={rows} />;
}

/** A one-line answer. */
function Line({
  name,
  label,
  hint,
  width = "govuk-input--width-10",
  numeric,
  ...form
}: { name: string; label: string; hint?: ReactNode; width?: string; numeric?: boolean } & Bound) {
  return <TextInput {...bound(form, name)} label={label} hint={hint} widthClass={width} inputMode={numeric ? "numeric" : undefined} />;
}

/** A date: the GOV.UK date input (day, month, year), joined into YYYY-MM-DD before the schema reads it. */
function DateField({ name, label, hint = "For example, 29 1 2027", errors, values }: { name: string; label: string; hint?: string } & Bound) {
  return <DateInput name={name} legend={label} hint={hint} error={errors?.[name]?.[0]} defaultValue={dateDefaults(values, name)} />;
}

/**
 * Radios, except that one option is never shown alone: with a single choice the page states it
 * ("Remedy: Restore 8 hours") and posts it as a hidden field.
 */
function OneOf({ name, legend, single, options, ...form }: { name: string; legend: string; single: string; options: Array<{ value: string; label: string }> } & Bound) {
  const only = options.length === 1 ? options[0] : undefined;
  if (only) {
    return (
      <div className="govuk-form-group">
        <p className="govuk-body">
          <strong>{single}:</strong> {only.label}
        </p>
        <input type="hidden" name={name} value={only.value} />
      </div>
    );
  }
  const { defaultValue, ...rest } = bound(form, name);
  return <ChoiceGroup type="radio" legend={legend} options={options} defaultValue={defaultValue} {...rest} />;
}

// ── Add another remedy (GOV.UK add-another): works without JavaScript through `intent` buttons the
// action answers (case-forms.ts applyRemedyIntent); with JavaScript the rows are a react-hook-form field array. ──

type RemedyRowItem = RemedyRowFields & { id: string };

/** The rows the form starts with (each with what was typed or prefilled): at least one. */
export function remedyRowDefaults(values: Record<string, unknown>) {
  const rows = Math.max(1, remedyRowCount(values));
  return { remedyList: Array.from({ length: rows }, (_, i) => remedyRowValues(values, i + 1)) };
}

function RemedyRow({
  row,
  item,
  noun,
  page,
  errors,
  onRemove,
}: {
  row: number;
  item: RemedyRowItem;
  noun: "remedy" | "action";
  page: ActionPage;
  errors?: FieldErrors;
  onRemove: () => void;
}) {
  const name = (field: string) => `remedy-${row}-${field}`;
  const error = (field: string) => errors?.[name(field)]?.[0];
  const [kind, setKind] = useState(item.kind);
  const kindId = fieldId(name("kind"));
  const Noun = noun === "remedy" ? "Remedy" : "Action";
  return (
    <fieldset className="govuk-fieldset redress-add-another__item" id={fieldId(`remedy-${row}`)}>
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
        {Noun} {row}
      </legend>
      <div className={`govuk-form-group${error("kind") ? " govuk-form-group--error" : ""}`}>
        <fieldset className="govuk-fieldset" aria-describedby={error("kind") ? `${kindId}-error` : undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Kind of {noun}</legend>
          {error("kind") ? (
            <p id={`${kindId}-error`} className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {error("kind")}
            </p>
          ) : null}
          <div className="govuk-radios govuk-radios--small">
            {REMEDY_KIND_OPTIONS.map((option, index) => {
              const id = index === 0 ? kindId : `${kindId}-option-${index}`;
              const reveals = option.value === "payment";
              return (
                <Fragment key={option.value}>
                  <div className="govuk-radios__item">
                    <input
                      className="govuk-radios__input"
                      id={id}
                      name={name("kind")}
                      type="radio"
                      value={option.value}
                      defaultChecked={item.kind === option.value}
                      onChange={() => setKind(option.value)}
                      aria-controls={reveals ? `${id}-conditional` : undefined}
                      aria-describedby={"hint" in option ? `${id}-hint` : undefined}
                    />
                    <label className="govuk-label govuk-radios__label" htmlFor={id}>
                      {option.label}
                    </label>
                    {"hint" in option ? (
                      <div id={`${id}-hint`} className="govuk-hint govuk-radios__hint">
                        {option.hint}
                      </div>
                    ) : null}
                  </div>
                  {reveals ? (
                    // Conditional reveal: hidden by CSS only once JavaScript runs, so without it the amount is always there.
                    <div className={`govuk-radios__conditional${kind === "payment" ? "" : " govuk-radios__conditional--hidden"}`} id={`${id}-conditional`}>
                      <TextInput
                        name={name("amount")}
                        label="Amount in pounds"
                        hint="For example, 250 or 250.50"
                        widthClass="govuk-input--width-5"
                        inputMode="decimal"
                        defaultValue={item.amount || undefined}
                        error={error("amount")}
                      />
                    </div>
                  ) : null}
                </Fragment>
              );
            })}
          </div>
        </fieldset>
      </div>
      <Textarea name={name("description")} label={`What must be done`} rows={2} defaultValue={item.description || undefined} error={error("description")} />
      <DateInput
        name={name("dueOn")}
        legend={kind === "action" ? "Due date" : "Due date (optional for an apology, a payment or a review)"}
        legendSize="s"
        hint={`For example, 29 1 2027. An action needs one; leave it blank otherwise to allow ${page.limits.remedyDefaultWorkingDays} working days.`}
        defaultValue={dateDefaults(item, "dueOn")}
        error={error("dueOn")}
      />
      {page.earlierRemedies.length ? (
        <Select
          name={name("replaces")}
          label={`Does this ${noun} replace an earlier remedy? (optional)`}
          hint="The earlier remedy stays on the file, marked as replaced"
          options={[{ value: "", label: "No, it does not replace one" }, ...page.earlierRemedies.map((r) => ({ value: r.id, label: r.label }))]}
          defaultValue={item.replaces || undefined}
          error={error("replaces")}
        />
      ) : null}
      <button
        type="submit"
        name="intent"
        value={`remove-remedy-${row}`}
        formNoValidate
        formAction={`#${fieldId("remedies")}`}
        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-4"
        data-module="govuk-button"
        onClick={(event) => {
          event.preventDefault();
          onRemove();
        }}
      >
        Remove
        <span className="govuk-visually-hidden">
          {" "}
          {noun} {row}
        </span>
      </button>
    </fieldset>
  );
}

/** Remedies (or agreed actions): as many as needed, up to MAX_REMEDIES; a row left empty gives nothing. */
function RemedyRows({ page, errors, control, noun }: FieldsProps & { noun: "remedy" | "action" }) {
  const { fields, append, remove } = useFieldArray({ control, name: "remedyList" });
  const heading = useRef<HTMLHeadingElement>(null);
  const focus = useRef<"last" | "heading" | null>(null);
  useEffect(() => {
    if (focus.current === "last") document.getElementById(fieldId(`remedy-${fields.length}-kind`))?.focus();
    if (focus.current === "heading") heading.current?.focus();
    focus.current = null;
  }, [fields.length]);
  const plural = noun === "remedy" ? "remedies" : "actions";
  return (
    <div className={`redress-add-another${errors?.remedies ? " govuk-form-group--error" : ""}`}>
      <h2 className="govuk-heading-m" id={fieldId("remedies")} tabIndex={-1} ref={heading}>
        {noun === "remedy" ? "Remedies" : "Agreed actions"}
      </h2>
      <p className="govuk-body">
        {noun === "remedy"
          ? "Give each remedy on its own. Leave a remedy empty, or remove it, if none is needed."
          : "Each action agreed, on its own. Leave it empty if none was agreed."}
      </p>
      {errors?.remedies?.[0] ? (
        <p className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {errors.remedies[0]}
        </p>
      ) : null}
      {/* How many rows are shown, so an empty row survives a round trip without JavaScript. */}
      <input type="hidden" name="remedyRows" value={fields.length} />
      {fields.length === 0 ? <p className="govuk-body">No {plural} added.</p> : null}
      {fields.map((item, index) => (
        <RemedyRow
          key={item.id}
          row={index + 1}
          item={item as unknown as RemedyRowItem}
          noun={noun}
          page={page}
          errors={errors}
          onRemove={() => {
            focus.current = "heading";
            remove(index);
          }}
        />
      ))}
      {fields.length < MAX_REMEDIES ? (
        <button
          type="submit"
          name="intent"
          value="add-remedy"
          formNoValidate
          formAction={`#${fieldId(`remedy-${fields.length + 1}`)}`}
          className="govuk-button govuk-button--secondary"
          data-module="govuk-button"
          onClick={(event) => {
            event.preventDefault();
            focus.current = "last";
            append(EMPTY_REMEDY_ROW);
          }}
        >
          {fields.length === 0 ? `Add a ${noun}` : `Add another ${noun}`}
        </button>
      ) : (
        <p className="govuk-body">
          You have added {MAX_REMEDIES} {plural}, the most one decision can give.
        </p>
      )}
    </div>
  );
}

/** Findings on every open issue, reasons, standards and remedies: the three decisions share it. */
function OutcomeFields({ page, errors, values, control }: FieldsProps) {
  return (
    <>
      {page.issues.map((issue) => (
        <div key={issue.id}>
          <OneOf
            name={`finding-${issue.id}`}
            legend={`Finding: ${issue.summary}`}
            single="Finding"
            options={FINDING_OPTIONS.map((o) => ({ ...o }))}
            errors={errors}
            values={values}
          />
          <Reason name={`reasons-${issue.id}`} label="Reasons for this finding (optional)" rows={3} errors={errors} values={values} />
        </div>
      ))}
      <Reason name="reasons" label="Reasons for the decision" hint="Plain English: the family will read this" rows={6} errors={errors} values={values} />
      <Line
        name="standards"
        label="National Framework standards relied on"
        width=""
        hint={
          <>
            Codes from the{" "}
            <a className="govuk-link" href="/framework" target="_blank" rel="noreferrer">
              National Framework catalogue (opens in a new tab)
            </a>
            , separated by commas, for example NF-3.2, NF-1.2
          </>
        }
        errors={errors}
        values={values}
      />
      <RemedyRows page={page} errors={errors} values={values} control={control} noun="remedy" />
    </>
  );
}

const outcome = (type: "RESPOND" | "ISSUE_DRAFT_DECISION" | "ISSUE_FINAL_DECISION") => ({
  schema: eventForm(type, decidedBy(outcomeForm)),
  Fields: OutcomeFields,
  rows: true as const,
});

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
          <OneOf
            name="waitingOn"
            legend="Who are you waiting for?"
            single="Waiting for"
            options={[
              { value: "family", label: "The family" },
              { value: "third-party", label: "Someone else, for example a health service" },
            ]}
            errors={errors}
            values={values}
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
          <Line
            name="workingDays"
            label="Extend by how many working days?"
            hint={page.limits.maxExtensionWorkingDays ? `At most ${page.limits.maxExtensionWorkingDays} working days at this stage` : undefined}
            width="govuk-input--width-3"
            numeric
            errors={errors}
            values={values}
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
          expectedOn: isoDate("Enter the date you expect to finish", "the date you expect to finish", today(ctx)),
        }),
      ),
      Fields: ({ errors, values }) => (
        <>
          <Reason label="Why is it late?" hint="The family will see this" errors={errors} values={values} />
          <DateField name="expectedOn" label="When do you expect to finish?" errors={errors} values={values} />
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
          sessionOn: isoDate("Enter the session date", "the session date", today(ctx)),
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
          <DateField
            name="sessionOn"
            label="Session date"
            hint={`For example, 12 1 2027. Within ${page.limits.mediationSessionWithinCalendarDays} days of the family accepting mediation, unless both sides agree to a later date.`}
            errors={errors}
            values={values}
          />
          <Line name="sessionTime" label="Start time (optional)" hint="24-hour clock, for example 14:30" width="govuk-input--width-5" errors={errors} values={values} />
          <Reason name="place" label="Where it will be held, or the joining link (optional)" hint="Everyone taking part will see this" rows={2} errors={errors} values={values} />
          <ChoiceGroup
            type="checkbox"
            name="laterDateAgreed"
            legend="Later date"
            defaultValue={text(values, "laterDateAgreed")}
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
        <OneOf
          name="heldOn"
          legend="Which session was held?"
          single="Session held"
          options={page.sessions.map((on) => ({ value: on, label: formatDate(on) }))}
          errors={errors}
          values={values}
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
      Fields: ({ page, errors, values, control }) => (
        <>
          <ChoiceGroup
            type="checkbox"
            name="agreedIssueIds"
            legend="Which issues were agreed?"
            hint="Leave all unticked if nothing was agreed"
            error={errors?.agreedIssueIds?.[0]}
            defaultValue={asArray(values.agreedIssueIds).filter((v): v is string => typeof v === "string")}
            options={page.issues.map((i) => ({ value: i.id, label: i.summary }))}
          />
          <Reason name="summary" label="Summary of the agreement (optional)" errors={errors} values={values} />
          <RemedyRows page={page} errors={errors} values={values} control={control} noun="action" />
        </>
      ),
      rows: true,
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
          <OneOf
            name="remedyId"
            legend="Which remedy was not carried out?"
            single="Remedy not carried out"
            options={page.failedRemedies.map((r) => ({ value: r.id, label: `${r.description} (you can take this further until ${formatDate(r.until)})` }))}
            errors={errors}
            values={values}
          />
          <Reason label="Why are you taking it further?" errors={errors} values={values} />
        </>
      ),
    },
  },
  WITHDRAW: {
    label: "Withdraw the concern",
    question: "Are you sure you want to withdraw your concern?",
    explains: "This closes the concern at every stage. Any remedies already given are still checked until they are done. You can raise a new concern later.",
    pastTense: "Concern withdrawn",
    warning: true,
    fields: {
      schema: eventForm("WITHDRAW", () => z.object({ reason: optionalText })),
      Fields: ({ page, errors, values }) => (
        <>
          {page.closesAlso.length ? (
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <div className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                This also closes the linked {page.closesAlso.length === 1 ? "case" : "cases"}:
                <ul className="govuk-list govuk-list--bullet govuk-!-margin-top-2 govuk-!-margin-bottom-0">
                  {page.closesAlso.map((c) => (
                    <li key={c.ref}>
                      {c.ref}, about {c.about}
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          ) : null}
          <Reason label="Reason (optional)" hint="Everyone involved will see this" errors={errors} values={values} />
        </>
      ),
    },
  },
  SEND_MESSAGE: {
    label: "Send a message",
    explains:
      "Your message goes to the family. It is shown on the case, where everyone working on the concern can read it too, and the family gets an email saying a message is waiting (the email does not contain the message).",
    pastTense: "Message sent",
    forFamily: {
      label: "Send a message",
      explains:
        "Your message goes to the organisation handling your concern. It is shown on the case, where everyone working on your concern can read it too, and they get an email saying a message is waiting (the email does not contain the message).",
    },
    keepsState: true,
    fields: {
      schema: eventForm("SEND_MESSAGE", ({ capacities }) =>
        z.object({ message: required("Enter your message") }).transform((v) => ({ ...v, party: MESSAGE_PARTIES.find((party) => capacities.includes(party)) ?? "family" })),
      ),
      Fields: ({ page, errors, values }) => (
        <Reason
          name="message"
          label="Your message"
          hint={page.side === "family" ? "Do not include passwords or bank details" : "Plain English: the family will read this"}
          rows={8}
          errors={errors}
          values={values}
        />
      ),
    },
  },
  ADD_INTERNAL_NOTE: {
    label: "Add an internal note",
    explains:
      "Only staff of your own organisation can see internal notes on this case: never the family, their representative or anyone else. People can ask for the information held about them, and internal notes about them are part of what they receive, so write only what you would be content for them to read.",
    pastTense: "Internal note added",
    keepsState: true,
    fields: {
      schema: eventForm("ADD_INTERNAL_NOTE", ({ capacities }) =>
        z.object({ note: required("Enter your note") }).transform((v) => ({ ...v, party: NOTE_PARTIES.find((party) => capacities.includes(party)) ?? "setting" })),
      ),
      Fields: ({ errors, values }) => <Reason name="note" label="Your note" rows={6} errors={errors} values={values} />,
    },
  },
  ADD_EVIDENCE: {
    label: "Add evidence",
    explains: "Attach a document or photo to the concern, say what it is and who can see it.",
    pastTense: "Evidence added",
    // A file is checked, scanned and stored before its event exists: only the add-evidence page
    // (app/routes/cases.$caseId.add-evidence.tsx) records this event, never a plain form.
    fields: {
      schema: eventForm("ADD_EVIDENCE", () =>
        z.object({}).superRefine((_, ctx) => ctx.addIssue({ code: "custom", path: ["form"], message: "Add evidence on the Add evidence page, where the file is checked" })),
      ),
    },
  },
} satisfies { [T in UserEventType]: CaseEventEntry<T> };

function DecisionReasons({ errors, values }: FieldsProps) {
  return <Reason name="reasons" label="Reasons" hint="The family and the organisations the concern is about will see this" errors={errors} values={values} />;
}

function WhichRemedy({ page, errors, values }: FieldsProps) {
  return (
    <OneOf name="remedyId" legend="Which remedy?" single="Remedy" options={page.remedies.map((r) => ({ value: r.id, label: r.description }))} errors={errors} values={values} />
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
