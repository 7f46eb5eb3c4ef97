import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DateInput, dateDefaults } from "../components/date-input";
import { Button, ChoiceGroup, ErrorSummary, Select, TextInput, type FieldErrors } from "../components/forms";
import { saveSetting } from "../utils/admin.server";
import { getPrisma } from "../utils/db.server";
import { redirectWithFlash } from "../utils/flash.server";
import { checkForm } from "../utils/form-check";
import { badRequest, readForm } from "../utils/forms.server";
import { MAX_LENGTH } from "../utils/limits";
import { fieldId } from "../utils/nested-fields";
import { requireUserWithPermission } from "../utils/session.server";
import { applyTermIntent, MAX_TERMS, termDatesSchema, termFields, termIntent, termRowCount } from "../utils/term-forms";

// Add or change a setting and its term dates (docs/decisions/008 and 020). Term dates drive the
// school-day clocks of the setting's NEW concerns; concerns already open keep the calendar they
// started with (it is stored in the case). Each term is a row of two GOV.UK date inputs; "Add
// another term" and "Remove" are submit buttons the action answers without saving (utils/term-forms.ts).

export const meta: MetaFunction = () => [{ title: "Setting – Redress" }];

const KINDS = [
  { value: "nursery", label: "Nursery or early years" },
  { value: "primary", label: "Primary school" },
  { value: "secondary", label: "Secondary school" },
  { value: "special", label: "Special school" },
  { value: "college", label: "College" },
] as const;

export const settingSchema = z.object({
  name: z.string({ error: "Enter the setting's name" }).trim().min(1, "Enter the setting's name").max(MAX_LENGTH.name, `The name must be ${MAX_LENGTH.name} characters or fewer`),
  urn: z
    .string({ error: "Enter the URN" })
    .trim()
    .regex(/^\d{6,8}$/, "Enter the URN: 6 to 8 digits, for example 107954"),
  kind: z.enum(["nursery", "primary", "secondary", "special", "college"], { error: "Select the kind of setting" }),
  localAreaId: z.string({ error: "Select the local area" }).min(1, "Select the local area").max(MAX_LENGTH.id, "Select the local area"),
  calendar: z.enum(["working-days", "school-days"], { error: "Select how the setting counts its deadlines" }),
});

async function load(request: Request, settingId: string) {
  const { user } = await requireUserWithPermission(request, "update:setting");
  const prisma = await getPrisma();
  const areas = await prisma.localArea.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  if (settingId === "new") return { user, areas, setting: null };
  if (!/^[\w-]{1,64}$/.test(settingId)) throw new Response("Not found", { status: 404 });
  const setting = await prisma.setting.findUnique({ where: { id: settingId }, select: { id: true, name: true, urn: true, kind: true, localAreaId: true, schoolTerms: true } });
  if (!setting) throw new Response("Not found", { status: 404 });
  return { user, areas, setting };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { areas, setting } = await load(request, params.settingId ?? "");
  return json({ areas, setting: setting ? { ...setting, terms: termFields(setting.schoolTerms), schoolDays: Array.isArray(setting.schoolTerms) } : null });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, setting } = await load(request, params.settingId ?? "");
  const form = await readForm(request);
  const posted = Object.fromEntries([...form.entries()].flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
  // "Add another term" or "Remove": the same form again, one row more or less, nothing saved.
  const intent = termIntent(form.get("intent"));
  if (intent) return json({ values: applyTermIntent(posted, intent) });
  const parsed = checkForm(settingSchema, form);
  const terms = checkForm(termDatesSchema, form);
  if (!parsed.ok || !terms.ok) return badRequest({ ...(parsed.ok ? {} : parsed.errors), ...(terms.ok ? {} : terms.errors) }, posted);
  const saved = await saveSetting(
    user,
    setting?.id ?? null,
    { name: parsed.data.name, urn: parsed.data.urn, kind: parsed.data.kind, localAreaId: parsed.data.localAreaId, terms: terms.data },
    request,
  );
  if (!saved.ok) return badRequest({ [saved.field]: [saved.message] }, posted);
  return redirectWithFlash("/admin/settings", {
    kind: "success",
    title: `${parsed.data.name} saved`,
    body: "New concerns use these details. Concerns already open keep the calendar they started with.",
  });
}

