import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordCaseView } from "../utils/audit.server";
import { letterFileName, loadLetterForUser } from "../utils/letters.server";
import { letterPdf } from "../utils/pdf.server";
import { requireUserWithPermission } from "../utils/session.server";
import { pdfResponse } from "../utils/downloads.server";

// A letter as a PDF download: the same reader checks as the letter page, and an audit entry.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "read:case");
  const { loaded, letter } = await loadLetterForUser(user, params.caseId ?? "", params.letterId ?? "");
  await recordCaseView(user.id, loaded.row, `letter-pdf:${letter.id}`, request);
  return pdfResponse(await letterPdf(letter), letterFileName(loaded.row.ref, letter));
}
