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
    ...(kind === "deadline" ? { body: "The deadline sweeper runs every few minutes." } : { body: "The email will be sent the next time emails go out, within a few minutes." }),
  });
}

function Table({ caption, rows, empty, noun }: { caption: string; rows: DeadLetter[]; empty: string; noun: string }) {
  if (rows.length === 0) {
    return (
      <>
        <h2 className="govuk-heading-m">{caption}</h2>
        <p className="govuk-body">{empty}</p>
      </>
    );
  }
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Case</th>
          <th scope="col" className="govuk-table__header">Gave up</th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">Attempts</th>
          <th scope="col" className="govuk-table__header">Last error</th>
          <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Action</span></th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((r) => (
          <tr key={r.id} className="govuk-table__row">
            <td className="govuk-table__cell">{r.caseRef ?? "Not about a case"}</td>
            <td className="govuk-table__cell">{r.deadAt ? formatDateTime(r.deadAt) : "Before this list existed"}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{r.attempts}</td>
            <td className="govuk-table__cell redress-break-words">{r.error}</td>
            <td className="govuk-table__cell">
              <Form method="post" className="redress-inline-form">
                <input type="hidden" name="kind" value={r.kind} />
                <input type="hidden" name="id" value={r.id} />
                <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                  Retry<span className="govuk-visually-hidden"> the {noun}{r.caseRef ? ` on case ${r.caseRef}` : ""}</span>
                </button>
              </Form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
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
          The service tries each deadline and email several times. These failed every time, so nothing more happens to them until you retry
          them. Fix the cause first (the error says what went wrong), then choose Retry.
        </p>
        <Table caption={`Deadlines (${d.deadlines.length})`} rows={d.deadlines} noun="deadline" empty="No deadline has failed. Every due deadline has been recorded on its case." />
        <Table caption={`Emails (${d.emails.length})`} rows={d.emails} noun="email" empty="No email has failed. Every email has been sent or is waiting to be sent." />
        {d.more ? <p className="govuk-body">Only the newest 200 of each are shown. Retry these to see the rest.</p> : null}
      </div>
    </div>
  );
}
