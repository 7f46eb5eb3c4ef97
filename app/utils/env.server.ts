import path from "node:path";
import { z } from "zod";

// Configuration is read once, validated, and fails start-up with a message a person can act on.
// Table of variables: README "Configuration".

const APP_ENVS = ["production", "demo", "development", "test"] as const;
export type AppEnv = (typeof APP_ENVS)[number];

export const DEFAULT_DATABASE_URL = "pglite:./data/pglite";
export const DEFAULT_EVIDENCE_DIR = "./data/evidence";

/** Evidence files live in a folder of their own, never where the web server serves files from. */
const evidenceDir = z
  .string()
  .trim()
  .default(DEFAULT_EVIDENCE_DIR)
  .superRefine((value, ctx) => {
    if (value === "" || value.includes("\0")) {
      ctx.addIssue({ code: "custom", message: "must be a folder path" });
      return;
    }
    const resolved = path.resolve(value);
    for (const served of ["public", "build"]) {
      const root = path.resolve(served);
      if (resolved === root || resolved.startsWith(`${root}${path.sep}`) || root.startsWith(`${resolved}${path.sep}`)) {
        ctx.addIssue({ code: "custom", message: `must be outside the folders the web server serves (${served}/): uploaded files are never served directly` });
      }
    }
  });

const databaseUrl = z
  .string()
  .trim()
  .default(DEFAULT_DATABASE_URL)
  .superRefine((value, ctx) => {
    if (value === "pglite:memory" || /^pglite:.+/.test(value)) return;
    if (/^postgres(ql)?:\/\//.test(value)) {
      try {
        const url = new URL(value);
        if (!url.hostname) throw new Error("no host");
        if (url.pathname.length <= 1) {
          ctx.addIssue({ code: "custom", message: "names no database (add /<database> after the host)" });
        }
      } catch {
        ctx.addIssue({ code: "custom", message: "is not a valid postgresql:// URL" });
      }
      return;
    }
    ctx.addIssue({
      code: "custom",
      message: `must be "postgresql://user@host:port/database", "pglite:<folder>" or "pglite:memory" (got "${value.slice(0, 40)}")`,
    });
  });

const envSchema = z
  .object({
    NODE_ENV: z.enum(["production", "development", "test"]).default("development"),
    APP_ENV: z.enum(APP_ENVS).optional(),
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: z.string().optional(),
    AUDIT_HMAC_KEY: z.string().optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PUBLIC_URL: z.url().optional(),
    RESEND_API_KEY: z.string().optional(),
    EMAIL_FROM: z.string().default("Redress <no-reply@redress.example>"),
    SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
    // Read by the launcher (scripts/portal-env.mjs: Node's --max-old-space-size); checked here too
    // so a bad value is named however the server was started (docs/decisions/035).
    SERVER_HEAP_MB: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === "") return undefined;
        const mb = /^\d{1,6}$/.test(v) ? Number(v) : NaN;
        if (mb >= 128 && mb <= 65_536) return mb;
        ctx.addIssue({ code: "custom", message: "must be a whole number of megabytes from 128 to 65536" });
        return undefined;
      }),
    EVIDENCE_DIR: evidenceDir,
    // A virus scanner run on each uploaded file before it is kept, e.g. "clamdscan --no-summary";
    // the file's path is added as the last argument; exit 0 = clean, anything else = refused.
    EVIDENCE_SCAN_COMMAND: z.string().trim().optional(),
    SEED_DEMO_DATA: z.enum(["true", "false", ""], { error: 'must be "true" or "false"' }).optional(),
    // How many reverse proxies stand in front of the portal. Each appends the address it saw to
    // X-Forwarded-For; the client's own value is never trusted. "true" (the old spelling) = 1.
    TRUST_PROXY: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === "" || v === "false" || v === "0") return 0;
        if (v === "true") return 1;
        if (/^[1-9]$/.test(v)) return Number(v);
        ctx.addIssue({ code: "custom", message: 'must be the number of proxies in front of the portal (1–9), or "false"' });
        return 0;
      }),
  })
  .transform((env) => ({
    ...env,
    // Never let a forgotten APP_ENV turn a production build into a demo with persona sign-in.
    APP_ENV: env.APP_ENV ?? (env.NODE_ENV === "production" ? "production" : env.NODE_ENV === "test" ? "test" : "development"),
  }))
  .superRefine((env, ctx) => {
    if (env.APP_ENV !== "production") return;
    if (env.SEED_DEMO_DATA === "true") {
      ctx.addIssue({
        code: "custom",
        path: ["SEED_DEMO_DATA"],
        message: "must not be true in production: the demo accounts' password is published in the README",
      });
    }
    if (!env.SESSION_SECRET || env.SESSION_SECRET.length < 32) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message: "is required in production and must be at least 32 characters (e.g. `openssl rand -hex 32`)",
      });
    }
    if (!env.AUDIT_HMAC_KEY || env.AUDIT_HMAC_KEY.length < 32) {
      ctx.addIssue({
        code: "custom",
        path: ["AUDIT_HMAC_KEY"],
        message: "is required in production and must be at least 32 characters (e.g. `openssl rand -hex 32`); keep it outside the database",
      });
    }
    if (!env.RESEND_API_KEY) {
      ctx.addIssue({ code: "custom", path: ["RESEND_API_KEY"], message: "is required in production so families are told what happens" });
    }
  });

export type Env = z.output<typeof envSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "environment"} ${issue.message}`);
  throw new ConfigError(`Redress cannot start: the configuration is invalid.\n${lines.join("\n")}`);
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

// Demo and development builds may offer persona sign-in and print emails; production never.
export function isDemoLike(env: Env = getEnv()): boolean {
  return env.APP_ENV !== "production";
}

/** Demo data (people with a published password) may only ever be written outside production. */
export function assertSeedingAllowed(env: Env = getEnv()): void {
  if (env.APP_ENV === "production") {
    throw new ConfigError("Refusing to seed demo data: APP_ENV is production, and every demo account's password is published in the README.");
  }
}

// Dev/test fallback: a fixed secret is fine where there is nothing to protect.
export function sessionSecret(env: Env = getEnv()): string {
  return env.SESSION_SECRET ?? "redress-development-secret-not-for-production";
}

// Keys the case log's hash chain (docs/decisions/010). Dev/test fallback like the session secret.
export function auditHmacKey(env: Env = getEnv()): string {
  return env.AUDIT_HMAC_KEY ?? "redress-development-audit-key-not-for-production";
}
