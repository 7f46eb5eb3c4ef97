import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getPrisma } from "../utils/db.server";
import { isoFromDateColumn } from "../utils/dates";
import { formatDate } from "../utils/format";
import { userHasPermission } from "../utils/permissions";
import { getUser } from "../utils/session.server";

// The National Framework catalogue is public: families, settings and national bodies read the
// same criteria and standards that decisions and findings cite.

export const meta: MetaFunction = () => [{ title: "National Framework – Redress" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const prisma = await getPrisma();
  const user = await getUser(request);
  const versions = await prisma.frameworkVersion.findMany({
    orderBy: { number: "desc" },
    select: { number: true, title: true, illustrative: true, changeSummary: true, publishedOn: true },
  });
  const asked = Number(new URL(request.url).searchParams.get("version"));
  const number = versions.some((v) => v.number === asked) ? asked : versions[0]?.number;
  const shown = number === undefined ? null : await prisma.frameworkVersion.findUnique({ where: { number }, include: { items: { orderBy: { position: "asc" } } } });
  return json({
    canPublish: userHasPermission(user, "update:framework"),
    latest: versions[0]?.number ?? null,
    versions: versions.map((v) => ({ ...v, publishedOn: isoFromDateColumn(v.publishedOn) })),
    shown: shown
      ? {
          number: shown.number,
          title: shown.title,
          illustrative: shown.illustrative,
          publishedOn: isoFromDateColumn(shown.publishedOn),
          criteria: shown.items.filter((i) => i.kind === "criterion").map(({ code, title, description }) => ({ code, title, description })),
          standards: shown.items.filter((i) => i.kind === "standard").map(({ code, title, description }) => ({ code, title, description })),
        }
      : null,
  });
}

function Items({ caption, items }: { caption: string; items: { code: string; title: string; description: string }[] }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Code
          </th>
          <th scope="col" className="govuk-table__header">
            What it says
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {items.map((i) => (
          <tr key={i.code} className="govuk-table__row" id={i.code}>
            <th scope="row" className="govuk-table__header">
              {i.code}
            </th>
            <td className="govuk-table__cell">
              <strong>{i.title}</strong>
              <br />
              {i.description}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function Framework() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <h1 className="govuk-heading-l">The National Framework</h1>
        {!d.shown ? (
          <p className="govuk-body">No version of the National Framework has been published yet.</p>
        ) : (
          <>
            {d.shown.illustrative ? (
              <div className="govuk-warning-text">
                <span className="govuk-warning-text__icon" aria-hidden="true">
                  !
                </span>
                <strong className="govuk-warning-text__text">
                  <span className="govuk-visually-hidden">Warning</span>
                  This version is illustrative: the real National Framework has not been published yet. Its codes let decisions and findings cite a standard that can be checked.
                </strong>
              </div>
            ) : null}
            <p className="govuk-body">
              {d.shown.title}, published {formatDate(d.shown.publishedOn)} by the national practice body.
              {d.shown.number !== d.latest ? " This is not the current version." : ""}
            </p>
            <p className="govuk-body">Register decisions give reasons tied to the register criteria. Findings on concerns cite the standards.</p>
            <Items caption="Register criteria" items={d.shown.criteria} />
            <Items caption="Standards" items={d.shown.standards} />
          </>
        )}
        {d.versions.length > 1 ? (
          <>
            <h2 className="govuk-heading-m">All versions</h2>
            <ul className="govuk-list">
              {d.versions.map((v) => (
                <li key={v.number}>
                  <Link className="govuk-link" to={`/framework?version=${v.number}`}>
                    Version {v.number}
                  </Link>
                  , {formatDate(v.publishedOn)}: {v.changeSummary}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {d.canPublish ? (
          <Link to="/framework/publish" className="govuk-button" data-module="govuk-button">
            Publish a new version
          </Link>
        ) : null}
      </div>
    </div>
  );
}
