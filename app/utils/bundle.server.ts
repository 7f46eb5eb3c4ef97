import { strToU8, zipSync, type Zippable } from "fflate";
import type { Capacity } from "./case-actions";
import { MESSAGE_EVENT, NOTE_EVENT } from "./case-messages";
import { londonDate } from "./dates";
import { formatDate, formatDateTime } from "./format";
import type { Letter, LetterEvent, LetterSource } from "./letters";
import { actorOf, type CaseForLetters, type EventRow } from "./letters.server";
import { pastTenseOf } from "../components/case-events";
import { letterPdf, pdf, renderPdf } from "./pdf.server";
import { evidenceFile, evidenceFor, type EvidenceListItem } from "./evidence.server";

// The case bundle (docs/decisions/018): one ZIP with every letter as a PDF, the case's history
// as a PDF and the evidence list as a PDF, plus a contents file. For the family and the national
// body only (the issue's "for the national body and the family").

export function mayDownloadBundle(capacities: Capacity[]): boolean {
  return capacities.includes("family") || capacities.includes("national-body");
}

export interface EvidenceItem {
  on: string;
  from: string;
  what: string;
  description: string;
}

/**
 * What has been put on the file as evidence or information, oldest first: each file the reader may
 * see (docs/decisions/022: its description, type, size, name and who can see it), and what the case
 * log holds as text: the evidence given when a remedy was recorded as done, information the family
 * sent to restart a paused response, co-respondents' parts of a joint response, comments on a
 * draft decision, and messages between the family and the bodies (never internal notes).
 */
export async function caseEvidenceList(source: Pick<LetterSource, "events" | "view">, files: readonly EvidenceListItem[] = []): Promise<EvidenceItem[]> {
  const items: EvidenceItem[] = files.map((f) => ({
    on: f.addedOn.slice(0, 10),
    from: f.addedBy,
    what: f.erased ? `File (removed: personal data erased), ${f.fileType}, ${f.size}` : `File: ${f.description}`,
    description: f.erased ? "" : `${f.fileType}, ${f.size}: ${f.fileName}. Who can see it: ${f.visibility}.`,
  }));
  const on = (e: LetterEvent) => String((e.payload as { at?: unknown }).at ?? "").slice(0, 10);
  for (const e of source.events) {
    const p = e.payload as Record<string, unknown>;
    if (e.type === "REMEDY_DONE" && typeof p.evidence === "string") {
      const remedy = source.view.remedies.find((r) => r.id === p.remedyId);
      items.push({ on: on(e), from: e.actor, what: `Evidence that a remedy was done${remedy ? `: ${remedy.description}` : ""}`, description: p.evidence });
    }
    if (e.type === "RESUME" && typeof p.information === "string")
      items.push({ on: on(e), from: e.actor, what: "Information sent to restart the response", description: p.information });
    if (e.type === "CONTRIBUTE_TO_RESPONSE" && typeof p.contribution === "string")
      items.push({ on: on(e), from: e.actor, what: "Part of the joint response", description: p.contribution });
    if (e.type === MESSAGE_EVENT && typeof p.message === "string") items.push({ on: on(e), from: e.actor, what: "Message on the case", description: p.message });
    if (e.type === "SUBMIT_COMMENTS" && typeof p.comments === "string") items.push({ on: on(e), from: e.actor, what: "Comments on the draft decision", description: p.comments });
  }
  return items.sort((a, b) => a.on.localeCompare(b.on));
}

/** The case's history as a person reads it, oldest first, in the case page's words (the event catalogue's past tense). */
export function historyEntries(loaded: CaseForLetters, rows: EventRow[]): Array<{ on: string; what: string; by: string }> {
  const isFamily = loaded.capacities.includes("family");
  return rows
    .filter((e) => !(isFamily && e.type === "DEADLINE_WARNING") && e.type !== NOTE_EVENT)
    .map((e) => {
      const p = e.payload as { at?: unknown; key?: unknown };
      const about = loaded.row.deadlines.find((d) => d.key === p.key)?.label;
      return {
        on: typeof p.at === "string" ? formatDate(p.at) : formatDateTime(e.occurredAt),
        what: `${pastTenseOf(e.type)}${about ? `: ${about}` : ""}`,
        by: actorOf(e),
      };
    });
}

function fileSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
}

