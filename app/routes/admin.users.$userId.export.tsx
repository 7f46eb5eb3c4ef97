import type { LoaderFunctionArgs } from "@remix-run/node";
import { subjectAccessResponse } from "../utils/subject-access.server";
import { getPrisma } from "../utils/db.server";
import { requireUserWithPermission } from "../utils/session.server";

// GET /admin/users/:userId/export: a subject access export made by an administrator for the
// person who asked (by post, say). Audited with who made it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "update:user");
  return subjectAccessResponse(await getPrisma(), params.userId ?? "", user.id, request);
}
