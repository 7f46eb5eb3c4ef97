import type { LoaderFunctionArgs } from "@remix-run/node";
import { subjectAccessResponse } from "../utils/subject-access.server";
import { getPrisma } from "../utils/db.server";
import { requireUser } from "../utils/session.server";

// GET /account/export: everything Redress holds about the signed-in person, as a JSON download.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return subjectAccessResponse(await getPrisma(), user.id, user.id, request);
}
