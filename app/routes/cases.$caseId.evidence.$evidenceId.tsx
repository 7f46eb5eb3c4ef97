import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordCaseView } from "../utils/audit.server";
import { loadCaseForUser } from "../utils/case-page.server";
import { evidenceFile } from "../utils/evidence.server";
import { requireUserWithPermission } from "../utils/session.server";

// Downloads one evidence file (docs/decisions/022), only through the reader's scope (404 outside
// it) and the file's visibility (403). Always an attachment with the type its content was
// recognised as, never sniffed by the browser, never shown inline, sandboxed if it ever were.

/** `filename` for old browsers (ASCII only), `filename*` with the real name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\;]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, "read:case");
  const page = await loadCaseForUser(user, params.caseId ?? "");
  const { item, mediaType, bytes } = await evidenceFile(page, params.evidenceId ?? "");
  await recordCaseView(user.id, page.row, `evidence:${item.id}`, request);
  return new Response(bytes, {
    headers: {
      "Content-Type": mediaType,
      "Content-Length": String(bytes.length),
      "Content-Disposition": contentDisposition(item.fileName),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
