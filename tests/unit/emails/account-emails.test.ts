import { describe, expect, it } from "vitest";
import { ACCOUNT_EMAIL_KINDS, isAccountEmailKind, renderAccountEmail } from "../../../emails/account";

// Account emails (docs/decisions/020): each renders with its link, none without one.

const link = "http://localhost:3000/reset-password/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";

describe("account emails", () => {
  it.each(ACCOUNT_EMAIL_KINDS)("%s renders a subject, HTML and text carrying the link", async (kind) => {
    const rendered = await renderAccountEmail(kind, {
      link,
      recipientName: "Lena Hussain",
      decision: "refused",
      settingName: "Beckett Park Primary School",
      childName: "Yusuf Hussain",
      reason: "No child of that name here.",
      grantedBy: "Amira Hussain",
      scope: "receive the letters and emails we receive",
      invitedBy: "Alex Morgan",
      roleLabel: "setting staff",
    });
    expect(rendered.subject.length).toBeGreaterThan(10);
    expect(rendered.html).toContain(link);
    expect(rendered.text).toContain(link);
    expect(rendered.text).toContain("Dear Lena Hussain,");
    expect(rendered.text).not.toMatch(/undefined|null|\[object/);
  });

  it("refuses to render without a link, and knows only its own kinds", async () => {
    await expect(renderAccountEmail("account-reset-password", { recipientName: "X" })).rejects.toThrow(/link/);
    await expect(renderAccountEmail("account-reset-password", { link: "javascript:alert(1)" })).rejects.toThrow(/link/);
    expect(isAccountEmailKind("breach")).toBe(false);
    await expect(renderAccountEmail("breach", { link })).rejects.toThrow();
  });
});