export default function EditSetting() {
  const { areas, setting } = useLoaderData<typeof loader>();
  const data = useActionData<{ errors?: FieldErrors; values?: Record<string, string> }>();
  // Values echoed by the action, else the setting as saved (a new setting starts with one empty term).
  const errors = data?.errors;
  const values =
    data?.values ??
    (setting
      ? {
          name: setting.name,
          urn: setting.urn,
          kind: setting.kind,
          localAreaId: setting.localAreaId,
          calendar: setting.schoolDays ? "school-days" : "working-days",
          ...setting.terms,
        }
      : { termRows: "1" });
  return (
    <>
      <Link to="/admin/settings" className="govuk-back-link">
        Back to settings
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">{setting ? setting.name : "Add a setting"}</h1>
          {/* A full page load for every post: "Add another term" and "Remove" land on the row they changed. */}
          <Form method="post" noValidate reloadDocument>
            <TextInput name="name" label="Name" defaultValue={values.name} error={errors?.name?.[0]} />
            <TextInput
              name="urn"
              label="Unique reference number (URN)"
              hint="From Get Information about Schools"
              defaultValue={values.urn}
              error={errors?.urn?.[0]}
              widthClass="govuk-input--width-10"
              inputMode="numeric"
            />
            <ChoiceGroup
              type="radio"
              name="kind"
              legend="Kind of setting"
              error={errors?.kind?.[0]}
              defaultValue={values.kind}
              options={KINDS.map((k) => ({ value: k.value, label: k.label }))}
            />
            <Select
              name="localAreaId"
              label="Local area"
              error={errors?.localAreaId?.[0]}
              defaultValue={values.localAreaId ?? ""}
              options={[{ value: "", label: "Select a local area" }, ...areas.map((a) => ({ value: a.id, label: a.name }))]}
            />
            <ChoiceGroup
              type="radio"
              name="calendar"
              legend="How does the setting count its deadlines?"
              hint="This applies to concerns raised from now on. Concerns already open keep the calendar they started with."
              error={errors?.calendar?.[0]}
              defaultValue={values.calendar ?? "working-days"}
              options={[
                { value: "working-days", label: "Working days", hint: "Monday to Friday, not bank holidays" },
                {
                  value: "school-days",
                  label: "School days",
                  hint: "Only days in the term dates below. If the dates do not cover a concern's deadlines, it falls back to working days and you are told.",
                },
              ]}
            />
            <TermRows values={values} errors={errors} />
            <Button>Save setting</Button>
          </Form>
        </div>
      </div>
    </>
  );
}

/** The term dates: a first and a last school day per term, as many terms as needed (GOV.UK add-another). */
function TermRows({ values, errors }: { values: Record<string, string | undefined>; errors?: FieldErrors }) {
  const rows = Math.max(1, termRowCount(values));
  return (
    <div className="redress-add-another">
      <h2 className="govuk-heading-m" id={fieldId("terms")} tabIndex={-1}>
        Term dates (for school days)
      </h2>
      <p className="govuk-body">Give the first and last school day of each term or half-term, for example 3 9 2026 and 23 10 2026. Leave them empty for working days.</p>
      <input type="hidden" name="termRows" value={rows} />
      {Array.from({ length: rows }, (_, i) => i + 1).map((row) => (
        <fieldset className="govuk-fieldset redress-add-another__item" id={fieldId(`term-${row}`)} key={row}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Term {row}</legend>
          {(["start", "end"] as const).map((field) => {
            const name = `term-${row}-${field}`;
            return (
              <DateInput
                key={field}
                name={name}
                legend={field === "start" ? "First school day" : "Last school day"}
                legendSize="s"
                defaultValue={dateDefaults(values, name)}
                error={errors?.[name]?.[0]}
              />
            );
          })}
          <button
            type="submit"
            name="intent"
            value={`remove-term-${row}`}
            formNoValidate
            formAction={`#${fieldId("terms")}`}
            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-4"
            data-module="govuk-button"
          >
            Remove<span className="govuk-visually-hidden"> term {row}</span>
          </button>
        </fieldset>
      ))}
      {rows < MAX_TERMS ? (
        <button
          type="submit"
          name="intent"
          value="add-term"
          formNoValidate
          formAction={`#${fieldId(`term-${rows + 1}`)}`}
          className="govuk-button govuk-button--secondary"
          data-module="govuk-button"
        >
          Add another term
        </button>
      ) : (
        <p className="govuk-body">You have added {MAX_TERMS} terms, the most one setting can have.</p>
      )}
    </div>
  );
}
