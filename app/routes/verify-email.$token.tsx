import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { LINK_USED_UP } from "../utils/account-forms";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button } from "../components/forms";
import { peekToken, verifyEmail } from "../utils/accounts.server";
import { redirectWithFlash } from "../utils/flash.server";
import { readForm } from "../utils/forms.server";

// The link in the sign-up email. Opening it shows a button; the POST uses the link up (so a mail
// scanner that follows links does not confirm the address on the person's behalf).

export const meta: MetaFunction = () => [{ title: "Confirm your email address – Redress" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const live = await peekToken(params.token ?? "", "verify-email");
  return json({ live: Boolean(live) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await readForm(request);
  const userId = await verifyEmail(params.token ?? "", request);
  if (!userId) return json({ live: false }, { status: 400 });
  return redirectWithFlash("/sign-in", { kind: "success", title: "Your email address is confirmed", body: "Sign in to ask to be linked to your child." });
}

export default function VerifyEmail() {
  const { live } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {live ? (
          <>
            <h1 className="govuk-heading-l">Confirm your email address</h1>
            <p className="govuk-body">Confirm to finish creating your account. You can then sign in.</p>
            <Form method="post">
              <Button>Confirm email address</Button>
            </Form>
          </>
        ) : (
          <>
            <h1 className="govuk-heading-l">{LINK_USED_UP}</h1>
            <p className="govuk-body">Links to confirm an email address work once and for 24 hours.</p>
            <p className="govuk-body">
              If you have already confirmed your address,{" "}
              <Link className="govuk-link" to="/sign-in">
                sign in
              </Link>
              . Otherwise{" "}
              <Link className="govuk-link" to="/sign-up">
                create your account again
              </Link>{" "}
              with the same email address and we will send a new link.
            </p>
          </>
        )}
      </div>
    </div>
  );
}
