import { defineConfig, devices } from "@playwright/test";
import { serverNodeArgs } from "./scripts/portal-env.mjs";

// End-to-end tests drive Debian's Chromium (no browser downloads here) against the built portal
// on a fresh embedded database seeded with the demo data.

const PORT = Number(process.env.E2E_PORT ?? 3210);
const DATA_DIR = "tests/.tmp/e2e-pglite";
const EVIDENCE_DIR = "tests/.tmp/e2e-evidence";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1, // one server, one PGlite folder
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        },
      },
    },
  ],
  webServer: {
    // The server as `npm start` runs it: compiled to plain JavaScript (docs/decisions/029), with its heap cap (035).
    command: `rm -rf ${DATA_DIR} ${DATA_DIR}.lock ${EVIDENCE_DIR} && node scripts/build-server.mjs && node ${serverNodeArgs(process.env).join(" ")} build/server.mjs`,
    url: `http://localhost:${PORT}/sign-in`,
    // Migrating and seeding the demo data (cases and register histories) on a busy machine.
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      APP_ENV: "test",
      PORT: String(PORT),
      DATABASE_URL: `pglite:${DATA_DIR}`,
      EVIDENCE_DIR,
      SEED_DEMO_DATA: "true",
      SWEEP_INTERVAL_SECONDS: "0",
    },
  },
});
