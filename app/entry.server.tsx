import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { isDatabaseUnavailable } from "./utils/db-errors";
import { NonceContext } from "./utils/nonce";

// Remix's stock Node entry, folded into one render function, plus a quieter handleError below.

const ABORT_DELAY = 5_000;

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  // The CSP nonce server.ts put in the Content-Security-Policy header for this response.
  const nonce = typeof loadContext?.cspNonce === "string" ? loadContext.cspNonce : "";
  // Bots (and SPA mode) get the whole document at once; browsers get it streamed from the shell.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let status = responseStatusCode;
    // The database went away mid-request: "try again later" is the truth, so 503, not 500.
    // (handleError below sees the real error; in production the context only holds a sanitised one.)
    if (status === 500 && (databaseUnavailable.has(loadContext) || Object.values(remixContext.staticHandlerContext.errors ?? {}).some((e) => isDatabaseUnavailable(e)))) {
      status = 503;
      responseHeaders.set("Retry-After", "30");
    }
    let shellRendered = false;
    const ready = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status }));
      pipe(body);
    };
    const app = (
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </NonceContext.Provider>
    );
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce,
      ...(waitForAll ? { onAllReady: ready } : { onShellReady: ready }),
      onShellError: reject,
      onError(error: unknown) {
        status = 500;
        // Errors before the shell reject above and are logged by Remix; only log streaming ones here.
        if (shellRendered) console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY);
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
