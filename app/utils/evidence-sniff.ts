import { strFromU8, unzipSync } from "fflate";

// What a file IS, from its bytes (docs/decisions/022): never from its name or the type the browser
// claims. Each accepted kind is recognised by its signature; Word and OpenDocument files are ZIP
// archives, so the archive is opened (only its small type entry is inflated) and its declared
// content checked. Anything else is refused: HTML, scripts, programs, archives, macro documents.

export const EVIDENCE_KINDS = {
  pdf: { mediaType: "application/pdf", extension: "pdf", label: "PDF" },
  png: { mediaType: "image/png", extension: "png", label: "PNG image" },
  jpeg: { mediaType: "image/jpeg", extension: "jpg", label: "JPEG image" },
  gif: { mediaType: "image/gif", extension: "gif", label: "GIF image" },
  webp: { mediaType: "image/webp", extension: "webp", label: "WebP image" },
  docx: { mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extension: "docx", label: "Word document" },
  doc: { mediaType: "application/msword", extension: "doc", label: "Word document" },
  odt: { mediaType: "application/vnd.oasis.opendocument.text", extension: "odt", label: "OpenDocument text" },
} as const;
export type EvidenceKind = keyof typeof EVIDENCE_KINDS;

export type Sniffed = { ok: true; kind: EvidenceKind; mediaType: string; extension: string; label: string } | { ok: false; reason: string };

const NOT_ACCEPTED = "The selected file must be a PDF, Word, OpenDocument text, JPEG, PNG, GIF or WebP file";

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) => bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const PDF = ascii("%PDF-");
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii("GIF87a");
const GIF89 = ascii("GIF89a");
const RIFF = ascii("RIFF");
const WEBP = ascii("WEBP");
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** The OLE2 compound file signature (Word 97–2003, but also Excel, PowerPoint, installers). */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** "WordDocument" in UTF-16LE: the stream name every Word 97–2003 file's directory holds. */
const WORD_STREAM = ascii("WordDocument").flatMap((c) => [c, 0]);

const DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
/** The type entries are tiny; a bigger one is not a document we accept (and is never inflated). */
const MAX_TYPE_ENTRY_BYTES = 256 * 1024;

function indexOf(bytes: Uint8Array, needle: readonly number[]): number {
  const first = needle[0]!;
  outer: for (let i = bytes.indexOf(first); i !== -1 && i <= bytes.length - needle.length; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const accept = (kind: EvidenceKind): Sniffed => ({ ok: true, kind, ...EVIDENCE_KINDS[kind] });

/** Opens a ZIP and reads only the named small entries; undefined when it is not a readable archive. */
function zipEntries(bytes: Uint8Array, names: readonly string[]): { entries: Record<string, string>; macros: boolean } | undefined {
  let macros = false;
  try {
    const files = unzipSync(bytes, {
      filter: (file) => {
        if (/vbaProject\.bin$/i.test(file.name) || /^macros\//i.test(file.name) || /^Basic\//.test(file.name)) macros = true;
        return names.includes(file.name) && file.originalSize <= MAX_TYPE_ENTRY_BYTES;
      },
    });
    return { entries: Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)])), macros };
  } catch {
    return undefined;
  }
}

function sniffZip(bytes: Uint8Array): Sniffed {
  const zip = zipEntries(bytes, ["mimetype", "[Content_Types].xml"]);
  if (!zip) return { ok: false, reason: "The selected file is damaged or is not a document we can accept" };
  if (zip.macros) return { ok: false, reason: "The selected file contains macros. Save it without macros, or as a PDF, and try again" };
  const mimetype = zip.entries.mimetype?.trim();
  if (mimetype === EVIDENCE_KINDS.odt.mediaType) return accept("odt");
  const types = zip.entries["[Content_Types].xml"];
  if (types && types.includes(`ContentType="${DOCX_MAIN}"`) && !/macroEnabled/i.test(types)) return accept("docx");
  return { ok: false, reason: NOT_ACCEPTED };
}

/** What the bytes are, or why they are refused. */
export function sniffEvidence(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return { ok: false, reason: "The selected file is empty" };
  if (startsWith(bytes, PDF)) return accept("pdf");
  if (startsWith(bytes, PNG)) return accept("png");
  if (startsWith(bytes, JPEG)) return accept("jpeg");
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return accept("gif");
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return accept("webp");
  if (startsWith(bytes, ZIP)) return sniffZip(bytes);
  if (startsWith(bytes, OLE2)) return indexOf(bytes, WORD_STREAM) !== -1 ? accept("doc") : { ok: false, reason: NOT_ACCEPTED };
  return { ok: false, reason: NOT_ACCEPTED };
}
