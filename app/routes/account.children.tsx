import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DateInput, dateDefaults } from "../components/date-input";
import { Button, ChoiceGroup, ErrorSummary, Select, TextInput, type FieldErrors } from "../components/forms";
import { getPrisma } from "../utils/db.server";
import { londonDate } from "../utils/dates";
import { redirectWithFlash } from "../utils/flash.server";
import { formatDate } from "../utils/format";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { requiredDateField } from "../utils/date-input";
import { EARLIEST_CHILD_BIRTH, MAX_LENGTH } from "../utils/limits";
import { linksOf, requestLink, withdrawLinkRequest } from "../utils/links.server";
import { RELATIONSHIPS, RELATIONSHIP_VALUES } from "../utils/ways-in-options";
import { requireUserWithPermission } from "../utils/session.server";

// A family member's children: the links confirmed, the requests waiting, and a form to ask for a
// new link (docs/decisions/020).

export const meta: MetaFunction = () => [{ title: "Your children – Redress" }];

const nameOf = (what: string) =>
  z
    .string({ error: `Enter the child's ${what}` })
    .trim()
    .min(1, `Enter the child's ${what}`)
    .max(MAX_LENGTH.name, `The child's ${what} must be ${MAX_LENGTH.name} characters or fewer`);

export const linkRequestSchema = z.object({
  intent: z.literal("request"),
  childGivenName: nameOf("first name"),
  childFamilyName: nameOf("last name"),
  childDateOfBirth: requiredDateField({ what: "the child's date of birth", notAfter: () => londonDate(), notBefore: EARLIEST_CHILD_BIRTH }),
  settingId: z
    .string({ error: "Select the nursery, school or college" })
    .min(1, "Select the nursery, school or college")
    .max(MAX_LENGTH.id, "Select the nursery, school or college"),
  relationship: z.enum(RELATIONSHIP_VALUES, { error: "Select how you are related to the child" }),
});
const withdrawSchema = z.object({ intent: z.literal("withdraw"), requestId: z.string().min(1).max(MAX_LENGTH.id) });

async function settingOptions() {
  const prisma = await getPrisma();
  const settings = await prisma.setting.findMany({ select: { id: true, name: true, localArea: { select: { name: true } } }, orderBy: [{ name: "asc" }] });
  return settings.map((s) => ({ value: s.id, label: `${s.name} (${s.localArea.name})` }));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "create:link");
  const { requests, links } = await linksOf(user.id);
  return json({ requests, links, settings: await settingOptions() });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "create:link");
  const form = await readForm(request);
  if (form.get("intent") === "withdraw") {
    const parsed = parseForm(withdrawSchema, form);
    if (!parsed.ok) return parsed.response;
    if (!(await withdrawLinkRequest(user, parsed.data.requestId, request))) throw new Response("Not found", { status: 404 });
    return redirectWithFlash("/account/children", { kind: "success", title: "Request withdrawn" });
  }
  const parsed = parseForm(linkRequestSchema, form);
  if (!parsed.ok) return parsed.response;
  const settings = await settingOptions();
  if (!settings.some((s) => s.value === parsed.data.settingId)) return badRequest({ settingId: ["Select the nursery, school or college"] }, parsed.data);
  await requestLink(user, parsed.data, request);
  return redirectWithFlash("/account/children", {
    kind: "success",
    title: "Request sent to the setting",
    body: "The nursery, school or college will check your request and confirm the link. We will email you when they have decided.",
  });
}

const STATUS: Record<string, { label: string; tag: string }> = {
  pending: { label: "Waiting for the setting", tag: "govuk-tag--yellow" },
  confirmed: { label: "Confirmed", tag: "govuk-tag--green" },
  refused: { label: "Refused", tag: "govuk-tag--red" },
  withdrawn: { label: "Withdrawn", tag: "govuk-tag--grey" },
};

export default function YourChildren() {
  const { requests, links, settings } = useLoaderData<typeof loader>();
  const data = useActionData<{ errors?: FieldErrors; values?: Record<string, string> }>();
  const errors = data?.errors;
  const values = data?.values ?? {};
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Your children</h1>
        {links.length ? (
          <>
            <h2 className="govuk-heading-m">Linked to your account</h2>
            <ul className="govuk-list">
              {links.map((l) => (
                <li key={l.child.id}>
                  <strong>
                    {l.child.givenName} {l.child.familyName}
                  </strong>{" "}
                  – {l.child.setting.name} (you are recorded as {l.relationship})
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="govuk-body">No child is linked to your account yet. Ask to be linked below: you will see nothing about a child until their setting confirms the link.</p>
        )}
        {requests.length ? (
          <>
            <h2 className="govuk-heading-m">Your requests</h2>
            <ul className="govuk-list">
              {requests.map((r) => (
                <li key={r.id} className="govuk-!-margin-bottom-4">
                  {r.childGivenName} {r.childFamilyName}, born {formatDate(r.childDateOfBirth)}, at {r.settingName} – asked {formatDate(r.createdAt)}{" "}
                  <strong className={`govuk-tag ${STATUS[r.status]?.tag ?? ""}`}>{STATUS[r.status]?.label ?? r.status}</strong>
                  {r.status === "refused" && r.reason ? <p className="govuk-body govuk-!-margin-top-2">The setting's reason: {r.reason}</p> : null}
                  {r.status === "pending" ? (
                    <Form method="post" className="govuk-!-margin-top-2">
                      <input type="hidden" name="intent" value="withdraw" />
                      <input type="hidden" name="requestId" value={r.id} />
                      <Button secondary>
                        Withdraw request<span className="govuk-visually-hidden"> for {r.childGivenName}</span>
                      </Button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <h2 className="govuk-heading-m">Ask to be linked to a child</h2>
        <p className="govuk-body">The child must be on the additional needs register. Their nursery, school or college checks who you are before confirming.</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="request" />
          <TextInput name="childGivenName" label="Child's first name" defaultValue={values.childGivenName} error={errors?.childGivenName?.[0]} spellCheck={false} />
          <TextInput name="childFamilyName" label="Child's last name" defaultValue={values.childFamilyName} error={errors?.childFamilyName?.[0]} spellCheck={false} />
          <DateInput
            name="childDateOfBirth"
            legend="Child's date of birth"
            hint="For example, 27 3 2017"
            defaultValue={dateDefaults(values, "childDateOfBirth")}
            error={errors?.childDateOfBirth?.[0]}
          />
          <Select
            name="settingId"
            label="Their nursery, school or college"
            error={errors?.settingId?.[0]}
            defaultValue={values.settingId ?? ""}
            options={[{ value: "", label: "Select a setting" }, ...settings]}
          />
          <ChoiceGroup
            type="radio"
            name="relationship"
            legend="How are you related to the child?"
            error={errors?.relationship?.[0]}
            defaultValue={values.relationship}
            options={RELATIONSHIPS.map((r) => ({ value: r.value, label: r.label }))}
          />
          <Button>Send request</Button>
        </Form>
      </div>
    </div>
  );
}
