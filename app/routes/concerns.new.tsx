import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { clockKey, DEFAULT_POLICY, ISSUE_CATEGORIES, ROUTES, viewCase, type IssueCategory } from "../../machines";
import { KitForm, useFormKit } from "../components/form-kit";
import { Button, ChoiceGroup, Select, Textarea, TextInput } from "../components/forms";
import { CATEGORY_FOR_OUTCOME, challengeableDecisions, challengeableRecordVersion } from "../utils/register-challenges.server";
import { raiseConcernForChild } from "../utils/concerns.server";
import { getPrisma } from "../utils/db.server";
import { childrenOfUser } from "../utils/representation-scope";
import { redirectWithFlash } from "../utils/flash.server";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { concernSchema } from "../utils/page-forms";
import { ISSUE_CATEGORY_NAMES, issueCategoryText } from "../utils/issue-categories";
import { requireUserWithPermission } from "../utils/session.server";
import { formatDate } from "../utils/format";

export const meta: MetaFunction = () => [{ title: "Raise a concern – Redress" }];

async function childrenOf(userId: string) {
  const prisma = await getPrisma();
  return prisma.child.findMany({
    where: childrenOfUser(userId),
    select: { id: true, givenName: true, familyName: true, setting: { select: { name: true } } },
    orderBy: { givenName: "asc" },
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "create:concern");
  const children = await childrenOf(user.id);
  const url = new URL(request.url);
  const decisions = await challengeableDecisions(children.map((c) => c.id));
  const decision = decisions.find((d) => d.id === url.searchParams.get("decision"));
  const recordVersion = await challengeableRecordVersion(
    children.map((c) => c.id),
    url.searchParams.get("recordVersion"),
  );
  const category = ISSUE_CATEGORY_NAMES.find((c) => c === url.searchParams.get("category"));
  const childId = decision?.childId ?? recordVersion?.childId ?? children.find((c) => c.id === url.searchParams.get("childId"))?.id;
  return json({
    children,
    youngPerson: user.roles.some((r) => r.name === "young-person"),
    decisions: decisions.map((d) => ({ value: d.id, label: d.label })),
    recordVersion: recordVersion ? { id: recordVersion.id, label: recordVersion.label } : null,
    // Coming from the register page: the child, the decision and what the concern is about.
    preset: {
      childId,
      challengesDecisionId: decision?.id,
      categories: [category ?? (decision ? CATEGORY_FOR_OUTCOME[decision.outcome] : recordVersion ? "record-not-co-constructed" : undefined)].filter(Boolean) as string[],
    },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "create:concern");
  const parsed = parseForm(concernSchema, await readForm(request));
  if (!parsed.ok) return parsed.response;
  const children = await childrenOf(user.id);
  if (!children.some((c) => c.id === parsed.data.childId)) {
    // Not their child: the same answer as a missing choice, so nothing leaks about other children.
    return badRequest({ childId: ["Select the child or young person"] }, parsed.data);
  }
  if (parsed.data.challengesDecisionId && !(await challengeableDecisions([parsed.data.childId])).some((d) => d.id === parsed.data.challengesDecisionId)) {
    return badRequest({ challengesDecisionId: ["Select a register decision about the child you chose, or none"] }, parsed.data);
  }
  if (parsed.data.challengesRecordVersionId && !(await challengeableRecordVersion([parsed.data.childId], parsed.data.challengesRecordVersionId))) {
    return badRequest({ challengesRecordVersionId: ["That development record is not about the child you chose"] }, parsed.data);
  }
  const { concern, cases } = await raiseConcernForChild(
    { ...parsed.data, healthInvolved: parsed.data.healthInvolved === "yes", categories: parsed.data.categories as IssueCategory[] },
    user,
  );
  const first = cases[0];
  return redirectWithFlash(first ? `/cases/${first.id}` : "/cases", {
    kind: "success",
    title: `Concern ${concern.ref} sent`,
    body:
      cases.length > 1
        ? "Your concern is about how a decision was made and about the support itself, so it has been split into two linked cases. Each has its own route and deadlines."
        : acknowledgeBy(first),
  });
}

/** When the setting must acknowledge, from the case's own deadline (its calendar may count school days). */
function acknowledgeBy(row: { machineId: string; machineVersion: number; snapshot: unknown } | undefined): string {
  const due = row && viewCase(row).deadlines.find((deadline) => deadline.key === clockKey.acknowledge(1))?.dueOn;
  return due ? `The setting must acknowledge it by ${formatDate(due)}.` : "The setting will acknowledge it and tell you who is handling it.";
}

export default function RaiseConcern() {
  const { children, youngPerson, decisions, recordVersion, preset } = useLoaderData<typeof loader>();
  const kit = useFormKit(concernSchema, useActionData<typeof action>());
  const child = kit.choice("childId");
  const categories = kit.choice("categories");
  if (children.length === 0) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Raise a concern</h1>
          <p className="govuk-body">There is no child or young person linked to your account yet.</p>
          <p className="govuk-body">
            <a className="govuk-link" href="/account/children">
              Ask to be linked to your child
            </a>
            : their nursery, school or college confirms the link, and then you can raise a concern here.
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <KitForm
          kit={kit}
          heading={
            <>
              <h1 className="govuk-heading-l">Raise a concern</h1>
              <p className="govuk-body">
                Your concern goes first to the nursery, school or college. If you are not happy with their answer you can take it to the local service, and then to a national body.
              </p>
            </>
          }
        >
          <ChoiceGroup
            type="radio"
            {...child}
            legend="Who is the concern about?"
            defaultValue={child.defaultValue ?? preset.childId ?? (children.length === 1 ? children[0]?.id : undefined)}
            options={children.map((c) => ({ value: c.id, label: `${c.givenName} ${c.familyName}`, hint: c.setting.name }))}
          />
          {ROUTES.map((route) => (
            <ChoiceGroup
              key={route}
              id={route === "process" ? undefined : `field-categories-${route}`}
              type="checkbox"
              {...categories}
              defaultValue={categories.defaultValue ?? preset.categories}
              legend={route === "process" ? "Is it about how a decision was made?" : "Is it about the support itself?"}
              hint="Select all that apply"
              error={route === "process" ? categories.error : undefined}
              options={ISSUE_CATEGORY_NAMES.filter((c) => ISSUE_CATEGORIES[c] === route).map((c) => {
                const text = issueCategoryText(c, youngPerson);
                return { value: c, label: text.label, hint: text.hint || undefined };
              })}
            />
          ))}
          {decisions.length ? (
            <Select
              {...kit.field("challengesDecisionId")}
              label="Is it about a register decision or review? (optional)"
              hint="Choose the decision you are challenging, so whoever answers can look at exactly that decision"
              defaultValue={kit.field("challengesDecisionId").defaultValue ?? preset.challengesDecisionId ?? ""}
              options={[{ value: "", label: "Not about one decision" }, ...decisions]}
            />
          ) : null}
          {recordVersion ? (
            <div className="govuk-inset-text">
              <input type="hidden" name="challengesRecordVersionId" value={recordVersion.id} />
              This concern is about {recordVersion.label}.
            </div>
          ) : null}
          <Textarea
            {...kit.field("summary")}
            label="Describe your concern"
            hint="What happened, when, and what you would like to happen now. Do not include medical records: you can add evidence later."
            rows={8}
          />
          <ChoiceGroup
            type="radio"
            {...kit.choice("healthInvolved")}
            legend={youngPerson ? "Are health services involved in your support?" : "Are health services involved in your child's support?"}
            hint="If yes, the health partner will answer your concern together with the setting or local service"
            options={[
              { value: "yes", label: "Yes" },
              { value: "no", label: "No" },
            ]}
          />
          <TextInput
            {...kit.field("awarenessDate")}
            label="When did you first find out about this? (optional)"
            hint={`For example, 2026-09-14. National bodies normally look at concerns raised within ${DEFAULT_POLICY.national.timeLimitMonths} months.`}
            widthClass="govuk-input--width-10"
            inputMode="numeric"
          />
          <Button>Send concern</Button>
        </KitForm>
      </div>
    </div>
  );
}
