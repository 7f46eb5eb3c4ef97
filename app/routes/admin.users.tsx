import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useSearchParams, Form } from "@remix-run/react";
import { z } from "zod";
import { getPrisma } from "../utils/db.server";
import { ROLE_NAMES, ROLES } from "../utils/permissions";
import { requireUserWithPermission } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Accounts – Redress" }];

const PAGE_SIZE = 50;
const querySchema = z.object({
  role: z.enum(ROLE_NAMES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read:user");
  const url = new URL(request.url);
  const { role, page } = querySchema.parse(Object.fromEntries(url.searchParams));
  const prisma = await getPrisma();
  const where = role ? { roles: { some: { name: role } } } : {};
  const [total, users] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: { email: "asc" },
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: { id: true, name: true, email: true, active: true, roles: { select: { label: true } }, setting: { select: { name: true } }, localArea: { select: { name: true } } },
    }),
  ]);
  return json({ users, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), role: role ?? "" });
}

export default function Users() {
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next}`;
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <h1 className="govuk-heading-l">Accounts</h1>
        <Form method="get" className="govuk-!-margin-bottom-6">
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="role">Role</label>
            <select className="govuk-select" id="role" name="role" defaultValue={d.role}>
              <option value="">All roles</option>
              {ROLE_NAMES.map((r) => (
                <option key={r} value={r}>{ROLES[r].label}</option>
              ))}
            </select>
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">Filter</button>
        </Form>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">{d.total} accounts</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Name</th>
              <th scope="col" className="govuk-table__header">Email</th>
              <th scope="col" className="govuk-table__header">Roles</th>
              <th scope="col" className="govuk-table__header">Works at</th>
              <th scope="col" className="govuk-table__header">Status</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {d.users.map((u) => (
              <tr key={u.id} className="govuk-table__row">
                <td className="govuk-table__cell">{u.name}</td>
                <td className="govuk-table__cell">{u.email}</td>
                <td className="govuk-table__cell">{u.roles.map((r) => r.label).join(", ")}</td>
                <td className="govuk-table__cell">{u.setting?.name ?? u.localArea?.name ?? ""}</td>
                <td className="govuk-table__cell">
                  <strong className={`govuk-tag${u.active ? " govuk-tag--green" : " govuk-tag--grey"}`}>{u.active ? "Active" : "Deactivated"}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {d.pages > 1 ? (
          <nav className="govuk-pagination" aria-label="Pagination">
            {d.page > 1 ? (
              <div className="govuk-pagination__prev">
                <a className="govuk-link govuk-pagination__link" href={pageLink(d.page - 1)} rel="prev">
                  <span className="govuk-pagination__link-title">Previous<span className="govuk-visually-hidden"> page</span></span>
                </a>
              </div>
            ) : null}
            <p className="govuk-body govuk-!-margin-bottom-0 govuk-!-padding-top-1">Page {d.page} of {d.pages}</p>
            {d.page < d.pages ? (
              <div className="govuk-pagination__next">
                <a className="govuk-link govuk-pagination__link" href={pageLink(d.page + 1)} rel="next">
                  <span className="govuk-pagination__link-title">Next<span className="govuk-visually-hidden"> page</span></span>
                </a>
              </div>
            ) : null}
          </nav>
        ) : null}
      </div>
    </div>
  );
}
