import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, type FieldErrors } from "../components/forms";
import { Table } from "../components/table";
import { redirectWithFlash } from "../utils/flash.server";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { formatDateTime } from "../utils/format";
import { MAX_LENGTH, MAX_SESSIONS_PER_USER } from "../utils/limits";
import { currentSessionId, endOtherSessions, endSession, listSessions, requireUser } from "../utils/session.server";
import { describeUserAgent } from "../utils/user-agent";

export const meta: MetaFunction = () => [{ title: "Where you are signed in – Redress" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const sessions = await listSessions(user.id, await currentSessionId(request));
  return json({
    maxSessions: MAX_SESSIONS_PER_USER,
    sessions: sessions.map((s) => ({ id: s.id, device: describeUserAgent(s.userAgent), startedAt: s.createdAt, lastSeenAt: s.lastSeenAt, current: s.current })),
  });
}

const endSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("end"), sessionId: z.string({ error: "Choose a session to sign out" }).min(1).max(MAX_LENGTH.id, "Choose a session to sign out") }),
    z.object({ intent: z.literal("end-others") }),
  ],
  { error: "Choose a session to sign out" },
);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(endSchema, await readForm(request));
  if (!parsed.ok) return parsed.response;
  const current = await currentSessionId(request);
  if (parsed.data.intent === "end-others") {
    const count = await endOtherSessions(user.id, current);
    return redirectWithFlash("/account/sessions", { kind: "success", title: count === 1 ? "1 other session signed out" : `${count} other sessions signed out` });
  }
  if (parsed.data.sessionId === current) return badRequest({ form: ["To sign out on this device, use “Sign out” at the top of the page."] });
  // Only the person's own sessions: someone else's id simply matches nothing.
  if (!(await endSession(user.id, parsed.data.sessionId))) return badRequest({ form: ["That session has already ended."] }, {}, 404);
  return redirectWithFlash("/account/sessions", { kind: "success", title: "Session signed out" });
}

export default function Sessions() {
  const { sessions, maxSessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: FieldErrors }>();
  const others = sessions.filter((s) => !s.current);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <ErrorSummary errors={actionData?.errors} />
        <h1 className="govuk-heading-l">Where you are signed in</h1>
        <p className="govuk-body">
          You can be signed in on up to {maxSessions} devices or browsers at once. Signing in on another one signs out the oldest. If you do not recognise a session, sign it out
          and change your password.
        </p>
        <Table
          caption="Your sessions"
          captionClasses="govuk-table__caption--m"
          head={[{ text: "Device" }, { text: "Signed in" }, { text: "Last active" }, { html: <span className="govuk-visually-hidden">Action</span> }]}
          rows={sessions.map((s) => [
            {
              html: (
                <>
                  {s.device}
                  {s.current ? <strong className="govuk-tag govuk-tag--green govuk-!-margin-left-2">This device</strong> : null}
                </>
              ),
            },
            { text: formatDateTime(s.startedAt) },
            { text: formatDateTime(s.lastSeenAt) },
            {
              html: s.current ? null : (
                <Form method="post" className="redress-inline-form">
                  <input type="hidden" name="intent" value="end" />
                  <input type="hidden" name="sessionId" value={s.id} />
                  <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                    Sign out
                    <span className="govuk-visually-hidden">
                      {" "}
                      {s.device}, last active {formatDateTime(s.lastSeenAt)}
                    </span>
                  </button>
                </Form>
              ),
            },
          ])}
        />
        {others.length > 1 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="end-others" />
            <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
              Sign out of all other sessions
            </button>
          </Form>
        ) : null}
      </div>
    </div>
  );
}
