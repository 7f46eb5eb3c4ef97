import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Button, ErrorSummary, TextInput, type FieldErrors } from "../components/forms";
import { clientKeyOf, forgottenPasswordSchema } from "../utils/account-forms";
import { allowEmailRequest, requestPasswordReset } from "../utils/accounts.server";
import { badRequest, parseForm, readForm } from "../utils/forms.server";

// Asks for a reset link. The answer never says whether the address has an account.

export const meta: MetaFunction = () => [{ title: "Reset your password – Redress" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(forgottenPasswordSchema, await readForm(request));
  if (!parsed.ok) return parsed.response;
  if (!(await allowEmailRequest("reset", parsed.data.email, clientKeyOf(context)))) {
    return badRequest({ form: ["Too many requests. Wait 15 minutes and try again."] }, { email: parsed.data.email }, 429);
  }
  await requestPasswordReset(parsed.data.email, { request });
  return json({ sent: true as const, email: parsed.data.email });
}

export default function ForgottenPassword() {
  const data = useActionData<{ errors?: FieldErrors; values?: Record<string, string>; sent?: true; email?: string }>();
  if (data?.sent) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Check your email</h1>
          <p className="govuk-body">
            If there is a Redress account for <strong>{data.email}</strong>, we have sent it a link to choose a new password. The link works once and for 1 hour.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/sign-in">
              Go to sign in
            </Link>
          </p>
        </div>
      </div>
    );
  }
  const errors = data?.errors;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Reset your password</h1>
        <p className="govuk-body">Enter the email address you sign in with. We will send you a link to choose a new password.</p>
        <Form method="post" noValidate>
          <TextInput name="email" label="Email address" type="email" autoComplete="email" spellCheck={false} defaultValue={data?.values?.email} error={errors?.email?.[0]} />
          <Button>Send reset link</Button>
        </Form>
      </div>
    </div>
  );
}
