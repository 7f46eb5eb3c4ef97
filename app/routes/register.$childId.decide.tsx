import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DateInput, dateDefaults } from "../components/date-input";
import { Button, ChoiceGroup, ErrorSummary, Select, Textarea, TextInput, type FieldErrors } from "../components/forms";
import { londonDate } from "../utils/dates";
import { redirectWithFlash } from "../utils/flash.server";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { formatDate } from "../utils/format";
import { decisionFormSchema, OUTCOME_LABELS, PARTICIPANT_ROLES, REASON_ROWS, TOOK_PART, type OutcomeValue } from "../utils/register-forms";
import { childInScope, currentFramework, openRegisterRemedies, outcomesAllowed, recordRegisterDecision, registerCapacity, RegisterRefusal } from "../utils/register.server";
import { requireUserWithPermission } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Record a register decision – Redress" }];

async function load(request: Request, childId: string) {
  const { user } = await requireUserWithPermission(request, "update:register");
  // Register decisions are the setting's to take (with the family and the health lead).
  const child = registerCapacity(user) === "setting" ? await childInScope(user, childId, "update") : null;
  if (!child) throw new Response("Not found", { status: 404 });
  const [outcomes, framework, remedies] = await Promise.all([outcomesAllowed(child.id), currentFramework(), openRegisterRemedies(child.id, ["register-review"])]);
  if (!framework) throw new Response("No National Framework has been published yet.", { status: 409 });
  return { user, child, outcomes: outcomes as OutcomeValue[], framework, remedies };
}

