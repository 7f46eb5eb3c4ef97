import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DEFAULT_POLICY } from "../../machines";
import { ISSUE_CATEGORIES, ROUTES } from "../../machines/route";
import { CharacterCount } from "../components/character-count";
import { DateInput, dateDefaults } from "../components/date-input";
import { KitForm, useFormKit } from "../components/form-kit";
import { Button, ChoiceGroup } from "../components/forms";
import { applyStep, firstUnanswered, isStep, nextStep, previousStep, STEP_SCHEMAS, stepsFor, type DraftAnswers, type JourneyContext, type Step } from "../utils/concern-journey";
import { DRAFT_DAYS, findDraft, journeyContext, saveAnswers } from "../utils/concern-drafts.server";
import { redirectWithFlash } from "../utils/flash.server";
import { formatDate } from "../utils/format";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { ISSUE_CATEGORY_NAMES, issueCategoryText } from "../utils/issue-categories";
import { MAX_LENGTH } from "../utils/limits";
import { requireUserWithPermission } from "../utils/session.server";

// One question page of raising a concern (docs/decisions/025): GET shows the saved answer, POST
// checks it with the page's schema (STEP_SCHEMAS, the same in the browser), saves it in the draft
// and redirects to the next page, or back to check your answers when changing one answer.

