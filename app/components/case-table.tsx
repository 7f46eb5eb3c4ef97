import { Link } from "@remix-run/react";
import type { CaseView } from "../../machines";
import { rungName } from "../../machines";
import { formatDate, ROUTE_LABELS } from "../utils/format";
import { StatusTag } from "./case-parts";

export interface CaseTableRow {
  id: string;
  ref: string;
  route: "process" | "substance";
  rung: number | null;
  status: string;
  setting: { name: string };
  concern: { child: { givenName: string; familyName: string } };
  deadlines: { label: string; dueOn: string }[];
}

export function CaseTable({ cases, caption }: { cases: CaseTableRow[]; caption: string }) {
  // Scrolls sideways inside a labelled region on a narrow screen rather than widening the page.
  return (
    <div className="redress-table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Reference
            </th>
            <th scope="col" className="govuk-table__header">
              Child or young person
            </th>
            <th scope="col" className="govuk-table__header">
              About
            </th>
            <th scope="col" className="govuk-table__header">
              Where it is
            </th>
            <th scope="col" className="govuk-table__header">
              Next deadline
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {cases.map((c) => (
            <tr key={c.id} className="govuk-table__row">
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/cases/${c.id}`}>
                  {c.ref}
                </Link>
              </td>
              <td className="govuk-table__cell">
                {c.concern.child.givenName} {c.concern.child.familyName}
                <br />
                <span className="govuk-body-s">{c.setting.name}</span>
              </td>
              <td className="govuk-table__cell">{ROUTE_LABELS[c.route]}</td>
              <td className="govuk-table__cell">
                <StatusTag status={c.status as CaseView["status"]} />
                <br />
                <span className="govuk-body-s">{c.rung === 1 || c.rung === 2 || c.rung === 3 ? rungName(c.rung) : "Concluded"}</span>
              </td>
              <td className="govuk-table__cell">
                {c.deadlines[0] ? (
                  <>
                    {formatDate(c.deadlines[0].dueOn)}
                    <br />
                    <span className="govuk-body-s">{c.deadlines[0].label}</span>
                  </>
                ) : (
                  "None"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
