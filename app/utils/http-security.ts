import crypto from "node:crypto";
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import { EVIDENCE_MAX_FILE_BYTES, EVIDENCE_MAX_REQUEST_BYTES, MAX_BODY_BYTES, MAX_SIGNED_OUT_BODY_BYTES, MAX_URL_LENGTH } from "./limits";

// The HTTP gate in front of Remix (server.ts), in the order it runs: security headers with a
// fresh CSP nonce, then refuse bad URLs, cross-site state changes and bodies that are not small
// URL-encoded forms, each with a readable answer (400/403/413/414/415) instead of a 500.
// docs/decisions/009-http-security.md. Imports nothing from the database, so unit tests can
// mount it on a bare express app.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;
const MULTIPART_TYPE = /^multipart\/form-data\s*;\s*boundary=/i;
/** The only route that takes a file (docs/decisions/022): multipart is accepted here and nowhere else. */
export const EVIDENCE_UPLOAD_PATH = /^\/cases\/[A-Za-z0-9_-]{1,64}\/add-evidence\/?$/;

export interface SecurityOptions {
  /** HSTS is sent only in production (it would pin plain-HTTP demo hosts to HTTPS). */
  production: boolean;
  /** The site's public origin, if known (PUBLIC_URL); otherwise the request's own host. */
  publicOrigin?: string;
}

declare module "express-serve-static-core" {
  interface Request {
    /** The whole body of a state-changing request, read and size-checked by readBody(). */
    rawBody?: Buffer;
  }
  interface Locals {
    cspNonce?: string;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small, readable page for refusals that happen before Remix renders anything. */
export function refusal(res: ExpressResponse, status: number, title: string, message: string): void {
  if (res.headersSent) return;
  res.status(status);
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.end(
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} – Redress</title>` +
      `<meta name="viewport" content="width=device-width, initial-scale=1"></head>` +
      `<body>` +
      `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>` +
      `<p><a href="/dashboard">Go to your dashboard</a></p></body></html>`,
  );
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

/** Headers on every response; the nonce is handed to Remix through res.locals.cspNonce. */
export function securityHeaders(options: SecurityOptions): RequestHandler {
  return (_req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (options.production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

// Control characters anywhere in the decoded path or query (NUL above all: PostgreSQL refuses it).
const CONTROL = /[\u0000-\u001F\u007F]/;

/** 414 for very long URLs, 400 for URLs that do not decode or carry control characters. */
export function rejectBadUrls(): RequestHandler {
  return (req, res, next) => {
    const url = req.originalUrl;
    if (url.length > MAX_URL_LENGTH) return refusal(res, 414, "The web address is too long", "Check the address and try again.");
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.replace(/\+/g, " "));
    } catch {
      return refusal(res, 400, "The web address is not valid", "Check the address and try again.");
    }
    if (CONTROL.test(decoded) || CONTROL.test(url))
      return refusal(res, 400, "The web address is not valid", "It contains characters that cannot be in an address. Check it and try again.");
    next();
  };
}

/** The origin this request should have come from. */
function expectedOrigin(req: ExpressRequest, options: SecurityOptions): string {
  if (options.publicOrigin) return options.publicOrigin;
  return `${req.protocol}://${req.get("host") ?? ""}`;
}

/**
 * Cross-site request forgery: every state-changing request must come from our own pages. The
 * browser says so in Sec-Fetch-Site (modern browsers) and Origin (all browsers on POST); either
 * one naming another site is refused with 403, whatever the URL (including Remix's ?_data=
 * requests). A request with neither header is not from a browser form, so it carries no
 * victim's cookies to abuse and is let through (curl, monitoring).
 */
export function sameOriginOnly(options: SecurityOptions): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const site = req.get("Sec-Fetch-Site");
    const origin = req.get("Origin");
    const crossSite = (site !== undefined && site !== "same-origin" && site !== "none") || (origin !== undefined && origin !== expectedOrigin(req, options));
    if (crossSite) {
      return refusal(
        res,
        403,
        "This form must be sent from Redress",
        "The request came from another website, so nothing was changed. If you were using Redress, go back to the page, reload it and try again.",
      );
    }
    next();
  };
}

/**
 * State-changing requests must be small URL-encoded forms: 415 for anything else (JSON,
 * text/plain, multipart — except one file on the add-evidence page), 413 past the size limit, counted on the bytes actually received, not
 * only the declared Content-Length. The body is kept on req.rawBody for remixHandler.
 */
