import { getPrisma } from "./db.server";
import { formatPublished } from "./disclosure";
import { MEASURE_BY_KEY } from "./patterns-measures";
import { parsePatternsQuery, requirePatternsAccess } from "./patterns-request.server";
import { letter, type Letter } from "./patterns.server";
import { pdf, renderPdf } from "./pdf.server";
import { ANNUAL_LETTER_WORDS } from "./annual-letter";

// The annual review letter (issue 10), for the page and its PDF alike: one loader, so the PDF
// carries exactly the page's disclosure-controlled figures (docs/decisions/011).

export async function loadAnnualLetter(request: Request, params: { level?: string; id?: string }) {
  const { ownAreaId } = await requirePatternsAccess(request);
  const q = await parsePatternsQuery(new URL(request.url), ownAreaId);
  const level = params.level;
  if (level !== "setting" && level !== "area") throw new Response("Not found", { status: 404 });
  const id = params.id ?? "";
  if (ownAreaId) {
    // Area-only users may read letters for their own area and its settings, nothing else.
    const prisma = await getPrisma();
    const inArea = level === "area" ? id === ownAreaId : (await prisma.setting.count({ where: { id, localAreaId: ownAreaId } })) > 0;
    if (!inArea) throw new Response("Not found", { status: 404 });
  }
  const found = await letter(level, id, q.year);
  if (!found) throw new Response("Not found", { status: 404 });
  return { letter: found, id, today: new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }) };
}

/** The same letter as a PDF: the figures as published on the page, never the raw counts. */
export function annualLetterPdf(l: Letter, today: string): Promise<Buffer> {
  return renderPdf({ title: `Annual review letter ${l.year} – ${l.name}`, footer: `Annual review letter ${l.year} – ${l.name}`, author: ANNUAL_LETTER_WORDS.from }, (doc) => {
    pdf.paragraph(doc, ANNUAL_LETTER_WORDS.from, { bold: true, size: 16 });
    pdf.paragraph(doc, today, { colour: pdf.secondary });
    pdf.rule(doc);
    pdf.paragraph(doc, `Annual review letter ${l.year}`, { colour: pdf.secondary });
    pdf.title(doc, l.name);
    pdf.paragraph(doc, ANNUAL_LETTER_WORDS.greeting(l));
    pdf.paragraph(doc, ANNUAL_LETTER_WORDS.intro(l));
    pdf.heading(doc, `Your figures for ${l.year}`);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const columns = [width * 0.5, width * 0.25, width * 0.25];
    const row = (cells: string[], bold: boolean) => {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 40) doc.addPage();
      const y = doc.y;
      doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(10);
      const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: columns[i]! - 8 }));
      cells.forEach((cell, i) => {
        const x = left + columns.slice(0, i).reduce((a, b) => a + b, 0);
        doc.text(cell, x, y, { width: columns[i]! - 8, align: i === 0 ? "left" : "right" });
      });
      doc.x = left;
      doc.y = y + Math.max(...heights) + 4;
      pdf.rule(doc);
    };
    row(["Measure", l.name, "Similar bodies"], true);
    for (const f of l.figures) {
      const unit = MEASURE_BY_KEY[f.key].unit === "%" ? "%" : "";
      row([MEASURE_BY_KEY[f.key].label, formatPublished(f.own, unit), formatPublished(f.similar, unit)], false);
    }
    doc.x = left;
    pdf.paragraph(doc, ANNUAL_LETTER_WORDS.rounding, { size: 9, colour: pdf.secondary });
    doc.moveDown(1);
    pdf.paragraph(doc, "Yours sincerely,");
    pdf.paragraph(doc, ANNUAL_LETTER_WORDS.from, { bold: true });
  });
}
