import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Button, ErrorSummary, Textarea, type FieldErrors } from "../components/forms";
import { recordCaseView } from "../utils/audit.server";
import { loadCaseForUser } from "../utils/case-page.server";
import { addYoungPersonView, mayAddViews } from "../utils/concern-views.server";
import { getPrisma } from "../utils/db.server";
import { redirectWithFlash } from "../utils/flash.server";
import { parseForm, readForm } from "../utils/forms.server";
import { MAX_LENGTH } from "../utils/limits";
import { requireUserWithPermission } from "../utils/session.server";

// Adding a young person's own views to a concern (docs/decisions/020). Loaded through the
// reader's case scope like every case page; only the young person or staff on the case may add.

export const meta: MetaFunction = () => [{ title: "The young person's views – Redress" }];

export const viewsSchema = z.object({
  text: z
    .string({ error: "Enter the young person's views" })
    .trim()
    .min(1, "Enter the young person's views")
    .max(MAX_LENGTH.longText, "The views must be 5,000 characters or fewer"),
});

async function load(request: Request, caseId: string) {
  const { user } = await requireUserWithPermission(request, "read:case");
  const { row, capacities } = await loadCaseForUser(user, caseId);
  const who = mayAddViews(user, row, capacities);
  if (!who) throw new Response("Forbidden", { status: 403 });
  return { user, row, who };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, row, who } = await load(request, params.caseId ?? "");
  await recordCaseView(user.id, row, "views", request);
  return json({ ref: row.ref, caseId: row.id, who, child: `${row.concern.child.givenName} ${row.concern.child.familyName}` });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, row, who } = await load(request, params.caseId ?? "");
  const parsed = parseForm(viewsSchema, await readForm(request));
  if (!parsed.ok) return parsed.response;
  const concern = await (await getPrisma()).case.findUniqueOrThrow({ where: { id: row.id }, select: { concernId: true } });
  await addYoungPersonView(user, concern.concernId, who, parsed.data.text, row.id, request);
  return redirectWithFlash(`/cases/${row.id}`, { kind: "success", title: who === "young-person" ? "Your views have been added" : "The young person's views have been recorded" });
}

export default function AddViews() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<{ errors?: FieldErrors; values?: Record<string, string> }>();
  const errors = data?.errors;
  const own = d.who === "young-person";
  return (
    <>
      <Link to={`/cases/${d.caseId}`} className="govuk-back-link">
        Back to the case
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{d.ref}</span>
          <h1 className="govuk-heading-l">{own ? "Add your own views" : `Record ${d.child}'s views`}</h1>
          <p className="govuk-body">
            {own
              ? "Say what you think about this concern and what you would like to happen, in your own words. Everyone who answers the concern will read it."
              : "Write down what the young person said, in their own words where you can. Everyone who answers the concern, and the family, will read it."}
          </p>
          <Form method="post" noValidate>
            <Textarea name="text" label={own ? "Your views" : `${d.child}'s views`} error={errors?.text?.[0]} defaultValue={data?.values?.text} rows={8} />
            <Button>{own ? "Add my views" : "Record views"}</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
