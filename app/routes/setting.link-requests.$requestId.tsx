import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Button, ChoiceGroup, ErrorSummary, Textarea, type FieldErrors } from "../components/forms";
import { redirectWithFlash } from "../utils/flash.server";
import { formatDate } from "../utils/format";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { MAX_LENGTH } from "../utils/limits";
import { decideLinkRequest, linkRequestForSetting } from "../utils/links.server";
import { requireUserWithPermission } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Decide a link request – Redress" }];

export const decideLinkSchema = z
  .object({
    decision: z
      .string()
      .regex(/^(refuse|confirm:[\w-]{1,64})$/, "Select the child to link, or refuse the request")
      .optional(),
    reason: z.string().trim().max(MAX_LENGTH.longText, "The reason must be 5,000 characters or fewer").optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.decision) ctx.addIssue({ code: "custom", path: ["decision"], message: "Select the child to link, or refuse the request" });
    if (v.decision === "refuse" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Give the reason for refusing: the person will read it" });
  });

async function load(request: Request, requestId: string) {
  const { user } = await requireUserWithPermission(request, "update:link");
  if (!user.settingId) throw new Response("Not found", { status: 404 });
  const found = await linkRequestForSetting(user.settingId, requestId);
  if (!found) throw new Response("Not found", { status: 404 });
  return { user, found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found } = await load(request, params.requestId ?? "");
  const r = found.request;
  return json({
    id: r.id,
    status: r.status,
    requester: found.requester,
    child: `${r.childGivenName} ${r.childFamilyName}`,
    born: r.childDateOfBirth,
    relationship: r.relationship,
    asked: r.createdAt,
    candidates: found.candidates.map((c) => ({
      id: c.id,
      label: `${c.givenName} ${c.familyName}`,
      hint: `Born ${formatDate(c.dateOfBirth)}, register reference ${c.registerRef}${c.guardians.length ? `; already linked: ${c.guardians.map((g) => `${g.user.name} (${g.relationship})`).join(", ")}` : ""}`,
    })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, found } = await load(request, params.requestId ?? "");
  const parsed = parseForm(decideLinkSchema, await readForm(request));
  if (!parsed.ok) return parsed.response;
  const { decision, reason } = parsed.data;
  let ok: boolean;
  if (decision === "refuse") {
    ok = await decideLinkRequest(user, found.request.id, { decision: "refuse", reason: reason ?? "" }, request);
  } else {
    const childId = (decision ?? "").slice("confirm:".length);
    if (!found.candidates.some((c) => c.id === childId)) return badRequest({ decision: ["Select the child to link, or refuse the request"] }, parsed.data);
    ok = await decideLinkRequest(user, found.request.id, { decision: "confirm", childId }, request);
  }
  if (!ok) return badRequest({ form: ["This request has already been decided"] }, {}, 409);
  return redirectWithFlash(
    "/setting/link-requests",
    decision === "refuse"
      ? { kind: "success", title: "Request refused", body: "We have emailed the person your reason." }
      : { kind: "success", title: "Link confirmed", body: "They can now raise and follow concerns about the child." },
  );
}

export default function DecideLink() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<{ errors?: FieldErrors; values?: Record<string, string> }>();
  const errors = data?.errors;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Link request from {d.requester?.name}</h1>
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Email address</dt>
            <dd className="govuk-summary-list__value">{d.requester?.email}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Child they named</dt>
            <dd className="govuk-summary-list__value">
              {d.child}, born {formatDate(d.born)}
            </dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Relationship</dt>
            <dd className="govuk-summary-list__value">{d.relationship}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Asked on</dt>
            <dd className="govuk-summary-list__value">{formatDate(d.asked)}</dd>
          </div>
        </dl>
        {d.status !== "pending" ? (
          <p className="govuk-body">This request has already been decided.</p>
        ) : (
          <Form method="post" noValidate>
            <ChoiceGroup
              type="radio"
              name="decision"
              legend="Your decision"
              hint={
                d.candidates.length
                  ? "Children at your setting born on that day. Check the person's identity and relationship first."
                  : "No child at your setting was born on that day: refuse and explain, or ask the person to correct their request."
              }
              error={errors?.decision?.[0]}
              defaultValue={data?.values?.decision}
              options={[...d.candidates.map((c) => ({ value: `confirm:${c.id}`, label: `Link to ${c.label}`, hint: c.hint })), { value: "refuse", label: "Refuse the request" }]}
            />
            <Textarea
              name="reason"
              label="Reason for refusing (if you refuse)"
              hint="The person will read this. Say what they can do next."
              error={errors?.reason?.[0]}
              defaultValue={data?.values?.reason}
            />
            <Button>Save decision</Button>
          </Form>
        )}
        <p className="govuk-body">
          <Link className="govuk-link" to="/setting/link-requests">
            Back to link requests
          </Link>
        </p>
      </div>
    </div>
  );
}
