import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { isDatabaseUnavailable } from "./utils/db-errors";
import { NonceContext } from "./utils/nonce";

// Remix's stock Node entry, folded into one render function, plus a quieter handleError below.

const ABORT_DELAY = 5_000;

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  // The CSP nonce server.ts put in the Content-Security-Policy header for this response.
  const nonce = typeof loadContext?.cspNonce === "string" ? loadContext.cspNonce : "";
  // Every page is rendered whole, then sent as ONE buffer with its length (docs/decisions/029).
  // No route defers data or has a Suspense boundary, so the "shell" is already the whole
  // document: streaming it sent ~2 KB chunks through a PassThrough, a web stream and one socket
  // write each, which cost more CPU than the rendering on the case page.
  return new Promise<Response>((resolve, reject) => {
    let status = responseStatusCode;
    // The database went away mid-request: "try again later" is the truth, so 503, not 500.
    // (handleError below sees the real error; in production the context only holds a sanitised one.)
    if (status === 500 && (databaseUnavailable.has(loadContext) || Object.values(remixContext.staticHandlerContext.errors ?? {}).some((e) => isDatabaseUnavailable(e)))) {
      status = 503;
      responseHeaders.set("Retry-After", "30");
    }
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
      final(callback) {
        clearTimeout(timer);
        const html = Buffer.concat(chunks);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        responseHeaders.set("Content-Length", String(html.length));
        resolve(new Response(html, { headers: responseHeaders, status }));
        callback();
      },
    });
    const app = (
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </NonceContext.Provider>
    );
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce,
      onAllReady: () => pipe(sink),
      onShellError(error: unknown) {
        clearTimeout(timer);
        reject(error);
      },
      onError() {
        // Rendering errors reject through onShellError and are logged by Remix.
        status = 500;
      },
    });
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}

// A 404 or 403 is an answer, not a fault, so it is not
// logged as an error with a stack trace. Everything else (real failures) still is.
const databaseUnavailable = new WeakSet<object>();

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  if (isDatabaseUnavailable(error) && context && typeof context === "object") {
    databaseUnavailable.add(context);
    console.error(`Database unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (isRouteErrorResponse(error) && error.status < 500) return;
  if (error instanceof Response && error.status < 500) return;
  console.error(error);
};
