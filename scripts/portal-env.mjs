// The environment `npm start` gives the server. Demo data is seeded by default only outside
// production: with APP_ENV=production nothing turns seeding on (and the server refuses it).
export function portalEnv(env) {
  const appEnv = env.APP_ENV ?? "demo";
  const seedDefault = appEnv === "production" ? "false" : "true";
  return { ...env, NODE_ENV: "production", APP_ENV: appEnv, SEED_DEMO_DATA: env.SEED_DEMO_DATA ?? seedDefault };
}

/** The old-generation heap the server runs with unless SERVER_HEAP_MB says otherwise (docs/decisions/035). */
export const DEFAULT_SERVER_HEAP_MB = 384;

/**
 * Node's flags for the server process: a cap on V8's old generation. Without one, V8 sizes the
 * heap from the machine's memory (about 4 GB here) and lets garbage pile up under load: the case
 * page under 8 connections peaked at 310–400 MB resident; with the cap, about 185 MB at the same
 * throughput (docs/decisions/035). Throws a readable message when SERVER_HEAP_MB is not usable.
 */
export function serverNodeArgs(env) {
  const raw = (env.SERVER_HEAP_MB ?? "").trim();
  if (raw === "") return [`--max-old-space-size=${DEFAULT_SERVER_HEAP_MB}`];
  const mb = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(mb >= 128 && mb <= 65536)) {
    throw new Error(`SERVER_HEAP_MB must be a whole number of megabytes from 128 to 65536 (it is "${raw}"); leave it unset for ${DEFAULT_SERVER_HEAP_MB}.`);
  }
  return [`--max-old-space-size=${mb}`];
}
