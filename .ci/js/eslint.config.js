// eslint for visualisations/: the recommended rules, browser globals, ES modules.
// Run from the repository root: .ci/js/node_modules/.bin/eslint -c .ci/js/eslint.config.js visualisations
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  js.configs.recommended,
  {
    files: ["**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser, vis: "readonly" },
    },
    rules: {
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
    },
  },
];
