import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { KitForm, useFormKit } from "../components/form-kit";
import { Button, TextInput } from "../components/forms";
import { changePassword } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { passwordSchema } from "../utils/page-forms";
import { MIN_PASSWORD_LENGTH } from "../utils/passwords";
import { currentSessionId, requireUser } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Change your password – Redress" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(passwordSchema, await readForm(request));
  if (!parsed.ok) return parsed.response;
  const clientKey = String((context as { clientAddress?: string } | undefined)?.clientAddress ?? "unknown");
  const result = await changePassword(user.id, parsed.data.currentPassword, parsed.data.newPassword, clientKey, (await currentSessionId(request)) ?? undefined);
  if (result === "throttled") return badRequest({ form: ["Too many failed attempts. Wait 15 minutes and try again."] }, {}, 429);
  if (result === "wrong-password") return badRequest({ currentPassword: ["Your current password is not right"] }, {}, 400);
  return redirectWithFlash("/dashboard", { kind: "success", title: "Your password has been changed", body: "You have been signed out everywhere else." });
}

export default function ChangePassword() {
  const kit = useFormKit(passwordSchema, useActionData<typeof action>());
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <KitForm kit={kit} heading={<h1 className="govuk-heading-l">Change your password</h1>}>
          <TextInput {...kit.field("currentPassword")} label="Current password" type="password" autoComplete="current-password" />
          <TextInput
            {...kit.field("newPassword")}
            label="New password"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong password.`}
            type="password"
            autoComplete="new-password"
          />
          <TextInput {...kit.field("confirmPassword")} label="Confirm new password" type="password" autoComplete="new-password" />
          <Button>Change password</Button>
        </KitForm>
      </div>
    </div>
  );
}
