import PDFDocument from "pdfkit";
import type { Letter } from "./letters";

// PDFs made on the server with pdfkit (docs/decisions/018): plain A4 documents in the built-in
// Helvetica, black on white, headings in bold, a footer with the reference and page numbers on
// every page, and a diagonal "DRAFT" on every page of a draft.

type Doc = PDFKit.PDFDocument;

const TEXT = "#0b0c0c";
const SECONDARY = "#505a5f";
const BORDER = "#b1b4b6";
const MARGIN = 62;

export interface PdfMeta {
  title: string;
  /** Printed in every page's footer, e.g. the case reference. */
  footer: string;
  author?: string;
  draft?: boolean;
}

function watermark(doc: Doc) {
  const { x, y } = doc;
  doc.save();
  doc.rotate(-35, { origin: [doc.page.width / 2, doc.page.height / 2] });
  doc.font("Helvetica-Bold").fontSize(110).fillColor("#d9d9d9").fillOpacity(0.6);
  doc.text("DRAFT", 0, doc.page.height / 2 - 55, { width: doc.page.width, align: "center", lineBreak: false });
  doc.restore();
  doc.fillColor(TEXT).fillOpacity(1);
  doc.x = x;
  doc.y = y;
}

/** Draws with `draw`, then numbers the pages; resolves with the finished file. */
export function renderPdf(meta: PdfMeta, draw: (doc: Doc) => void): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: "en-GB",
    displayTitle: true,
    info: { Title: meta.title, Author: meta.author ?? "Redress", Creator: "Redress" },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  if (meta.draft) {
    watermark(doc);
    doc.on("pageAdded", () => watermark(doc));
  }
  doc.fillColor(TEXT);
  draw(doc);
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font("Helvetica").fontSize(9).fillColor(SECONDARY);
    doc.text(`${meta.footer}${meta.draft ? " – DRAFT" : ""} – page ${i - start + 1} of ${count}`, MARGIN, doc.page.height - MARGIN + 20, {
      width: doc.page.width - 2 * MARGIN,
      align: "center",
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

export const pdf = {
  title(doc: Doc, text: string) {
    doc.font("Helvetica-Bold").fontSize(22).fillColor(TEXT).text(text, { paragraphGap: 6 });
  },
  heading(doc: Doc, text: string) {
    if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
    doc.moveDown(0.6).font("Helvetica-Bold").fontSize(14).fillColor(TEXT).text(text, { paragraphGap: 4 });
  },
  paragraph(doc: Doc, text: string, options: { bold?: boolean; colour?: string; size?: number } = {}) {
    doc
      .font(options.bold ? "Helvetica-Bold" : "Helvetica")
      .fontSize(options.size ?? 11)
      .fillColor(options.colour ?? TEXT)
      .text(text, { paragraphGap: 6, lineGap: 1.5 });
  },
  /** "Label: value" rows, the label in bold. */
  facts(doc: Doc, items: Array<{ label: string; value: string }>) {
    for (const { label, value } of items) {
      doc.font("Helvetica-Bold").fontSize(11).fillColor(TEXT).text(`${label}: `, { continued: true }).font("Helvetica").text(value, { paragraphGap: 3 });
    }
    doc.moveDown(0.4);
  },
  rule(doc: Doc) {
    const y = doc.y + 4;
    doc
      .moveTo(MARGIN, y)
      .lineTo(doc.page.width - MARGIN, y)
      .lineWidth(0.75)
      .strokeColor(BORDER)
      .stroke();
    doc.y = y + 10;
  },
  secondary: SECONDARY,
};

/** A letter as a PDF: heading (body, reference, child where entitled), blocks, signature. */
export function letterPdf(letter: Letter): Promise<Buffer> {
  return renderPdf({ title: `${letter.draft ? "DRAFT – " : ""}${letter.title} – ${letter.caseRef}`, footer: letter.caseRef, author: letter.from, draft: letter.draft }, (doc) => {
    pdf.paragraph(doc, letter.from, { bold: true, size: 16 });
    pdf.paragraph(doc, letter.issuedOn, { colour: SECONDARY });
    pdf.rule(doc);
    if (letter.draft) pdf.paragraph(doc, "DRAFT – NOT THE FINAL DECISION", { bold: true, size: 13 });
    pdf.title(doc, letter.title);
    if (letter.to) pdf.paragraph(doc, `Dear ${letter.to},`);
    for (const block of letter.blocks) {
      switch (block.kind) {
        case "heading":
          pdf.heading(doc, block.text);
          break;
        case "paragraph":
          pdf.paragraph(doc, block.text);
          break;
        case "facts":
          pdf.facts(doc, block.items);
          break;
        case "findings":
          for (const item of block.items) {
            doc.font("Helvetica-Bold").fontSize(11).fillColor(TEXT).text(item.issue, { paragraphGap: 2 });
            doc.font("Helvetica").text(`Finding: ${item.finding}`, { paragraphGap: item.reasons ? 2 : 8 });
            if (item.reasons) doc.fillColor(SECONDARY).text(item.reasons, { paragraphGap: 8 }).fillColor(TEXT);
          }
          break;
        case "remedies":
          for (const r of block.items) {
            doc
              .font("Helvetica-Bold")
              .fontSize(11)
              .fillColor(TEXT)
              .text(`${r.kind}: ${r.what}${r.amount ? ` – ${r.amount}` : ""}`, { paragraphGap: 2 });
            doc.font("Helvetica").text(`Who: ${r.owedBy}. ${r.due}.`, { paragraphGap: 8 });
          }
          break;
      }
    }
    doc.moveDown(1);
    pdf.paragraph(doc, "Yours sincerely,");
    pdf.paragraph(doc, letter.signedBy.name, { bold: true });
    if (letter.signedBy.role) pdf.paragraph(doc, letter.signedBy.role, { colour: SECONDARY });
  });
}
