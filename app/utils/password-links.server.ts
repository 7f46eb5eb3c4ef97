import { json } from "@remix-run/node";
import { newPasswordSchema, LINK_USED_UP } from "./account-forms";
import { peekToken, setPasswordWithToken } from "./accounts.server";
import { redirectWithFlash, type Flash } from "./flash.server";
import { badRequest, parseForm, readForm } from "./forms.server";

// The two pages behind an emailed link that ends in choosing a password — an invitation and a
// password reset (docs/decisions/020): the link is single use and expiring, and only its hash is
// stored. The routes differ only in the link's purpose and their words.

export type PasswordLinkPurpose = "invitation" | "reset-password";

/** Whether the link can still be used: the page shows the form, or says the link is used up. */
export async function passwordLinkLoader(purpose: PasswordLinkPurpose, token: string | undefined) {
  return json({ live: Boolean(await peekToken(token ?? "", purpose)) });
}

/** Sets the password and uses up the link; a used or expired link is a 410 with the page's words. */
export async function passwordLinkAction(purpose: PasswordLinkPurpose, token: string | undefined, request: Request, done: Flash) {
  const parsed = parseForm(newPasswordSchema, await readForm(request));
  if (!parsed.ok) return parsed.response;
  const userId = await setPasswordWithToken(token ?? "", purpose, parsed.data.newPassword, request);
  if (!userId) return badRequest({ form: [LINK_USED_UP] }, {}, 410);
  return redirectWithFlash("/sign-in", done);
}
