import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { KitForm, useFormKit } from "../components/form-kit";
import { Button, TextInput } from "../components/forms";
import { Table } from "../components/table";
import { verifySignIn } from "../utils/auth.server";
import { getPrisma } from "../utils/db.server";
import { DEMO_PASSWORD, DEMO_PERSONAS } from "../utils/demo-personas";
import { isDemoLike } from "../utils/env.server";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { signInSchema } from "../utils/page-forms";
import { ROLES } from "../utils/permissions";
import { recordSignIn } from "../utils/audit.server";
import { safeRedirect } from "../utils/redirects";
import { createUserSession, getUser } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Sign in – Redress" }];

const personaSchema = z.object({
  email: z.string().refine((e) => DEMO_PERSONAS.some((p) => p.email === e), "Choose one of the demo personas"),
  intent: z.literal("persona"),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/dashboard");
  const demo = isDemoLike();
  return json({ personas: demo ? DEMO_PERSONAS.map((p) => ({ ...p, roleLabel: ROLES[p.role].label })) : [], demoPassword: demo ? DEMO_PASSWORD : null });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  if (formData.get("intent") === "persona") {
    // The persona picker does not exist in production: not hidden, refused.
    if (!isDemoLike()) throw new Response("Not found", { status: 404 });
    const parsed = parseForm(personaSchema, formData);
    if (!parsed.ok) return parsed.response;
    const prisma = await getPrisma();
    const user = await prisma.user.findUnique({ where: { email: parsed.data.email }, select: { id: true } });
    if (!user) return badRequest({ form: ["That demo persona is not in the database. Run the seed (npm start seeds an empty database)."] });
    return createUserSession(user.id, request, safeRedirect(parsed.data.redirectTo));
  }

  const parsed = parseForm(signInSchema, formData);
  if (!parsed.ok) return parsed.response;
  const { email, password, redirectTo } = parsed.data;
  const clientKey = String((context as { clientAddress?: string } | undefined)?.clientAddress ?? "unknown");
  const result = await verifySignIn(email, password, clientKey);
  await recordSignIn(email, result, request);
  if (result.ok) return createUserSession(result.userId, request, safeRedirect(redirectTo));
  if (result.reason === "throttled") {
    return badRequest({ form: [`Too many failed attempts. Wait ${result.retryAfterMinutes} minute${result.retryAfterMinutes === 1 ? "" : "s"} and try again.`] }, { email }, 429);
  }
  if (result.reason === "unverified")
    return badRequest({ form: ["Confirm your email address first: open the link in the email we sent you when you created your account"] }, { email }, 403);
  return badRequest({ email: ["Enter a correct email address and password"], password: ["Enter a correct email address and password"] }, { email }, 401);
}

export default function SignIn() {
  const { personas, demoPassword } = useLoaderData<typeof loader>();
  const kit = useFormKit(signInSchema, useActionData<typeof action>());
  const [searchParams] = useSearchParams();
  // Only ever echo a redirect we would follow, so the page never carries a hostile one onward.
  const redirectTo = safeRedirect(searchParams.get("redirectTo"), "");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <KitForm kit={kit} heading={<h1 className="govuk-heading-l">Sign in to Redress</h1>}>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <TextInput {...kit.field("email")} label="Email address" type="email" autoComplete="username" spellCheck={false} />
          <TextInput {...kit.field("password")} label="Password" type="password" autoComplete="current-password" />
          <Button>Sign in</Button>
        </KitForm>
        <p className="govuk-body">
          <Link className="govuk-link" to="/forgotten-password">
            Forgotten your password?
          </Link>
        </p>
        <p className="govuk-body">
          Parent or carer without an account?{" "}
          <Link className="govuk-link" to="/sign-up">
            Create an account
          </Link>
          .
        </p>
        <p className="govuk-body">After {60} minutes without activity you will be signed out to protect your information.</p>
      </div>
      {personas.length ? (
        <div className="govuk-grid-column-full">
          <h2 className="govuk-heading-m" id="demo-personas">
            Demo personas
          </h2>
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              Demo service only: the data is invented. Every persona's password is <code>{demoPassword}</code>.
            </strong>
          </div>
          <Table
            label="Demo personas"
            head={[{ text: "Persona" }, { text: "Role" }, { html: <span className="govuk-visually-hidden">Action</span> }]}
            rows={personas.map((p) => [
              {
                html: (
                  <>
                    <strong>{p.name}</strong>
                    <br />
                    <span className="govuk-body-s">{p.summary}</span>
                  </>
                ),
              },
              { text: p.roleLabel },
              {
                html: (
                  <Form method="post" className="redress-inline-form">
                    <input type="hidden" name="intent" value="persona" />
                    <input type="hidden" name="email" value={p.email} />
                    <input type="hidden" name="redirectTo" value={redirectTo} />
                    <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                      Sign in<span className="govuk-visually-hidden"> as {p.name}</span>
                    </button>
                  </Form>
                ),
              },
            ])}
          />
        </div>
      ) : null}
    </div>
  );
}
