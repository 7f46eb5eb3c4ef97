import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DateInput, dateDefaults } from "../components/date-input";
import { Button, ChoiceGroup, ErrorSummary, TextInput, type FieldErrors } from "../components/forms";
import { dateField } from "../utils/date-input";
import { emailField } from "../utils/account-forms";
import { londonDate } from "../utils/dates";
import { redirectWithFlash } from "../utils/flash.server";
import { formatDate } from "../utils/format";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { MAX_LENGTH } from "../utils/limits";
import { userHasPermission } from "../utils/permissions";
import { nameRepresentative, representationsOf, withdrawRepresentation } from "../utils/representatives.server";
import { requireUser } from "../utils/session.server";

// Naming a representative or advocate with recorded consent and scope, and withdrawing it
// (docs/decisions/020). Representatives see here whom they represent and may step down.

export const meta: MetaFunction = () => [{ title: "Representatives – Redress" }];

const asArray = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export const representativeSchema = z.object({
  intent: z.literal("name"),
  childId: z
    .string({ error: "Select who the representative acts for" })
    .min(1, "Select who the representative acts for")
    .max(MAX_LENGTH.id, "Select who the representative acts for"),
  name: z
    .string({ error: "Enter the representative's full name" })
    .trim()
    .min(1, "Enter the representative's full name")
    .max(MAX_LENGTH.name, `The name must be ${MAX_LENGTH.name} characters or fewer`),
  email: emailField,
  scope: z.preprocess(asArray, z.array(z.enum(["act", "letters"], { error: "Select what the representative may do" })).min(1, "Select what the representative may do")),
  validUntil: dateField({ what: "the end date", notBeforeToday: () => londonDate() }),
  consent: z.literal("yes", { error: "Confirm that you give this consent" }),
});
const withdrawSchema = z.object({ intent: z.literal("withdraw"), representationId: z.string().min(1).max(MAX_LENGTH.id) });

