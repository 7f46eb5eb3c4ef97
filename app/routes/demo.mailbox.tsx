import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, TextInput } from "../components/forms";
import { isAccountEmailKind } from "../../emails/account";
import { getPrisma } from "../utils/db.server";
import { isDemoLike } from "../utils/env.server";
import { MAX_LENGTH } from "../utils/limits";
import { formatDateTime } from "../utils/format";

// Demo and test only (404 in production): the account emails the outbox holds for an address,
// with their links, because demo emails are printed to the server log, never sent. This is how a
// newcomer trying "Create an account" in the demo confirms their address (docs/decisions/020).

export const meta: MetaFunction = () => [{ title: "Demo mailbox – Redress" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (!isDemoLike()) throw new Response("Not found", { status: 404 });
  const to = (new URL(request.url).searchParams.get("to") ?? "").trim().toLowerCase().slice(0, MAX_LENGTH.email);
  if (!to) return json({ to, messages: [] });
  const prisma = await getPrisma();
  const rows = await prisma.outboxMessage.findMany({ where: { toAddress: to, caseId: null }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 20 });
  const messages = rows
    .filter((r) => isAccountEmailKind(r.kind))
    .map((r) => {
      const payload = r.payload as Record<string, unknown>;
      return { id: r.id, kind: r.kind, at: r.createdAt.toISOString(), link: typeof payload.link === "string" ? payload.link : null };
    });
  return json({ to, messages });
}

const KIND_LABEL: Record<string, string> = {
  "account-verify-email": "Confirm your email address",
  "account-already-registered": "You already have an account",
  "account-reset-password": "Reset your password",
  "account-invitation": "You have been invited to Redress",
  "account-link-decided": "Your link request was decided",
  "account-representative-named": "You have been named as a representative",
};

export default function DemoMailbox() {
  const { to, messages } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Demo mailbox</h1>
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Demo service only. Emails are not sent: they are printed in the server log and listed here. This page does not exist in the real service.
          </strong>
        </div>
        <Form method="get" noValidate>
          <TextInput name="to" label="Email address" type="email" spellCheck={false} defaultValue={to} />
          <Button>Show emails</Button>
        </Form>
        {to ? (
          messages.length ? (
            <ul className="govuk-list">
              {messages.map((m) => (
                <li key={m.id} className="govuk-!-margin-bottom-4">
                  <strong>{KIND_LABEL[m.kind] ?? m.kind}</strong>
                  <br />
                  <span className="govuk-body-s">Sent {formatDateTime(m.at)}</span>
                  {m.link ? (
                    <>
                      <br />
                      <a className="govuk-link" href={m.link}>
                        Open the link in this email<span className="govuk-visually-hidden">: {KIND_LABEL[m.kind] ?? m.kind}</span>
                      </a>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">No account emails for {to}.</p>
          )
        ) : null}
      </div>
    </div>
  );
}
