import type { ReactNode } from "react";

// GOV.UK Design System tables and summary lists with the parameters of govuk-frontend's Nunjucks
// macros (govukTable, govukSummaryList), so the design system's documentation reads across. Two
// differences: `html` takes React nodes (never a raw HTML string), and `attributes` is spread as
// React props. A table sits in a focusable, labelled region that scrolls sideways, so on a 320 px
// screen it moves rather than breaking the page, and keyboard users can scroll it too.

export type TableCell = {
  text?: string | number;
  html?: ReactNode;
  format?: "numeric";
  classes?: string;
  colspan?: number;
  rowspan?: number;
  attributes?: Record<string, string | number | boolean | undefined>;
};

const join = (...classes: (string | false | null | undefined)[]) => classes.filter(Boolean).join(" ");
const content = (cell: TableCell) => cell.html ?? cell.text;

export function Table({
  caption,
  captionClasses,
  head,
  rows,
  firstCellIsHeader,
  classes,
  label,
  attributes,
}: {
  caption?: ReactNode;
  captionClasses?: string;
  head?: TableCell[];
  rows: TableCell[][];
  firstCellIsHeader?: boolean;
  classes?: string;
  /** The scrolling region's name; defaults to the caption when that is text. */
  label?: string;
  attributes?: Record<string, string | number | boolean | undefined>;
}) {
  const regionLabel = label ?? (typeof caption === "string" ? caption : undefined);
  return (
    <div className="redress-table-scroll" role="region" aria-label={regionLabel} tabIndex={0}>
      <table className={join("govuk-table", classes)} {...attributes}>
        {caption ? <caption className={join("govuk-table__caption", captionClasses)}>{caption}</caption> : null}
        {head ? (
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              {head.map((cell, index) => (
                <th
                  key={index}
                  scope="col"
                  className={join("govuk-table__header", cell.format && `govuk-table__header--${cell.format}`, cell.classes)}
                  colSpan={cell.colspan}
                  rowSpan={cell.rowspan}
                  {...cell.attributes}
                >
                  {content(cell)}
                </th>
              ))}
            </tr>
          </thead>
        ) : null}
        <tbody className="govuk-table__body">
          {rows.map((row, rowIndex) => (
            <tr key={rowIndex} className="govuk-table__row">
              {row.map((cell, index) =>
                index === 0 && firstCellIsHeader ? (
                  <th key={index} scope="row" className={join("govuk-table__header", cell.classes)} colSpan={cell.colspan} rowSpan={cell.rowspan} {...cell.attributes}>
                    {content(cell)}
                  </th>
                ) : (
                  <td
                    key={index}
                    className={join("govuk-table__cell", cell.format && `govuk-table__cell--${cell.format}`, cell.classes)}
                    colSpan={cell.colspan}
                    rowSpan={cell.rowspan}
                    {...cell.attributes}
                  >
                    {content(cell)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export type SummaryListAction = { href: string; text: string; visuallyHiddenText?: string; classes?: string };
export type SummaryListRow = {
  key: { text?: string; html?: ReactNode; classes?: string };
  value: { text?: string | number; html?: ReactNode; classes?: string };
  actions?: { items: SummaryListAction[]; classes?: string };
  classes?: string;
};

export function SummaryList({ rows, classes, attributes }: { rows: SummaryListRow[]; classes?: string; attributes?: Record<string, string | number | boolean | undefined> }) {
  const anyActions = rows.some((row) => row.actions?.items.length);
  return (
    <dl className={join("govuk-summary-list", classes)} {...attributes}>
      {rows.map((row, index) => {
        const items = row.actions?.items ?? [];
        return (
          <div key={index} className={join("govuk-summary-list__row", anyActions && !items.length && "govuk-summary-list__row--no-actions", row.classes)}>
            <dt className={join("govuk-summary-list__key", row.key.classes)}>{row.key.html ?? row.key.text}</dt>
            <dd className={join("govuk-summary-list__value", row.value.classes)}>{row.value.html ?? row.value.text}</dd>
            {items.length ? (
              <dd className={join("govuk-summary-list__actions", row.actions?.classes)}>
                {items.length === 1 ? (
                  <SummaryAction {...(items[0] as SummaryListAction)} />
                ) : (
                  <ul className="govuk-summary-list__actions-list">
                    {items.map((item) => (
                      <li key={item.href} className="govuk-summary-list__actions-list-item">
                        <SummaryAction {...item} />
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            ) : null}
          </div>
        );
      })}
    </dl>
  );
}

function SummaryAction({ href, text, visuallyHiddenText, classes }: SummaryListAction) {
  return (
    <a className={join("govuk-link", classes)} href={href}>
      {text}
      {visuallyHiddenText ? <span className="govuk-visually-hidden"> {visuallyHiddenText}</span> : null}
    </a>
  );
}
