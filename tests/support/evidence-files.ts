import { strToU8, zipSync } from "fflate";

// Minimal real files of each kind the evidence upload accepts, and forgeries it must refuse
// (docs/decisions/022). Shared by the unit, integration and browser tests.

const b64 = (text: string) => new Uint8Array(Buffer.from(text, "base64"));

/** A one-page PDF with the text "Speech and language report". */
export const PDF = strToU8(
  [
    "%PDF-1.4",
    "1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj",
    "2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj",
    "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources <</Font <</F1 5 0 R>>>>>> endobj",
    "4 0 obj <</Length 56>> stream",
    "BT /F1 10 Tf 10 50 Td (Speech and language report) Tj ET",
    "endstream endobj",
    "5 0 obj <</Type /Font /Subtype /Type1 /BaseFont /Helvetica>> endobj",
    "trailer <</Root 1 0 R>>",
    "%%EOF",
    "",
  ].join("\n"),
);
/** 1×1 pixel images. */
export const PNG = b64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
export const GIF = b64("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
export const WEBP = b64("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
export const JPEG = b64(
  "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=",
);

const DOCX_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const DOCX_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const DOCX_BODY =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  "<w:body><w:p><w:r><w:t>Annual review notes</w:t></w:r></w:p></w:body></w:document>";

/** A Word document: [Content_Types].xml declares the wordprocessingml main part. */
export const DOCX = zipSync({ "[Content_Types].xml": strToU8(DOCX_TYPES), "_rels/.rels": strToU8(DOCX_RELS), "word/document.xml": strToU8(DOCX_BODY) });
/** The same with macros (.docm): refused. */
export const DOCM = zipSync({
  "[Content_Types].xml": strToU8(DOCX_TYPES),
  "_rels/.rels": strToU8(DOCX_RELS),
  "word/document.xml": strToU8(DOCX_BODY),
  "word/vbaProject.bin": new Uint8Array([1, 2, 3]),
});

/** An OpenDocument text: the first entry, stored, is "mimetype". */
export const ODT = zipSync({
  mimetype: [strToU8("application/vnd.oasis.opendocument.text"), { level: 0 }],
  "content.xml": strToU8('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'),
  "META-INF/manifest.xml": strToU8('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'),
});
/** An OpenDocument spreadsheet: not a document we accept. */
export const ODS = zipSync({ mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }], "content.xml": strToU8("<x/>") });

/** An OLE2 compound file: header sector, then a directory sector naming `stream` (UTF-16LE). */
function compoundFile(stream: string): Uint8Array {
  const bytes = new Uint8Array(1024);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  bytes.set([0x3e, 0x00, 0x03, 0x00, 0xfe, 0xff, 0x09, 0x00], 24); // minor/major version, byte order, sector shift
  const name = [...stream].flatMap((c) => [c.charCodeAt(0), 0]);
  bytes.set(name, 512);
  bytes[512 + 64] = name.length + 2;
  return bytes;
}
/** A Word 97–2003 document (its directory holds the WordDocument stream). */
export const DOC = compoundFile("WordDocument");
/** An Excel 97–2003 workbook: the same container, not a Word document. */
export const XLS = compoundFile("Workbook");

/** Forgeries. */
export const HTML_AS_PDF = strToU8('<!DOCTYPE html><html><body><script>alert("x")</script></body></html>');
export const EXE = strToU8("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run in DOS mode.");
export const ZIP_OF_SCRIPTS = zipSync({ "run.js": strToU8("console.log(1)") });
