import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ChoiceGroup, ErrorSummary, TextInput, type FieldErrors } from "../components/forms";
import { PlaceFields } from "../components/place-fields";
import { requestPasswordReset } from "../utils/accounts.server";
import { adminLinkSchema, rolesSchema } from "../utils/admin-forms";
import { changeRoles } from "../utils/admin.server";
import { getPrisma } from "../utils/db.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formatDate } from "../utils/format";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { MAX_LENGTH } from "../utils/limits";
import { linkByAdministrator } from "../utils/links.server";
import { RELATIONSHIPS } from "../utils/ways-in-options";
import { ROLE_NAMES, ROLES, type RoleName } from "../utils/permissions";
import { checkPlace, placeOptions } from "../utils/places.server";
import { requireUserWithPermission } from "../utils/session.server";

// One account, for administrators: change roles and workplace, send a password reset link (a
// password is never shown or set here), link the person to a child. Every change is audited.

export const meta: MetaFunction = () => [{ title: "Manage account – Redress" }];

async function target(userId: string) {
  if (!/^[\w-]{1,64}$/.test(userId)) throw new Response("Not found", { status: 404 });
  const prisma = await getPrisma();
  const user = await prisma.user.findFirst({
    where: { id: userId, erasedAt: null },
    select: {
      id: true,
      name: true,
      email: true,
      active: true,
      emailVerifiedAt: true,
      passwordHash: true,
      settingId: true,
      localAreaId: true,
      roles: { select: { name: true } },
      guardianOf: { select: { relationship: true, linkedAt: true, child: { select: { givenName: true, familyName: true, registerRef: true } } } },
    },
  });
  if (!user) throw new Response("Not found", { status: 404 });
  return user;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user: admin } = await requireUserWithPermission(request, "update:user");
  const u = await target(params.userId ?? "");
  return json({
    self: admin.id === u.id,
    account: {
      id: u.id,
      name: u.name,
      email: u.email,
      active: u.active,
      verified: Boolean(u.emailVerifiedAt),
      hasPassword: Boolean(u.passwordHash),
      roles: u.roles.map((r) => r.name),
      settingId: u.settingId,
      localAreaId: u.localAreaId,
    },
    links: u.guardianOf.map((g) => ({ child: `${g.child.givenName} ${g.child.familyName}`, ref: g.child.registerRef, relationship: g.relationship, linkedAt: g.linkedAt })),
    ...(await placeOptions()),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user: admin } = await requireUserWithPermission(request, "update:user");
  const u = await target(params.userId ?? "");
  const form = await readForm(request);
  const intent = form.get("intent");
  const back = `/admin/accounts/${u.id}`;
  if (intent === "reset") {
    if (!u.active) return badRequest({ form: ["Reactivate the account before sending a reset link"] }, {});
    await requestPasswordReset(u.email, { request, byAdministratorId: admin.id });
    return redirectWithFlash(back, {
      kind: "success",
      title: `Password reset link sent to ${u.email}`,
      body: "It works once and for 1 hour. Their current password keeps working until they use it.",
    });
  }
  if (intent === "link") {
    const parsed = parseForm(adminLinkSchema, form);
    if (!parsed.ok) return parsed.response;
    if (!RELATIONSHIPS.some((r) => r.value === parsed.data.relationship)) return badRequest({ relationship: ["Select the relationship"] }, parsed.data);
    const result = await linkByAdministrator(admin, u.id, parsed.data.registerRef.toUpperCase(), parsed.data.relationship, request);
    if (result === "no-child") return badRequest({ registerRef: ["No child on the register has this reference"] }, parsed.data);
    if (result === "already") return badRequest({ registerRef: ["They are already linked to this child"] }, parsed.data);
    return redirectWithFlash(back, { kind: "success", title: `${u.name} linked to the child` });
  }
  const parsed = parseForm(rolesSchema, form);
  if (!parsed.ok) return parsed.response;
  const roles = parsed.data.roles as RoleName[];
  const placeErrors = await checkPlace(roles, parsed.data.settingId, parsed.data.localAreaId);
  if (placeErrors) return badRequest(placeErrors, {});
  const result = await changeRoles(admin, u.id, { roles, settingId: parsed.data.settingId, localAreaId: parsed.data.localAreaId }, request);
  if (result === "own-admin") return badRequest({ roles: ["You cannot remove your own administrator role. Ask another administrator."] }, {});
  if (result === "not-found") throw new Response("Not found", { status: 404 });
  return redirectWithFlash(back, { kind: "success", title: `Roles of ${u.name} changed` });
}

export default function ManageAccount() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<{ errors?: FieldErrors; values?: Record<string, string> }>();
  const errors = data?.errors;
  const a = d.account;
  return (
    <>
      <Link to="/admin/users" className="govuk-back-link">
        Back to accounts
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{a.email}</span>
          <h1 className="govuk-heading-l">{a.name}</h1>
          <p className="govuk-body">
            <strong className={`govuk-tag ${a.active ? "govuk-tag--green" : "govuk-tag--grey"}`}>{a.active ? "Active" : "Deactivated"}</strong>{" "}
            {!a.hasPassword ? "Invitation not yet accepted." : !a.verified ? "Email address not yet confirmed." : null}
          </p>

          <h2 className="govuk-heading-m">Roles</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="roles" />
            <ChoiceGroup
              type="checkbox"
              name="roles"
              legend="What they do in Redress"
              hint="Changes apply from their next page."
              error={errors?.roles?.[0]}
              defaultValue={a.roles}
              options={ROLE_NAMES.map((r) => ({ value: r, label: ROLES[r].label, hint: ROLES[r].description }))}
            />
            <PlaceFields settings={d.settings} areas={d.areas} values={a} errors={errors} />
            <Button>Save roles</Button>
          </Form>

          <h2 className="govuk-heading-m">Password</h2>
          <p className="govuk-body">Send them a link to choose a new password. You never see their password.</p>
          <Form method="post">
            <input type="hidden" name="intent" value="reset" />
            <Button secondary>Send password reset link</Button>
          </Form>

          <h2 className="govuk-heading-m">Children</h2>
          {d.links.length ? (
            <ul className="govuk-list">
              {d.links.map((l) => (
                <li key={l.ref}>
                  {l.child} ({l.ref}), {l.relationship}, linked {formatDate(l.linkedAt)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">Not linked to any child.</p>
          )}
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="link" />
            <TextInput
              name="registerRef"
              label="Link to a child: register reference"
              hint="For example, AN-000123. Check the family's identity first, as the setting would."
              defaultValue={data?.values?.registerRef}
              error={errors?.registerRef?.[0]}
              widthClass="govuk-input--width-10"
              maxLength={MAX_LENGTH.shortText}
              spellCheck={false}
            />
            <ChoiceGroup
              type="radio"
              name="relationship"
              legend="Relationship to the child"
              error={errors?.relationship?.[0]}
              defaultValue={data?.values?.relationship}
              options={RELATIONSHIPS.map((r) => ({ value: r.value, label: r.label }))}
            />
            <Button secondary>Link to child</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
