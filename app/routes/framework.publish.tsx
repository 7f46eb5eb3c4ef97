import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ChoiceGroup, ErrorSummary, Textarea, type FieldErrors } from "../components/forms";
import { recordAudit } from "../utils/audit.server";
import { londonDate } from "../utils/dates";
import { redirectWithFlash } from "../utils/flash.server";
import { parseForm, readForm } from "../utils/forms.server";
import { catalogueLines, frameworkFormSchema } from "../utils/register-forms";
import { currentFramework, publishFramework } from "../utils/register.server";
import { requireUserWithPermission } from "../utils/session.server";

// The national practice body publishes a new version of the catalogue: a complete list, never an
// edit of the old one (decisions and findings keep the version they cited).

export const meta: MetaFunction = () => [{ title: "Publish a new National Framework version – Redress" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "update:framework");
  const current = await currentFramework();
  return json({ current: current ? { number: current.number, illustrative: current.illustrative, lines: catalogueLines(current.items) } : null });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "update:framework");
  const parsed = parseForm(frameworkFormSchema, await readForm(request));
  if (!parsed.ok) return parsed.response;
  const version = await publishFramework(
    { changeSummary: parsed.data.changeSummary, illustrative: parsed.data.illustrative === "yes", items: parsed.data.items, publishedOn: londonDate() },
    user.id,
  );
  await recordAudit(
    { action: "framework.published", actorId: user.id, targetType: "system", targetId: version.id, details: { number: version.number, items: parsed.data.items.length } },
    request,
  );
  return redirectWithFlash("/framework", {
    kind: "success",
    title: `Version ${version.number} of the National Framework is published`,
    body: "New register decisions and findings cite this version from now on.",
  });
}

export default function PublishFramework() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: FieldErrors; values?: Record<string, string> }>();
  const errors = actionData?.errors;
  return (
    <>
      <Link to="/framework" className="govuk-back-link">
        Back
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">Publish a new version of the National Framework</h1>
          <p className="govuk-body">
            {d.current
              ? `The new version replaces version ${d.current.number} for new decisions and findings. Earlier decisions keep the version they cited.`
              : "This will be the first version."}
          </p>
          <Form method="post" noValidate>
            <Textarea
              name="items"
              label="The catalogue, one item a line"
              hint='Each line: "criterion" or "standard" | code | title | short description. For example: standard | NF-3.2 | Support is delivered as the record says | The amount and frequency…'
              error={errors?.items?.[0]}
              defaultValue={actionData?.values?.items ?? d.current?.lines}
              rows={20}
            />
            <Textarea name="changeSummary" label="What changed in this version" error={errors?.changeSummary?.[0]} defaultValue={actionData?.values?.changeSummary} rows={3} />
            <ChoiceGroup
              type="radio"
              name="illustrative"
              legend="Is this version still illustrative?"
              hint="Say no only when this is the framework as formally published"
              error={errors?.illustrative?.[0]}
              defaultValue={actionData?.values?.illustrative ?? (d.current?.illustrative ? "yes" : undefined)}
              options={[
                { value: "yes", label: "Yes, illustrative" },
                { value: "no", label: "No, this is the published framework" },
              ]}
            />
            <Button>Publish this version</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
