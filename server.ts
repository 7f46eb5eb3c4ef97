import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { getDatabase } from "./app/utils/db.server";
import { getEnv } from "./app/utils/env.server";
import { migrate } from "./app/utils/migrate.server";
import { startBackgroundWorkers } from "./app/utils/workers.server";
import { seed } from "./prisma/seed";

// The portal's one process: validate config, open the database, migrate, optionally seed the
// demo data, start the deadline sweeper and email dispatcher, then serve.

async function main() {
  const env = getEnv();
  const db = await getDatabase();
  const { applied } = await migrate(db);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
  if (process.env.SEED_DEMO_DATA === "true") {
    const { created } = await seed(db.prisma);
    console.log(created ? "Seeded demo data." : "Demo data already present.");
  }

  const buildPath = path.resolve("build/index.js");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY === "true");
  app.use((_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "same-origin");
    next();
  });
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use("/assets", express.static("public/assets", { maxAge: "1d" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, getLoadContext: (req) => ({ clientAddress: req.ip ?? "unknown" }) }));

  const stopWorkers = startBackgroundWorkers(env);
  const server = app.listen(env.PORT, () => {
    console.log(`Redress is running at http://localhost:${env.PORT} (${env.APP_ENV}, ${db.engine})`);
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