/** The bundle's file names, in order: "letters/01-outcome-of-the-concern-at-stage-1.pdf". */
export function letterPath(letter: Letter, index: number): string {
  const title = letter.draft && !/draft/i.test(letter.title) ? `Draft ${letter.title}` : letter.title;
  return `letters/${String(index + 1).padStart(2, "0")}-${fileSlug(title)}.pdf`;
}

export async function caseBundle(loaded: CaseForLetters, letters: Letter[], source: LetterSource, eventRows: EventRow[], madeBy: string, now = new Date()): Promise<Uint8Array> {
  const ref = loaded.row.ref;
  const heading = (doc: PDFKit.PDFDocument, title: string) => {
    pdf.paragraph(doc, `Case ${ref}`, { colour: pdf.secondary });
    pdf.title(doc, title);
    pdf.facts(doc, [...(source.child ? [{ label: "Child or young person", value: source.child }] : []), { label: "Made on", value: `${formatDateTime(now)} by ${madeBy}` }]);
  };
  const history = historyEntries(loaded, eventRows);
  // The files this requester may see go into the bundle too, under evidence/.
  const { items: files } = await evidenceFor(loaded);
  const evidence = await caseEvidenceList(source, files);
  const historyPdf = await renderPdf({ title: `History of case ${ref}`, footer: ref }, (doc) => {
    heading(doc, "History of the case");
    for (const entry of history) {
      doc.font("Helvetica-Bold").fontSize(11).text(entry.what, { paragraphGap: 1 });
      doc.font("Helvetica").fontSize(10).fillColor(pdf.secondary).text(`${entry.on} by ${entry.by}`, { paragraphGap: 8 }).fillColor("#0b0c0c");
    }
  });
  const evidencePdf = await renderPdf({ title: `Evidence list for case ${ref}`, footer: ref }, (doc) => {
    heading(doc, "Evidence list");
    if (evidence.length === 0) pdf.paragraph(doc, "Nothing has been put on the file as evidence yet.");
    for (const item of evidence) {
      doc.font("Helvetica-Bold").fontSize(11).text(item.what, { paragraphGap: 1 });
      doc
        .font("Helvetica")
        .fontSize(10)
        .fillColor(pdf.secondary)
        .text(`${formatDate(item.on)}, from ${item.from}`, { paragraphGap: 3 })
        .fillColor("#0b0c0c");
      pdf.paragraph(doc, item.description, { size: 10 });
    }
  });
  const mtime = now;
  const zip: Zippable = {};
  const contents: string[] = [`Case bundle for case ${ref}`, `Made on ${formatDateTime(now)} by ${madeBy}`, "", "Contents:"];
  for (const [i, letter] of letters.entries()) {
    const path = letterPath(letter, i);
    zip[path] = [await letterPdf(letter), { mtime }];
    contents.push(`${path}: ${letter.draft ? "DRAFT – " : ""}${letter.title}, ${letter.from}, ${letter.issuedOn}`);
  }
  if (letters.length === 0) contents.push("(no letters have been issued yet)");
  for (const [i, file] of files.filter((f) => !f.erased).entries()) {
    const path = `evidence/${String(i + 1).padStart(2, "0")}-${file.fileName.replace(/[\\/:*?"<>|]/g, "_")}`;
    try {
      zip[path] = [(await evidenceFile(loaded, file.id)).bytes, { mtime, level: 0 }];
      contents.push(`${path}: ${file.description} (${file.fileType}, ${file.size}), added by ${file.addedBy}`);
    } catch (error) {
      // One unreadable file (missing, or changed since it was checked) does not withhold the rest of the bundle.
      console.error(`bundle: evidence ${file.id} could not be included`, error);
      contents.push(`${file.description} (${file.fileType}, ${file.size}), added by ${file.addedBy}: could not be included; ask the organisation handling the concern for a copy`);
    }
  }
  zip["case-history.pdf"] = [historyPdf, { mtime }];
  zip["evidence-list.pdf"] = [evidencePdf, { mtime }];
  contents.push(`case-history.pdf: what happened on the case, when and by whom (${history.length} entries)`);
  contents.push(`evidence-list.pdf: what has been put on the file (${evidence.length} items)`);
  zip["contents.txt"] = [strToU8(`${contents.join("\r\n")}\r\n`), { mtime }];
  return zipSync(zip, { level: 6 });
}

export const bundleFileName = (ref: string, now = new Date()) => `${ref}-case-bundle-${londonDate(now)}.zip`;
