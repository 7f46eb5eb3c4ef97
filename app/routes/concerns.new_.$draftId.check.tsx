import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button } from "../components/forms";
import { SummaryList } from "../components/table";
import { firstUnanswered, stepsFor, summaryRows } from "../utils/concern-journey";
import { findDraft, journeyContext, sendDraft } from "../utils/concern-drafts.server";
import { MAX_LENGTH } from "../utils/limits";
import { requireUserWithPermission } from "../utils/session.server";

// Check your answers (docs/decisions/025): every answer with a Change link that comes back here,
// then Send. Sending checks every answer again and sends the draft once (openConcern marks the
// draft sent in the same transaction), so a second click or a resubmitted form sends nothing more.

export const meta: MetaFunction = () => [{ title: "Check your answers before sending your concern – Redress" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "create:concern");
  const draft = await findDraft(user.id, (params.draftId ?? "").slice(0, MAX_LENGTH.id));
  if (!draft) throw new Response("This concern is not here: it may have been sent or deleted, or it is not yours.", { status: 404, statusText: "Not Found" });
  if (draft.concernRef) return redirect(`/concerns/new/${draft.id}/sent`);
  const ctx = await journeyContext(user, draft.answers);
  const missing = firstUnanswered(draft.answers, ctx);
  if (missing !== "check") return redirect(`/concerns/new/${draft.id}/${missing}`);
  const last = stepsFor(ctx).at(-1);
  return json({
    draftId: draft.id,
    rows: summaryRows(draft.answers, ctx),
    back: last ? `/concerns/new/${draft.id}/${last}` : "/concerns/new",
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "create:concern");
  const draftId = (params.draftId ?? "").slice(0, MAX_LENGTH.id);
  const result = await sendDraft(user, draftId);
  if (result.status === "gone") throw new Response("This concern is not here: it may have been deleted, or it is not yours.", { status: 404, statusText: "Not Found" });
  if (result.status === "incomplete") return redirect(`/concerns/new/${draftId}/${result.step}`);
  return redirect(`/concerns/new/${draftId}/sent`);
}

export default function CheckAnswers() {
  const { draftId, rows, back } = useLoaderData<typeof loader>();
  return (
    <>
      <Link to={back} className="govuk-back-link">
        Back
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">Raise a concern</span>
          <h1 className="govuk-heading-l">Check your answers before sending your concern</h1>
          <SummaryList
            classes="govuk-!-margin-bottom-9"
            rows={rows.map((row) => ({
              key: { text: row.key },
              value: {
                html: (
                  <>
                    {row.value.map((line, i) => (
                      <p key={i} className="govuk-body govuk-!-margin-bottom-1 redress-prewrap">
                        {line}
                      </p>
                    ))}
                  </>
                ),
              },
              actions: row.changeable ? { items: [{ href: `/concerns/new/${draftId}/${row.step}?change=1`, text: "Change", visuallyHiddenText: row.what }] } : undefined,
            }))}
          />
          <h2 className="govuk-heading-m">Now send your concern</h2>
          <p className="govuk-body">
            By sending this concern you confirm that, to the best of your knowledge, the details you are giving are correct. It goes to the nursery, school or college first, and
            you can see it and everything that happens to it in Redress.
          </p>
          <Form method="post">
            <Button>Send concern</Button>
          </Form>
          <p className="govuk-body">
            <Link className="govuk-link" to="/dashboard">
              Come back to it later
            </Link>{" "}
            (your answers are saved) or{" "}
            <Link className="govuk-link" to={`/concerns/new/${draftId}/delete`}>
              delete this concern
            </Link>
            .
          </p>
        </div>
      </div>
    </>
  );
}
