import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordCaseView } from "../utils/audit.server";
import { bundleFileName, caseBundle, mayDownloadBundle } from "../utils/bundle.server";
import { zipResponse } from "../utils/downloads.server";
import { loadLettersForUser } from "../utils/letters.server";
import { requireUserWithPermission } from "../utils/session.server";

// The case bundle: for the family and the national body only; other readers of the case are
// refused (403), people outside it never learn it exists (404).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "read:case");
  const { loaded, letters, source, eventRows } = await loadLettersForUser(user, params.caseId ?? "", { allEvents: true });
  if (!mayDownloadBundle(loaded.capacities)) throw new Response("The case bundle is for the family and the national body.", { status: 403 });
  await recordCaseView(user.id, loaded.row, "bundle", request);
  const now = new Date();
  return zipResponse(await caseBundle(loaded, letters, source, eventRows, user.name, now), bundleFileName(loaded.row.ref, now));
}
