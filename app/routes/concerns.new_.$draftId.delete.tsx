import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button } from "../components/forms";
import { deleteDraft, findDraft, journeyContext } from "../utils/concern-drafts.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formatDate } from "../utils/format";
import { MAX_LENGTH } from "../utils/limits";
import { requireUserWithPermission } from "../utils/session.server";

// Deleting a concern that was never sent: a confirmation page with the red button (docs/decisions/025).

export const meta: MetaFunction = () => [{ title: "Delete this concern? – Redress" }];

async function ownDraft(request: Request, draftId: string | undefined) {
  const { user } = await requireUserWithPermission(request, "create:concern");
  const draft = await findDraft(user.id, (draftId ?? "").slice(0, MAX_LENGTH.id));
  if (!draft || draft.concernRef) throw new Response("There is no unsent concern here.", { status: 404, statusText: "Not Found" });
  return { user, draft };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, draft } = await ownDraft(request, params.draftId);
  const ctx = await journeyContext(user, draft.answers);
  return json({ draftId: draft.id, child: ctx.children.find((c) => c.id === draft.answers.childId)?.name ?? null, savedOn: formatDate(draft.updatedAt) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, draft } = await ownDraft(request, params.draftId);
  await deleteDraft(user.id, draft.id);
  return redirectWithFlash("/dashboard", {
    kind: "success",
    title: "Concern deleted",
    body: "It was never sent, and your answers have been deleted. You can start a new concern at any time.",
  });
}

export default function DeleteDraft() {
  const { draftId, child, savedOn } = useLoaderData<typeof loader>();
  return (
    <>
      <Link to={`/concerns/new/${draftId}/continue`} className="govuk-back-link">
        Back
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Delete this concern?</h1>
          <p className="govuk-body">
            You started this concern{child ? ` about ${child}` : ""} and last saved it on {savedOn}. It has not been sent. If you delete it, your answers cannot be brought back.
          </p>
          <Form method="post">
            <div className="govuk-button-group">
              <Button warning>Delete concern</Button>
              <Link className="govuk-link" to={`/concerns/new/${draftId}/continue`}>
                Keep it and continue
              </Link>
            </div>
          </Form>
        </div>
      </div>
    </>
  );
}
