import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DEFAULT_POLICY } from "../../machines";
import { Button } from "../components/forms";
import { firstUnanswered } from "../utils/concern-journey";
import { childrenOf, createDraft, DRAFT_DAYS, findDraft, journeyContext, unsentDrafts } from "../utils/concern-drafts.server";
import { formatDate } from "../utils/format";
import { parseForm, readForm } from "../utils/forms.server";
import { MAX_LENGTH } from "../utils/limits";
import { requireUserWithPermission } from "../utils/session.server";

// Raise a concern, step 0: what happens, the concerns not sent yet, and Start (docs/decisions/025).
// Starting makes a draft (a POST, never a GET) and goes to its first question page. Links from the
// register page carry the child, the decision or record and what the concern is about.

export const meta: MetaFunction = () => [{ title: "Raise a concern – Redress" }];

const PRESETS = ["childId", "decision", "recordVersion", "category"] as const;
const preset = z
  .string()
  .max(MAX_LENGTH.id)
  .optional()
  .transform((v) => v || null);
/** What Start posts: the register page's presets, each checked against the person's own children by createDraft. */
const startSchema = z.object({ childId: preset, decision: preset, recordVersion: preset, category: preset });

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "create:concern");
  const url = new URL(request.url);
  const [children, drafts] = await Promise.all([childrenOf(user.id), unsentDrafts(user)]);
  return json({
    hasChildren: children.length > 0,
    drafts: drafts.map((d) => ({ id: d.id, child: d.child, savedOn: formatDate(d.savedAt), expiresOn: formatDate(d.expiresAt) })),
    preset: Object.fromEntries(PRESETS.map((key) => [key, url.searchParams.get(key)?.slice(0, MAX_LENGTH.id) ?? ""]).filter(([, v]) => v)) as Record<string, string>,
    timeLimitMonths: DEFAULT_POLICY.national.timeLimitMonths,
    draftDays: DRAFT_DAYS,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "create:concern");
  const parsed = parseForm(startSchema, await readForm(request));
  if (!parsed.ok) return parsed.response;
  if ((await childrenOf(user.id)).length === 0) return redirect("/concerns/new");
  const draft = await createDraft(user, parsed.data);
  const saved = await findDraft(user.id, draft.id);
  const step = saved ? firstUnanswered(saved.answers, await journeyContext(user, saved.answers)) : "child";
  return redirect(`/concerns/new/${draft.id}/${step}`);
}

export default function RaiseConcernStart() {
  const { hasChildren, drafts, preset, timeLimitMonths, draftDays } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Raise a concern</h1>
        {!hasChildren ? (
          <>
            <p className="govuk-body">There is no child or young person linked to your account yet.</p>
            <p className="govuk-body">
              <a className="govuk-link" href="/account/children">
                Ask to be linked to your child
              </a>
              : their nursery, school or college confirms the link, and then you can raise a concern here.
            </p>
          </>
        ) : (
          <>
            {drafts.length ? (
              <>
                <h2 className="govuk-heading-m">Concerns you have not sent yet</h2>
                <ul className="govuk-list">
                  {drafts.map((d) => (
                    <li key={d.id}>
                      {d.child ? `About ${d.child}, ` : ""}last saved {d.savedOn}.{" "}
                      <Link className="govuk-link" to={`/concerns/new/${d.id}/continue`}>
                        Continue<span className="govuk-visually-hidden"> the concern last saved {d.savedOn}</span>
                      </Link>{" "}
                      or{" "}
                      <Link className="govuk-link" to={`/concerns/new/${d.id}/delete`}>
                        delete it<span className="govuk-visually-hidden"> (the concern last saved {d.savedOn})</span>
                      </Link>
                    </li>
                  ))}
                </ul>
                <h2 className="govuk-heading-m">Or start a new concern</h2>
              </>
            ) : null}
            <p className="govuk-body">
              Your concern goes first to the nursery, school or college. If you are not happy with their answer you can take it to the local service, and then to a national body.
            </p>
            <p className="govuk-body">We will ask you:</p>
            <ul className="govuk-list govuk-list--bullet">
              <li>who the concern is about</li>
              <li>what it is about, and what happened</li>
              <li>what you would like to happen now</li>
              <li>whether health services are involved</li>
              <li>when you found out (national bodies normally look at concerns raised within {timeLimitMonths} months)</li>
            </ul>
            <p className="govuk-body">
              Your answers are saved each time you continue. You can leave and come back to them from your home page for {draftDays} days. You can check everything before you send
              it.
            </p>
            <Form method="post">
              {Object.entries(preset).map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
              <Button>Start now</Button>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
