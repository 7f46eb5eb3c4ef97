// Responses for files made on the server: never cached by shared caches, never sniffed as HTML.

function download(body: Uint8Array, type: string, fileName: string): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "-")}"`,
      "Content-Length": String(body.byteLength),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export const pdfResponse = (body: Uint8Array, fileName: string) => download(body, "application/pdf", fileName);
export const zipResponse = (body: Uint8Array, fileName: string) => download(body, "application/zip", fileName);
