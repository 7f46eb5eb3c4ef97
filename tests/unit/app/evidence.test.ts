import { describe, expect, it } from "vitest";
import { sniffEvidence } from "../../../app/utils/evidence-sniff";
import { formatBytes, mayReadEvidence } from "../../../app/utils/evidence";
import { cleanFileName } from "../../../app/utils/evidence.server";
import { contentDisposition } from "../../../app/routes/cases.$caseId.evidence.$evidenceId";
import { DOC, DOCM, DOCX, EXE, GIF, HTML_AS_PDF, JPEG, ODS, ODT, PDF, PNG, WEBP, XLS, ZIP_OF_SCRIPTS } from "../../support/evidence-files";

// Evidence files are recognised by their bytes, never their names (docs/decisions/022).

describe("the evidence content check", () => {
  it.each([
    ["PDF", PDF, "pdf", "application/pdf"],
    ["PNG", PNG, "png", "image/png"],
    ["JPEG", JPEG, "jpeg", "image/jpeg"],
    ["GIF", GIF, "gif", "image/gif"],
    ["WebP", WEBP, "webp", "image/webp"],
    ["Word (.docx)", DOCX, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["Word 97–2003 (.doc)", DOC, "doc", "application/msword"],
    ["OpenDocument text", ODT, "odt", "application/vnd.oasis.opendocument.text"],
  ] as const)("accepts a real %s by its content", (_name, bytes, kind, mediaType) => {
    expect(sniffEvidence(bytes)).toMatchObject({ ok: true, kind, mediaType });
  });

  it.each([
    ["an HTML page named .pdf", HTML_AS_PDF],
    ["a Windows program renamed .docx", EXE],
    ["a ZIP of scripts", ZIP_OF_SCRIPTS],
    ["an OpenDocument spreadsheet", ODS],
    ["an Excel 97–2003 workbook", XLS],
    ["a PDF header that does not start the file", new Uint8Array([0x20, ...PDF])],
  ])("refuses %s", (_name, bytes) => {
    const result = sniffEvidence(bytes);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.reason).toMatch(/must be a PDF, Word, OpenDocument text, JPEG, PNG, GIF or WebP file|damaged/);
  });

  it("refuses a Word document with macros, saying why", () => {
    expect(sniffEvidence(DOCM)).toEqual({ ok: false, reason: expect.stringContaining("contains macros") });
  });

  it("refuses an empty file and a truncated archive", () => {
    expect(sniffEvidence(new Uint8Array())).toEqual({ ok: false, reason: "The selected file is empty" });
    expect(sniffEvidence(DOCX.slice(0, 40)).ok).toBe(false);
  });
});

describe("who may read a file", () => {
  const handlerOnly = (addedAs: string, rung: number) => ({ visibility: "handler", addedAs, rung });
  it("everyone involved: any party to the case", () => {
    expect(mayReadEvidence({ visibility: "all-parties", addedAs: "family", rung: 1 }, ["setting"], false, 1)).toBe(true);
    expect(mayReadEvidence({ visibility: "all-parties", addedAs: "family", rung: 1 }, [], false, 1)).toBe(false);
  });
  it("a private file: whoever added it and each body handling the case from then on, not the body it was about", () => {
    expect(mayReadEvidence(handlerOnly("family", 2), ["family"], false, 2)).toBe(true);
    expect(mayReadEvidence(handlerOnly("family", 2), ["local-service"], false, 2)).toBe(true);
    expect(mayReadEvidence(handlerOnly("family", 2), ["setting"], false, 2)).toBe(false);
    expect(mayReadEvidence(handlerOnly("family", 2), ["mediator"], false, 2)).toBe(false);
    expect(mayReadEvidence(handlerOnly("setting", 2), ["family"], false, 2)).toBe(false);
    expect(mayReadEvidence(handlerOnly("family", 1), ["setting"], true, 1)).toBe(true);
    expect(mayReadEvidence(handlerOnly("family", 1), ["health-partner"], true, 1)).toBe(false);
  });
  it("a body that handles the case later sees a private file only once it does", () => {
    expect(mayReadEvidence(handlerOnly("family", 1), ["local-service"], false, 1)).toBe(false);
    expect(mayReadEvidence(handlerOnly("family", 1), ["local-service"], false, 2)).toBe(true);
    expect(mayReadEvidence(handlerOnly("family", 2), ["national-body"], false, 2)).toBe(false);
    expect(mayReadEvidence(handlerOnly("family", 2), ["national-body"], false, 3)).toBe(true);
  });
});

describe("file names and sizes", () => {
  it("keeps a readable name with the extension of what the file is", () => {
    expect(cleanFileName("C:\\Users\\amira\\SALT report.final.PDF", "pdf")).toBe("SALT report.final.pdf");
    expect(cleanFileName("../../etc/passwd", "pdf")).toBe("passwd.pdf");
    expect(cleanFileName('report"\u202e<script>.html', "pdf")).toBe("reportscript.pdf");
    expect(cleanFileName("", "docx")).toBe("evidence.docx");
  });
  it("offers the name for download safely", () => {
    expect(contentDisposition("Rapport d’évaluation.pdf")).toBe(`attachment; filename="Rapport d__valuation.pdf"; filename*=UTF-8''Rapport%20d%E2%80%99%C3%A9valuation.pdf`);
  });
  it("writes sizes as people read them", () => {
    expect(formatBytes(900)).toBe("900 bytes");
    expect(formatBytes(820 * 1024)).toBe("820 KB");
    expect(formatBytes(1.2 * 1024 * 1024)).toBe("1.2 MB");
    expect(formatBytes(10 * 1024 * 1024)).toBe("10 MB");
  });
});
