// Starts `dal-audit server` for SQL files. The server does the work:
// diagnostics as you type, quick fixes and `allow` comments as code actions,
// and it re-lints when a `dal-audit.toml` or `Cargo.toml` changes (it asks
// VS Code to watch them). This file only finds the executable.

import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function serverOptions(): ServerOptions {
  const configured = vscode.workspace.getConfiguration("dal-audit").get<string>("path");
  return { command: configured || "dal-audit", args: ["server"] };
}

const clientOptions: LanguageClientOptions = {
  documentSelector: [
    { scheme: "file", language: "sql" },
    { scheme: "untitled", language: "sql" },
    // Saving the configuration re-lints the open files.
    { scheme: "file", pattern: "**/dal-audit.toml" },
  ],
};

async function start(): Promise<void> {
  client = new LanguageClient("dal-audit", "dal-audit", serverOptions(), clientOptions);
  await client.start();
}

async function restart(): Promise<void> {
  await client?.stop();
  await start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("dal-audit.restart", restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("dal-audit.path")) {
        void restart();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
