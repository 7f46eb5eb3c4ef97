/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // govuk-frontend ships CSS that the server bundle must not try to import at run time.
  serverDependenciesToBundle: [/^govuk-frontend/],
  // Keep the embedded database, generated client, and tests out of the dev watcher.
  future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true },
  watchPaths: ["machines/**/*.ts", "emails/**/*.tsx"],
};