const TITLES: Record<Step, (youngPerson: boolean) => string> = {
  child: () => "Who is the concern about?",
  about: () => "What is your concern about?",
  decision: () => "Is your concern about one of these register decisions?",
  details: () => "Describe your concern",
  outcome: () => "What would you like to happen? (optional)",
  health: (yp) => (yp ? "Are health services involved in your support?" : "Are health services involved in your child's support?"),
  aware: () => "When did you first find out about this? (optional)",
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Raise a concern"} – Raise a concern – Redress` }];

async function load(request: Request, params: { draftId?: string; step?: string }) {
  const { user } = await requireUserWithPermission(request, "create:concern");
  const draft = await findDraft(user.id, (params.draftId ?? "").slice(0, MAX_LENGTH.id));
  if (!draft) throw new Response("This concern is not here: it may have been sent or deleted, or it is not yours.", { status: 404, statusText: "Not Found" });
  if (draft.concernRef) throw redirect(`/concerns/new/${draft.id}/sent`);
  const ctx = await journeyContext(user, draft.answers);
  return { user, draft, ctx };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft, ctx } = await load(request, params);
  const changing = new URL(request.url).searchParams.get("change") === "1";
  const step = params.step;
  if (step === "continue") return redirect(`/concerns/new/${draft.id}/${firstUnanswered(draft.answers, ctx)}`);
  if (!isStep(step)) throw new Response("There is no such question.", { status: 404, statusText: "Not Found" });
  // A page this person does not see (one child; no register decisions): on to the next one.
  if (!ctx.children.length) return redirect("/concerns/new");
  if ((step === "child" && ctx.children.length < 2) || (step === "decision" && !ctx.decisions.length)) {
    return redirect(`/concerns/new/${draft.id}/${nextStep(step, draft.answers, ctx, changing)}${changing ? "?change=1" : ""}`);
  }
  const back = changing ? "check" : previousStep(step, ctx);
  return json({
    draftId: draft.id,
    step,
    title: TITLES[step](ctx.youngPerson),
    answers: draft.answers,
    ctx,
    changing,
    back: back ? `/concerns/new/${draft.id}/${back}` : "/concerns/new",
    keepUntil: formatDate(new Date(Date.now() + DRAFT_DAYS * 86_400_000)),
    timeLimitMonths: DEFAULT_POLICY.national.timeLimitMonths,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, draft, ctx } = await load(request, params);
  const step = params.step;
  // Only the pages this person is asked (no "which child" with one child, no decision page without decisions).
  if (!isStep(step) || !stepsFor(ctx).includes(step)) throw new Response("There is no such question.", { status: 404, statusText: "Not Found" });
  const form = await readForm(request);
  const parsed = parseForm(STEP_SCHEMAS[step], form);
  if (!parsed.ok) return parsed.response;
  const data = parsed.data as Record<string, unknown>;
  // Rules the browser cannot check: only the person's own children, only decisions about the chosen child.
  if (step === "child" && !ctx.children.some((c) => c.id === data.childId)) return badRequest({ childId: ["Select the child or young person"] }, data);
  if (step === "decision" && data.challengesDecisionId !== null && !ctx.decisions.some((d) => d.value === data.challengesDecisionId)) {
    return badRequest({ challengesDecisionId: ["Select the decision your concern is about, or that it is not about one decision"] }, data);
  }
  const answers = applyStep(draft.answers, step, data);
  if (!(await saveAnswers(user.id, draft.id, answers))) throw redirect(`/concerns/new/${draft.id}/sent`);
  if (form.get("intent") === "later") {
    return redirectWithFlash("/dashboard", {
      kind: "success",
      title: "Your answers are saved",
      body: `Your concern has not been sent yet. You can continue it from your home page until ${formatDate(new Date(Date.now() + DRAFT_DAYS * 86_400_000))}.`,
    });
  }
  const changing = form.get("change") === "1";
  const next = nextStep(step, answers, await journeyContext(user, answers), changing);
  return redirect(`/concerns/new/${draft.id}/${next}${changing && next !== "check" ? "?change=1" : ""}`);
}

export default function QuestionPage() {
  // Every step is this one route: a fresh form per step, or the browser would carry one step's
  // typed answer (and react-hook-form its state) into the next step's field in the same place.
  const { step } = useLoaderData<typeof loader>();
  return <StepPage key={step} />;
}

function StepPage() {
  const { step, title, answers, ctx, changing, back, keepUntil, timeLimitMonths } = useLoaderData<typeof loader>();
  const kit = useFormKit(STEP_SCHEMAS[step], useActionData<typeof action>());
  return (
    <>
      <Link to={back} className="govuk-back-link">
        Back
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <KitForm kit={kit} heading={<span className="govuk-caption-l">Raise a concern</span>}>
            {changing ? <input type="hidden" name="change" value="1" /> : null}
            <Question step={step} title={title} kit={kit} answers={answers} ctx={ctx} timeLimitMonths={timeLimitMonths} />
            <div className="govuk-button-group">
              <Button>{changing ? "Save and return to your answers" : "Continue"}</Button>
              <Button secondary name="intent" value="later">
                Save and come back later
              </Button>
            </div>
            <p className="govuk-body govuk-!-font-size-16">Your answers are kept until {keepUntil}. Nothing is sent until you check your answers and send them.</p>
          </KitForm>
        </div>
      </div>
    </>
  );
}

function Question({
  step,
  title,
  kit,
  answers,
  ctx,
  timeLimitMonths,
}: {
  step: Step;
  title: string;
  kit: ReturnType<typeof useFormKit>;
  answers: DraftAnswers;
  ctx: JourneyContext;
  timeLimitMonths: number;
}) {
  switch (step) {
    case "child": {
      const field = kit.choice("childId");
      return (
        <ChoiceGroup
          type="radio"
          {...field}
          legendIsHeading
          legend={title}
          defaultValue={field.defaultValue ?? answers.childId}
          options={ctx.children.map((c) => ({ value: c.id, label: c.name, hint: c.setting }))}
        />
      );
    }
    case "about": {
      const field = kit.choice("categories");
      return (
        <>
          <h1 className="govuk-heading-l">{title}</h1>
          {ctx.recordVersion ? <div className="govuk-inset-text">This concern is about {ctx.recordVersion.label}.</div> : null}
          <p className="govuk-body">Choose everything that applies. A concern about how a decision was made and one about the support itself are answered separately.</p>
          {ROUTES.map((route) => (
            <ChoiceGroup
              key={route}
              id={route === "process" ? undefined : `field-categories-${route}`}
              type="checkbox"
              {...field}
              defaultValue={field.defaultValue ?? answers.categories}
              legend={route === "process" ? "Is it about how a decision was made?" : "Is it about the support itself?"}
              hint="Select all that apply"
              error={route === "process" ? field.error : undefined}
              options={ISSUE_CATEGORY_NAMES.filter((c) => ISSUE_CATEGORIES[c] === route).map((c) => {
                const text = issueCategoryText(c, ctx.youngPerson);
                return { value: c, label: text.label, hint: text.hint || undefined };
              })}
            />
          ))}
        </>
      );
    }
    case "decision": {
      const field = kit.choice("challengesDecisionId");
      const saved = answers.answered?.includes("decision") || answers.challengesDecisionId ? (answers.challengesDecisionId ?? "none") : undefined;
      return (
        <ChoiceGroup
          type="radio"
          {...field}
          legendIsHeading
          legend={title}
          hint="Choose the decision you are challenging, so whoever answers can look at exactly that decision"
          defaultValue={field.defaultValue ?? saved}
          options={[...ctx.decisions, { value: "none", label: "No, it is not about one decision" }]}
        />
      );
    }
    case "details": {
      const field = kit.field("summary");
      return (
        <CharacterCount
          {...field}
          labelIsHeading
          label={title}
          hint="What happened, when, and who was involved. Do not include medical records."
          rows={10}
          maxLength={MAX_LENGTH.longText}
          defaultValue={field.defaultValue ?? answers.summary}
        />
      );
    }
    case "outcome": {
      const field = kit.field("outcomeWanted");
      return (
        <CharacterCount
          {...field}
          labelIsHeading
          label={title}
          hint="For example, a meeting, an apology, or a change to the support. Whoever answers your concern will say what they can do."
          rows={6}
          maxLength={MAX_LENGTH.longText}
          defaultValue={field.defaultValue ?? answers.outcomeWanted}
        />
      );
    }
    case "health": {
      const field = kit.choice("healthInvolved");
      return (
        <ChoiceGroup
          type="radio"
          {...field}
          legendIsHeading
          legend={title}
          hint="If yes, the health partner will answer your concern together with the setting or local service"
          defaultValue={field.defaultValue ?? answers.healthInvolved}
          options={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
          ]}
        />
      );
    }
    case "aware": {
      const field = kit.field("awarenessDate");
      return (
        <DateInput
          name="awarenessDate"
          error={field.error}
          legendIsHeading
          legend={title}
          hint={`For example, 14 9 2026. National bodies normally look at concerns raised within ${timeLimitMonths} months of finding out.`}
          defaultValue={dateDefaults(kit.values, "awarenessDate", answers.awarenessDate)}
        />
      );
    }
  }
}