export function readBody(): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const signedIn = /(^|;\s*)__redress_session=/.test(req.get("Cookie") ?? "");
    const declared = req.get("Content-Length");
    const hasBody = req.get("Transfer-Encoding") !== undefined || (declared !== undefined && declared !== "0");
    const type = req.get("Content-Type");
    // A file, signed in, on the add-evidence page: the file's cap counted as it arrives.
    const upload = signedIn && type !== undefined && MULTIPART_TYPE.test(type) && EVIDENCE_UPLOAD_PATH.test(req.path);
    const limit = upload ? EVIDENCE_MAX_REQUEST_BYTES : signedIn ? MAX_BODY_BYTES : MAX_SIGNED_OUT_BODY_BYTES;
    if ((hasBody || type !== undefined) && !upload) {
      if (!type || !FORM_TYPE.test(type)) {
        return refusal(res, 415, "This kind of request is not accepted", "This service only accepts forms sent from its own pages.");
      }
    }
    // Answer at once and close the connection: what the client keeps sending is never buffered.
    const tooLarge = () => {
      res.setHeader("Connection", "close");
      if (upload) {
        refusal(
          res,
          413,
          "The selected file is too large",
          `A file can be at most ${Math.round(EVIDENCE_MAX_FILE_BYTES / (1024 * 1024))} MB. Nothing was saved: go back to the case, choose a smaller file (or save the document as a PDF) and try again.`,
        );
      } else refusal(res, 413, "What you sent is too large", `A form can be at most ${Math.round(limit / 1024)} KB. Shorten your answers and try again.`);
      req.removeAllListeners("data");
      req.resume();
    };
    if (declared !== undefined && Number(declared) > limit) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      req.rawBody = Buffer.concat(chunks);
      next();
    });
    req.on("error", () => {
      if (done) return;
      done = true;
      refusal(res, 400, "The request could not be read", "Go back and try again.");
    });
  };
}

function requestHeaders(incoming: ExpressRequest["headers"]): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(incoming)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value);
  }
  return headers;
}

/**
 * A route's headers onto the express response. Each header is set, not appended: the security
 * headers are already there (securityHeaders), and a route that sends one too (a download's
 * nosniff) replaces it instead of sending it twice. Only Set-Cookie may repeat. Pages and data
 * get `Cache-Control: no-store` unless the route chose otherwise.
 */
export function copyResponseHeaders(headers: Headers, res: ExpressResponse): void {
  for (const [key, value] of headers.entries()) {
    if (key === "set-cookie") res.append(key, value);
    else res.setHeader(key, value);
  }
  if (!headers.has("Cache-Control")) res.setHeader("Cache-Control", "no-store");
}

/**
 * Remix's express adapter, but fed the body readBody() already read and size-checked, and with
 * `Cache-Control: no-store` on every page and data response (they carry personal data) unless
 * the route chose otherwise.
 */
export function remixHandler(build: ServerBuild, getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext): RequestHandler {
  const handle = createRequestHandler(build, process.env.NODE_ENV);
  return async (req, res, next) => {
    try {
      const controller = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      let url: URL;
      try {
        url = new URL(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`);
      } catch {
        return refusal(res, 400, "The web address is not valid", "Check the address and try again.");
      }
      const init: RequestInit = { method: req.method, headers: requestHeaders(req.headers), signal: controller.signal };
      if (!SAFE_METHODS.has(req.method)) init.body = new Uint8Array(req.rawBody ?? Buffer.alloc(0));
      const response = await handle(new Request(url.href, init), getLoadContext(req, res));
      res.statusMessage = response.statusText;
      res.status(response.status);
      copyResponseHeaders(response.headers, res);
      // A rendered page is one buffer of known length (entry.server.tsx): one socket write.
      // Files and data without a length (PDFs, zips, JSON) are streamed.
      if (response.body && response.headers.has("Content-Length")) res.end(Buffer.from(await response.arrayBuffer()));
      else if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
}

/** Runs the security middleware in order; server.ts and the tests mount the same chain. */
export function securityMiddleware(options: SecurityOptions): RequestHandler[] {
  return [securityHeaders(options), rejectBadUrls(), sameOriginOnly(options), readBody()];
}
