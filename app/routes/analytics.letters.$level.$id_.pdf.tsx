import type { LoaderFunctionArgs } from "@remix-run/node";
import { annualLetterPdf, loadAnnualLetter } from "../utils/annual-letter.server";
import { pdfResponse } from "../utils/downloads.server";

// The annual review letter as a PDF: the page's own loader (same access rules, same published
// figures), drawn by pdfkit. Aggregates only: no personal data, so no case audit entry.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { letter, today } = await loadAnnualLetter(request, params);
  const name = `annual-review-letter-${letter.year}-${letter.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")}.pdf`;
  return pdfResponse(await annualLetterPdf(letter, today), name);
}
