import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NewPasswordPage } from "../components/new-password-page";
import { passwordLinkAction, passwordLinkLoader } from "../utils/password-links.server";

export const meta: MetaFunction = () => [{ title: "Choose a new password – Redress" }];

export const loader = ({ params }: LoaderFunctionArgs) => passwordLinkLoader("reset-password", params.token);

export const action = ({ request, params }: ActionFunctionArgs) =>
  passwordLinkAction("reset-password", params.token, request, {
    kind: "success",
    title: "Your password has been changed",
    body: "Sign in with your new password. Any other sessions have been ended.",
  });

export default function Page() {
  return (
    <NewPasswordPage
      heading="Choose a new password"
      intro="You will be signed out everywhere else. Then sign in with your new password."
      button="Save new password"
      deadText="Password reset links work once and for 1 hour."
    />
  );
}
