import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ISSUE_CATEGORIES, ROUTES, type IssueCategory } from "../../machines/route";
import { DateInput, dateDefaults } from "../components/date-input";
import { Button, ChoiceGroup, ErrorSummary, Select, Textarea, type FieldErrors } from "../components/forms";
import { londonDate } from "../utils/dates";
import { redirectWithFlash } from "../utils/flash.server";
import { formatDate } from "../utils/format";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { ISSUE_CATEGORY_NAMES, issueCategoryText } from "../utils/issue-categories";
import { requiredDateField } from "../utils/date-input";
import { MAX_LENGTH } from "../utils/limits";
import { childForLogging, childrenOfSetting, logConcernForFamily } from "../utils/logged-concerns.server";
import { CHANNELS, CHANNEL_VALUES } from "../utils/ways-in-options";
import { requireUser } from "../utils/session.server";
import { userHasPermission } from "../utils/permissions";

// Setting staff log a concern the family raised by phone, letter, email or in person, with the
// date it was TRULY received (docs/decisions/020). Step 1 picks the child (GET), step 2 the rest.

export const meta: MetaFunction = () => [{ title: "Log a concern for a family – Redress" }];

const asArray = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export const loggedConcernSchema = z.object({
  childId: z.string({ error: "Select the child or young person" }).min(1, "Select the child or young person").max(MAX_LENGTH.id, "Select the child or young person"),
  raisedById: z.string({ error: "Select who raised the concern" }).min(1, "Select who raised the concern").max(MAX_LENGTH.id, "Select who raised the concern"),
  channel: z.enum(CHANNEL_VALUES, { error: "Select how the concern reached you" }),
  receivedOn: requiredDateField({ what: "the date it was received", notAfter: () => londonDate() }),
  categories: z.preprocess(asArray, z.array(z.enum(ISSUE_CATEGORY_NAMES, { error: "Select what the concern is about" })).min(1, "Select what the concern is about")),
  summary: z
    .string({ error: "Describe the concern" })
    .trim()
    .min(20, "Describe the concern in at least 20 characters")
    .max(MAX_LENGTH.longText, "The description must be 5,000 characters or fewer"),
  healthInvolved: z.enum(["yes", "no"], { error: "Select yes if health services are involved" }),
});

