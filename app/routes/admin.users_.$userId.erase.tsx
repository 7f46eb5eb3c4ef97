import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Button, ErrorSummary, Textarea, type FieldErrors } from "../components/forms";
import { getPrisma } from "../utils/db.server";
import { erasePerson } from "../utils/erasure.server";
import { redirectWithFlash } from "../utils/flash.server";
import { badRequest, parseForm } from "../utils/forms.server";
import { requireUserWithPermission } from "../utils/session.server";

// An administrator erases a person's data on request: pseudonymised, statistics unchanged, the
// case log kept as the legal record (docs/decisions/010). Audited with the reason given.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Erase ${data?.name ?? "account"} – Redress` }];

async function loadTarget(request: Request, userId: string) {
  const { user } = await requireUserWithPermission(request, "update:user");
  const prisma = await getPrisma();
  const target = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, erasedAt: true, _count: { select: { concernsRaised: true } } },
  });
  if (!target) throw new Response("Not found", { status: 404 });
  return { user, target, prisma };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = await loadTarget(request, params.userId ?? "");
  return json({ id: target.id, name: target.name, email: target.email, erased: Boolean(target.erasedAt), concerns: target._count.concernsRaised });
}

const eraseSchema = z.object({
  reason: z
    .string({ error: "Enter why this person's data is being erased" })
    .trim()
    .min(10, "Enter why this person's data is being erased, for example the date and way the request came in")
    .max(500, "The reason must be 500 characters or fewer"),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, target, prisma } = await loadTarget(request, params.userId ?? "");
  if (target.id === user.id) return badRequest({ form: ["You cannot erase your own account. Ask another administrator."] });
  if (target.erasedAt) return badRequest({ form: ["This person's data has already been erased."] });
  const parsed = parseForm(eraseSchema, await request.formData());
  if (!parsed.ok) return parsed.response;
  await erasePerson(prisma, target.id, { actorId: user.id, reason: parsed.data.reason, request });
  return redirectWithFlash("/admin/users", {
    kind: "success",
    title: "Personal data erased",
    body: `${target.name}'s account now shows as a pseudonym. Statistics are unchanged.`,
  });
}

export default function EraseUser() {
  const d = useLoaderData<typeof loader>();
  const errors = useActionData<{ errors: FieldErrors }>()?.errors;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Erase {d.name}’s personal data</h1>
        {d.erased ? (
          <p className="govuk-body">This person’s data has already been erased.</p>
        ) : (
          <>
            <p className="govuk-body">Erasing {d.email}:</p>
            <ul className="govuk-list govuk-list--bullet">
              <li>replaces their name and email address with a pseudonym and closes the account for good;</li>
              <li>deletes their sessions and sign-in attempts, and the copies of emails sent to them;</li>
              <li>
                removes the summary of the {d.concerns} concern{d.concerns === 1 ? "" : "s"} they raised.
              </li>
            </ul>
            <p className="govuk-body">
              The history of each case is kept as the record of the complaint until the end of its retention period; pages show this person by their pseudonym. Statistics do not
              change.
            </p>
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                This cannot be undone.
              </strong>
            </div>
            <Form method="post" noValidate>
              <Textarea
                name="reason"
                label="Why are you erasing this data?"
                hint="For example: erasure request by email on 27 November 2026"
                rows={3}
                error={errors?.reason?.[0]}
              />
              <Button warning>Erase personal data</Button>
            </Form>
          </>
        )}
        <p className="govuk-body">
          <Link className="govuk-link" to="/admin/users">
            Back to accounts
          </Link>
        </p>
      </div>
    </div>
  );
}
