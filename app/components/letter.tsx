import type { Letter } from "../utils/letters";

// A letter as a printable GOV.UK page: the same blocks the PDF draws (app/utils/pdf.server.ts).

export function LetterView({ letter }: { letter: Letter }) {
  return (
    <article className="redress-letter" aria-labelledby="letter-title">
      <p className="govuk-body-l govuk-!-font-weight-bold govuk-!-margin-bottom-1">{letter.from}</p>
      <p className="govuk-body govuk-!-margin-bottom-6">{letter.issuedOn}</p>
      {letter.draft ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            DRAFT – this is not the final decision
          </strong>
        </div>
      ) : null}
      <h1 className="govuk-heading-l" id="letter-title">
        {letter.draft ? <span className="govuk-caption-l">Draft</span> : null}
        {letter.title}
      </h1>
      {letter.to ? <p className="govuk-body">Dear {letter.to},</p> : null}
      {letter.blocks.map((block, i) => {
        switch (block.kind) {
          case "heading":
            return (
              <h2 key={i} className="govuk-heading-m">
                {block.text}
              </h2>
            );
          case "paragraph":
            return (
              <p key={i} className="govuk-body redress-prewrap">
                {block.text}
              </p>
            );
          case "facts":
            return (
              <dl key={i} className="govuk-summary-list">
                {block.items.map((item) => (
                  <div key={item.label} className="govuk-summary-list__row">
                    <dt className="govuk-summary-list__key">{item.label}</dt>
                    <dd className="govuk-summary-list__value">{item.value}</dd>
                  </div>
                ))}
              </dl>
            );
          case "findings":
            return (
              <dl key={i} className="govuk-summary-list">
                {block.items.map((item, j) => (
                  <div key={j} className="govuk-summary-list__row">
                    <dt className="govuk-summary-list__key">{item.issue}</dt>
                    <dd className="govuk-summary-list__value">
                      <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{item.finding}</p>
                      {item.reasons ? <p className="govuk-body redress-prewrap govuk-!-margin-bottom-0">{item.reasons}</p> : null}
                    </dd>
                  </div>
                ))}
              </dl>
            );
          case "remedies":
            return (
              <ul key={i} className="govuk-list">
                {block.items.map((r, j) => (
                  <li key={j} className="govuk-!-margin-bottom-4">
                    <strong>
                      {r.kind}: {r.what}
                      {r.amount ? ` – ${r.amount}` : ""}
                    </strong>
                    <br />
                    Who: {r.owedBy}. {r.due}.
                  </li>
                ))}
              </ul>
            );
        }
      })}
      <p className="govuk-body govuk-!-margin-top-6">Yours sincerely,</p>
      <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{letter.signedBy.name}</p>
      {letter.signedBy.role ? <p className="govuk-body">{letter.signedBy.role}</p> : null}
    </article>
  );
}
