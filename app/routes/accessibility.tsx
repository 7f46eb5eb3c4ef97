import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Accessibility statement – Redress" }];

export default function Accessibility() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Accessibility statement for Redress</h1>
        <p className="govuk-body">
          This service is built with the GOV.UK Design System and aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. Every page works without JavaScript,
          can be used with a keyboard alone, and is checked with automated tools (axe) on every change.
        </p>
        <h2 className="govuk-heading-m">How accessible this service is</h2>
        <p className="govuk-body">
          You should be able to change colours and fonts, zoom in up to 400% without the text spilling off the screen, and navigate with a screen reader.
        </p>
        <h2 className="govuk-heading-m">Reporting problems</h2>
        <p className="govuk-body">
          If you find a problem, or need information in a different format such as large print, easy read or audio, use the feedback page and we will reply within 5 working days.
        </p>
        <h2 className="govuk-heading-m">Enforcement procedure</h2>
        <p className="govuk-body">
          The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations
          2018. If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS).
        </p>
      </div>
    </div>
  );
}
