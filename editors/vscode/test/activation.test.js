"use strict";

const assert = require("node:assert");
const test = require("node:test");
const { documentSelector, isAutomationsFile, serverCommand, startFailure } = require("../activation");

test("the server starts for both locations and both spellings, and for nothing else", () => {
  assert.deepStrictEqual(
    documentSelector().map((selector) => selector.pattern),
    ["**/.ona/automations.yaml", "**/.ona/automations.yml", "**/.gitpod/automations.yaml", "**/.gitpod/automations.yml"],
  );
  assert.ok(isAutomationsFile("/repo/.ona/automations.yaml"));
  assert.ok(isAutomationsFile("C:\\repo\\.gitpod\\automations.yml"));
  assert.ok(!isAutomationsFile("/repo/.github/workflows/ci.yaml"));
  assert.ok(!isAutomationsFile("/repo/automations.yaml"));
});

test("the command comes from the setting, else from PATH, always with `server`", () => {
  assert.deepStrictEqual(serverCommand(undefined), { command: "automations-lint", args: ["server"] });
  assert.deepStrictEqual(serverCommand("  "), { command: "automations-lint", args: ["server"] });
  assert.deepStrictEqual(serverCommand("/p/.venv/bin/automations-lint"), {
    command: "/p/.venv/bin/automations-lint",
    args: ["server"],
  });
});

test("a missing command is explained with what to do", () => {
  const message = startFailure("/p/.venv/bin/automations-lint", Object.assign(new Error("spawn ENOENT"), { code: "ENOENT" }));
  assert.match(message, /"automations-lint" was not found/);
  assert.match(message, /automationsLint\.path/);
  assert.match(startFailure("automations-lint", new Error("boom")), /did not start: boom/);
});
