import { useEffect, useState, type ReactNode, type TextareaHTMLAttributes } from "react";
import { MAX_LENGTH } from "../utils/limits";
import { fieldId } from "../utils/nested-fields";

// The GOV.UK character count, rendered by React rather than govuk-frontend's script (which
// rewrites the DOM React owns). Without JavaScript the hint says the limit; with it, the message
// counts down as the person types and says how many characters too many, as the design system's
// does, with a polite live region updated once typing pauses. The limit is the schema's own
// (utils/limits.ts), so the count and the server agree.

const count = (n: number) => n.toLocaleString("en-GB");

export function characterCountMessage(length: number, limit: number): string {
  const left = limit - length;
  if (left >= 0) return `You have ${count(left)} character${left === 1 ? "" : "s"} remaining`;
  return `You have ${count(-left)} character${left === -1 ? "" : "s"} too many`;
}

type Props = { name: string; label: ReactNode; hint?: ReactNode; error?: string; maxLength?: number; labelIsHeading?: boolean } & Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  "name" | "maxLength"
>;

export function CharacterCount({ name, label, hint, error, maxLength = MAX_LENGTH.longText, labelIsHeading, rows = 5, defaultValue, onChange, ...rest }: Props) {
  const id = fieldId(name);
  const [length, setLength] = useState<number | null>(null);
  const [announced, setAnnounced] = useState("");
  useEffect(() => {
    if (length === null) return;
    const timer = setTimeout(() => setAnnounced(characterCountMessage(length, maxLength)), 1000);
    return () => clearTimeout(timer);
  }, [length, maxLength]);
  const over = length !== null && length > maxLength;
  const labelEl = (
    <label className={`govuk-label${labelIsHeading ? " govuk-label--l" : ""}`} htmlFor={id}>
      {label}
    </label>
  );
  return (
    <div className={`govuk-form-group govuk-character-count${error ? " govuk-form-group--error" : ""}`}>
      {labelIsHeading ? <h1 className="govuk-label-wrapper">{labelEl}</h1> : labelEl}
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
      <textarea
        id={id}
        name={name}
        rows={rows}
        className={`govuk-textarea govuk-js-character-count${error || over ? " govuk-textarea--error" : ""}`}
        aria-describedby={[`${id}-info`, hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ")}
        aria-invalid={error ? true : undefined}
        defaultValue={defaultValue}
        onChange={(event) => {
          setLength(event.currentTarget.value.length);
          onChange?.(event);
        }}
        ref={(element) => {
          // Count what is already there (a saved answer, or text the browser restored) once the script runs.
          if (element && length === null) setLength(element.value.length);
        }}
        {...rest}
      />
      {/* The limit, read with the field; replaced by the live count once the script runs. */}
      <div id={`${id}-info`} className={`govuk-hint govuk-character-count__message${length === null ? "" : " govuk-visually-hidden"}`}>
        You can enter up to {count(maxLength)} characters
      </div>
      {length === null ? null : (
        <>
          <div className={`govuk-character-count__message govuk-character-count__status ${over ? "govuk-error-message" : "govuk-hint"}`} aria-hidden="true">
            {characterCountMessage(length, maxLength)}
          </div>
          <div className="govuk-character-count__sr-status govuk-visually-hidden" aria-live="polite">
            {announced}
          </div>
        </>
      )}
    </div>
  );
}
