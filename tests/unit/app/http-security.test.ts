import type { AddressInfo } from "node:net";
import http from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyResponseHeaders, securityMiddleware } from "../../../app/utils/http-security";
import { MAX_BODY_BYTES, MAX_SIGNED_OUT_BODY_BYTES } from "../../../app/utils/limits";
import { parseEnv } from "../../../app/utils/env.server";

// The HTTP gate of server.ts on a bare express app: headers, CSRF, body types and sizes, URLs,
// and the trusted-proxy hop count.

let server: http.Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.set("trust proxy", parseEnv({ TRUST_PROXY: "1" }).TRUST_PROXY);
  app.use(securityMiddleware({ production: true }));
  app.all("*", (req, res) => {
    res.json({ ip: req.ip, bytes: req.rawBody?.length ?? null, nonce: res.locals.cspNonce });
  });
  server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const form = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/cases/abc/withdraw?_data=routes%2Fcases.%24caseId.%24action`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body,
  });

describe("security headers", () => {
  it("sends a nonce-based CSP, HSTS in production and the other headers", async () => {
    const res = await fetch(`${base}/dashboard`);
    const { nonce } = (await res.json()) as { nonce: string };
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("permissions-policy")).toContain("camera=()");
  });

  it("uses a new nonce for every response", async () => {
    const a = (await (await fetch(`${base}/`)).json()) as { nonce: string };
    const b = (await (await fetch(`${base}/`)).json()) as { nonce: string };
    expect(a.nonce).not.toBe(b.nonce);
  });
});

describe("security headers are sent once", () => {
  // What routes answer (remixHandler copies their headers onto the response the gate already set
  // its headers on): a page, a file download that sets nosniff itself, and JSON data.
  const answers: Record<string, () => Response> = {
    "/document": () => new Response("<!DOCTYPE html><p>Hello</p>", { headers: { "Content-Type": "text/html; charset=utf-8", "Set-Cookie": "a=1" } }),
    "/download": () =>
      new Response("file", {
        headers: { "Content-Type": "image/png", "Content-Disposition": 'attachment; filename="a.png"', "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store" },
      }),
    "/data.json": () => new Response('{"ok":true}', { headers: { "Content-Type": "application/json; charset=utf-8", "X-Frame-Options": "DENY" } }),
  };
  let routed: http.Server;
  let routedBase: string;
  beforeAll(async () => {
    const app = express();
    app.use(securityMiddleware({ production: true }));
    app.get("*", (req, res) => {
      const response = answers[req.path]!();
      copyResponseHeaders(response.headers, res);
      res.status(response.status).send(response.body ? "body" : "");
    });
    routed = app.listen(0);
    await new Promise((resolve) => routed.once("listening", resolve));
    routedBase = `http://127.0.0.1:${(routed.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => routed.close(resolve)));

  /** Every header name as sent on the wire (fetch would join repeats into one value). */
  const rawHeaderNames = (path: string) =>
    new Promise<string[]>((resolve, reject) => {
      http
        .get(`${routedBase}${path}`, (res) => {
          res.resume();
          resolve(res.rawHeaders.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase()));
        })
        .on("error", reject);
    });

  it.each(Object.keys(answers))("%s carries each security header exactly once", async (path) => {
    const names = await rawHeaderNames(path);
    for (const header of [
      "content-security-policy",
      "x-content-type-options",
      "x-frame-options",
      "referrer-policy",
      "permissions-policy",
      "cross-origin-opener-policy",
      "strict-transport-security",
      "cache-control",
    ]) {
      expect(
        names.filter((name) => name === header),
        header,
      ).toHaveLength(1);
    }
  });
});

describe("cross-site request forgery", () => {
  it.each([
    ["another origin", { Origin: "http://evil.example" }],
    ["an opaque origin", { Origin: "null" }],
    ["a cross-site fetch", { "Sec-Fetch-Site": "cross-site" }],
    ["a same-site (sibling subdomain) fetch", { "Sec-Fetch-Site": "same-site" }],
  ])("refuses a ?_data= post from %s with a readable 403", async (_name, headers) => {
    const res = await form("version=1", headers);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("This form must be sent from Redress");
  });

  it("lets our own pages post", async () => {
    expect((await form("version=1", { Origin: base, "Sec-Fetch-Site": "same-origin" })).status).toBe(200);
    expect((await form("version=1")).status).toBe(200); // no browser, no cookies to abuse
  });
});

describe("request bodies", () => {
  it.each([
    ["application/json", '{"version":1}'],
    ["text/plain", "version=1"],
    ["multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--'],
    ["multipart/form-data; boundary=x", "--x\r\nbroken"],
  ])("refuses %s with 415", async (type, body) => {
    const res = await form(body, { "Content-Type": type });
    expect(res.status).toBe(415);
    expect(await res.text()).toContain("only accepts forms sent from its own pages");
  });

  it("refuses a body past the limit before parsing it (413), declared or streamed", async () => {
    const big = "a=" + "x".repeat(MAX_SIGNED_OUT_BODY_BYTES);
    const declared = await form(big);
    expect(declared.status).toBe(413);
    expect(await declared.text()).toContain("too large");
    // Streamed without a Content-Length (chunked): counted as it arrives.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode("x".repeat(1024)));
        controller.close();
      },
    });
    const chunked = await fetch(`${base}/sign-in`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it("allows signed-in forms up to the larger limit", async () => {
    const body = "a=" + "x".repeat(MAX_SIGNED_OUT_BODY_BYTES * 2);
    const res = await form(body, { Cookie: "__redress_session=abc" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { bytes: number }).bytes).toBe(body.length);
    expect((await form("a=" + "x".repeat(MAX_BODY_BYTES), { Cookie: "__redress_session=abc" })).status).toBe(413);
  });

  it("reads a 20 MB body as no more than the limit", async () => {
    const started = Date.now();
    const res = await form("a=" + "x".repeat(20 * 1024 * 1024), { Cookie: "__redress_session=abc" }).catch((e: Error) => e);
    if (!(res instanceof Error)) expect(res.status).toBe(413);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe("addresses", () => {
  it.each([["/cases/abc%00def"], ["/cases/%0d%0aSet-Cookie:x"], ["/cases/%E0%A4%A"], [`/${"a".repeat(5000)}`]])("refuses %s without a 500", async (path) => {
    const res = await fetch(`${base}${path}`);
    expect([400, 414]).toContain(res.status);
  });

  it("counts proxies: a client's own X-Forwarded-For entry is not its address", async () => {
    const res = await fetch(`${base}/`, { headers: { "X-Forwarded-For": "1.2.3.4, 5.6.7.8" } });
    // One trusted hop: the address the proxy appended (5.6.7.8), never the spoofed 1.2.3.4.
    expect(((await res.json()) as { ip: string }).ip).toBe("5.6.7.8");
  });
});
