import { createCookie, redirect } from "@remix-run/node";
import { getPrisma } from "./db.server";
import { getEnv, sessionSecret } from "./env.server";
import { accessLevels, type Access, type Action, type Entity } from "./permissions";

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

const userInclude = {
  roles: { select: { name: true, label: true, permissions: { select: { action: true, entity: true, access: true } } } },
  setting: { select: { id: true, name: true, kind: true } },
  localArea: { select: { id: true, name: true } },
} as const;

export type SessionUser = NonNullable<Awaited<ReturnType<typeof loadUser>>>;

async function loadUser(userId: string) {
  const prisma = await getPrisma();
  return prisma.user.findFirst({
    where: { id: userId, active: true },
    select: { id: true, email: true, name: true, settingId: true, localAreaId: true, ...userInclude },
  });
}

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
  const session = await prisma.session.create({
    data: {
      userId,
      expiresAt: new Date(now + SESSION_IDLE_MINUTES * MINUTE),
      userAgent: request.headers.get("User-Agent")?.slice(0, 300) ?? null,
    },
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
  const session = await prisma.session.findUnique({ where: { id: sessionId } });
  const now = Date.now();
  if (!session || session.expiresAt.getTime() <= now) return null;
  const absoluteEnd = session.createdAt.getTime() + SESSION_MAX_HOURS * 3600_000;
  if (now - session.lastSeenAt.getTime() > MINUTE) {
    await prisma.session.update({
      where: { id: sessionId },
      data: { lastSeenAt: new Date(now), expiresAt: new Date(Math.min(absoluteEnd, now + SESSION_IDLE_MINUTES * MINUTE)) },
    });
  }
  return loadUser(session.userId);
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
export async function requireUserWithPermission(
  request: Request,
  permission: `${Action}:${Entity}`,
): Promise<{ user: SessionUser; access: Access[] }> {
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

/** Only same-site relative paths; anything else falls back to the dashboard. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/dashboard"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
