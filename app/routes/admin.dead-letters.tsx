import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, type FieldErrors } from "../components/forms";
import { auditEntryData } from "../utils/audit.server";
import { listDeadLetters, retryDeadLetter, type DeadLetter } from "../utils/dead-letters.server";
import { getPrisma } from "../utils/db.server";
import { redirectWithFlash } from "../utils/flash.server";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { formatDateTime } from "../utils/format";
import { MAX_LENGTH } from "../utils/limits";
import { requireUserWithPermission } from "../utils/session.server";

// Deadlines and emails the background workers gave up on (docs/decisions/016). Administrators
// retry them once the cause is fixed; they see the case reference and the error, nothing more.

export const meta: MetaFunction = () => [{ title: "Failed deadlines and emails – Redress" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "update:user");
  return json(await listDeadLetters(await getPrisma()));
}

const retrySchema = z.object({
  kind: z.enum(["deadline", "email"], { error: "Choose a deadline or an email to retry" }),
  id: z.string({ error: "Choose a deadline or an email to retry" }).min(1, "Choose a deadline or an email to retry").max(MAX_LENGTH.id, "Choose a deadline or an email to retry"),
});

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "update:user");
  const parsed = parseForm(retrySchema, await readForm(request));
  if (!parsed.ok) return parsed.response;
  const { kind, id } = parsed.data;
  const prisma = await getPrisma();
  const retried = await retryDeadLetter(prisma, kind, id);
  if (!retried) return badRequest({ form: ["That item is no longer in the list: it may have been retried already. The list below is up to date."] }, {}, 404);
  await prisma.auditEntry.create({
    data: auditEntryData({ action: "dead-letter.retried", actorId: user.id, targetType: "system", targetId: id, details: { kind, caseRef: retried.caseRef } }, request),
  });
  const what = kind === "deadline" ? "deadline" : "email";
  return redirectWithFlash("/admin/dead-letters", {
    kind: "success",
    title: `The ${what}${retried.caseRef ? ` on case ${retried.caseRef}` : ""} will be tried again`,
    ...(kind === "deadline"
      ? { body: "The deadline sweeper will try it again within a few minutes." }
      : { body: "The email will be sent the next time emails go out, within a few minutes." }),
  });
}

function List({ heading, rows, empty, noun }: { heading: string; rows: DeadLetter[]; empty: string; noun: string }) {
  return (
    <>
      <h2 className="govuk-heading-m">{heading}</h2>
      {rows.length === 0 ? <p className="govuk-body">{empty}</p> : null}
      {rows.map((r) => (
        <div key={r.id} className="govuk-summary-card">
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">{r.caseRef ? `Case ${r.caseRef}` : "Not about a case"}</h3>
            <div className="govuk-summary-card__actions">
              <Form method="post">
                <input type="hidden" name="kind" value={r.kind} />
                <input type="hidden" name="id" value={r.id} />
                <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                  Retry
                  <span className="govuk-visually-hidden">
                    {" "}
                    the {noun}
                    {r.caseRef ? ` on case ${r.caseRef}` : ""}
                  </span>
                </button>
              </Form>
            </div>
          </div>
          <div className="govuk-summary-card__content">
            <dl className="govuk-summary-list">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Gave up</dt>
                <dd className="govuk-summary-list__value">{r.deadAt ? formatDateTime(r.deadAt) : "Before this list existed"}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Attempts</dt>
                <dd className="govuk-summary-list__value">{r.attempts}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Last error</dt>
                <dd className="govuk-summary-list__value redress-break-words">{r.error}</dd>
              </div>
            </dl>
          </div>
        </div>
      ))}
    </>
  );
}

export default function DeadLetters() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: FieldErrors }>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <ErrorSummary errors={actionData?.errors} />
        <h1 className="govuk-heading-l">Failed deadlines and emails</h1>
        <p className="govuk-body">
          The service tries each deadline and email several times. These failed every time, so nothing more happens to them until you retry them. Fix the cause first (the error
          says what went wrong), then choose Retry.
        </p>
        <List heading={`Deadlines (${d.deadlines.length})`} rows={d.deadlines} noun="deadline" empty="No deadline has failed for good." />
        <List heading={`Emails (${d.emails.length})`} rows={d.emails} noun="email" empty="No email has failed for good." />
        {d.more ? <p className="govuk-body">Only the newest 200 of each are shown. Retry these to see the rest.</p> : null}
      </div>
    </div>
  );
}
