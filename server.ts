import path from "node:path";
import v8 from "node:v8";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { getDatabase } from "./app/utils/db.server";
import { assertSeedingAllowed, getEnv } from "./app/utils/env.server";
import { refusal, remixHandler, securityMiddleware } from "./app/utils/http-security";
import { migrate } from "./app/utils/migrate.server";
import { startBackgroundWorkers } from "./app/utils/workers.server";
import { seed } from "./prisma/seed";

// The portal's one process: validate config, open the database, migrate, optionally seed the
// demo data (never in production), start the deadline sweeper and email dispatcher, then serve
// behind the HTTP gate of app/utils/http-security.ts (docs/decisions/009-http-security.md).

async function main() {
  const env = getEnv();
  if (env.SEED_DEMO_DATA === "true") assertSeedingAllowed(env);
  const db = await getDatabase();
  const { applied } = await migrate(db);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
  if (env.SEED_DEMO_DATA === "true") {
    const { created } = await seed(db.prisma);
    console.log(created ? "Seeded demo data." : "Demo data already present.");
  }

  const buildPath = path.resolve("build/index.js");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  // A hop count, never "trust everything": the client's own X-Forwarded-For entries are ignored.
  app.set("trust proxy", env.TRUST_PROXY);
  const security = { production: env.APP_ENV === "production", ...(env.PUBLIC_URL ? { publicOrigin: new URL(env.PUBLIC_URL).origin } : {}) };
  app.use(securityMiddleware(security));
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use("/assets", express.static("public/assets", { maxAge: "1d" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.all(
    "*",
    remixHandler(build, (req, res) => ({ clientAddress: req.ip ?? "unknown", cspNonce: res.locals.cspNonce ?? "" })),
  );
  // Anything that escaped (should not happen): a plain 500 page, never a stack trace.
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    console.error(error);
    refusal(res, 500, "Sorry, there is a problem with the service", "Try again later. Nothing you had already saved has been lost.");
  });

  const stopWorkers = startBackgroundWorkers(env);
  const server = app.listen(env.PORT, () => {
    // The heap cap `npm start` gives node (docs/decisions/035), so an operator sees it took effect.
    const heapMb = Math.round(v8.getHeapStatistics().heap_size_limit / 1024 / 1024);
    console.log(`Redress is running at http://localhost:${env.PORT} (${env.APP_ENV}, ${db.engine}, heap limit ${heapMb} MB)`);
  });

  const shutdown = (signal: string) => {
    console.log(`${signal}: shutting down`);
    stopWorkers();
    server.close(() => {
      void db.close().finally(() => process.exit(0));
    });
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
