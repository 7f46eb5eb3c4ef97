import type { HistoryEntry } from "../utils/case-file";
import { formatDate } from "../utils/format";

// The case's history as a timeline (case page: the latest entries; /cases/:id/history: a page).
// Entries come from historyOf (app/utils/case-file.ts): what happened as a person would tell it.

/** Newest first; `start` is the number of the first entry shown (for the list's numbering). */
export function Timeline({ entries, start }: { entries: HistoryEntry[]; start?: number }) {
  return (
    <ol className="redress-timeline" reversed {...(start ? { start } : {})}>
      {entries.map((e, i) => (
        <li key={`${e.seq}-${i}`}>
          <p className="govuk-body redress-timeline__title">{e.title}</p>
          <p className="govuk-body-s redress-timeline__date">
            {formatDate(e.on)} by {e.by}
          </p>
          {e.quote ? (
            <p className="govuk-body redress-prewrap">
              <span className="govuk-!-font-weight-bold">{e.quote.label}:</span> {e.quote.text}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** The page numbers to show: first, last, current and its neighbours; null is an ellipsis. */
export function pageItems(page: number, pages: number): (number | null)[] {
  const wanted = new Set([1, pages, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const items: (number | null)[] = [];
  for (const p of sorted) {
    const last = items[items.length - 1];
    if (typeof last === "number" && p - last > 1) items.push(null);
    items.push(p);
  }
  return items;
}

/** GOV.UK Design System pagination (numbered), plain links: works without JavaScript. */
export function Pagination({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav className="govuk-pagination" aria-label="Pagination">
      {page > 1 ? (
        <div className="govuk-pagination__prev">
          <a className="govuk-link govuk-pagination__link" href={href(page - 1)} rel="prev">
            <svg
              className="govuk-pagination__icon govuk-pagination__icon--prev"
              xmlns="http://www.w3.org/2000/svg"
              height="13"
              width="15"
              aria-hidden="true"
              focusable="false"
              viewBox="0 0 15 13"
            >
              <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z" />
            </svg>
            <span className="govuk-pagination__link-title">
              Previous<span className="govuk-visually-hidden"> page</span>
            </span>
          </a>
        </div>
      ) : null}
      <ul className="govuk-pagination__list">
        {pageItems(page, pages).map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`} className="govuk-pagination__item govuk-pagination__item--ellipses">
              &ctdot;
            </li>
          ) : (
            <li key={p} className={`govuk-pagination__item${p === page ? " govuk-pagination__item--current" : ""}`}>
              <a className="govuk-link govuk-pagination__link" href={href(p)} aria-label={`Page ${p}`} {...(p === page ? { "aria-current": "page" as const } : {})}>
                {p}
              </a>
            </li>
          ),
        )}
      </ul>
      {page < pages ? (
        <div className="govuk-pagination__next">
          <a className="govuk-link govuk-pagination__link" href={href(page + 1)} rel="next">
            <span className="govuk-pagination__link-title">
              Next<span className="govuk-visually-hidden"> page</span>
            </span>
            <svg
              className="govuk-pagination__icon govuk-pagination__icon--next"
              xmlns="http://www.w3.org/2000/svg"
              height="13"
              width="15"
              aria-hidden="true"
              focusable="false"
              viewBox="0 0 15 13"
            >
              <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z" />
            </svg>
          </a>
        </div>
      ) : null}
    </nav>
  );
}
