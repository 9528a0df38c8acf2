// What the extension decides, kept apart from VS Code's API so that `node --test` can check it without an editor.
"use strict";

const path = require("path");

// The files the server is started for: both locations, both spellings.
const PATTERNS = [
  "**/.ona/automations.yaml",
  "**/.ona/automations.yml",
  "**/.gitpod/automations.yaml",
  "**/.gitpod/automations.yml",
];

function documentSelector() {
  return PATTERNS.map((pattern) => ({ scheme: "file", pattern }));
}

function isAutomationsFile(fsPath) {
  const parts = fsPath.split(/[\\/]/);
  const [folder, name] = parts.slice(-2);
  return (folder === ".ona" || folder === ".gitpod") && (name === "automations.yaml" || name === "automations.yml");
}

// The command that runs the server: the `automationsLint.path` setting (blank: the one on PATH), with `server`.
function serverCommand(setting) {
  const command = typeof setting === "string" && setting.trim() ? setting.trim() : "automations-lint";
  return { command, args: ["server"] };
}

// What to tell the user when the server cannot start.
function startFailure(command, error) {
  const missing = error && (error.code === "ENOENT" || /ENOENT/.test(String(error.message)));
  if (missing) {
    const name = path.basename(command);
    return `automations-lint: "${name}" was not found. Install it (pip install automations-lint) or set "automationsLint.path" to its full path.`;
  }
  return `automations-lint: the language server did not start: ${error && error.message ? error.message : error}`;
}

module.exports = { PATTERNS, documentSelector, isAutomationsFile, serverCommand, startFailure };
