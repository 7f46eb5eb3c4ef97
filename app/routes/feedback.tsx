import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Feedback – Redress" }];

export default function Feedback() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Give feedback on Redress</h1>
        <p className="govuk-body">
          This is a new service and your feedback shapes it. Email the service team at{" "}
          <a className="govuk-link" href="mailto:feedback@redress.example.org.uk">
            feedback@redress.example.org.uk
          </a>
          . We reply within 5 working days.
        </p>
        <p className="govuk-body">Do not include details of a concern in feedback: raise it through the service instead.</p>
      </div>
    </div>
  );
}
