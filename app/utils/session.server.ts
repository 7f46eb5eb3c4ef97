import { createCookie, redirect } from "@remix-run/node";
import { Prisma } from "../../generated/prisma/client";
import { queryRows } from "./database.server";
import { getPrisma } from "./db.server";
import { getEnv, sessionSecret } from "./env.server";
import { MAX_SESSIONS_PER_USER } from "./limits";
import { accessLevels, type Access, type Action, type Entity } from "./permissions";
import { safeRedirect } from "./redirects";

// Database-backed sessions: the cookie holds only a random session id; signing out or expiry
// deletes the row, so a stolen cookie dies with it.

export const SESSION_IDLE_MINUTES = 60;
export const SESSION_MAX_HOURS = 12;
const MINUTE = 60_000;

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  const env = getEnv();
  cookie ??= createCookie("__redress_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: env.APP_ENV === "production",
    path: "/",
    secrets: [sessionSecret(env)],
    maxAge: SESSION_MAX_HOURS * 3600,
  });
  return cookie;
}

/** What a signed-in person is loaded with: identity, roles with their permissions, setting and area (tests load people the same way). */
export const SESSION_USER_SELECT = {
  id: true,
  email: true,
  name: true,
  settingId: true,
  localAreaId: true,
  roles: { select: { name: true, label: true, permissions: { select: { action: true, entity: true, access: true } } } },
  setting: { select: { id: true, name: true, kind: true } },
  localArea: { select: { id: true, name: true } },
} as const;

export type SessionUser = Prisma.UserGetPayload<{ select: typeof SESSION_USER_SELECT }>;

/** The id of the session the request was made in (or null). */
export function currentSessionId(request: Request): Promise<string | null> {
  return readSessionId(request);
}

async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export async function createUserSession(userId: string, request: Request, redirectTo: string) {
  const prisma = await getPrisma();
  const now = Date.now();
  const session = await prisma.$transaction(async (tx) => {
    const created = await tx.session.create({
      data: {
        userId,
        expiresAt: new Date(now + SESSION_IDLE_MINUTES * MINUTE),
        userAgent:
          request.headers
            .get("User-Agent")
            ?.normalize("NFC")
            .replace(/[\u0000-\u001F\u007F-\u009F]/g, "")
            .slice(0, 300) || null,
      },
    });
    // At most MAX_SESSIONS_PER_USER at once: signing in again ends the oldest (and any expired).
    const live = await tx.session.findMany({ where: { userId, expiresAt: { gt: new Date(now) } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    const ended = live.slice(MAX_SESSIONS_PER_USER).map((s) => s.id);
    await tx.session.deleteMany({ where: { userId, OR: [{ id: { in: ended } }, { expiresAt: { lte: new Date(now) } }] } });
    return created;
  });
  return redirect(safeRedirect(redirectTo), {
    headers: { "Set-Cookie": await sessionCookie().serialize(session.id) },
  });
}

// The root loader and the page's loader both ask; one request reads the session once.
const usersByRequest = new WeakMap<Request, Promise<SessionUser | null>>();

/** The signed-in user, or null. Slides the idle expiry, never past the absolute limit. */
export function getUser(request: Request): Promise<SessionUser | null> {
  let user = usersByRequest.get(request);
  if (!user) {
    user = readUser(request);
    usersByRequest.set(request, user);
  }
  return user;
}

async function readUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const prisma = await getPrisma();
  const now = Date.now();
  // ONE statement per request (docs/decisions/017): the live session, its active user with roles,
  // permissions, setting and area, and, at most once a minute, the idle expiry slid forward
  // (never past the absolute limit). A deleted or expired session, or a deactivated account,
  // finds nothing: revocation takes effect on the very next request.
  // Straight to the driver as a prepared statement (docs/decisions/029): through Prisma's client
  // this one statement cost more CPU than rendering a small page.
  const nowIso = new Date(now).toISOString();
  const rows = await queryRows<SessionUserRow>(
    prisma,
    Prisma.sql`
    WITH s AS (
      SELECT id, "userId", "createdAt", "lastSeenAt" FROM "Session" WHERE id = ${sessionId} AND "expiresAt" > ${nowIso}::timestamp(3)
    ), slide AS (
      UPDATE "Session" t
         SET "lastSeenAt" = ${nowIso}::timestamp(3),
             "expiresAt" = LEAST(s."createdAt" + make_interval(hours => ${SESSION_MAX_HOURS}::int), ${new Date(now + SESSION_IDLE_MINUTES * MINUTE).toISOString()}::timestamp(3))
        FROM s
       WHERE t.id = s.id AND s."lastSeenAt" < ${new Date(now - MINUTE).toISOString()}::timestamp(3)
       RETURNING t.id
    )
    SELECT u.id, u.email, u.name, u."settingId", u."localAreaId",
           COALESCE((SELECT json_agg(json_build_object(
                      'name', r.name, 'label', r.label,
                      'permissions', COALESCE((SELECT json_agg(json_build_object('action', p.action, 'entity', p.entity, 'access', p.access) ORDER BY p.action, p.entity, p.access)
                                                 FROM "_PermissionToRole" pr JOIN "Permission" p ON p.id = pr."A" WHERE pr."B" = r.id), '[]'::json))
                      ORDER BY r.name)
                       FROM "_RoleToUser" ru JOIN "Role" r ON r.id = ru."A" WHERE ru."B" = u.id), '[]'::json) AS roles,
           CASE WHEN st.id IS NULL THEN NULL ELSE json_build_object('id', st.id, 'name', st.name, 'kind', st.kind) END AS setting,
           CASE WHEN la.id IS NULL THEN NULL ELSE json_build_object('id', la.id, 'name', la.name) END AS "localArea"
      FROM s
      JOIN "User" u ON u.id = s."userId" AND u.active
      LEFT JOIN "Setting" st ON st.id = u."settingId"
      LEFT JOIN "LocalArea" la ON la.id = u."localAreaId"`,
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    settingId: row.settingId,
    localAreaId: row.localAreaId,
    roles: parseJson(row.roles),
    setting: parseJson(row.setting),
    localArea: parseJson(row.localArea),
  };
}

interface SessionUserRow {
  id: string;
  email: string;
  name: string;
  settingId: string | null;
  localAreaId: string | null;
  roles: SessionUser["roles"] | string;
  setting: SessionUser["setting"] | string;
  localArea: SessionUser["localArea"] | string;
}

/** json columns arrive parsed from adapter-pg and as text from some drivers: accept both. */
function parseJson<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
    throw redirect(`/sign-in?${params}`);
  }
  return user;
}