async function requireLogger(request: Request) {
  const user = await requireUser(request);
  if (!userHasPermission(user, "create:concern:setting") || !user.settingId) throw new Response("You do not have permission to log concerns for a setting.", { status: 403 });
  return user as typeof user & { settingId: string };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireLogger(request);
  const childId = new URL(request.url).searchParams.get("childId");
  const children = (await childrenOfSetting(user.settingId)).map((c) => ({ value: c.id, label: `${c.givenName} ${c.familyName} (born ${formatDate(c.dateOfBirth)})` }));
  const child = childId ? await childForLogging(user.settingId, childId.slice(0, MAX_LENGTH.id)) : null;
  return json({
    settingName: user.setting?.name ?? "",
    children,
    child: child
      ? {
          id: child.id,
          name: `${child.givenName} ${child.familyName}`,
          raisers: [
            ...child.guardians.map((g) => ({ value: g.user.id, label: `${g.user.name} (${g.relationship})`, hint: `Linked on ${formatDate(g.linkedAt)}` })),
            ...(child.youngPersonUser?.active ? [{ value: child.youngPersonUser.id, label: `${child.youngPersonUser.name} (the young person)`, hint: "" }] : []),
          ],
        }
      : null,
    today: londonDate(),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireLogger(request);
  const parsed = parseForm(loggedConcernSchema, await readForm(request));
  if (!parsed.ok) return parsed.response;
  const result = await logConcernForFamily(
    user,
    { ...parsed.data, healthInvolved: parsed.data.healthInvolved === "yes", categories: parsed.data.categories as IssueCategory[] },
    request,
  );
  if (!result.ok) return badRequest({ [result.field]: [result.message] }, parsed.data);
  return redirectWithFlash(`/cases/${result.caseIds[0]}`, {
    kind: "success",
    title: `Concern ${result.concernRef} logged`,
    body: "Its deadlines count from the date it was received. The family can see it in Redress and has been emailed.",
  });
}

export default function LogConcern() {
  const { settingName, children, child, today } = useLoaderData<typeof loader>();
  const todayExample = today.split("-").reverse().map(Number).join(" ");
  const data = useActionData<{ errors?: FieldErrors; values?: Record<string, unknown> }>();
  const errors = data?.errors;
  const values = data?.values ?? {};
  const str = (key: string) => (typeof values[key] === "string" ? (values[key] as string) : undefined);
  const chosen = asArray(values.categories).filter((v): v is string => typeof v === "string");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">{settingName}</span>
        <h1 className="govuk-heading-l">Log a concern for a family</h1>
        <p className="govuk-body">
          When a family raises a concern by phone, letter, email or in person, log it here with the date you received it. The deadlines count from that date, not from today.
        </p>
        {!child ? (
          <Form method="get" noValidate>
            <Select name="childId" label="Which child or young person is it about?" options={[{ value: "", label: "Select a child" }, ...children]} />
            <Button>Continue</Button>
          </Form>
        ) : child.raisers.length === 0 ? (
          <>
            <p className="govuk-body">
              Nobody is linked to {child.name} yet. Ask the family to create an account and ask to be linked, then confirm the link in Link requests; or ask an administrator to
              link them.
            </p>
            <p className="govuk-body">
              <Link className="govuk-link" to="/setting/concerns/new">
                Choose another child
              </Link>
            </p>
          </>
        ) : (
          <Form method="post" noValidate>
            <input type="hidden" name="childId" value={child.id} />
            <p className="govuk-body">
              About <strong>{child.name}</strong>.{" "}
              <Link className="govuk-link" to="/setting/concerns/new">
                Change<span className="govuk-visually-hidden"> child</span>
              </Link>
            </p>
            <ChoiceGroup
              type="radio"
              name="raisedById"
              legend="Who raised it?"
              error={errors?.raisedById?.[0]}
              defaultValue={str("raisedById") ?? (child.raisers.length === 1 ? child.raisers[0]?.value : undefined)}
              options={child.raisers.map((r) => ({ ...r, hint: r.hint || undefined }))}
            />
            <ChoiceGroup
              type="radio"
              name="channel"
              legend="How did it reach you?"
              error={errors?.channel?.[0]}
              defaultValue={str("channel")}
              options={CHANNELS.map((c) => ({ value: c.value, label: c.label }))}
            />
            <DateInput
              name="receivedOn"
              legend="Date received"
              hint={`The day it first reached the setting, for example ${todayExample}. Not in the future.`}
              error={errors?.receivedOn?.[0]}
              defaultValue={dateDefaults(values, "receivedOn")}
            />
            {ROUTES.map((route) => (
              <ChoiceGroup
                key={route}
                id={route === "process" ? undefined : `field-categories-${route}`}
                type="checkbox"
                name="categories"
                legend={route === "process" ? "Is it about how a decision was made?" : "Is it about the support itself?"}
                hint="Select all that apply"
                error={route === "process" ? errors?.categories?.[0] : undefined}
                defaultValue={chosen}
                options={ISSUE_CATEGORY_NAMES.filter((c) => ISSUE_CATEGORIES[c] === route).map((c) => {
                  const text = issueCategoryText(c, false);
                  return { value: c, label: text.label, hint: text.hint || undefined };
                })}
              />
            ))}
            <Textarea
              name="summary"
              label="The concern, as the family put it"
              hint="Write down what they told you, in their words where you can."
              error={errors?.summary?.[0]}
              defaultValue={str("summary")}
              rows={8}
            />
            <ChoiceGroup
              type="radio"
              name="healthInvolved"
              legend="Are health services involved in the child's support?"
              error={errors?.healthInvolved?.[0]}
              defaultValue={str("healthInvolved")}
              options={[
                { value: "yes", label: "Yes" },
                { value: "no", label: "No" },
              ]}
            />
            <Button>Log concern</Button>
          </Form>
        )}
      </div>
    </div>
  );
}
