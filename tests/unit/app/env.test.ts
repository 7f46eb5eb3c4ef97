import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_DATABASE_URL, isDemoLike, parseEnv } from "../../../app/utils/env.server";

describe("configuration", () => {
  it("defaults to the embedded database and development", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe(DEFAULT_DATABASE_URL);
    expect(env.APP_ENV).toBe("development");
    expect(env.PORT).toBe(3000);
  });

  it("accepts PostgreSQL URLs and PGlite folders", () => {
    expect(parseEnv({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/test" }).DATABASE_URL).toContain("postgresql://");
    expect(parseEnv({ DATABASE_URL: "postgres://u:p@db.internal/redress" }).DATABASE_URL).toContain("postgres://");
    expect(parseEnv({ DATABASE_URL: "pglite:memory" }).DATABASE_URL).toBe("pglite:memory");
  });

  it.each([
    ["mysql://root@localhost/db", /DATABASE_URL must be "postgresql:/],
    ["postgresql://", /DATABASE_URL is not a valid postgresql:\/\/ URL/],
    ["postgresql://localhost", /DATABASE_URL names no database/],
  ])("explains a bad DATABASE_URL (%s)", (value, message) => {
    expect(() => parseEnv({ DATABASE_URL: value })).toThrow(message);
  });

  it("refuses to start production without a strong session secret or an email key", () => {
    const attempt = () => parseEnv({ NODE_ENV: "production" });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/SESSION_SECRET is required in production/);
    expect(attempt).toThrow(/RESEND_API_KEY is required in production/);
    expect(attempt).toThrow(/AUDIT_HMAC_KEY is required in production/);
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(32), RESEND_API_KEY: "re_x", AUDIT_HMAC_KEY: "short" })).toThrow(
      /AUDIT_HMAC_KEY is required in production and must be at least 32/,
    );
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: "short", RESEND_API_KEY: "re_x" })).toThrow(/at least 32/);
    const ok = parseEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(32), RESEND_API_KEY: "re_x", AUDIT_HMAC_KEY: "k".repeat(32) });
    expect(ok.APP_ENV).toBe("production");
  });

  it("a production build is production unless APP_ENV says demo", () => {
    expect(parseEnv({ NODE_ENV: "production", APP_ENV: "demo" }).APP_ENV).toBe("demo");
    expect(() => parseEnv({ APP_ENV: "staging" })).toThrow(/APP_ENV/);
  });

  it("offers demo personas everywhere but production", () => {
    const production = parseEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(32), RESEND_API_KEY: "re_x", AUDIT_HMAC_KEY: "k".repeat(32) });
    expect(isDemoLike(production)).toBe(false);
    expect(isDemoLike(parseEnv({ NODE_ENV: "production", APP_ENV: "demo" }))).toBe(true);
    expect(isDemoLike(parseEnv({ NODE_ENV: "test" }))).toBe(true);
  });

  it("rejects a port out of range", () => {
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT/);
  });
});
