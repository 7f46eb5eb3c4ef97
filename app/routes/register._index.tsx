import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { Prisma } from "../../generated/prisma/client";
import { dateColumn, isoFromDateColumn, londonDate } from "../utils/dates";
import { getPrisma } from "../utils/db.server";
import { formatDate } from "../utils/format";
import { STATUS_LABELS } from "../utils/register-forms";
import { registerScope } from "../utils/register.server";
import { requireUserWithPermission } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "The register – Redress" }];

const VIEWS = {
  all: "Everyone",
  "overdue-reviews": "Reviews not held",
  requests: "Requests waiting for a decision",
} as const;
type View = keyof typeof VIEWS;
const PAGE = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "read:register");
  const url = new URL(request.url);
  const view: View = (Object.keys(VIEWS) as View[]).find((v) => v === url.searchParams.get("show")) ?? "all";
  const today = londonDate();
  const filters: Record<View, Prisma.ChildWhereInput> = {
    all: {},
    "overdue-reviews": { registerStatus: "on_register", nextReviewOn: { lt: dateColumn(today) } },
    requests: { registerRequests: { some: { status: { in: ["awaiting_decision", "overdue"] } } } },
  };
  const where: Prisma.ChildWhereInput = { AND: [registerScope(user, "read"), { erasedAt: null }, filters[view]] };
  const prisma = await getPrisma();
  const [children, total, counts] = await Promise.all([
    prisma.child.findMany({
      where,
      orderBy: view === "overdue-reviews" ? [{ nextReviewOn: "asc" }] : [{ familyName: "asc" }, { givenName: "asc" }],
      take: PAGE,
      select: {
        id: true,
        givenName: true,
        familyName: true,
        registerStatus: true,
        nextReviewOn: true,
        setting: { select: { name: true } },
        registerRequests: { where: { status: { in: ["awaiting_decision", "overdue"] } }, select: { dueOn: true, status: true } },
      },
    }),
    prisma.child.count({ where }),
    Promise.all(
      (Object.keys(VIEWS) as View[]).map(async (v) => [v, await prisma.child.count({ where: { AND: [registerScope(user, "read"), { erasedAt: null }, filters[v]] } })] as const),
    ),
  ]);
  return json({
    view,
    today,
    total,
    counts: Object.fromEntries(counts) as Record<View, number>,
    children: children.map((c) => ({
      id: c.id,
      name: `${c.givenName} ${c.familyName}`,
      setting: c.setting.name,
      status: c.registerStatus,
      nextReviewOn: c.nextReviewOn ? isoFromDateColumn(c.nextReviewOn) : null,
      request: c.registerRequests[0] ? { dueOn: isoFromDateColumn(c.registerRequests[0].dueOn), overdue: c.registerRequests[0].status === "overdue" } : null,
    })),
  });
}

export default function Register() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">The additional needs register</h1>
      <p className="govuk-body">Register decisions, reviews and development records for the children and young people you work with or care for.</p>
      <nav aria-label="Show">
        <ul className="govuk-list">
          {(Object.keys(VIEWS) as (keyof typeof VIEWS)[]).map((v) => (
            <li key={v}>
              {v === d.view ? (
                <strong aria-current="page">
                  {VIEWS[v]} ({d.counts[v]})
                </strong>
              ) : (
                <Link className="govuk-link" to={v === "all" ? "/register" : `/register?show=${v}`}>
                  {VIEWS[v]} ({d.counts[v]})
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {d.children.length === 0 ? (
        <p className="govuk-body">Nobody to show here.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">
            {VIEWS[d.view]}
            {d.total > d.children.length ? ` (first ${d.children.length} of ${d.total})` : ""}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Child or young person
              </th>
              <th scope="col" className="govuk-table__header">
                Setting
              </th>
              <th scope="col" className="govuk-table__header">
                Register
              </th>
              <th scope="col" className="govuk-table__header">
                Next step
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {d.children.map((c) => (
              <tr key={c.id} className="govuk-table__row">
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/register/${c.id}`}>
                    {c.name}
                  </Link>
                </td>
                <td className="govuk-table__cell">{c.setting}</td>
                <td className="govuk-table__cell">{STATUS_LABELS[c.status]}</td>
                <td className="govuk-table__cell">
                  {c.request
                    ? c.request.overdue
                      ? `Decision on a request was due ${formatDate(c.request.dueOn)}: late`
                      : `Decision on a request due ${formatDate(c.request.dueOn)}`
                    : c.nextReviewOn
                      ? c.nextReviewOn < d.today
                        ? `Review was due ${formatDate(c.nextReviewOn)}: not held`
                        : `Review due ${formatDate(c.nextReviewOn)}`
                      : "None"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
