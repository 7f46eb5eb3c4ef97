import type { ReactNode } from "react";
import { DATE_PARTS, partsInError, splitDate, type DatePart, type DateParts } from "../utils/date-input";
import { fieldId } from "../utils/nested-fields";

// The GOV.UK date input: day, month and year boxes in a fieldset, posted as `<name>-day`,
// `<name>-month`, `<name>-year` and joined into `<name>` by the forms' first gate
// (utils/date-input.ts). The day box carries the field's id, so the error summary lands on it.

const LABELS: Record<DatePart, string> = { day: "Day", month: "Month", year: "Year" };

/** What a form echoed for each box, else the saved (or echoed) date split into boxes. */
export function dateDefaults(values: Record<string, unknown> | undefined, name: string, saved?: string | null): DateParts {
  const echoed = (part: DatePart) => values?.[`${name}-${part}`];
  if (DATE_PARTS.some((part) => typeof echoed(part) === "string")) {
    return { day: String(echoed("day") ?? ""), month: String(echoed("month") ?? ""), year: String(echoed("year") ?? "") };
  }
  // An action that failed after parsing echoes the parsed data: the date as YYYY-MM-DD.
  const parsed = values?.[name];
  return splitDate(saved ?? (typeof parsed === "string" ? parsed : undefined));
}

export function DateInput({
  name,
  legend,
  hint,
  error,
  defaultValue,
  legendIsHeading,
  legendSize = "m",
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** The boxes' values (dateDefaults), or a saved YYYY-MM-DD date. */
  defaultValue?: DateParts | string | null;
  legendIsHeading?: boolean;
  /** The legend's size when it is not the page's heading: "s" inside a group that has its own legend (a remedy row). */
  legendSize?: "m" | "s";
}) {
  const id = fieldId(name);
  const parts = typeof defaultValue === "object" && defaultValue ? defaultValue : splitDate(defaultValue);
  const wrong = new Set(partsInError(error));
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy}>
        <legend className={`govuk-fieldset__legend ${legendIsHeading ? "govuk-fieldset__legend--l" : `govuk-fieldset__legend--${legendSize}`}`}>
          {legendIsHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
        {hint ? (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        {error ? (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="govuk-date-input" id={`${id}-date`}>
          {DATE_PARTS.map((part) => {
            const inputId = part === "day" ? id : `${id}-${part}`;
            return (
              <div key={part} className="govuk-date-input__item">
                <div className="govuk-form-group">
                  <label className="govuk-label govuk-date-input__label" htmlFor={inputId}>
                    {LABELS[part]}
                  </label>
                  <input
                    className={[
                      "govuk-input govuk-date-input__input",
                      part === "year" ? "govuk-input--width-4" : "govuk-input--width-2",
                      wrong.has(part) ? "govuk-input--error" : null,
                    ]
                      .filter(Boolean)
                      .join(" ")}
                    id={inputId}
                    name={`${name}-${part}`}
                    type="text"
                    inputMode="numeric"
                    autoComplete={name === "dateOfBirth" ? `bday-${part}` : undefined}
                    defaultValue={parts[part]}
                    aria-invalid={wrong.has(part) ? true : undefined}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
