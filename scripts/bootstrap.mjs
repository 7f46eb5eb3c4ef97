#!/usr/bin/env node
// Idempotent set-up shared by `npm start` and `npm test`: install what is missing, generate the
// Prisma client, build the app, then hand over. Plain Node (no dependencies), because it runs
// before node_modules exists on a fresh clone.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { portalEnv, serverNodeArgs } from "./portal-env.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);

// The Prisma CLI must never try to download engines: the recipe uses the JS engine and adapters.
const offlineEnv = { PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
Object.assign(process.env, offlineEnv);

function run(cmd, args, opts = {}) {
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: "inherit", env: process.env, ...opts });
  if (result.status !== 0) {
    console.error(`\n✖ ${cmd} ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
  return Date.now() - started;
}

function digest(files) {
  const hash = crypto.createHash("sha256");
  for (const file of files) hash.update(fs.existsSync(file) ? fs.readFileSync(file) : "");
  return hash.digest("hex");
}

function step(name, stampFile, inputs, action) {
  const stamp = path.join("node_modules", ".cache", "redress", stampFile);
  const want = digest(inputs);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === want && !process.argv.includes("--force")) return;
  const ms = action();
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, want);
  console.log(`✔ ${name} (${((ms ?? 0) / 1000).toFixed(1)} s)`);
}

export function install() {
  step("dependencies installed", "install", ["package.json", "package-lock.json"], () => run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]));
}

export function generate() {
  step("Prisma client generated", "generate", ["prisma/schema.prisma", "package-lock.json"], () => {
    if (!fs.existsSync("generated/prisma/client.ts")) fs.rmSync("node_modules/.cache/redress/generate", { force: true });
    return run("npx", ["prisma", "generate"]);
  });
  if (!fs.existsSync("generated/prisma/client.ts")) run("npx", ["prisma", "generate"]);
}

export function copyFrontendAssets() {
  const src = "node_modules/govuk-frontend/dist/govuk";
  fs.cpSync(path.join(src, "assets"), "public/assets", { recursive: true });
  fs.copyFileSync(path.join(src, "govuk-frontend.min.js"), "public/assets/govuk-frontend.min.js");
  fs.copyFileSync(path.join(src, "assets/images/favicon.ico"), "public/favicon.ico");
}

export function build() {
  copyFrontendAssets();
  const ms = run("npx", ["remix", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  console.log(`✔ portal built (${(ms / 1000).toFixed(1)} s)`);
}

// The server itself as plain JavaScript (build/server.mjs, 0.2 s): `npm start` runs it with node,
// not through tsx, which saves start-up time and ~100 MB of memory (docs/decisions/029). Rebuilt
// on every start, like the portal, so it can never be older than server.ts.
export function buildServer() {
  run(process.execPath, ["scripts/build-server.mjs"], { stdio: ["ignore", "ignore", "inherit"] });
}

function ensureChromium() {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (fs.existsSync(chromium)) return;
  if (process.getuid?.() !== 0) {
    console.error(`✖ Chromium is needed for the browser tests and ${chromium} is missing. Install it with: sudo apt-get install -y chromium`);
    process.exit(1);
  }
  const ms = run("bash", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null"]);
  console.log(`✔ Debian chromium installed (${(ms / 1000).toFixed(1)} s)`);
}

function startPortal() {
  let heap;
  try {
    heap = serverNodeArgs(process.env);
  } catch (error) {
    console.error(`✖ ${error.message}`);
    process.exit(1);
  }
  const result = spawnSync(process.execPath, [...heap, "build/server.mjs"], { stdio: "inherit", env: portalEnv(process.env) });
  process.exit(result.status ?? 1);
}

// Runs every suite even when one fails, then prints one closing line for all of them.
function runTests() {
  // Not test-results/: Playwright empties that folder when it starts.
  fs.mkdirSync("tests/.tmp/reports", { recursive: true });
  const vitestReport = "tests/.tmp/reports/vitest.json";
  const playwrightReport = "tests/.tmp/reports/playwright.json";
  fs.rmSync(vitestReport, { force: true });
  fs.rmSync(playwrightReport, { force: true });
  // Lint counts as one test: the whole codebase passes ESLint (rules and import boundaries) or it fails.
  const lint = spawnSync("npx", ["eslint", ".", "--max-warnings", "0"], { stdio: "inherit", env: process.env });
  const format = spawnSync("npx", ["prettier", "--check", "--log-level", "warn", "."], { stdio: "inherit", env: process.env });
  const vitest = spawnSync("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`], { stdio: "inherit", env: process.env });
  const e2e = spawnSync("npx", ["playwright", "test"], { stdio: "inherit", env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport } });
  // Lint and format count as one test each.
  let passed = (lint.status === 0 ? 1 : 0) + (format.status === 0 ? 1 : 0);
  let failed = (lint.status === 0 ? 0 : 1) + (format.status === 0 ? 0 : 1);
  let skipped = 0;
  if (fs.existsSync(vitestReport)) {
    const r = JSON.parse(fs.readFileSync(vitestReport, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  } else failed += 1;
  if (fs.existsSync(playwrightReport)) {
    const s = JSON.parse(fs.readFileSync(playwrightReport, "utf8")).stats;
    passed += s.expected + s.flaky;
    failed += s.unexpected;
    skipped += s.skipped;
  } else failed += 1;
  const ok = lint.status === 0 && format.status === 0 && vitest.status === 0 && e2e.status === 0 && failed === 0;
  console.log(
    `\nlint ${lint.status === 0 ? "ok" : "FAILED"}, format ${format.status === 0 ? "ok" : "FAILED"}, vitest ${vitest.status === 0 ? "ok" : "FAILED"}, playwright ${e2e.status === 0 ? "ok" : "FAILED"}`,
  );
  console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(ok ? 0 : 1);
}

const command = process.argv[2];
if (command === "prepare") {
  install();
  generate();
} else if (command === "start") {
  install();
  generate();
  build();
  buildServer();
  startPortal();
} else if (command === "test") {
  install();
  generate();
  build();
  ensureChromium();
  runTests();
} else {
  console.error("usage: node scripts/bootstrap.mjs prepare|start|test");
  process.exit(2);
}
