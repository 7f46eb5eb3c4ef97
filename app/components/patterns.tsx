import { Form, Link } from "@remix-run/react";
import { formatPublished, type Published } from "../utils/disclosure";
import { DIMENSION_LABELS, DIMENSIONS, type Measure } from "../utils/patterns-measures";

// Pieces shared by the patterns pages: the filter form, a published figure, the sub-navigation.

export function FigureText({ figure, unit = "" }: { figure: Published; unit?: Measure["unit"] }) {
  if (figure.value === null) {
    return figure.reason === "c" ? (
      <>
        <span aria-hidden="true">[c]</span>
        <span className="govuk-visually-hidden">withheld</span>
      </>
    ) : (
      <>
        <span aria-hidden="true">[z]</span>
        <span className="govuk-visually-hidden">nothing to measure</span>
      </>
    );
  }
  const suffix = unit === "%" ? "%" : "";
  return (
    <>
      {formatPublished(figure)}
      {suffix}
    </>
  );
}

export interface FilterState {
  year: number;
  years: number[];
  area: string;
  areas: Array<{ id: string; name: string }>;
  route: string;
  by?: string;
  ownArea: boolean;
}

export function PatternFilters({ state, showBy = true, extra }: { state: FilterState; showBy?: boolean; extra?: React.ReactNode }) {
  return (
    <Form method="get" className="govuk-!-margin-bottom-6 redress-no-print">
      <div className="govuk-form-group govuk-!-display-inline-block govuk-!-margin-right-4">
        <label className="govuk-label" htmlFor="year">
          Year received
        </label>
        <select className="govuk-select" id="year" name="year" defaultValue={String(state.year)}>
          {state.years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      {state.ownArea ? null : (
        <div className="govuk-form-group govuk-!-display-inline-block govuk-!-margin-right-4">
          <label className="govuk-label" htmlFor="area">
            Local area
          </label>
          <select className="govuk-select" id="area" name="area" defaultValue={state.area}>
            <option value="">England</option>
            {state.areas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="govuk-form-group govuk-!-display-inline-block govuk-!-margin-right-4">
        <label className="govuk-label" htmlFor="route">
          Route
        </label>
        <select className="govuk-select" id="route" name="route" defaultValue={state.route}>
          <option value="">Both routes</option>
          <option value="process">Process</option>
          <option value="substance">Substance</option>
        </select>
      </div>
      {showBy ? (
        <div className="govuk-form-group govuk-!-display-inline-block govuk-!-margin-right-4">
          <label className="govuk-label" htmlFor="by">
            Split by
          </label>
          <select className="govuk-select" id="by" name="by" defaultValue={state.by}>
            {DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {DIMENSION_LABELS[d]}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {extra}
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
        Show
      </button>
    </Form>
  );
}

const PAGES = [
  { to: "/analytics", label: "Dashboard" },
  { to: "/analytics/funnel", label: "Early warning" },
  { to: "/analytics/letters", label: "Annual letters" },
  { to: "/open-data", label: "Open data" },
  { to: "/methodology", label: "Methodology" },
];

export function PatternsNav({ current }: { current: string }) {
  return (
    <nav aria-label="Patterns" className="govuk-!-margin-bottom-6 redress-no-print">
      <ul className="govuk-list redress-chart__legend">
        {PAGES.map((p) => (
          <li key={p.to}>
            {p.to === current ? (
              <strong aria-current="page">{p.label}</strong>
            ) : (
              <Link className="govuk-link" to={p.to}>
                {p.label}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function filterQuery(state: { year: number; area: string; route: string; by?: string }, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    year: String(state.year),
    ...(state.area ? { area: state.area } : {}),
    ...(state.route ? { route: state.route } : {}),
    ...(state.by ? { by: state.by } : {}),
    ...extra,
  });
  return params.toString();
}
