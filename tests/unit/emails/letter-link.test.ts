import { describe, expect, it } from "vitest";
import { renderNotification, templateFor } from "../../../emails";
import { notificationHasLetter } from "../../../app/utils/letters";

// Emails that announce a letter link to it; the others do not promise one.

const LETTERS = "https://redress.example/cases/abc/letters";

describe("the letter link in outcome emails", () => {
  it("outcome, decision and certificate emails link the family to download the letter", async () => {
    for (const kind of ["outcome-issued", "assessment-decision", "draft-decision-issued", "final-decision-issued", "mediation-certificate-issued"]) {
      const data = { ...templateFor(kind).PreviewProps.data, party: "family", caseUrl: "https://redress.example/cases/abc", lettersUrl: LETTERS };
      expect(notificationHasLetter(kind, data), kind).toBe(true);
      const rendered = await renderNotification(kind, data);
      expect(rendered.html, kind).toContain(`href="${LETTERS}"`);
      expect(rendered.text, kind).toContain("Download your letter (PDF)");
    }
  });

  it("a mediation outcome has a letter only when something was agreed; other emails never", () => {
    expect(notificationHasLetter("mediation-outcome", { agreedIssueIds: ["issue-1"] })).toBe(true);
    expect(notificationHasLetter("mediation-outcome", { agreedIssueIds: [] })).toBe(false);
    expect(notificationHasLetter("breach", {})).toBe(false);
    expect(notificationHasLetter("concern-received", {})).toBe(false);
  });

  it("staff are offered the letter, not 'your' letter", async () => {
    const data = { ...templateFor("final-decision-issued").PreviewProps.data, party: "setting", caseUrl: "https://redress.example/cases/abc", lettersUrl: LETTERS };
    expect((await renderNotification("final-decision-issued", data)).text).toContain("Download the letter (PDF)");
  });
});
