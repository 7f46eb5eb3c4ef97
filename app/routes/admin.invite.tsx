import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ChoiceGroup, ErrorSummary, TextInput, type FieldErrors } from "../components/forms";
import { PlaceFields } from "../components/place-fields";
import { inviteUser } from "../utils/accounts.server";
import { inviteSchema } from "../utils/admin-forms";
import { redirectWithFlash } from "../utils/flash.server";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { ROLE_NAMES, ROLES } from "../utils/permissions";
import { checkPlace, placeOptions } from "../utils/places.server";
import { requireUserWithPermission } from "../utils/session.server";

// An administrator invites someone: the account is created without a password and an emailed
// single-use link (7 days) lets them choose one (docs/decisions/020). Audited as user.invited.

export const meta: MetaFunction = () => [{ title: "Invite someone – Redress" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "update:user");
  return json(await placeOptions());
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "update:user");
  const parsed = parseForm(inviteSchema, await readForm(request));
  if (!parsed.ok) return parsed.response;
  const { role, settingId, localAreaId } = parsed.data;
  const placeErrors = await checkPlace([role], settingId, localAreaId);
  if (placeErrors) return badRequest(placeErrors, parsed.data as Record<string, unknown>);
  const result = await inviteUser({ ...parsed.data }, user, { request, roleLabel: ROLES[role].label.toLowerCase() });
  if (!result.ok) return badRequest({ email: ["There is already an account with this email address: change its roles instead"] }, parsed.data as Record<string, unknown>);
  return redirectWithFlash(`/admin/accounts/${result.userId}`, {
    kind: "success",
    title: `Invitation sent to ${parsed.data.email}`,
    body: "The link in it works once and for 7 days.",
  });
}

export default function Invite() {
  const { settings, areas } = useLoaderData<typeof loader>();
  const data = useActionData<{ errors?: FieldErrors; values?: Record<string, string> }>();
  const errors = data?.errors;
  const values = data?.values ?? {};
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Invite someone</h1>
        <p className="govuk-body">We email them a link to choose their own password. You never see or set it.</p>
        <Form method="post" noValidate>
          <TextInput name="name" label="Full name" defaultValue={values.name} error={errors?.name?.[0]} spellCheck={false} />
          <TextInput name="email" label="Email address" type="email" defaultValue={values.email} error={errors?.email?.[0]} spellCheck={false} />
          <ChoiceGroup
            type="radio"
            name="role"
            legend="Role"
            error={errors?.role?.[0]}
            defaultValue={values.role}
            options={ROLE_NAMES.map((r) => ({ value: r, label: ROLES[r].label, hint: ROLES[r].description }))}
          />
          <PlaceFields settings={settings} areas={areas} values={values} errors={errors} />
          <Button>Send invitation</Button>
        </Form>
      </div>
    </div>
  );
}
