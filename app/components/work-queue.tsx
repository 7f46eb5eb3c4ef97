import { Link } from "@remix-run/react";
import { rungName, type CaseView } from "../../machines";
import { ROUTE_LABELS } from "../utils/format";
import type { QueueRow } from "../utils/work-queue.server";
import { StatusTag } from "./case-parts";

/** The work queue's table: urgent and overdue say so in words (tags), not by colour alone. */
export function QueueTable({ rows, caption }: { rows: QueueRow[]; caption: string }) {
  return (
    <div className="redress-table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="govuk-table" data-testid="work-queue">
        <caption className="govuk-table__caption govuk-table__caption--s govuk-visually-hidden">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Reference
            </th>
            <th scope="col" className="govuk-table__header">
              Action owed
            </th>
            <th scope="col" className="govuk-table__header">
              Child or young person
            </th>
            <th scope="col" className="govuk-table__header">
              Where it is
            </th>
            <th scope="col" className="govuk-table__header">
              Handled by
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((c) => (
            <tr key={c.id} className="govuk-table__row">
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/cases/${c.id}`}>
                  {c.ref}
                </Link>
                {c.urgent ? (
                  <>
                    <br />
                    <strong className="govuk-tag govuk-tag--red">Urgent</strong>
                  </>
                ) : null}
              </td>
              <td className="govuk-table__cell">
                {c.action ? (
                  <>
                    {c.action.overdue ? (
                      <>
                        <strong className="govuk-tag govuk-tag--red">Overdue</strong>
                        <br />
                      </>
                    ) : c.action.dueSoon ? (
                      <>
                        <strong className="govuk-tag govuk-tag--orange">Due soon</strong>
                        <br />
                      </>
                    ) : null}
                    {c.action.text}
                  </>
                ) : (
                  <span className="govuk-body-s">Nothing owed by you</span>
                )}
              </td>
              <td className="govuk-table__cell">
                {c.child}
                <br />
                <span className="govuk-body-s">{c.setting}</span>
              </td>
              <td className="govuk-table__cell">
                <StatusTag status={c.status as CaseView["status"]} />
                <br />
                <span className="govuk-body-s">
                  {c.rung === 1 || c.rung === 2 || c.rung === 3 ? rungName(c.rung, c.route) : "Concluded"}
                  <br />
                  {ROUTE_LABELS[c.route]}
                </span>
              </td>
              <td className="govuk-table__cell">
                {c.handler ?? (c.rung === null ? <span className="govuk-body-s">No one: the ladder has ended</span> : <span className="govuk-body-s">Not yet assigned</span>)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
