import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { MIN_BREAKDOWN_TOTAL, MIN_RATE_BASE, MIN_RATE_NUMERATOR, ROUNDED_TO_ZERO, ROUNDING_BASE } from "../utils/disclosure";
import { DIMENSION_LABELS, MEASURES } from "../utils/patterns-measures";
import { SummaryList } from "../components/table";

export const meta: MetaFunction = () => [{ title: "Methodology – Redress" }];

export default function Methodology() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">How the pattern figures are made</h1>
        <p className="govuk-body">
          The dashboard, early-warning plots, annual letters, CSV downloads and{" "}
          <Link className="govuk-link" to="/open-data">
            open data
          </Link>{" "}
          all come from the same records: one row per case, updated every time something happens to the case. No figure names a child, and every figure passes the same privacy
          rules before anyone sees it.
        </p>
        <h2 className="govuk-heading-m">Protecting privacy</h2>
        <ul className="govuk-list govuk-list--bullet">
          <li>
            Counts of 0 to {ROUNDED_TO_ZERO} are shown as 0; every other count is rounded to the nearest {ROUNDING_BASE}. A 0 may therefore mean 0, 1 or 2 — so a zero never singles
            anyone out.
          </li>
          <li>If a measure has fewer than {MIN_BREAKDOWN_TOTAL} cases in a table, it is not split into groups at all; the groups show [c].</li>
          <li>If the rounded parts of a table and its total would together reveal an exact count, the total is shown as [c].</li>
          <li>
            Percentages, medians and 90th percentiles are worked out from the exact figures, but only shown on {MIN_RATE_BASE} or more cases, and only when at least{" "}
            {MIN_RATE_NUMERATOR} cases are on each side (so 0%, 100% and rates on 1 or 2 cases are [c]).
          </li>
          <li>Rates per 1,000 children on the register need {MIN_BREAKDOWN_TOTAL} or more cases, because the register figures are public.</li>
          <li>Figures are rounded one by one, so they may not add up to the totals shown.</li>
        </ul>
        <p className="govuk-body">Symbols: [c] withheld to protect confidentiality; [z] not applicable (nothing to measure).</p>
        <p className="govuk-body">
          This follows the rounding methods used by the Higher Education Statistics Agency and the Government Statistical Service’s guidance on disclosure control for tables from
          administrative data.
        </p>
        <h2 className="govuk-heading-m">Measures</h2>
        <SummaryList rows={MEASURES.map((m) => ({ key: { text: m.label }, value: { text: m.definition } }))} />
        <h2 className="govuk-heading-m">Register decisions overturned</h2>
        <p className="govuk-body">
          These figures count register decisions and reviews by the date the setting made them, not concerns. A decision is <strong>challenged</strong> when a concern names it. It
          is <strong>retaken</strong> when a concern about it was upheld and the remedy ordered was to retake the decision, and the setting recorded the new decision as carrying
          out that remedy. It is <strong>overturned</strong> when the new decision leaves the child in a different place (on the register, not placed, or removed) from the decision
          retaken. The overturn rate is overturned decisions out of decisions retaken; the share challenged is challenged decisions out of all decisions made. The same rounding and
          rules on rates apply as to every other figure: counts to the nearest 5, rates only on {MIN_RATE_BASE} or more decisions.
        </p>
        <h2 className="govuk-heading-m">Comparisons</h2>
        <p className="govuk-body">
          A <strong>disparity ratio</strong> is a group’s rate divided by the rate for everyone in the table; 1 means no difference. Its 95% confidence interval uses the log method
          (Katz). When the whole interval is above or below 1, the difference is unlikely to be chance alone.
        </p>
        <p className="govuk-body">
          <strong>Funnel plots</strong> place each setting or local area by its number of cases and its rate, with control limits at 95% and 99.8% around the national rate
          (binomial, normal approximation; Spiegelhalter, 2005). Only bodies with {MIN_RATE_BASE} or more cases are plotted.
        </p>
        <p className="govuk-body">
          <strong>Annual letters</strong> compare a setting with all other settings of the same type in England, and a local area with all other local areas.
        </p>
        <h2 className="govuk-heading-m">Splits</h2>
        <p className="govuk-body">
          {Object.values(DIMENSION_LABELS).join(", ")}. A child’s characteristics are those recorded on the register when the case was opened; age is the age on the day the concern
          was received; deprivation is the IMD quintile of the home postcode. Working days are England and Wales working days (weekends and bank holidays excluded).
        </p>
      </div>
    </div>
  );
}