/** Signed in AND holding some access for action:entity; returns the access levels held. */
export async function requireUserWithPermission(request: Request, permission: `${Action}:${Entity}`): Promise<{ user: SessionUser; access: Access[] }> {
  const user = await requireUser(request);
  const [action, entity] = permission.split(":") as [Action, Entity];
  const access = accessLevels(user, action, entity);
  if (access.length === 0) {
    throw new Response(`You do not have permission to ${action} ${entity} records.`, { status: 403, statusText: "Forbidden" });
  }
  return { user, access };
}

export async function signOut(request: Request) {
  const sessionId = await readSessionId(request);
  if (sessionId) {
    const prisma = await getPrisma();
    await prisma.session.deleteMany({ where: { id: sessionId } });
  }
  return redirect("/signed-out", {
    headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0 }) },
  });
}

export interface SessionSummary {
  id: string;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

/** The person's live sessions, newest first, the current one marked. */
export async function listSessions(userId: string, currentId: string | null): Promise<SessionSummary[]> {
  const prisma = await getPrisma();
  const rows = await prisma.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
    select: { id: true, userAgent: true, createdAt: true, lastSeenAt: true },
  });
  return rows.map((row) => ({ ...row, current: row.id === currentId }));
}

/** Ends one of the person's own sessions (never anyone else's); true if there was one. */
export async function endSession(userId: string, sessionId: string): Promise<boolean> {
  const prisma = await getPrisma();
  const { count } = await prisma.session.deleteMany({ where: { id: sessionId, userId } });
  return count > 0;
}

/** Ends every session of the person except `keepId`; returns how many ended. */
export async function endOtherSessions(userId: string, keepId: string | null): Promise<number> {
  const prisma = await getPrisma();
  const { count } = await prisma.session.deleteMany({ where: { userId, ...(keepId ? { id: { not: keepId } } : {}) } });
  return count;
}
