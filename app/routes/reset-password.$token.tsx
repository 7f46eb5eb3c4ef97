import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import type { FieldErrors } from "../components/forms";
import { NewPasswordPage } from "../components/new-password-page";
import { newPasswordSchema, LINK_USED_UP } from "../utils/account-forms";
import { peekToken, setPasswordWithToken } from "../utils/accounts.server";
import { redirectWithFlash } from "../utils/flash.server";
import { badRequest, parseForm, readForm } from "../utils/forms.server";

// The link in the email: single use, expiring, only its hash stored (docs/decisions/020).

export const meta: MetaFunction = () => [{ title: "Choose a new password – Redress" }];

export async function loader({ params }: LoaderFunctionArgs) {
  return json({ live: Boolean(await peekToken(params.token ?? "", "reset-password")) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(newPasswordSchema, await readForm(request));
  if (!parsed.ok) return parsed.response;
  const userId = await setPasswordWithToken(params.token ?? "", "reset-password", parsed.data.newPassword, request);
  if (!userId) return badRequest({ form: [LINK_USED_UP] }, {}, 410);
  return redirectWithFlash("/sign-in", { kind: "success", title: "Your password has been changed", body: "Sign in with your new password. Any other sessions have been ended." });
}

export default function Page() {
  const { live } = useLoaderData<typeof loader>();
  const data = useActionData<{ errors?: FieldErrors }>();
  const dead = data?.errors?.form?.[0] === LINK_USED_UP;
  return (
    <NewPasswordPage
      live={live && !dead}
      heading="Choose a new password"
      intro="You will be signed out everywhere else. Then sign in with your new password."
      button="Save new password"
      deadText="Password reset links work once and for 1 hour."
      errors={data?.errors}
    />
  );
}
