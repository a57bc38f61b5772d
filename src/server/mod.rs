//! `dal-audit server`: a language server over stdio.
//!
//! Built on `lsp-server` and `lsp-types`, rust-analyzer's synchronous crates:
//! the work is CPU-bound linting on threads, which needs no async runtime;
//! the message loop is ours to write (debouncing, dropping stale results),
//! and `Connection::memory()` lets the tests drive the very same loop
//! in-process. `lsp-types` 0.95 is the version rust-analyzer itself uses
//! (later ones replaced `Url`, and with it the file-path conversions).
//!
//! - `session.rs`: the message loop: documents, debounced lints, code actions, configuration changes.
//! - `lint.rs`: the lint worker thread, through the library entry point `check` uses; panics caught.
//! - `document.rs`: an open document's text, kept in sync by incremental edits.
//! - `position.rs`: byte offsets ↔ LSP positions in the negotiated encoding (UTF-8 or UTF-16).
//! - `actions.rs`: quick fixes and `allow` comments.
//! - `workspace.rs`: each folder's configuration, and where a configuration error points.

pub mod actions;
pub mod document;
pub mod lint;
pub mod options;
pub mod position;
pub mod session;
pub mod workspace;

use std::path::PathBuf;

use lsp_server::{Connection, Message};
use lsp_types::notification::Notification as _;
use lsp_types::request::{RegisterCapability, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability,
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, InitializeResult,
    PositionEncodingKind, Registration, RegistrationParams, SaveOptions, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Url,
};
use serde_json::Value;

use crate::server::actions::EditStyle;
use crate::server::lint::spawn_worker;
use crate::server::position::Encoding;
use crate::server::session::{ClientFeatures, Session};
use crate::server::workspace::Workspace;

pub use crate::server::options::ServerOptions;

/// Serves the client on stdin/stdout until it exits; `Ok(true)` when it
/// asked for `shutdown` before `exit`, as the protocol wants.
pub fn run_stdio() -> Result<bool, String> {
    let (connection, io_threads) = Connection::stdio();
    let clean = run(connection, ServerOptions::default())?;
    io_threads
        .join()
        .map_err(|e| format!("language server I/O: {e}"))?;
    Ok(clean)
}

/// Serves one client over `connection`: the handshake, then the message loop.
pub fn run(connection: Connection, options: ServerOptions) -> Result<bool, String> {
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| format!("language server handshake: {e}"))?;
    // Read field by field rather than as a whole `InitializeParams`: a client
    // that sends one unusual value elsewhere must not fail the handshake.
    let client = client_features(&params);
    let result = InitializeResult {
        capabilities: capabilities(client.encoding),
        server_info: Some(ServerInfo {
            name: "dal-audit".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    let result = serde_json::to_value(result).map_err(|e| e.to_string())?;
    connection
        .initialize_finish(id, result)
        .map_err(|e| format!("language server handshake: {e}"))?;
    if flag(
        &params,
        "/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration",
    ) {
        watch_config_files(&connection);
    }
    let (jobs, outcomes) =
        spawn_worker(options.lint).map_err(|e| format!("cannot start the lint thread: {e}"))?;
    let workspace = Workspace::new(workspace_roots(&params));
    let session = Session::new(connection.sender.clone(), options, client, workspace, jobs);
    Ok(session.run(&connection.receiver, &outcomes))
}

fn client_features(params: &Value) -> ClientFeatures {
    let offered: Option<Vec<PositionEncodingKind>> = params
        .pointer("/capabilities/general/positionEncodings")
        .and_then(|kinds| serde_json::from_value(kinds.clone()).ok());
    ClientFeatures {
        encoding: Encoding::negotiate(offered.as_deref()),
        edit_style: EditStyle {
            versioned: flag(
                params,
                "/capabilities/workspace/workspaceEdit/documentChanges",
            ),
        },
    }
}

/// A client capability that is `true`.
fn flag(params: &Value, pointer: &str) -> bool {
    params.pointer(pointer).and_then(Value::as_bool) == Some(true)
}

/// The workspace folders (or the root) the client names, as paths.
fn workspace_roots(params: &Value) -> Vec<PathBuf> {
    let folders = params
        .pointer("/workspaceFolders")
        .and_then(Value::as_array);
    let folder_uris = folders.into_iter().flatten().map(|f| &f["uri"]);
    folder_uris
        .chain(params.pointer("/rootUri"))
        .filter_map(|uri| Url::parse(uri.as_str()?).ok()?.to_file_path().ok())
        .collect()
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    let sync = TextDocumentSyncOptions {
        open_close: Some(true),
        change: Some(TextDocumentSyncKind::INCREMENTAL),
        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
            include_text: Some(false),
        })),
        ..TextDocumentSyncOptions::default()
    };
    let code_actions = CodeActionOptions {
        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, actions::fix_all_kind()]),
        ..CodeActionOptions::default()
    };
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(sync)),
        code_action_provider: Some(CodeActionProviderCapability::Options(code_actions)),
        ..ServerCapabilities::default()
    }
}

/// Asks the client to tell us when a configuration file changes on disk
/// (`workspace/didChangeWatchedFiles`), wherever it is edited.
fn watch_config_files(connection: &Connection) {
    let watcher = |glob: &str| FileSystemWatcher {
        glob_pattern: GlobPattern::String(glob.into()),
        kind: None,
    };
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![watcher("**/dal-audit.toml"), watcher("**/Cargo.toml")],
    };
    let registration = Registration {
        id: "dal-audit-configuration".into(),
        method: lsp_types::notification::DidChangeWatchedFiles::METHOD.into(),
        register_options: serde_json::to_value(options).ok(),
    };
    let request = lsp_server::Request::new(
        lsp_server::RequestId::from("dal-audit-watch".to_string()),
        RegisterCapability::METHOD.into(),
        RegistrationParams {
            registrations: vec![registration],
        },
    );
    let _ = connection.sender.send(Message::Request(request));
}
