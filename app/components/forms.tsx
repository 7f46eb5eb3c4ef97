import { useEffect, useRef, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";
import { LONG_FIELD_LIMITS } from "../utils/form-fields";
import { MAX_LENGTH } from "../utils/limits";
import { fieldId } from "../utils/nested-fields";
import { CharacterCount } from "./character-count";

// GOV.UK Design System form patterns as small React components. Every component renders
// plain HTML that works without JavaScript; errors follow the error-summary pattern
// (summary at the top linking to each field, message above the field).

export type FieldErrors = Record<string, string[] | undefined>;

/** `attempt` changes on every failed submission checked in the browser, so focus moves to the summary each time. */
export function ErrorSummary({ errors, title = "There is a problem", attempt }: { errors: FieldErrors | undefined; title?: string; attempt?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  // One line per message: "Enter a correct email address and password" on two fields is said once.
  const entries = Object.entries(errors ?? {})
    .filter((entry): entry is [string, string[]] => Boolean(entry[1]?.length))
    .filter(([, messages], index, all) => all.findIndex(([, other]) => other[0] === messages[0]) === index);
  useEffect(() => {
    if (entries.length) ref.current?.focus();
  }, [entries.length, attempt]);
  if (entries.length === 0) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {entries.map(([field, messages]) => (
              <li key={field}>{field === "form" ? messages[0] : <a href={`#${fieldId(field)}`}>{messages[0]}</a>}</li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export { fieldId };

/** Hint then error message, in the order and with the ids the design system expects. */
function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
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
    </>
  );
}

function FieldShell({
  name,
  label,
  hint,
  error,
  children,
  labelIsHeading,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  labelIsHeading?: boolean;
}) {
  const id = fieldId(name);
  const labelEl = (
    <label className={`govuk-label${labelIsHeading ? " govuk-label--l" : ""}`} htmlFor={id}>
      {label}
    </label>
  );
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      {labelIsHeading ? <h1 className="govuk-label-wrapper">{labelEl}</h1> : labelEl}
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

function describedBy(name: string, hint: unknown, error: unknown, id = fieldId(name)) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

type InputProps = { name: string; label: ReactNode; hint?: ReactNode; error?: string; widthClass?: string; labelIsHeading?: boolean } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "name"
>;

export function TextInput({ name, label, hint, error, widthClass, labelIsHeading, className, ...rest }: InputProps) {
  return (
    <FieldShell name={name} label={label} hint={hint} error={error} labelIsHeading={labelIsHeading}>
      <input
        id={fieldId(name)}
        name={name}
        type="text"
        className={["govuk-input", widthClass, error ? "govuk-input--error" : null, className].filter(Boolean).join(" ")}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? true : undefined}
        {...rest}
      />
    </FieldShell>
  );
}

type TextareaProps = { name: string; label: ReactNode; hint?: ReactNode; error?: string; maxLength?: number } & Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  "name" | "maxLength"
>;

/** Every long answer is a GOV.UK character count, with the limit its schema enforces (utils/limits.ts). */
export function Textarea({ name, maxLength, rows = 5, ...rest }: TextareaProps) {
  return <CharacterCount name={name} rows={rows} maxLength={maxLength ?? LONG_FIELD_LIMITS[name] ?? MAX_LENGTH.longText} {...rest} />;
}

export function Select({
  name,
  label,
  hint,
  error,
  options,
  defaultValue,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
}) {
  return (
    <FieldShell name={name} label={label} hint={hint} error={error}>
      <select
        id={fieldId(name)}
        name={name}
        className={`govuk-select${error ? " govuk-select--error" : ""}`}
        defaultValue={defaultValue}
        aria-describedby={describedBy(name, hint, error)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function ChoiceGroup({
  type,
  name,
  legend,
  hint,
  error,
  options,
  defaultValue,
  legendIsHeading,
  id: idOverride,
}: {
  type: "radio" | "checkbox";
  /** Needed when two groups share a field name (ids must stay unique on the page). */
  id?: string;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: { value: string; label: string; hint?: string }[];
  defaultValue?: string | string[];
  legendIsHeading?: boolean;
}) {
  const id = idOverride ?? fieldId(name);
  const selected = new Set(Array.isArray(defaultValue) ? defaultValue : defaultValue ? [defaultValue] : []);
  const base = type === "radio" ? "govuk-radios" : "govuk-checkboxes";
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(name, hint, error, id)}>
        <legend className={`govuk-fieldset__legend ${legendIsHeading ? "govuk-fieldset__legend--l" : "govuk-fieldset__legend--m"}`}>
          {legendIsHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
        <HintAndError id={id} hint={hint} error={error} />
        <div className={base} data-module={base}>
          {options.map((option, index) => {
            // The first option carries the group's id, so the error summary's link lands on an input.
            const optionId = index === 0 ? id : `${id}-option-${index}`;
            return (
              <div key={option.value} className={`${base}__item`}>
                <input
                  className={`${base}__input`}
                  id={optionId}
                  name={name}
                  type={type}
                  value={option.value}
                  defaultChecked={selected.has(option.value)}
                  aria-describedby={option.hint ? `${optionId}-hint` : undefined}
                />
                <label className={`govuk-label ${base}__label`} htmlFor={optionId}>
                  {option.label}
                </label>
                {option.hint ? (
                  <div id={`${optionId}-hint`} className={`govuk-hint ${base}__hint`}>
                    {option.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Button({
  children,
  secondary,
  warning,
  name,
  value,
  ...rest
}: {
  children: ReactNode;
  secondary?: boolean;
  warning?: boolean;
  name?: string;
  value?: string;
  formNoValidate?: boolean;
}) {
  const cls = ["govuk-button", secondary ? "govuk-button--secondary" : null, warning ? "govuk-button--warning" : null].filter(Boolean).join(" ");
  return (
    <button type="submit" className={cls} data-module="govuk-button" name={name} value={value} {...rest}>
      {children}
    </button>
  );
}
