import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { caseEventSchema, EventNotAllowedError, type CaseEvent, type CaseEventType } from "../../machines";
import { Button, ChoiceGroup, ErrorSummary, Select, Textarea, TextInput, type FieldErrors } from "../components/forms";
import { recordCaseView } from "../utils/audit.server";
import { CASE_ACTIONS, wordingFor } from "../utils/case-actions";
import { knownStandardCodes } from "../utils/register.server";
import { ACTION_SCHEMAS, actionType, FINDING_OPTIONS, REMEDY_KIND_OPTIONS, REMEDY_ROWS, type FormContext } from "../utils/case-forms";
import { loadCaseForUser } from "../utils/case-page.server";
import { applyCaseEvent, CaseConflictError } from "../utils/cases.server";
import { londonDate } from "../utils/dates";
import { formatDate } from "../utils/format";
import { getPrisma } from "../utils/db.server";
import { redirectWithFlash } from "../utils/flash.server";
import { badRequest, parseForm, readForm, zodFieldErrors } from "../utils/forms.server";
import { caseScope } from "../utils/permissions.server";
import { requireUserWithPermission, type SessionUser } from "../utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Case action"} – Redress` }];

// A refused or conflicting submission keeps the form and its message on screen; reloading the
// form's data now would replace them with "you cannot do this" (the case has moved on).
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  actionResult && typeof actionResult === "object" && "errors" in actionResult ? false : defaultShouldRevalidate;

async function loadAction(request: Request, caseId: string, slug: string) {
  const { user } = await requireUserWithPermission(request, "read:case");
  const page = await loadCaseForUser(user, caseId);
  const type = actionType(slug) as CaseEventType;
  const meta = CASE_ACTIONS[type];
  const schema = ACTION_SCHEMAS[type];
  if (!meta || !schema) throw new Response("Not found", { status: 404 });
  return { user, page, type, meta, schema };
}

function refuseUnlessAllowed(page: Awaited<ReturnType<typeof loadCaseForUser>>, type: CaseEventType, label: string) {
  if (!page.actions.includes(type)) {
    throw new Response(`“${label}” is not something you can do on this case at the moment.`, { status: 403, statusText: "Forbidden" });
  }
}

const CONFLICT = "Someone else updated this case while you were working on it. Nothing you entered was saved: go back to the case to see what changed.";

/** The mediators who can be assigned; only the assign form needs them. */
async function assignableMediators(type: CaseEventType) {
  if (type !== "ASSIGN_MEDIATOR") return [];
  const prisma = await getPrisma();
  return prisma.user.findMany({ where: { active: true, roles: { some: { name: "mediator" } } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

async function formContext(user: SessionUser, page: Awaited<ReturnType<typeof loadCaseForUser>>, type: CaseEventType): Promise<FormContext> {
  const mediators = await assignableMediators(type);
  return {
    issueIds: page.view.issues.filter((i) => !i.settledByAgreement).map((i) => i.id),
    side: page.capacities.includes("family") ? "family" : "handler",
    capacities: page.capacities,
    userId: user.id,
    openRemedyIds: page.settleableRemedyIds,
    failedRemedyIds: page.view.failedRemediesOpen.map((r) => r.remedyId),
    mediatorIds: mediators.map((m) => m.id),
    maxExtensionWorkingDays: page.view.limits.maxExtensionWorkingDays ?? 0,
    today: londonDate(),
    knownStandards: await knownStandardCodes(),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, page, type, meta } = await loadAction(request, params.caseId ?? "", params.action ?? "");
  const wording = wordingFor(meta, page.capacities);
  refuseUnlessAllowed(page, type, wording.label);
  await recordCaseView(user.id, page.row, `action:${type}`, request);
  const mediators = await assignableMediators(type);
  return json({
    caseId: page.row.id,
    ref: page.row.ref,
    version: page.row.version,
    type,
    title: wording.label,
    explains: wording.explains,
    side: page.capacities.includes("family") ? ("family" as const) : ("handler" as const),
    limits: page.view.limits,
    sessions: page.view.mediation?.status === "in-progress" ? page.view.mediation.sessions : [],
    failedRemedies: page.view.failedRemediesOpen.map((f) => ({
      id: f.remedyId,
      description: page.view.remedies.find((r) => r.id === f.remedyId)?.description ?? f.remedyId,
      until: f.until,
    })),
    warning: meta.warning ?? false,
    issues: page.view.issues,
    remedies: page.view.remedies.filter((r) => page.settleableRemedyIds.includes(r.id)).map((r) => ({ id: r.id, description: r.description })),
    mediators,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const caseId = params.caseId ?? "";
  const { user, page, type, meta, schema } = await loadAction(request, caseId, params.action ?? "");
  const formData = await readForm(request);
  const version = Number(formData.get("version"));
  // A stale form is a conflict to explain, even if the case has since moved somewhere this action no longer fits.
  if (version !== page.row.version) return badRequest({ form: [CONFLICT] }, Object.fromEntries(formData), 409);
  refuseUnlessAllowed(page, type, meta.label);
  const parsed = parseForm(schema(await formContext(user, page, type)), formData);
  if (!parsed.ok) return parsed.response;
  const event = caseEventSchema.safeParse({ type, at: londonDate(), ...parsed.data });
  if (!event.success) return badRequest(zodFieldErrors(event.error), Object.fromEntries(formData));
  try {
    await applyCaseEvent(caseId, event.data as CaseEvent, { kind: "user", userId: user.id, name: user.name }, { expectedVersion: version });
  } catch (error) {
    if (error instanceof EventNotAllowedError) return badRequest({ form: [`This cannot be done: ${error.reason}.`] }, Object.fromEntries(formData), 409);
    if (error instanceof CaseConflictError) {
      return badRequest({ form: [CONFLICT] }, Object.fromEntries(formData), 409);
    }
    throw error;
  }
  const done = `${wordingFor(meta, page.capacities).label}: done`;
  // Some actions end the actor's own access (a mediator's, once the mediation is over).
  const prisma = await getPrisma();
  if ((await prisma.case.count({ where: { AND: [{ id: caseId }, caseScope(user, "read")] } })) === 0) {
    return redirectWithFlash("/cases", { kind: "success", title: done, body: "The mediation has ended, so this case is no longer open to you." });
  }
  return redirectWithFlash(`/cases/${caseId}`, { kind: "success", title: done });
}

function RemedyRows({ errors, values }: { errors?: FieldErrors; values: Record<string, unknown> }) {
  const v = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : undefined);
  return (
    <>
      {Array.from({ length: REMEDY_ROWS }, (_, i) => i + 1).map((i) => (
        <fieldset key={i} className="govuk-fieldset govuk-!-margin-bottom-6">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Remedy {i} (optional)</legend>
          <Select name={`remedy-${i}-kind`} label="Kind of remedy" options={REMEDY_KIND_OPTIONS.map((o) => ({ ...o }))} defaultValue={v(`remedy-${i}-kind`)} error={errors?.[`remedy-${i}-kind`]?.[0]} />
          <Textarea name={`remedy-${i}-description`} label="What must be done" rows={2} defaultValue={v(`remedy-${i}-description`)} error={errors?.[`remedy-${i}-description`]?.[0]} />
          <TextInput name={`remedy-${i}-dueOn`} label="Due date (optional for apologies and payments)" hint="For example, 2027-01-29" widthClass="govuk-input--width-10" defaultValue={v(`remedy-${i}-dueOn`)} error={errors?.[`remedy-${i}-dueOn`]?.[0]} />
          <TextInput name={`remedy-${i}-amount`} label="Amount in pounds (payments only)" widthClass="govuk-input--width-5" inputMode="decimal" defaultValue={v(`remedy-${i}-amount`)} error={errors?.[`remedy-${i}-amount`]?.[0]} />
        </fieldset>
      ))}
    </>
  );
}

export default function CaseAction() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: FieldErrors; values?: Record<string, unknown> }>();
  const errors = actionData?.errors;
  const values = actionData?.values ?? {};
  const v = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : undefined);
  const isOutcome = d.type === "RESPOND" || d.type === "ISSUE_DRAFT_DECISION" || d.type === "ISSUE_FINAL_DECISION";
  return (
    <>
      <Link to={`/cases/${d.caseId}`} className="govuk-back-link">Back to {d.ref}</Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{d.ref}</span>
          <h1 className="govuk-heading-l">{d.title}</h1>
          <p className="govuk-body">{d.explains}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="version" value={d.version} />
            {d.type === "PAUSE" ? (
              <>
                <ChoiceGroup type="radio" name="waitingOn" legend="Who are you waiting for?" error={errors?.waitingOn?.[0]} defaultValue={v("waitingOn")} options={[{ value: "family", label: "The family" }, { value: "third-party", label: "Someone else, for example a health service" }]} />
                <Textarea name="reason" label="What information are you waiting for?" error={errors?.reason?.[0]} defaultValue={v("reason")} />
              </>
            ) : null}
            {d.type === "RESUME" && d.side === "family" ? (
              <Textarea name="information" label="The information you were asked for" hint="Write it here, or say where the organisation can find it (for example, that you have emailed the report)" error={errors?.information?.[0]} defaultValue={v("information")} rows={6} />
            ) : null}
            {d.type === "CONTRIBUTE_TO_RESPONSE" ? (
              <Textarea name="contribution" label="Your part of the response" hint="What your service found, and what it will do. The family will see this with the response." error={errors?.contribution?.[0]} defaultValue={v("contribution")} rows={8} />
            ) : null}
            {d.type === "GIVE_DELAY_NOTICE" ? (
              <>
                <Textarea name="reason" label="Why is it late?" hint="The family will see this" error={errors?.reason?.[0]} defaultValue={v("reason")} />
                <TextInput name="expectedOn" label="When do you expect to finish?" hint="For example, 2027-01-29" widthClass="govuk-input--width-10" error={errors?.expectedOn?.[0]} defaultValue={v("expectedOn")} />
              </>
            ) : null}
            {d.type === "RECORD_SESSION_HELD" ? (
              <ChoiceGroup type="radio" name="heldOn" legend="Which session was held?" error={errors?.heldOn?.[0]} defaultValue={v("heldOn")} options={d.sessions.map((on) => ({ value: on, label: formatDate(on) }))} />
            ) : null}
            {d.type === "TAKE_REMEDY_FURTHER" ? (
              <>
                <ChoiceGroup type="radio" name="remedyId" legend="Which remedy was not carried out?" error={errors?.remedyId?.[0]} defaultValue={v("remedyId")} options={d.failedRemedies.map((r) => ({ value: r.id, label: `${r.description} (you can take this further until ${formatDate(r.until)})` }))} />
                <Textarea name="reason" label="Why are you taking it further?" error={errors?.reason?.[0]} defaultValue={v("reason")} />
              </>
            ) : null}
            {d.type === "EXTEND" ? (
              <>
                <TextInput name="workingDays" label="Extend by how many working days?" hint={d.limits.maxExtensionWorkingDays ? `At most ${d.limits.maxExtensionWorkingDays} working days at this stage` : undefined} widthClass="govuk-input--width-3" inputMode="numeric" error={errors?.workingDays?.[0]} defaultValue={v("workingDays")} />
                <Textarea name="reason" label="Reason for the extension" hint="The family will see this" error={errors?.reason?.[0]} defaultValue={v("reason")} />
              </>
            ) : null}
            {d.type === "ESCALATE" || d.type === "DECLINE_MEDIATION" || d.type === "WITHDRAW" ? (
              <Textarea name="reason" label="Reason (optional)" error={errors?.reason?.[0]} defaultValue={v("reason")} />
            ) : null}
            {d.type === "ASSIGN_MEDIATOR" ? (
              <Select name="mediatorId" label="Mediator" options={[{ value: "", label: "Choose a mediator" }, ...d.mediators.map((m) => ({ value: m.id, label: m.name }))]} error={errors?.mediatorId?.[0]} defaultValue={v("mediatorId")} />
            ) : null}
            {d.type === "SCHEDULE_SESSION" ? (
              <>
                <TextInput name="sessionOn" label="Session date" hint={`For example, 2027-01-12. Within ${d.limits.mediationSessionWithinCalendarDays} days of the family accepting mediation, unless both sides agree to a later date.`} widthClass="govuk-input--width-10" error={errors?.sessionOn?.[0]} defaultValue={v("sessionOn")} />
                <ChoiceGroup type="checkbox" name="laterDateAgreed" legend="Later date" options={[{ value: "yes", label: "Both sides have agreed to a date after the mediation window" }]} />
              </>
            ) : null}
            {d.type === "RECORD_MEDIATION_OUTCOME" ? (
              <>
                <ChoiceGroup type="checkbox" name="agreedIssueIds" legend="Which issues were agreed?" hint="Leave all unticked if nothing was agreed" error={errors?.agreedIssueIds?.[0]} options={d.issues.map((i) => ({ value: i.id, label: i.summary }))} />
                <Textarea name="summary" label="Summary of the agreement (optional)" error={errors?.summary?.[0]} defaultValue={v("summary")} />
                <h2 className="govuk-heading-m">Agreed actions</h2>
                <RemedyRows errors={errors} values={values} />
              </>
            ) : null}
            {d.type === "ACCEPT_FOR_INVESTIGATION" ? (
              <>
                <Textarea name="reasons" label="Reasons (optional)" error={errors?.reasons?.[0]} defaultValue={v("reasons")} />
                <Textarea name="discretionReason" label="If the concern is late, why are you using discretion to accept it?" error={errors?.discretionReason?.[0]} defaultValue={v("discretionReason")} />
              </>
            ) : null}
            {d.type === "REJECT_OUT_OF_JURISDICTION" || d.type === "REJECT_OUT_OF_TIME" ? (
              <Textarea name="reasons" label="Reasons" hint="The family and the organisations the concern is about will see this" error={errors?.reasons?.[0]} defaultValue={v("reasons")} />
            ) : null}
            {d.type === "SUBMIT_COMMENTS" ? <Textarea name="comments" label="Your comments on the draft decision" error={errors?.comments?.[0]} defaultValue={v("comments")} rows={8} /> : null}
            {d.type === "REMEDY_DONE" || d.type === "REMEDY_FAILED" ? (
              <>
                <ChoiceGroup type="radio" name="remedyId" legend="Which remedy?" error={errors?.remedyId?.[0]} defaultValue={v("remedyId")} options={d.remedies.map((r) => ({ value: r.id, label: r.description }))} />
                {d.type === "REMEDY_DONE" ? (
                  <Textarea name="evidence" label="What was done (optional)" error={errors?.evidence?.[0]} defaultValue={v("evidence")} />
                ) : (
                  <Textarea name="reason" label="Why was it not done?" error={errors?.reason?.[0]} defaultValue={v("reason")} />
                )}
              </>
            ) : null}
            {isOutcome ? (
              <>
                {d.issues.map((issue) => (
                  <div key={issue.id}>
                    <ChoiceGroup type="radio" name={`finding-${issue.id}`} legend={`Finding: ${issue.summary}`} error={errors?.[`finding-${issue.id}`]?.[0]} defaultValue={v(`finding-${issue.id}`)} options={FINDING_OPTIONS.map((o) => ({ ...o }))} />
                    <Textarea name={`reasons-${issue.id}`} label="Reasons for this finding (optional)" rows={3} defaultValue={v(`reasons-${issue.id}`)} />
                  </div>
                ))}
                <Textarea name="reasons" label="Reasons for the decision" hint="Plain English: the family will read this" error={errors?.reasons?.[0]} defaultValue={v("reasons")} rows={6} />
                <TextInput name="standards" label="National Framework standards relied on" hint={<>Codes from the <a className="govuk-link" href="/framework" target="_blank" rel="noreferrer">National Framework catalogue (opens in a new tab)</a>, separated by commas, for example NF-3.2, NF-1.2</>} error={errors?.standards?.[0]} defaultValue={v("standards")} />
                <h2 className="govuk-heading-m">Remedies</h2>
                <RemedyRows errors={errors} values={values} />
              </>
            ) : null}
            <Button warning={d.warning}>{d.title}</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
