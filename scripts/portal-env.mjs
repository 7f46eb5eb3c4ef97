// The environment `npm start` gives the server. Demo data is seeded by default only outside
// production: with APP_ENV=production nothing turns seeding on (and the server refuses it).
export function portalEnv(env) {
  const appEnv = env.APP_ENV ?? "demo";
  const seedDefault = appEnv === "production" ? "false" : "true";
  return { ...env, NODE_ENV: "production", APP_ENV: appEnv, SEED_DEMO_DATA: env.SEED_DEMO_DATA ?? seedDefault };
}
