import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, TextInput, type FieldErrors } from "../components/forms";
import { getPrisma } from "../utils/db.server";
import { redirectWithFlash } from "../utils/flash.server";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { confirmFormSchema, PARTNERS, type Partner, type RecordContent } from "../utils/register-forms";
import { childInScope, confirmPartnerPart, registerCapacity, RegisterRefusal } from "../utils/register.server";
import { requireUserWithPermission } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Confirm your part of the development record – Redress" }];

const PARTNER_OF = { health: "health", "local-service": "local-service", "social-care": "social-care" } as const satisfies Record<string, Partner>;

async function load(request: Request, childId: string) {
  const { user } = await requireUserWithPermission(request, "update:register");
  const capacity = registerCapacity(user);
  const partner = capacity === "health" || capacity === "local-service" || capacity === "social-care" ? PARTNER_OF[capacity] : null;
  const child = partner ? await childInScope(user, childId, "update") : null;
  if (!child || !partner) throw new Response("Not found", { status: 404 });
  const prisma = await getPrisma();
  const latest = await prisma.developmentRecordVersion.findFirst({
    where: { record: { childId: child.id } },
    orderBy: { number: "desc" },
    select: { id: true, number: true, content: true, confirmations: { select: { partner: true } } },
  });
  const part = latest ? (latest.content as unknown as RecordContent).support.find((s) => s.partner === partner) : undefined;
  return { user, child, partner, latest, part };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { child, partner, latest, part } = await load(request, params.childId ?? "");
  return json({
    child: { id: child.id, name: `${child.givenName} ${child.familyName}` },
    partner: PARTNERS.find((p) => p.partner === partner)?.label ?? partner,
    version: latest && part ? { id: latest.id, number: latest.number, part, confirmed: latest.confirmations.some((c) => c.partner === partner) } : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, child, partner } = await load(request, params.childId ?? "");
  const parsed = parseForm(confirmFormSchema, await readForm(request));
  if (!parsed.ok) return parsed.response;
  try {
    await confirmPartnerPart({ versionId: parsed.data.versionId, childId: child.id, partner, note: parsed.data.note }, { userId: user.id, name: user.name });
  } catch (error) {
    if (error instanceof RegisterRefusal) return badRequest({ form: [error.message] }, { note: parsed.data.note });
    throw error;
  }
  return redirectWithFlash(`/register/${child.id}`, { kind: "success", title: "Your part of the development record is confirmed" });
}

export default function ConfirmPart() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: FieldErrors; values?: Record<string, string> }>();
  return (
    <>
      <Link to={`/register/${d.child.id}`} className="govuk-back-link">
        Back
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <span className="govuk-caption-l">{d.child.name}</span>
          <h1 className="govuk-heading-l">Confirm your service's part of the development record</h1>
          {!d.version ? (
            <p className="govuk-body">The latest version of the record gives your service no part to confirm.</p>
          ) : d.version.confirmed ? (
            <p className="govuk-body">Your service has already confirmed its part of version {d.version.number}.</p>
          ) : (
            <>
              <dl className="govuk-summary-list">
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">{d.partner}: support</dt>
                  <dd className="govuk-summary-list__value">{d.version.part.provision}</dd>
                </div>
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">How much and how often</dt>
                  <dd className="govuk-summary-list__value">
                    {d.version.part.amount}, {d.version.part.frequency}
                  </dd>
                </div>
              </dl>
              <p className="govuk-body">By confirming, your service agrees to provide this support as version {d.version.number} of the record says.</p>
              <Form method="post" noValidate>
                <input type="hidden" name="versionId" value={d.version.id} />
                <TextInput name="note" label="Note for the setting and family (optional)" error={actionData?.errors?.note?.[0]} defaultValue={actionData?.values?.note} />
                <Button>Confirm our part</Button>
              </Form>
            </>
          )}
        </div>
      </div>
    </>
  );
}