async function requireFamilyOrRepresentative(request: Request) {
  const user = await requireUser(request);
  if (!userHasPermission(user, "create:concern:own") && !userHasPermission(user, "read:case:represented")) throw new Response("Forbidden", { status: 403 });
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireFamilyOrRepresentative(request);
  const { children, named, representing } = await representationsOf(user.id);
  const view = (r: (typeof named)[number]) => ({
    id: r.id,
    representative: r.representative.name,
    child: `${r.child.givenName} ${r.child.familyName}`,
    scope: [r.actOnConcerns ? "Raise and act on concerns" : null, r.receiveLetters ? "Receive letters and emails" : null].filter(Boolean).join("; "),
    validUntil: r.validUntil,
    consentText: r.consentText,
    consentedAt: r.consentedAt,
    withdrawnAt: r.withdrawnAt,
    expired: Boolean(r.validUntil && r.validUntil.toISOString().slice(0, 10) < londonDate()),
  });
  return json({ children: children.map((c) => ({ value: c.id, label: `${c.givenName} ${c.familyName}` })), named: named.map(view), representing: representing.map(view) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireFamilyOrRepresentative(request);
  const form = await readForm(request);
  if (form.get("intent") === "withdraw") {
    const parsed = parseForm(withdrawSchema, form);
    if (!parsed.ok) return parsed.response;
    if (!(await withdrawRepresentation(user, parsed.data.representationId, request))) throw new Response("Not found", { status: 404 });
    return redirectWithFlash("/account/representatives", {
      kind: "success",
      title: "Consent withdrawn",
      body: "From now on the representative cannot see or act on the concerns and receives no letters.",
    });
  }
  const parsed = parseForm(representativeSchema, form);
  if (!parsed.ok) return parsed.response;
  const scope = parsed.data.scope;
  const result = await nameRepresentative(
    user,
    {
      childId: parsed.data.childId,
      name: parsed.data.name,
      email: parsed.data.email,
      actOnConcerns: scope.includes("act"),
      receiveLetters: scope.includes("letters"),
      validUntil: parsed.data.validUntil,
    },
    request,
  );
  if (result === "not-yours") return badRequest({ childId: ["Select who the representative acts for"] }, {});
  if (result === "self") return badRequest({ email: ["Enter someone else's email address: you cannot name yourself"] }, {});
  return redirectWithFlash("/account/representatives", {
    kind: "success",
    title: `${parsed.data.name} is now your representative`,
    body: "We have emailed them. You can withdraw your consent at any time on this page.",
  });
}

function RepresentationList({
  rows,
  who,
  caption,
  withdrawLabel,
}: {
  rows: ReturnType<typeof useLoaderData<typeof loader>>["named"];
  who: "representative" | "child";
  caption: string;
  withdrawLabel: string;
}) {
  return (
    <>
      <h2 className="govuk-heading-m">{caption}</h2>
      <ul className="govuk-list">
        {rows.map((r) => (
          <li key={r.id} className="govuk-!-margin-bottom-6">
            <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{who === "representative" ? `${r.representative} for ${r.child}` : `${r.child} (named by the family)`}</h3>
            <p className="govuk-body govuk-!-margin-bottom-1">
              {r.scope}
              {r.validUntil ? `, until ${formatDate(r.validUntil)}` : ", with no end date"}.
            </p>
            <p className="govuk-body-s govuk-!-margin-bottom-1">
              Consent recorded {formatDate(r.consentedAt)}: “{r.consentText}”
            </p>
            {r.withdrawnAt ? (
              <strong className="govuk-tag govuk-tag--grey">Withdrawn {formatDate(r.withdrawnAt)}</strong>
            ) : r.expired ? (
              <strong className="govuk-tag govuk-tag--grey">Ended</strong>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="withdraw" />
                <input type="hidden" name="representationId" value={r.id} />
                <Button warning>
                  {withdrawLabel}
                  <span className="govuk-visually-hidden">
                    {" "}
                    – {r.representative} for {r.child}
                  </span>
                </Button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

export default function Representatives() {
  const { children, named, representing } = useLoaderData<typeof loader>();
  const data = useActionData<{ errors?: FieldErrors; values?: Record<string, string> }>();
  const errors = data?.errors;
  const values = data?.values ?? {};
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Representatives and advocates</h1>
        <p className="govuk-body">
          A representative or advocate (for example from an information, advice and support service, a relative or a friend) can raise concerns and follow them for you, and receive
          the letters you receive, within the consent you give. You can withdraw your consent at any time.
        </p>
        {named.length ? <RepresentationList rows={named} who="representative" caption="People you have named" withdrawLabel="Withdraw consent" /> : null}
        {representing.length ? <RepresentationList rows={representing} who="child" caption="People you represent" withdrawLabel="Stop representing" /> : null}
        {children.length ? (
          <>
            <h2 className="govuk-heading-m">Name a representative</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="name" />
              <ChoiceGroup
                type="radio"
                name="childId"
                legend="Who do they act for?"
                hint="A young person of 16 or over names their own representative."
                error={errors?.childId?.[0]}
                defaultValue={values.childId ?? (children.length === 1 ? children[0]?.value : undefined)}
                options={children}
              />
              <TextInput name="name" label="Representative's full name" defaultValue={values.name} error={errors?.name?.[0]} spellCheck={false} />
              <TextInput
                name="email"
                label="Representative's email address"
                hint="If they do not have a Redress account, we will invite them to create one"
                type="email"
                defaultValue={values.email}
                error={errors?.email?.[0]}
                spellCheck={false}
              />
              <ChoiceGroup
                type="checkbox"
                name="scope"
                legend="What may they do?"
                hint="Select all that apply"
                error={errors?.scope?.[0]}
                options={[
                  {
                    value: "act",
                    label: "Raise concerns, see them and act on them for us",
                    hint: "They see the concerns about this child and can respond, escalate or withdraw them, as you can",
                  },
                  { value: "letters", label: "Receive the letters and emails we receive" },
                ]}
              />
              <DateInput
                name="validUntil"
                legend="Until when? (optional)"
                hint="For example, 31 7 2027. Leave empty for no end date: you can still withdraw at any time."
                defaultValue={dateDefaults(values, "validUntil")}
                error={errors?.validUntil?.[0]}
              />
              <ChoiceGroup
                type="checkbox"
                name="consent"
                legend="Your consent"
                error={errors?.consent?.[0]}
                options={[{ value: "yes", label: "I consent to this person seeing and acting on information about the child as selected above" }]}
              />
              <Button>Name representative</Button>
            </Form>
          </>
        ) : null}
      </div>
    </div>
  );
}
