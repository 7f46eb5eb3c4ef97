import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ChoiceGroup, ErrorSummary, Textarea, TextInput, type FieldErrors } from "../components/forms";
import { getPrisma } from "../utils/db.server";
import { redirectWithFlash } from "../utils/flash.server";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { formatDate } from "../utils/format";
import { PARTNERS, recordFormSchema, type RecordContent } from "../utils/register-forms";
import { childInScope, openRegisterRemedies, registerCapacity, RegisterRefusal, saveRecordVersion } from "../utils/register.server";
import { requireUserWithPermission } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Development record – Redress" }];

async function load(request: Request, childId: string) {
  const { user } = await requireUserWithPermission(request, "update:register");
  const capacity = registerCapacity(user);
  // The setting writes the record; the family adds the child's views in their own words.
  const child = capacity === "setting" || capacity === "family" ? await childInScope(user, childId, "update") : null;
  if (!child) throw new Response("Not found", { status: 404 });
  const prisma = await getPrisma();
  const latest = await prisma.developmentRecordVersion.findFirst({
    where: { record: { childId: child.id } },
    orderBy: { number: "desc" },
    select: { number: true, content: true },
  });
  if (capacity === "family" && !latest) throw new Response("Not found", { status: 404 });
  const remedies = capacity === "setting" ? await openRegisterRemedies(child.id, ["record-revision"]) : [];
  return { user, child, editsAll: capacity === "setting", latest: latest ? { number: latest.number, content: latest.content as unknown as RecordContent } : null, remedies };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { child, editsAll, latest, remedies } = await load(request, params.childId ?? "");
  return json({
    child: { id: child.id, name: `${child.givenName} ${child.familyName}`, firstName: child.givenName },
    editsAll,
    latest,
    remedies: remedies.map((r) => ({ value: r.value, label: `${r.caseRef}: ${r.description} (due ${formatDate(r.dueOn)})` })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, child, editsAll, latest, remedies } = await load(request, params.childId ?? "");
  const formData = await readForm(request);
  const parsed = parseForm(recordFormSchema(editsAll), formData);
  if (!parsed.ok) return parsed.response;
  const data = parsed.data;
  const remedy = String(formData.get("remedy") ?? "");
  if (remedy && !remedies.some((r) => r.value === remedy))
    return badRequest({ remedy: ["Select a remedy from the list"] }, Object.fromEntries([...formData].map(([k, v]) => [k, String(v)])));
  const [remedyCaseId, remedyId] = remedy ? remedy.split(":") : [];
  const content: RecordContent = editsAll ? (data as RecordContent) : { ...(latest?.content as RecordContent), views: data.views, aspirations: data.aspirations };
  try {
    const { views, aspirations, needs, support, outcomes, transitions } = content;
    const version = await saveRecordVersion(
      { childId: child.id, content: { views, aspirations, needs, support, outcomes, transitions }, changeSummary: data.changeSummary, remedyCaseId, remedyId },
      { userId: user.id, name: user.name },
    );
    return redirectWithFlash(`/register/${child.id}`, {
      kind: "success",
      title: `Development record version ${version.number} saved`,
      body: editsAll ? "Partner agencies are asked to confirm their part of this version." : "The setting can see the views you added.",
    });
  } catch (error) {
    if (error instanceof RegisterRefusal) return badRequest({ form: [error.message] }, Object.fromEntries([...formData].map(([k, v]) => [k, String(v)])));
    throw error;
  }
}

export default function EditRecord() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: FieldErrors; values?: Record<string, string> }>();
  const errors = actionData?.errors;
  const values = actionData?.values;
  const current = d.latest?.content;
  const v = (k: string, fallback?: string) => values?.[k] ?? fallback;
  const support = (partner: string) => current?.support.find((s) => s.partner === partner);
  return (
    <>
      <Link to={`/register/${d.child.id}`} className="govuk-back-link">
        Back
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{d.child.name}</span>
          <h1 className="govuk-heading-l">{d.latest ? "Change the development record" : "Write the development record"}</h1>
          <p className="govuk-body">
            {d.editsAll
              ? "Write it with the family, the child or young person and the partner agencies. Every change is kept as a new version, with who made it and when."
              : `Add ${d.child.firstName}'s views and aspirations, in their own words. Your change is kept as a new version of the record.`}
          </p>
          <Form method="post" noValidate>
            <Textarea name="views" label={`${d.child.firstName}'s views, in their own words`} error={errors?.views?.[0]} defaultValue={v("views", current?.views)} rows={5} />
            <Textarea
              name="aspirations"
              label="Aspirations"
              hint="What they want to achieve or do next"
              error={errors?.aspirations?.[0]}
              defaultValue={v("aspirations", current?.aspirations)}
              rows={3}
            />
            {d.editsAll ? (
              <>
                <Textarea name="needs" label="Needs" error={errors?.needs?.[0]} defaultValue={v("needs", current?.needs)} rows={4} />
                <h2 className="govuk-heading-m">Support each partner provides</h2>
                <p className="govuk-body">Leave a partner blank if they provide nothing. Health, social care and the local service confirm their own part.</p>
                {PARTNERS.map(({ partner, label }) => (
                  <fieldset key={partner} className="govuk-fieldset">
                    <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{label}</legend>
                    <Textarea
                      name={`support-${partner}-provision`}
                      label="Support"
                      error={errors?.[`support-${partner}-provision`]?.[0]}
                      defaultValue={v(`support-${partner}-provision`, support(partner)?.provision)}
                      rows={2}
                    />
                    <TextInput
                      name={`support-${partner}-amount`}
                      label="How much"
                      hint="For example, 30 minutes"
                      error={errors?.[`support-${partner}-amount`]?.[0]}
                      defaultValue={v(`support-${partner}-amount`, support(partner)?.amount)}
                    />
                    <TextInput
                      name={`support-${partner}-frequency`}
                      label="How often"
                      hint="For example, twice a week"
                      error={errors?.[`support-${partner}-frequency`]?.[0]}
                      defaultValue={v(`support-${partner}-frequency`, support(partner)?.frequency)}
                    />
                  </fieldset>
                ))}
                <Textarea name="outcomes" label="Outcomes sought" error={errors?.outcomes?.[0]} defaultValue={v("outcomes", current?.outcomes)} rows={4} />
                <Textarea
                  name="transitions"
                  label="Transitions (optional)"
                  hint="Moves between rooms, classes, phases or settings, and how they will be supported"
                  error={errors?.transitions?.[0]}
                  defaultValue={v("transitions", current?.transitions)}
                  rows={3}
                />
                {d.remedies.length ? (
                  <ChoiceGroup
                    type="radio"
                    name="remedy"
                    legend="Does this change carry out a remedy?"
                    hint="A concern was upheld with a remedy to revise the development record."
                    error={errors?.remedy?.[0]}
                    defaultValue={v("remedy", "")}
                    options={[...d.remedies, { value: "", label: "No" }]}
                  />
                ) : null}
              </>
            ) : null}
            <Textarea name="changeSummary" label="What did you change, and why?" error={errors?.changeSummary?.[0]} defaultValue={v("changeSummary")} rows={2} />
            <Button>Save a new version</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
