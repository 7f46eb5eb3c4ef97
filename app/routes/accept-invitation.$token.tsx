import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NewPasswordPage } from "../components/new-password-page";
import { passwordLinkAction, passwordLinkLoader } from "../utils/password-links.server";

export const meta: MetaFunction = () => [{ title: "Accept your invitation – Redress" }];

export const loader = ({ params }: LoaderFunctionArgs) => passwordLinkLoader("invitation", params.token);

export const action = ({ request, params }: ActionFunctionArgs) =>
  passwordLinkAction("invitation", params.token, request, { kind: "success", title: "Your account is ready", body: "Sign in with your email address and new password." });

export default function Page() {
  return (
    <NewPasswordPage
      heading="Accept your invitation"
      intro="Choose a password for your Redress account. You will sign in with your email address and this password."
      button="Create password"
      deadText="Invitation links work once and for 7 days. Ask whoever invited you to send a new one, or ask for a password reset link."
    />
  );
}
