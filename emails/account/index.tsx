import { Link, render, Text } from "@react-email/components";
import { createElement, type ReactNode } from "react";
import { styles } from "../layout";
import { StandaloneLayout } from "../_shared/standalone-layout";

// Emails about a person's account rather than a concern (docs/decisions/020): verifying an email
// address, resetting a password, an invitation, a link to a child decided, being named as a
// representative. They go through the same outbox as case notifications, with no case.

export const ACCOUNT_EMAIL_KINDS = [
  "account-verify-email",
  "account-already-registered",
  "account-reset-password",
  "account-invitation",
  "account-link-decided",
  "account-representative-named",
] as const;
export type AccountEmailKind = (typeof ACCOUNT_EMAIL_KINDS)[number];

export const isAccountEmailKind = (kind: string): kind is AccountEmailKind => (ACCOUNT_EMAIL_KINDS as readonly string[]).includes(kind);

type Data = Record<string, unknown>;
const text = (data: Data, key: string) => (typeof data[key] === "string" && (data[key] as string).trim() !== "" ? (data[key] as string).trim() : undefined);

function link(data: Data): string | undefined {
  const value = text(data, "link");
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const P = ({ children }: { children: ReactNode }) => <Text style={styles.paragraph}>{children}</Text>;

function AccountLayout({ data, heading, children }: { data: Data; heading: string; children: ReactNode }) {
  return (
    <StandaloneLayout
      name={text(data, "recipientName")}
      heading={heading}
      footer="You are getting this email because of an account with Redress at this address. Do not reply to this email."
    >
      {children}
    </StandaloneLayout>
  );
}

function Button({ data, label }: { data: Data; label: string }) {
  const href = link(data);
  if (!href) throw new Error("Account email without a valid link");
  return (
    <>
      <P>
        <Link href={href} style={styles.link}>
          {label}
        </Link>
      </P>
      <P>If the link does not open, copy this address into your browser: {href}</P>
    </>
  );
}

const TEMPLATES: Record<AccountEmailKind, { subject: (d: Data) => string; body: (d: Data) => ReactNode }> = {
  "account-verify-email": {
    subject: () => "Confirm your email address for Redress",
    body: (d) => (
      <AccountLayout data={d} heading="Confirm your email address">
        <P>You created a Redress account. Confirm that this is your email address to start using it.</P>
        <Button data={d} label="Confirm your email address" />
        <P>The link works once and for 24 hours. If you did not create an account, ignore this email: nothing will happen.</P>
      </AccountLayout>
    ),
  },
  "account-already-registered": {
    subject: () => "Someone tried to create a Redress account with your email address",
    body: (d) => (
      <AccountLayout data={d} heading="You already have an account">
        <P>
          Someone tried to create a Redress account with this email address, which already has one. If it was you, sign in instead, or reset your password if you have forgotten it.
        </P>
        <Button data={d} label="Sign in to Redress" />
        <P>If it was not you, you do not need to do anything: your account has not changed.</P>
      </AccountLayout>
    ),
  },
  "account-reset-password": {
    subject: () => "Reset your Redress password",
    body: (d) => (
      <AccountLayout data={d} heading="Reset your password">
        <P>
          {text(d, "reason") === "administrator"
            ? "A Redress administrator has sent you a link to choose a new password."
            : "Someone asked to reset the password of your Redress account."}
        </P>
        <Button data={d} label="Choose a new password" />
        <P>The link works once and for 1 hour. If you did not ask for this, ignore this email: your password has not changed.</P>
      </AccountLayout>
    ),
  },
  "account-invitation": {
    subject: () => "You have been invited to Redress",
    body: (d) => (
      <AccountLayout data={d} heading="You have been invited to Redress">
        <P>
          {text(d, "invitedBy") ? `${text(d, "invitedBy")} has invited you` : "You have been invited"} to use Redress{text(d, "roleLabel") ? ` as ${text(d, "roleLabel")}` : ""}
          {text(d, "representing") ? `, to represent the family of ${text(d, "representing")}` : ""}. Choose a password to start.
        </P>
        <Button data={d} label="Accept the invitation and choose a password" />
        <P>The link works once and for 7 days.</P>
      </AccountLayout>
    ),
  },
  "account-link-decided": {
    subject: (d) => (text(d, "decision") === "confirmed" ? "Your account is now linked to your child" : "Your request to be linked to a child was refused"),
    body: (d) => (
      <AccountLayout data={d} heading={text(d, "decision") === "confirmed" ? "Your account is linked" : "Your link request was refused"}>
        {text(d, "decision") === "confirmed" ? (
          <P>
            {text(d, "settingName")} has confirmed that you are linked to {text(d, "childName")}. You can now raise concerns about their support and follow them in Redress.
          </P>
        ) : (
          <>
            <P>
              {text(d, "settingName")} could not confirm your request to be linked to {text(d, "childName")}.
            </P>
            {text(d, "reason") ? <P>Their reason: {text(d, "reason")}</P> : null}
            <P>You can contact the setting, or ask again with corrected details.</P>
          </>
        )}
        <Button data={d} label="Sign in to Redress" />
      </AccountLayout>
    ),
  },
  "account-representative-named": {
    subject: () => "You have been named as a representative in Redress",
    body: (d) => (
      <AccountLayout data={d} heading="You have been named as a representative">
        <P>
          {text(d, "grantedBy")} has named you to represent {text(d, "childName")} in Redress. They consented to you: {text(d, "scope")}
          {text(d, "validUntil") ? `, until ${text(d, "validUntil")}` : ""}. They can withdraw this consent at any time.
        </P>
        <Button data={d} label="Sign in to Redress" />
      </AccountLayout>
    ),
  },
};

export async function renderAccountEmail(kind: string, data: Data): Promise<{ subject: string; html: string; text: string }> {
  if (!isAccountEmailKind(kind)) throw new Error(`No account email for kind "${kind}"`);
  const template = TEMPLATES[kind];
  const element = createElement(() => template.body(data));
  const [html, plain] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: template.subject(data), html, text: plain };
}
