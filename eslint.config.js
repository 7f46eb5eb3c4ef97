// ESLint 9 flat config: the recommended sets of @eslint/js, typescript-eslint and react-hooks,
// plus the import boundaries of docs/decisions/015. Layout is Prettier's job, not ESLint's.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const MACHINES_ARE_PURE = "machines/ is pure rules: it may not import from app/ or emails/ (docs/decisions/015).";
const MACHINES_PUBLIC_ENTRY = "Import machines/ through its public entry (machines/index.ts), or machines/route.ts for the browser-safe route vocabulary (docs/decisions/015).";

export default tseslint.config(
  { ignores: ["build/", "public/build/", "public/assets/", "generated/", ".cache/", "data/", "test-results/", "playwright-report/", "tests/.tmp/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Names starting with _ are deliberately unused (a field left out of a copy, an ignored argument).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      // `ok ? a++ : b++` tallies are idiomatic here.
      "@typescript-eslint/no-unused-expressions": ["error", { allowShortCircuit: true, allowTernary: true }],
      // The text gate exists to find control characters: its patterns name them on purpose.
      "no-control-regex": "off",
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "emails/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    files: ["machines/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "(^|/)(app|emails)(/|$)", message: MACHINES_ARE_PURE }] }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "emails/**/*.{ts,tsx}", "server.ts", "scripts/**/*.ts", "prisma/**/*.ts", "bench/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "(^|/)machines/(?!(index|route)$)", message: MACHINES_PUBLIC_ENTRY }] }],
    },
  },
);
