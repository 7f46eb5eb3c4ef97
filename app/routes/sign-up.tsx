import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Button, ErrorSummary, TextInput, type FieldErrors } from "../components/forms";
import { clientKeyOf, PASSWORD_HINT, signUpSchema } from "../utils/account-forms";
import { allowEmailRequest, signUp } from "../utils/accounts.server";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { getUser } from "../utils/session.server";

// A parent or carer creates their own account (docs/decisions/020). The answer is the same
// whether or not the address already has an account, so nobody learns who uses the service.

export const meta: MetaFunction = () => [{ title: "Create an account – Redress" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/dashboard");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(signUpSchema, await readForm(request));
  if (!parsed.ok) return parsed.response;
  const { name, email, newPassword } = parsed.data;
  if (!(await allowEmailRequest("sign-up", email, clientKeyOf(context)))) {
    return badRequest({ form: ["Too many requests. Wait 15 minutes and try again."] }, { name, email }, 429);
  }
  await signUp({ name, email, password: newPassword }, request);
  return json({ sent: true as const, email });
}

export default function SignUp() {
  const data = useActionData<{ errors?: FieldErrors; values?: Record<string, string>; sent?: true; email?: string }>();
  if (data?.sent) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Check your email</h1>
          <p className="govuk-body">
            We have sent an email to <strong>{data.email}</strong>. Open the link in it to confirm your address and finish creating your account. The link works for 24 hours.
          </p>
          <p className="govuk-body">
            If no email arrives within a few minutes, check your spam folder. If you already have an account with this address, the email tells you how to sign in.
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
  const values = data?.values ?? {};
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Create an account</h1>
        <p className="govuk-body">
          For parents, carers and family members of a child or young person on the additional needs register. After you confirm your email address you can ask to be linked to your
          child; their nursery, school or college confirms the link.
        </p>
        <p className="govuk-body">
          Staff, representatives and advocates are invited by an administrator or by the family. Already have an account?{" "}
          <Link className="govuk-link" to="/sign-in">
            Sign in
          </Link>
          .
        </p>
        <Form method="post" noValidate>
          <TextInput name="name" label="Full name" autoComplete="name" spellCheck={false} defaultValue={values.name} error={errors?.name?.[0]} />
          <TextInput
            name="email"
            label="Email address"
            type="email"
            autoComplete="email"
            spellCheck={false}
            defaultValue={values.email}
            error={errors?.email?.[0]}
            hint="We will send you a link to confirm it"
          />
          <TextInput name="newPassword" label="Create a password" hint={PASSWORD_HINT} type="password" autoComplete="new-password" error={errors?.newPassword?.[0]} />
          <TextInput name="confirmPassword" label="Confirm your password" type="password" autoComplete="new-password" error={errors?.confirmPassword?.[0]} />
          <Button>Create account</Button>
        </Form>
      </div>
    </div>
  );
}
