import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, TextInput, type FieldErrors } from "./forms";
import { PASSWORD_HINT, LINK_USED_UP } from "../utils/account-forms";

/**
 * The "choose a password" page behind a reset or invitation link, or the dead-link page, for the
 * routes whose loader and action are `passwordLinkLoader` and `passwordLinkAction`.
 */
export function NewPasswordPage({ heading, intro, button, deadText }: { heading: string; intro: string; button: string; deadText: string }) {
  const loaded = useLoaderData<{ live: boolean }>();
  const errors = useActionData<{ errors?: FieldErrors }>()?.errors;
  const live = loaded.live && errors?.form?.[0] !== LINK_USED_UP;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {live ? (
          <>
            <ErrorSummary errors={errors} />
            <h1 className="govuk-heading-l">{heading}</h1>
            <p className="govuk-body">{intro}</p>
            <Form method="post" noValidate>
              <TextInput name="newPassword" label="New password" hint={PASSWORD_HINT} type="password" autoComplete="new-password" error={errors?.newPassword?.[0]} />
              <TextInput name="confirmPassword" label="Confirm new password" type="password" autoComplete="new-password" error={errors?.confirmPassword?.[0]} />
              <Button>{button}</Button>
            </Form>
          </>
        ) : (
          <>
            <h1 className="govuk-heading-l">{LINK_USED_UP}</h1>
            <p className="govuk-body">{deadText}</p>
            <p className="govuk-body">
              <Link className="govuk-link" to="/forgotten-password">
                Ask for a new link
              </Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
