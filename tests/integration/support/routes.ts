import fs from "node:fs";
import path from "node:path";
import type { PrismaClient } from "../../../generated/prisma/client";
import { createUserSession } from "../../../app/utils/session.server";

// Calling the portal's loaders and actions in-process with real Request objects: the same code
// the server runs, minus the network (hundreds of requests a second on PGlite in memory).

type RouteArgs = { request: Request; params: Record<string, string>; context: Record<string, unknown> };
export interface RouteModule {
  loader?: (args: RouteArgs) => unknown;
  action?: (args: RouteArgs) => unknown;
}

export const ROUTES_DIR = path.resolve("app/routes");

/** Every route file, as Remix's flat routes name it (file name without extension). */
export function routeFiles(): string[] {
  return fs
    .readdirSync(ROUTES_DIR)
    .filter((f) => f.endsWith(".tsx"))
    .map((f) => f.slice(0, -4))
    .sort();
}

export async function importRoute(id: string): Promise<RouteModule> {
  return (await import(path.join(ROUTES_DIR, `${id}.tsx`))) as RouteModule;
}

/** The URL path for a flat route id with its params filled in. */
export function routePath(id: string, params: Record<string, string>): string {
  const segments = id === "_index" ? [] : id.split(".").filter((s) => s !== "_index");
  return `/${segments.map((s) => (s.startsWith("$") ? encodeURIComponent(params[s.slice(1)] ?? "") : s.replace(/_$/, ""))).join("/")}`;
}

export async function cookieFor(prisma: PrismaClient, email: string): Promise<string> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  const response = await createUserSession(user.id, new Request("http://localhost/sign-in", { headers: { "User-Agent": "route-test" } }), "/dashboard");
  return (response.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
}

export interface Answer {
  status: number;
  location: string | null;
  /** A thrown or returned non-Response error: a 500 in the real server. */
  error?: unknown;
}

export interface Call {
  id: string;
  method: "GET" | "POST";
  params?: Record<string, string>;
  cookie?: string;
  body?: string | null;
  contentType?: string | null;
  search?: string;
  clientAddress?: string;
}

/** Runs the route's loader (GET) or action (POST) as Remix would, and reports the status. */
export async function call(mod: RouteModule, c: Call): Promise<Answer> {
  const params = c.params ?? {};
  const url = `http://localhost${routePath(c.id, params)}${c.search ?? ""}`;
  const headers = new Headers();
  if (c.cookie) headers.set("Cookie", c.cookie);
  if (c.method === "POST" && c.contentType !== null) headers.set("Content-Type", c.contentType ?? "application/x-www-form-urlencoded");
  const request = new Request(url, { method: c.method, headers, ...(c.method === "POST" ? { body: c.body ?? "" } : {}) });
  const fn = c.method === "GET" ? mod.loader : mod.action;
  if (!fn) return { status: c.method === "GET" ? 200 : 405, location: null }; // Remix: no loader renders; no action is 405
  try {
    const result = await fn({ request, params, context: { clientAddress: c.clientAddress ?? "127.0.0.9" } });
    if (result instanceof Response) return { status: result.status, location: result.headers.get("Location") };
    return { status: 200, location: null };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
    return { status: 500, location: null, error: thrown };
  }
}

/**
 * Counts every row written from now on (insert, update, delete on every table; for sessions only
 * new and ended ones, since reading a page rightly moves "last seen"). Test databases only.
 */
export async function trackRowChanges(prisma: PrismaClient): Promise<void> {
  const tables = await prisma.$queryRawUnsafe<{ t: string }[]>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '\\_%'`);
  const sql = [
    `CREATE TABLE _row_changes (n bigint NOT NULL)`,
    `INSERT INTO _row_changes VALUES (0)`,
    `CREATE FUNCTION _count_row_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE _row_changes SET n = n + 1; RETURN NULL; END $$`,
    ...tables.map(
      ({ t }) =>
        `CREATE TRIGGER _count_changes AFTER ${t === "Session" ? "INSERT OR DELETE" : "INSERT OR UPDATE OR DELETE"} ON "${t}" FOR EACH ROW EXECUTE FUNCTION _count_row_change()`,
    ),
  ];
  for (const statement of sql) await prisma.$executeRawUnsafe(statement);
}

/** Rows written since trackRowChanges(): compared before and after each request. */
export async function rowChanges(prisma: PrismaClient): Promise<string> {
  const rows = await prisma.$queryRawUnsafe<{ n: string }[]>(`SELECT n::text AS n FROM _row_changes`);
  return rows[0]?.n ?? "";
}
