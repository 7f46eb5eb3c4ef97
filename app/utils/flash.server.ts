import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { getEnv, sessionSecret } from "./env.server";

// One-time "notification banner" messages carried across a redirect (POST → redirect → GET).

export interface Flash {
  kind: "success" | "important";
  title: string;
  body?: string;
}

type FlashStorage = ReturnType<typeof createCookieSessionStorage<Record<string, never>, { flash: Flash }>>;
let storage: FlashStorage | undefined;
function flashStorage() {
  const env = getEnv();
  storage ??= createCookieSessionStorage<Record<string, never>, { flash: Flash }>({
    cookie: { name: "__redress_flash", httpOnly: true, sameSite: "lax", path: "/", secure: env.APP_ENV === "production", secrets: [sessionSecret(env)] },
  });
  return storage;
}

export async function redirectWithFlash(to: string, flash: Flash, init: ResponseInit = {}) {
  const session = await flashStorage().getSession();
  session.flash("flash", flash);
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashStorage().commitSession(session));
  return redirect(to, { ...init, headers });
}

export async function readFlash(request: Request): Promise<{ flash: Flash | null; headers: Headers }> {
  const cookie = request.headers.get("Cookie");
  // Most requests carry no message: skip verifying a signature that is not there.
  if (!cookie?.includes("__redress_flash=")) return { flash: null, headers: new Headers() };
  const session = await flashStorage().getSession(cookie);
  const flash = (session.get("flash") as Flash | undefined) ?? null;
  const headers = new Headers();
  if (flash) headers.append("Set-Cookie", await flashStorage().commitSession(session));
  return { flash, headers };
}
