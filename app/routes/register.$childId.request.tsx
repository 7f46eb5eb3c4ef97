import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { REGISTER_POLICY } from "../../machines";
import { Button, ErrorSummary, Textarea, type FieldErrors } from "../components/forms";
import { redirectWithFlash } from "../utils/flash.server";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { formatDate } from "../utils/format";
import { requestFormSchema } from "../utils/register-forms";
import { childInScope, registerCapacity, RegisterRefusal, requestConsideration } from "../utils/register.server";
import { requireUserWithPermission } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Ask the setting to consider the register – Redress" }];

async function load(request: Request, childId: string) {
  const { user } = await requireUserWithPermission(request, "create:register");
  const child = await childInScope(user, childId, "create");
  if (!child) throw new Response("Not found", { status: 404 });
  const youngPerson = child.youngPersonUserId === user.id;
  const requesterKind = youngPerson ? "young-person" : registerCapacity(user) === "family" ? "family" : "professional";
  return { user, child, youngPerson, requesterKind } as const;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { child, youngPerson } = await load(request, params.childId ?? "");
  return json({
    child: {
      id: child.id,
      name: `${child.givenName} ${child.familyName}`,
      firstName: child.givenName,
      setting: child.setting.name,
      onRegister: child.registerStatus === "on_register",
    },
    youngPerson,
    workingDays: REGISTER_POLICY.decideRequestWithinWorkingDays,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, child, requesterKind } = await load(request, params.childId ?? "");
  const formData = await readForm(request);
  const parsed = parseForm(requestFormSchema, formData);
  if (!parsed.ok) return parsed.response;
  try {
    const created = await requestConsideration({ childId: child.id, reasons: parsed.data.reasons, requesterKind }, { userId: user.id, name: user.name });
    return redirectWithFlash(`/register/${child.id}`, {
      kind: "success",
      title: `Request ${created.ref} sent to ${child.setting.name}`,
      body: `The setting must decide by ${formatDate(created.dueOn)}, with you and, where health needs are involved, the health lead.`,
    });
  } catch (error) {
    if (error instanceof RegisterRefusal) return badRequest({ form: [error.message] }, { reasons: parsed.data.reasons });
    throw error;
  }
}

export default function RequestConsideration() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: FieldErrors; values?: Record<string, string> }>();
  const errors = actionData?.errors;
  return (
    <>
      <Link to={`/register/${d.child.id}`} className="govuk-back-link">
        Back
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{d.child.name}</span>
          <h1 className="govuk-heading-l">Ask the setting to consider the register</h1>
          {d.child.onRegister ? (
            <p className="govuk-body">{d.youngPerson ? "You are" : `${d.child.firstName} is`} already on the additional needs register.</p>
          ) : (
            <>
              <p className="govuk-body">
                {d.child.setting} must decide, within {d.workingDays} working days, whether {d.youngPerson ? "you need" : `${d.child.firstName} needs`} support beyond what every
                child gets. They must invite you to take part, and the health lead where health needs are involved.
              </p>
              <p className="govuk-body">If they decide not to place {d.youngPerson ? "you" : d.child.firstName} on the register, you can raise a concern about that decision.</p>
              <Form method="post" noValidate>
                <Textarea
                  name="reasons"
                  label={d.youngPerson ? "Why do you think you need extra support?" : `Why do you think ${d.child.firstName} needs extra support?`}
                  hint="What you have noticed, what has been tried, and anything professionals have said."
                  error={errors?.reasons?.[0]}
                  defaultValue={actionData?.values?.reasons}
                  rows={8}
                />
                <Button>Send the request</Button>
              </Form>
            </>
          )}
        </div>
      </div>
    </>
  );
}
