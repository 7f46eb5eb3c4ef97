import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Button, ChoiceGroup, ErrorSummary, Select, Textarea, TextInput, type FieldErrors } from "../components/forms";
import { formatTerms, parseTerms, saveSetting } from "../utils/admin.server";
import { getPrisma } from "../utils/db.server";
import { redirectWithFlash } from "../utils/flash.server";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { MAX_LENGTH } from "../utils/limits";
import { requireUserWithPermission } from "../utils/session.server";

// Add or change a setting and its term dates (docs/decisions/008 and 020). Term dates drive the
// school-day clocks of the setting's NEW concerns; concerns already open keep the calendar they
// started with (it is stored in the case).

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
  terms: z.string().max(MAX_LENGTH.longText, "The term dates must be 5,000 characters or fewer").optional(),
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
  return json({ areas, setting: setting ? { ...setting, terms: formatTerms(setting.schoolTerms), schoolDays: Array.isArray(setting.schoolTerms) } : null });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, setting } = await load(request, params.settingId ?? "");
  const parsed = parseForm(settingSchema, await readForm(request));
  if (!parsed.ok) return parsed.response;
  let terms = null;
  if (parsed.data.calendar === "school-days") {
    const result = parseTerms(parsed.data.terms ?? "");
    if (!result.ok) return badRequest({ terms: [result.message] }, parsed.data);
    if (!result.terms.length) return badRequest({ terms: ["Enter the term dates, or choose working days"] }, parsed.data);
    terms = result.terms;
  }
  const saved = await saveSetting(
    user,
    setting?.id ?? null,
    { name: parsed.data.name, urn: parsed.data.urn, kind: parsed.data.kind, localAreaId: parsed.data.localAreaId, terms },
    request,
  );
  if (!saved.ok) return badRequest({ [saved.field]: [saved.message] }, parsed.data);
  return redirectWithFlash("/admin/settings", {
    kind: "success",
    title: `${parsed.data.name} saved`,
    body: "New concerns use these details. Concerns already open keep the calendar they started with.",
  });
}

export default function EditSetting() {
  const { areas, setting } = useLoaderData<typeof loader>();
  const data = useActionData<{ errors?: FieldErrors; values?: Record<string, string> }>();
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
          terms: setting.terms,
        }
      : {});
  return (
    <>
      <Link to="/admin/settings" className="govuk-back-link">
        Back to settings
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">{setting ? setting.name : "Add a setting"}</h1>
          <Form method="post" noValidate>
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
            <Textarea
              name="terms"
              label="Term dates (for school days)"
              hint="One term or half-term per line, first and last school day, for example: 2026-09-03 to 2026-10-23"
              error={errors?.terms?.[0]}
              defaultValue={values.terms}
              rows={10}
            />
            <Button>Save setting</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
