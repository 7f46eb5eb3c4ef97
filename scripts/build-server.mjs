// Compiles server.ts (and the app modules it imports directly) to build/server.mjs, so production
// can run `node build/server.mjs` instead of `node --import tsx server.ts`: measured on PostgreSQL,
// start-up ~2× faster and ~90–115 MB less resident memory (docs/decisions/017). Packages stay
// external (resolved from node_modules at run time); run from the project root, like server.ts.
//   node scripts/build-server.mjs        (after `npx remix build`)
import { build } from "esbuild";

await build({
  entryPoints: ["server.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  outfile: "build/server.mjs",
  logLevel: "warning",
});
console.log("Built build/server.mjs");
