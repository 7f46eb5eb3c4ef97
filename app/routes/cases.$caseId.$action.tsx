import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { caseEventSchema, EventNotAllowedError, type CaseEvent, type UserEventType } from "../../machines";
import { entryFor, isUserEventType, remedyRowDefaults, wordingFor } from "../components/case-events";
import { KitForm, useFormKit } from "../components/form-kit";
import { Button } from "../components/forms";
import { recordCaseView } from "../utils/audit.server";
import { actionType, applyRemedyIntent, remedyIntent, type FormContext } from "../utils/case-forms";
import { draftDefaults, draftRemediesOf, remedyLabel, successBanner } from "../utils/case-file";
import { CLOCK_RESTARTED_BANNER, RESTARTS_CLOCK } from "../utils/case-messages";
import { fileEvents } from "../utils/case-history.server";
import { knownStandardCodes } from "../utils/register.server";
import { assertMayAct, loadCaseForUser, requireCaseAction, type CasePage } from "../utils/case-page.server";
import { applyCaseEvent, CaseConflictError } from "../utils/cases.server";
import { bodyMembers, handlerConflicts } from "../utils/handlers.server";
import { londonDate } from "../utils/dates";
import { getPrisma } from "../utils/db.server";
import { redirectWithFlash } from "../utils/flash.server";
import { badRequest, parseForm, readForm, zodFieldErrors } from "../utils/forms.server";
import { caseScope } from "../utils/permissions.server";
import { requireUserWithPermission, type SessionUser } from "../utils/session.server";
import { linkedCasesToWithdraw, withdrawConcern } from "../utils/withdraw.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Case action"} – Redress` }];

// A refused or conflicting submission keeps the form and its message on screen; reloading the
// form's data now would replace them with "you cannot do this" (the case has moved on).
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  actionResult && typeof actionResult === "object" && "errors" in actionResult ? false : defaultShouldRevalidate;

/** The action named by the URL (404 for anything that is not a user event) and the case, if this user may do it now. */
async function loadAction(request: Request, caseId: string, slug: string) {
  const { user } = await requireUserWithPermission(request, "read:case");
  const type = actionType(slug);
  if (!isUserEventType(type)) throw new Response("Not found", { status: 404 });
  return { user, type, entry: entryFor(type) };
}

/** The family's message answers a pause that waits on them: said on the form before they send it. */
const restartsClock = (type: UserEventType, page: CasePage) =>
  type === "SEND_MESSAGE" && page.capacities.includes("family") && page.view.pausedClocks.some((clock) => clock.waitingOn === "family");

const CONFLICT = "Someone else updated this case while you were working on it. Nothing you entered was saved: go back to the case to see what changed.";

/** The mediators who can be assigned; only the assign form needs them. */
async function assignableMediators(type: UserEventType) {
  if (type !== "ASSIGN_MEDIATOR") return [];
  const prisma = await getPrisma();
  return prisma.user.findMany({ where: { active: true, roles: { some: { name: "mediator" } } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/** Decisions at a rung may name an earlier remedy their remedy replaces (agreed actions in mediation do not). */
const REPLACING = new Set<UserEventType>(["RESPOND", "ISSUE_DRAFT_DECISION", "ISSUE_FINAL_DECISION"]);

/** Remedies a new one may replace: those still owed, or not done (as the machine allows). */
const replaceable = (page: CasePage) => page.view.remedies.filter((r) => r.status === "open" || r.status === "failed");

/** The body answering now, with why anyone may not handle the concern: only the assign and triage forms need them. */
async function bodyStaff(type: UserEventType, page: CasePage) {
  if ((type !== "ASSIGN_HANDLER" && type !== "NAME_PERSON_CONCERNED") || page.view.rung === null) return { staff: [], conflicts: {} };
  const members = await bodyMembers(page.row, page.view.rung);
  return { staff: members.map(({ id, name }) => ({ id, name })), conflicts: type === "ASSIGN_HANDLER" ? handlerConflicts(members, page.view) : {} };
}

async function formContext(user: SessionUser, page: CasePage, mediators: { id: string }[], body: Awaited<ReturnType<typeof bodyStaff>>): Promise<FormContext> {
  return {
    ...body,
    issueIds: page.view.issues.filter((i) => !i.settledByAgreement).map((i) => i.id),
    side: page.capacities.includes("family") ? "family" : "handler",
    capacities: page.capacities,
    userId: user.id,
    openRemedyIds: page.settleableRemedyIds,
    failedRemedyIds: page.view.failedRemediesOpen.map((r) => r.remedyId),
    mediatorIds: mediators.map((m) => m.id),
    maxExtensionWorkingDays: page.view.limits.maxExtensionWorkingDays ?? 0,
    earlierRemedyIds: replaceable(page).map((r) => r.id),
    today: londonDate(),
    knownStandards: await knownStandardCodes(),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, type, entry } = await loadAction(request, params.caseId ?? "", params.action ?? "");
  const page = await requireCaseAction(user, params.caseId ?? "", type);
  const wording = wordingFor(type, page.capacities, page.view.limits);
  await recordCaseView(user.id, page.row, `action:${type}`, request);
  const mediators = await assignableMediators(type);
  const body = await bodyStaff(type, page);
  const form = await formContext(user, page, mediators, body);
  return json({
    caseId: page.row.id,
    ref: page.row.ref,
    version: page.row.version,
    type,
    title: wording.label,
    explains: `${wording.explains}${restartsClock(type, page) ? ` ${RESTARTS_CLOCK}` : ""}`,
    side: page.capacities.includes("family") ? ("family" as const) : ("handler" as const),
    limits: page.view.limits,
    sessions: page.view.mediation?.status === "in-progress" ? page.view.mediation.sessions : [],
    failedRemedies: page.view.failedRemediesOpen.map((f) => ({
      id: f.remedyId,
      description: page.view.remedies.find((r) => r.id === f.remedyId)?.description ?? f.remedyId,
      until: f.until,
    })),
    warning: entry.warning ?? false,
    issues: page.view.issues,
    remedies: page.view.remedies.filter((r) => page.settleableRemedyIds.includes(r.id)).map((r) => ({ id: r.id, description: r.description })),
    earlierRemedies: REPLACING.has(type) ? replaceable(page).map((r) => ({ id: r.id, label: remedyLabel(r, page.view.route) })) : [],
    // Withdrawing closes the concern's linked cases too: the confirmation page names them.
    closesAlso: type === "WITHDRAW" ? await linkedCasesToWithdraw(user, page) : [],
    mediators,
    staff: body.staff.map((person) => ({ ...person, ...(body.conflicts[person.id] ? { conflict: body.conflicts[person.id] } : {}) })),
    // The same context the action validates with: the browser checks the form with the same schema (docs/decisions/015).
    form,
    // The final decision starts from the draft: its findings, reasons and proposed remedies.
    defaults: type === "ISSUE_FINAL_DECISION" ? draftDefaults(page.view, draftRemediesOf(await fileEvents(await getPrisma(), page.row.id)).at(-1) ?? []) : {},
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const caseId = params.caseId ?? "";
  const { user, type, entry } = await loadAction(request, caseId, params.action ?? "");
  const page = await loadCaseForUser(user, caseId);
  const formData = await readForm(request);
  const version = Number(formData.get("version"));
  // A stale form is a conflict to explain, even if the case has since moved somewhere this action no longer fits.
  // A message or note changes nothing on the case, so it is sent whatever has happened since the form was opened.
  if (!entry.keepsState && version !== page.row.version) return badRequest({ form: [CONFLICT] }, Object.fromEntries(formData), 409);
  assertMayAct(page, type);
  // "Add another remedy" or "Remove" without JavaScript: the same form again, one row more or less, nothing saved.
  const intent = remedyIntent(formData.get("intent"));
  if (intent) return json({ values: applyRemedyIntent(Object.fromEntries(formData), intent) });
  const linked = type === "WITHDRAW" ? await linkedCasesToWithdraw(user, page) : [];
  const parsed = parseForm(entry.fields.schema(await formContext(user, page, await assignableMediators(type), await bodyStaff(type, page))), formData);
  if (!parsed.ok) return parsed.response;
  const event = caseEventSchema.safeParse({ type, at: londonDate(), ...parsed.data });
  if (!event.success) return badRequest(zodFieldErrors(event.error), Object.fromEntries(formData));
  const actor = { kind: "user" as const, userId: user.id, name: user.name };
  const options = entry.keepsState ? {} : { expectedVersion: version };
  let alsoWithdrawn: string[] = [];
  try {
    if (event.data.type === "WITHDRAW") alsoWithdrawn = await withdrawConcern(caseId, linked, event.data, actor, options);
    else await applyCaseEvent(caseId, event.data as CaseEvent, actor, options);
  } catch (error) {
    if (error instanceof EventNotAllowedError) return badRequest({ form: [`This cannot be done: ${error.reason}.`] }, Object.fromEntries(formData), 409);
    if (error instanceof CaseConflictError) {
      return badRequest({ form: [CONFLICT] }, Object.fromEntries(formData), 409);
    }
    throw error;
  }
  const banner = restartsClock(type, page) ? CLOCK_RESTARTED_BANNER : successBanner(type, page.capacities.includes("family"));
  const done = alsoWithdrawn.length ? { ...banner, body: `${banner.body ?? ""} The linked case ${alsoWithdrawn.join(" and ")} is closed too.`.trim() } : banner;
  // Some actions end the actor's own access (a mediator's, once the mediation is over).
  const prisma = await getPrisma();
  if ((await prisma.case.count({ where: { AND: [{ id: caseId }, caseScope(user, "read")] } })) === 0) {
    return redirectWithFlash("/cases", { kind: "success", title: done.title, body: "The mediation has ended, so this case is no longer open to you." });
  }
  return redirectWithFlash(`/cases/${caseId}`, { kind: "success", ...done });
}

export default function CaseAction() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = ((actionData && "values" in actionData ? actionData.values : undefined) ?? d.defaults) as Record<string, unknown>;
  const entry = entryFor(d.type);
  const { Fields, rows } = entry.fields;
  // With JavaScript, react-hook-form checks the form against the schema the action uses, without a round trip.
  const schema = useMemo(() => entry.fields.schema(d.form as FormContext), [entry, d.form]);
  const kit = useFormKit(schema, actionData, { defaultValues: rows ? remedyRowDefaults(values) : undefined });
  return (
    <>
      <Link to={`/cases/${d.caseId}`} className="govuk-back-link">
        Back to {d.ref}
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <KitForm
            kit={kit}
            heading={
              <>
                <span className="govuk-caption-l">{d.ref}</span>
                <h1 className="govuk-heading-l">{entry.question ?? d.title}</h1>
                <p className="govuk-body">{d.explains}</p>
              </>
            }
          >
            <input type="hidden" name="version" value={d.version} />
            {rows ? (
              // The form's first submit button is the one Enter presses: the real one, not "Remove" or "Add another".
              <button type="submit" className="govuk-visually-hidden" tabIndex={-1} aria-hidden="true">
                {d.title}
              </button>
            ) : null}
            {Fields ? <Fields page={d} errors={kit.errors} values={values} control={kit.control} /> : null}
            <Button warning={d.warning}>{d.title}</Button>
          </KitForm>
        </div>
      </div>
    </>
  );
}
