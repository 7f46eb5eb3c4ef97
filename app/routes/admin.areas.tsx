import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Button, ErrorSummary, TextInput, type FieldErrors } from "../components/forms";
import { saveArea } from "../utils/admin.server";
import { getPrisma } from "../utils/db.server";
import { redirectWithFlash } from "../utils/flash.server";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { MAX_LENGTH } from "../utils/limits";
import { requireUserWithPermission } from "../utils/session.server";

// Local areas (local authorities), for administrators. Audited like every administrative change.

export const meta: MetaFunction = () => [{ title: "Local areas – Redress" }];

export const areaSchema = z.object({
  code: z
    .string({ error: "Enter the area code" })
    .trim()
    .toUpperCase()
    .regex(/^[EWSN]\d{8}$/, "Enter the ONS code: a letter and 8 digits, for example E08000035"),
  name: z.string({ error: "Enter the area's name" }).trim().min(1, "Enter the area's name").max(MAX_LENGTH.name, `The name must be ${MAX_LENGTH.name} characters or fewer`),
  region: z.string({ error: "Enter the region" }).trim().min(1, "Enter the region").max(MAX_LENGTH.name, `The region must be ${MAX_LENGTH.name} characters or fewer`),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "update:setting");
  const prisma = await getPrisma();
  const areas = await prisma.localArea.findMany({ select: { id: true, code: true, name: true, region: true, _count: { select: { settings: true } } }, orderBy: { name: "asc" } });
  return json({ areas: areas.map((a) => ({ id: a.id, code: a.code, name: a.name, region: a.region, settings: a._count.settings })) });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "update:setting");
  const parsed = parseForm(areaSchema, await readForm(request));
  if (!parsed.ok) return parsed.response;
  const saved = await saveArea(user, null, parsed.data, request);
  if (!saved.ok) return badRequest({ [saved.field]: [saved.message] }, parsed.data);
  return redirectWithFlash("/admin/areas", { kind: "success", title: `${parsed.data.name} added` });
}

export default function Areas() {
  const { areas } = useLoaderData<typeof loader>();
  const data = useActionData<{ errors?: FieldErrors; values?: Record<string, string> }>();
  const errors = data?.errors;
  return (
    <>
      <Link to="/admin/settings" className="govuk-back-link">
        Back to settings
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">Local areas</h1>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">{areas.length} local areas</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Name
                </th>
                <th scope="col" className="govuk-table__header">
                  Code
                </th>
                <th scope="col" className="govuk-table__header">
                  Region
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Settings
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {areas.map((a) => (
                <tr key={a.id} className="govuk-table__row">
                  <td className="govuk-table__cell">{a.name}</td>
                  <td className="govuk-table__cell">{a.code}</td>
                  <td className="govuk-table__cell">{a.region}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{a.settings}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2 className="govuk-heading-m">Add a local area</h2>
          <Form method="post" noValidate>
            <TextInput
              name="code"
              label="ONS code"
              hint="For example, E08000035"
              defaultValue={data?.values?.code}
              error={errors?.code?.[0]}
              widthClass="govuk-input--width-10"
              spellCheck={false}
            />
            <TextInput name="name" label="Name" defaultValue={data?.values?.name} error={errors?.name?.[0]} />
            <TextInput name="region" label="Region" defaultValue={data?.values?.region} error={errors?.region?.[0]} />
            <Button>Add local area</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
