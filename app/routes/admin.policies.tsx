import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { DateInput, dateDefaults } from "../components/date-input";
import { Button, ErrorSummary, Textarea, TextInput, type FieldErrors } from "../components/forms";
import { londonDate } from "../utils/dates";
import { redirectWithFlash } from "../utils/flash.server";
import { formatDate } from "../utils/format";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { publishedPolicies, publishPolicy } from "../utils/policies.server";
import { POLICY_FIELDS, POLICY_GROUPS, policyFormSchema, policyFormValues, type PolicyFormContext } from "../utils/policy-forms";
import { requireUserWithPermission } from "../utils/session.server";

// Timeline policies (docs/decisions/027): the versions published, and publishing a new one that
// applies to cases opened on or after its effective date. Administrators only; audited.

export const meta: MetaFunction = () => [{ title: "Timeline policies – Redress" }];

async function load(request: Request) {
  const { user } = await requireUserWithPermission(request, "update:setting");
  const versions = await publishedPolicies();
  const today = londonDate();
  const context: PolicyFormContext = { today, publishedVersions: versions.map((v) => v.policyVersion), latestEffectiveOn: versions.at(-1)?.effectiveOn ?? "" };
  return { user, versions, today, context };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { versions, today } = await load(request);
  const inForce = versions.filter((v) => v.effectiveOn <= today).at(-1);
  const latest = versions.at(-1);
  return json({
    versions: versions
      .map((v) => ({
        policyVersion: v.policyVersion,
        effectiveOn: v.effectiveOn,
        changeSummary: v.changeSummary,
        publishedBy: v.publishedBy,
        status: v === inForce ? "In force" : v.effectiveOn > today ? "Takes effect later" : "Replaced",
        figures: POLICY_FIELDS.slice(0, 3).map((f) => ({ label: f.label, value: policyFormValues(v.policy)[f.name] ?? "", unit: f.unit })),
      }))
      .reverse(),
    defaults: latest ? policyFormValues(latest.policy) : {},
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, context } = await load(request);
  const form = await readForm(request);
  const parsed = parseForm(policyFormSchema(context), form);
  if (!parsed.ok) return parsed.response;
  // Checked again under a lock: another administrator may have published in the meantime.
  const published = await publishPolicy(parsed.data, user, { request });
  if (!published.ok) {
    const values = Object.fromEntries([...form.entries()].flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
    return badRequest({ [published.field]: [published.message] }, values);
  }
  return redirectWithFlash("/admin/policies", {
    kind: "success",
    title: `Timeline policy ${parsed.data.policy.policyVersion} published`,
    body: `Concerns opened on or after ${formatDate(parsed.data.effectiveOn)} will follow it. Cases already open keep the policy they started with.`,
  });
}

export default function Policies() {
  const { versions, defaults } = useLoaderData<typeof loader>();
  const data = useActionData<{ errors?: FieldErrors; values?: Record<string, string> }>();
  const errors = data?.errors;
  const value = (name: string) => data?.values?.[name] ?? defaults[name as keyof typeof defaults] ?? "";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Timeline policies</h1>
        <p className="govuk-body">
          A timeline policy sets how long each step of a concern may take. A new version applies to concerns opened on or after the date it takes effect. Cases already open keep
          the policy they started with, so their deadlines never move.
        </p>
        <h2 className="govuk-heading-m">Published versions</h2>
        {versions.map((v) => (
          <div className="govuk-summary-card" key={v.policyVersion}>
            <div className="govuk-summary-card__title-wrapper">
              <h3 className="govuk-summary-card__title">
                Version {v.policyVersion}: {v.status.toLowerCase()}
              </h3>
            </div>
            <div className="govuk-summary-card__content">
              <dl className="govuk-summary-list">
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Takes effect</dt>
                  <dd className="govuk-summary-list__value">{v.effectiveOn <= "2000-01-01" ? "From the start of the service" : formatDate(v.effectiveOn)}</dd>
                </div>
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">What changed</dt>
                  <dd className="govuk-summary-list__value">{v.changeSummary}</dd>
                </div>
                {v.figures.map((f) => (
                  <div className="govuk-summary-list__row" key={f.label}>
                    <dt className="govuk-summary-list__key">{f.label}</dt>
                    <dd className="govuk-summary-list__value">
                      {f.value} {f.unit}
                    </dd>
                  </div>
                ))}
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Published by</dt>
                  <dd className="govuk-summary-list__value">{v.publishedBy ?? "Set when the service started"}</dd>
                </div>
              </dl>
            </div>
          </div>
        ))}

        <h2 className="govuk-heading-m">Publish a new version</h2>
        <p className="govuk-body">The answers start as the latest version. Change what the new version changes.</p>
        <Form method="post" noValidate>
          <TextInput
            name="policyVersion"
            label="Version"
            hint="The year and month it was agreed, for example 2027-09"
            defaultValue={data?.values?.policyVersion ?? ""}
            error={errors?.policyVersion?.[0]}
            widthClass="govuk-input--width-10"
            spellCheck={false}
          />
          <DateInput
            name="effectiveOn"
            legend="Date it takes effect"
            hint="Concerns opened on or after this date will follow it. It must be after today. For example, 1 9 2027"
            defaultValue={dateDefaults(data?.values, "effectiveOn")}
            error={errors?.effectiveOn?.[0]}
          />
          <Textarea name="changeSummary" label="What changes and why" rows={3} defaultValue={data?.values?.changeSummary ?? ""} error={errors?.changeSummary?.[0]} />
          {POLICY_GROUPS.map((group) => (
            <fieldset className="govuk-fieldset" key={group.legend}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">{group.legend}</legend>
              {group.fields.map((f) => (
                <TextInput
                  key={f.name}
                  name={f.name}
                  label={f.label}
                  hint={f.hint}
                  defaultValue={value(f.name)}
                  error={errors?.[f.name]?.[0]}
                  widthClass="govuk-input--width-4"
                  inputMode="numeric"
                  spellCheck={false}
                />
              ))}
            </fieldset>
          ))}
          <TextInput
            name="warningPercents"
            label="When to warn that a deadline is near"
            hint="Percentages of the time used, separated by commas, for example 50, 75, 90"
            defaultValue={value("warningPercents")}
            error={errors?.warningPercents?.[0]}
            widthClass="govuk-input--width-10"
            spellCheck={false}
          />
          <Button>Publish this version</Button>
        </Form>
      </div>
    </div>
  );
}
