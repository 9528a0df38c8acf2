// Starts `automations-lint server` for Ona automations files; the server does the rest.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");
const { documentSelector, serverCommand, startFailure } = require("./activation");

let client;

async function activate(context) {
  const server = serverCommand(vscode.workspace.getConfiguration("automationsLint").get("path"));
  client = new LanguageClient(
    "automations-lint",
    "automations-lint",
    { command: server.command, args: server.args },
    { documentSelector: documentSelector() },
  );
  try {
    await client.start();
  } catch (error) {
    vscode.window.showErrorMessage(startFailure(server.command, error));
    return;
  }
  context.subscriptions.push(client);
}

async function deactivate() {
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate };
