import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../app/utils/database.server";

// A production start (as `APP_ENV=production npm start` runs it) on an empty database must
// create no accounts: the demo accounts' password is in the README.

const PORT = 3300 + 50 + (process.pid % 40);

function startServer(env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("node", ["--import", "tsx", "server.ts"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Redress is running")) child.kill("SIGTERM");
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

async function usersIn(dir: string): Promise<number> {
  const db = await openDatabase(`pglite:${dir}`);
  try {
    const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "User"`);
    return rows[0]?.n ?? -1;
  } finally {
    await db.close();
  }
}

describe("a production start", () => {
  const production = {
    NODE_ENV: "production",
    APP_ENV: "production",
    SESSION_SECRET: "a-production-secret-of-at-least-32-characters",
    RESEND_API_KEY: "re_test_not_used",
    AUDIT_HMAC_KEY: "an-audit-key-for-the-production-start-test-0001",
    SWEEP_INTERVAL_SECONDS: "0",
    PORT: String(PORT),
  };

  it("as npm start runs it, seeds nothing: an empty database stays without accounts", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redress-prod-"));
    // scripts/portal-env.mjs is what `npm start` hands the server.
    const { portalEnv } = await import("../../scripts/portal-env.mjs");
    const env = portalEnv({ ...production, DATABASE_URL: `pglite:${dir}` });
    const { output } = await startServer(env);
    expect(output).toContain("Redress is running");
    expect(output).not.toContain("Seeded demo data");
    expect(await usersIn(dir)).toBe(0);
  }, 120_000);

  it("refuses to start when told to seed in production", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redress-prod-"));
    const { code, output } = await startServer({ ...production, DATABASE_URL: `pglite:${dir}`, SEED_DEMO_DATA: "true" });
    expect(code).not.toBe(0);
    expect(output).toMatch(/SEED_DEMO_DATA must not be true in production/);
    expect(fs.existsSync(path.join(dir, "PG_VERSION"))).toBe(false); // refused before the database was even opened
  }, 120_000);
});
