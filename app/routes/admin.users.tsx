import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary } from "../components/forms";
import { Table } from "../components/table";
import { AdminLinks } from "../components/admin-links";
import { redirectWithFlash } from "../utils/flash.server";
import { badRequest, parseForm, readForm } from "../utils/forms.server";
import { MAX_LENGTH } from "../utils/limits";
import { safeRedirect } from "../utils/redirects";
import { z } from "zod";
import { auditEntryData } from "../utils/audit.server";
import { getPrisma } from "../utils/db.server";
import { ROLE_NAMES, ROLES, userHasPermission } from "../utils/permissions";
import { requireUserWithPermission } from "../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Accounts – Redress" }];

const PAGE_SIZE = 50;
const querySchema = z.object({
  role: z.enum(ROLE_NAMES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "read:user");
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
  return json({ users, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), role: role ?? "", canUpdate: userHasPermission(user, "update:user"), selfId: user.id });
}

const statusSchema = z.object({
  userId: z.string({ error: "Choose an account" }).min(1, "Choose an account").max(MAX_LENGTH.id, "Choose an account"),
  active: z.enum(["true", "false"], { error: "Choose whether the account is active" }),
  returnTo: z.string().max(MAX_LENGTH.redirectTo).optional().catch(undefined),
});

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "update:user");
  const parsed = parseForm(statusSchema, await readForm(request));
  if (!parsed.ok) return parsed.response;
  const { userId, active, returnTo } = parsed.data;
  if (userId === user.id) return badRequest({ form: ["You cannot deactivate your own account. Ask another administrator."] });
  const prisma = await getPrisma();
  const target = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, name: true } });
  if (!target) return badRequest({ form: ["That account no longer exists."] }, {}, 404);
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { active: active === "true" } }),
    // Deactivation signs the person out everywhere at once.
    ...(active === "false" ? [prisma.session.deleteMany({ where: { userId } })] : []),
    prisma.auditEntry.create({
      data: auditEntryData(
        { action: active === "true" ? "user.reactivated" : "user.deactivated", actorId: user.id, targetType: "user", targetId: userId, subjectUserId: userId },
        request,
      ),
    }),
  ]);
  const back = returnTo?.startsWith("?") ? safeRedirect(`/admin/users${returnTo}`, "/admin/users") : "/admin/users";
  return redirectWithFlash(back, { kind: "success", title: `${target.name} ${active === "true" ? "reactivated" : "deactivated"}` });
}

export default function Users() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next}`;
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <ErrorSummary errors={actionData && "errors" in actionData ? actionData.errors : undefined} />
        <h1 className="govuk-heading-l">Accounts</h1>
        <AdminLinks canUpdate={d.canUpdate} />
        <Form method="get" className="govuk-!-margin-bottom-6">
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="role">
              Role
            </label>
            <select className="govuk-select" id="role" name="role" defaultValue={d.role}>
              <option value="">All roles</option>
              {ROLE_NAMES.map((r) => (
                <option key={r} value={r}>
                  {ROLES[r].label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Filter
          </button>
        </Form>
        <Table
          caption={`${d.total} accounts`}
          captionClasses="govuk-table__caption--m"
          head={[{ text: "Name" }, { text: "Email" }, { text: "Roles" }, { text: "Works at" }, { text: "Status" }, { html: <span className="govuk-visually-hidden">Action</span> }]}
          rows={d.users.map((u) => [
            // A plain link: 50 <Link>s would make Remix ask for a route manifest URL too long to send (414).
            d.canUpdate
              ? {
                  html: (
                    <a className="govuk-link" href={`/admin/accounts/${u.id}`}>
                      {u.name}
                    </a>
                  ),
                }
              : { text: u.name },
            { text: u.email },
            { text: u.roles.map((r) => r.label).join(", ") },
            { text: u.setting?.name ?? u.localArea?.name ?? "" },
            { html: <strong className={`govuk-tag${u.active ? " govuk-tag--green" : " govuk-tag--grey"}`}>{u.active ? "Active" : "Deactivated"}</strong> },
            {
              html: (
                <>
                  {d.canUpdate && u.id !== d.selfId ? (
                    <Form method="post" className="redress-inline-form">
                      <input type="hidden" name="userId" value={u.id} />
                      <input type="hidden" name="active" value={u.active ? "false" : "true"} />
                      <input type="hidden" name="returnTo" value={params.size ? `?${params}` : ""} />
                      <button
                        type="submit"
                        className={`govuk-button govuk-!-margin-bottom-0 ${u.active ? "govuk-button--warning" : "govuk-button--secondary"}`}
                        data-module="govuk-button"
                      >
                        {u.active ? "Deactivate" : "Reactivate"}
                        <span className="govuk-visually-hidden"> {u.name}</span>
                      </button>
                    </Form>
                  ) : null}
                  {d.canUpdate ? (
                    <p className="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">
                      <a className="govuk-link" href={`/admin/users/${u.id}/export`} download>
                        Export data<span className="govuk-visually-hidden"> held about {u.name}</span>
                      </a>
                      {u.id !== d.selfId ? (
                        <>
                          {" · "}
                          <Link className="govuk-link" to={`/admin/users/${u.id}/erase`}>
                            Erase<span className="govuk-visually-hidden"> {u.name}’s personal data</span>
                          </Link>
                        </>
                      ) : null}
                    </p>
                  ) : null}
                </>
              ),
            },
          ])}
        />
        {d.pages > 1 ? (
          <nav className="govuk-pagination" aria-label="Pagination">
            {d.page > 1 ? (
              <div className="govuk-pagination__prev">
                <a className="govuk-link govuk-pagination__link" href={pageLink(d.page - 1)} rel="prev">
                  <span className="govuk-pagination__link-title">
                    Previous<span className="govuk-visually-hidden"> page</span>
                  </span>
                </a>
              </div>
            ) : null}
            <p className="govuk-body govuk-!-margin-bottom-0 govuk-!-padding-top-1">
              Page {d.page} of {d.pages}
            </p>
            {d.page < d.pages ? (
              <div className="govuk-pagination__next">
                <a className="govuk-link govuk-pagination__link" href={pageLink(d.page + 1)} rel="next">
                  <span className="govuk-pagination__link-title">
                    Next<span className="govuk-visually-hidden"> page</span>
                  </span>
                </a>
              </div>
            ) : null}
          </nav>
        ) : null}
      </div>
    </div>
  );
}
