import type { MetaFunction } from "@remix-run/node";
import { Table } from "../components/table";
import { RETENTION } from "../utils/retention-schedule";

export const meta: MetaFunction = () => [{ title: "Privacy and cookies – Redress" }];

export default function Privacy() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Privacy and cookies</h1>
        <h2 className="govuk-heading-m">Cookies</h2>
        <p className="govuk-body">We use only the cookies the service needs to work. We do not use analytics or advertising cookies.</p>
        <Table
          caption="Essential cookies"
          captionClasses="govuk-table__caption--s"
          head={[{ text: "Name" }, { text: "Purpose" }, { text: "Expires" }]}
          rows={[
            [{ text: "__redress_session" }, { text: "Keeps you signed in" }, { text: "After 60 minutes without activity, or 12 hours" }],
            [{ text: "__redress_flash" }, { text: "Shows a confirmation message once after you do something" }, { text: "When you close your browser" }],
          ]}
        />
        <h2 className="govuk-heading-m">Your information</h2>
        <p className="govuk-body">
          Only the people responsible for your concern can see it: you, the setting or service it is about, the mediator if you choose mediation, and the national body if you take
          it there. People who study patterns across the country see only totals, and never totals small enough to identify a child.
        </p>
        <p className="govuk-body">
          You can{" "}
          <a className="govuk-link" href="/account/export" download>
            download everything we hold about you
          </a>{" "}
          (your account, the concerns you raised or that are about your children and their full history, the emails we sent you and who looked at your cases) as a file. You will be
          asked to sign in first. Closed cases are kept for {RETENTION.closedCaseYears} years after they close and then pseudonymised; ask us if you want your details erased
          sooner.
        </p>
      </div>
    </div>
  );
}