const formContext = (ctx: Awaited<ReturnType<typeof load>>) => ({
  today: londonDate(),
  allowedOutcomes: ctx.outcomes,
  criteria: ctx.framework.items.filter((i) => i.kind === "criterion").map((i) => i.code),
  remedyChoices: ctx.remedies.map((r) => r.value),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await load(request, params.childId ?? "");
  return json({
    child: { id: ctx.child.id, name: `${ctx.child.givenName} ${ctx.child.familyName}`, setting: ctx.child.setting.name, status: ctx.child.registerStatus },
    outcomes: ctx.outcomes.map((o) => ({ value: o, label: OUTCOME_LABELS[o] })),
    criteria: ctx.framework.items.filter((i) => i.kind === "criterion").map((i) => ({ value: i.code, label: `${i.code} ${i.title}` })),
    framework: { number: ctx.framework.number, illustrative: ctx.framework.illustrative },
    remedies: ctx.remedies.map((r) => ({ value: r.value, label: `${r.caseRef}: ${r.description} (due ${formatDate(r.dueOn)})` })),
    today: londonDate(),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await load(request, params.childId ?? "");
  const formData = await readForm(request);
  const parsed = parseForm(decisionFormSchema(formContext(ctx)), formData);
  if (!parsed.ok) return parsed.response;
  const input = parsed.data;
  try {
    const decision = await recordRegisterDecision(
      {
        childId: ctx.child.id,
        outcome: input.outcome,
        decidedOn: input.decidedOn,
        nextReviewOn: input.nextReviewOn,
        participants: input.participants,
        evidence: input.evidence,
        reasons: input.reasons,
        summary: input.summary,
        remedyCaseId: input.remedyCaseId,
        remedyId: input.remedyId,
      },
      { userId: ctx.user.id, name: ctx.user.name },
    );
    return redirectWithFlash(`/register/${ctx.child.id}`, {
      kind: "success",
      title: `Decision ${decision.ref} recorded`,
      body: input.remedyId ? "The remedy on the concern is marked as done and links to this decision." : "The family can see it on the register page, with how to challenge it.",
    });
  } catch (error) {
    if (error instanceof RegisterRefusal) return badRequest({ form: [error.message] }, Object.fromEntries([...formData].map(([k, value]) => [k, String(value)])));
    throw error;
  }
}

export default function Decide() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: FieldErrors; values?: Record<string, string> }>();
  const errors = actionData?.errors;
  const v = (k: string) => actionData?.values?.[k];
  const onRegister = d.child.status === "on_register";
  return (
    <>
      <Link to={`/register/${d.child.id}`} className="govuk-back-link">
        Back to {d.child.name}'s register page
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{d.child.name}</span>
          <h1 className="govuk-heading-l">{onRegister ? "Record a review or decision" : "Record a register decision"}</h1>
          <p className="govuk-body">
            The setting decides with the family and, where health needs are involved, the health lead. Record who took part, the evidence and your reasons: the family will read
            this, and can challenge it.
          </p>
          <Form method="post" noValidate>
            <ChoiceGroup type="radio" name="outcome" legend="What was decided?" error={errors?.outcome?.[0]} defaultValue={v("outcome")} options={d.outcomes} />
            <DateInput
              name="decidedOn"
              legend="Date of the decision"
              hint={`For example, ${d.today.split("-").reverse().map(Number).join(" ")}`}
              error={errors?.decidedOn?.[0]}
              defaultValue={dateDefaults(actionData?.values, "decidedOn", actionData?.values ? undefined : d.today)}
            />
            <DateInput
              name="nextReviewOn"
              legend="Date of the next review"
              hint="Needed when the child is on the register after this decision. Reviews are held at least every 12 months."
              error={errors?.nextReviewOn?.[0]}
              defaultValue={dateDefaults(actionData?.values, "nextReviewOn")}
            />

            <h2 className="govuk-heading-m">Who was invited and who took part</h2>
            {PARTICIPANT_ROLES.map(({ role, label }) => (
              <div key={role}>
                <ChoiceGroup
                  type="radio"
                  name={`part-${role}`}
                  legend={label}
                  error={errors?.[`part-${role}`]?.[0]}
                  defaultValue={v(`part-${role}`)}
                  options={TOOK_PART.map((t) => ({ ...t }))}
                />
                <TextInput name={`name-${role}`} label={`Name of the ${label.toLowerCase()} (optional)`} error={errors?.[`name-${role}`]?.[0]} defaultValue={v(`name-${role}`)} />
              </div>
            ))}

            <h2 className="govuk-heading-m">Evidence and reasons</h2>
            <Textarea
              name="evidence"
              label="Evidence considered"
              hint="Describe it: reports, observations, the family's and the child's views. Do not paste medical records."
              error={errors?.evidence?.[0]}
              defaultValue={v("evidence")}
              rows={5}
            />
            <p className="govuk-body">
              Tie each reason to a register criterion of the National Framework (version {d.framework.number}
              {d.framework.illustrative ? ", illustrative" : ""}).{" "}
              <a className="govuk-link" href="/framework" target="_blank" rel="noreferrer">
                Read the criteria (opens in a new tab)
              </a>
            </p>
            {Array.from({ length: REASON_ROWS }, (_, index) => index + 1).map((i) => (
              <fieldset key={i} className="govuk-fieldset">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
                  Reason {i}
                  {i > 1 ? " (optional)" : ""}
                </legend>
                <Select
                  name={`reason-${i}-code`}
                  label="Register criterion"
                  error={errors?.[`reason-${i}-code`]?.[0]}
                  defaultValue={v(`reason-${i}-code`) ?? ""}
                  options={[{ value: "", label: "Choose a criterion" }, ...d.criteria]}
                />
                <Textarea name={`reason-${i}-text`} label="Reason" error={errors?.[`reason-${i}-text`]?.[0]} defaultValue={v(`reason-${i}-text`)} rows={3} />
              </fieldset>
            ))}
            <Textarea
              name="summary"
              label={onRegister ? "What the review found (optional)" : "Summary for the family (optional)"}
              error={errors?.summary?.[0]}
              defaultValue={v("summary")}
              rows={3}
            />
            {d.remedies.length ? (
              <ChoiceGroup
                type="radio"
                name="remedy"
                legend="Does this decision carry out a remedy?"
                hint="A concern was upheld with a remedy to retake the register decision. Choosing it marks the remedy done and links it to this decision."
                error={errors?.remedy?.[0]}
                defaultValue={v("remedy") ?? ""}
                options={[...d.remedies, { value: "", label: "No" }]}
              />
            ) : null}
            <Button>Record the decision</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
