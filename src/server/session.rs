//! The message loop after `initialize`: documents in, diagnostics and code
//! actions out. The loop itself never lints: it hands versions to the lint
//! worker (`lint.rs`), at once on open and save and `debounce` after the
//! last change while typing, one job per document at a time, and drops any
//! result whose version the document has moved past.

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::Instant;

use crossbeam_channel::{Receiver, Sender, select};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, LogMessage, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, Request as _, Shutdown};
use lsp_types::{
    CodeActionKind, CodeActionParams, DiagnosticSeverity, LogMessageParams, MessageType, Position,
    PublishDiagnosticsParams, ShowMessageParams, Url,
};

use crate::server::actions::{EditStyle, code_actions, fix_all, fix_all_kind};
use crate::server::document::{Document, Kind, is_config_file};
use crate::server::lint::{Job, Linted, Outcome};
use crate::server::options::ServerOptions;
use crate::server::position::{Encoding, Lines};
use crate::server::workspace::{Workspace, error_location};

/// What the client told us at `initialize` that changes what we send.
#[derive(Debug, Clone, Copy)]
pub struct ClientFeatures {
    pub encoding: Encoding,
    pub edit_style: EditStyle,
}

pub struct Session {
    out: Sender<Message>,
    options: ServerOptions,
    client: ClientFeatures,
    documents: HashMap<Url, Document>,
    workspace: Workspace,
    jobs: Sender<Job>,
    /// Documents with a job at the worker: at most one each.
    in_flight: HashSet<Url>,
    /// Documents to lint, and when (a debounced change waits; open and save do not).
    due: HashMap<Url, Instant>,
    /// Code action requests waiting for the lint of their document's current version.
    waiting_actions: Vec<(RequestId, CodeActionParams)>,
    /// Configuration errors already shown, so each is shown once.
    shown_errors: HashSet<String>,
    /// Configuration files we published a problem on, to clear when fixed.
    config_problems: HashSet<Url>,
    shutdown: bool,
}

enum Flow {
    Continue,
    Exit,
}

impl Session {
    pub fn new(
        out: Sender<Message>,
        options: ServerOptions,
        client: ClientFeatures,
        workspace: Workspace,
        jobs: Sender<Job>,
    ) -> Session {
        Session {
            out,
            options,
            client,
            documents: HashMap::new(),
            workspace,
            jobs,
            in_flight: HashSet::new(),
            due: HashMap::new(),
            waiting_actions: Vec::new(),
            shown_errors: HashSet::new(),
            config_problems: HashSet::new(),
            shutdown: false,
        }
    }

    /// Runs until `exit` or until the client goes away; returns whether a
    /// `shutdown` came first (the protocol's condition for exit status 0).
    pub fn run(mut self, messages: &Receiver<Message>, outcomes: &Receiver<Outcome>) -> bool {
        loop {
            let timer = match self.due.values().min() {
                Some(at) => crossbeam_channel::at(*at),
                None => crossbeam_channel::never(),
            };
            select! {
                recv(messages) -> message => match message {
                    Ok(message) => {
                        if let Flow::Exit = self.handle(message) {
                            return self.shutdown;
                        }
                    }
                    Err(_) => return self.shutdown,
                },
                recv(outcomes) -> outcome => {
                    if let Ok(outcome) = outcome {
                        self.on_outcome(outcome);
                    }
                }
                recv(timer) -> _ => {}
            }
            self.start_due_lints();
        }
    }

    /// Handles one message; a panic in a handler is answered and logged,
    /// never the end of the server.
    fn handle(&mut self, message: Message) -> Flow {
        let request_id = match &message {
            Message::Request(request) => Some(request.id.clone()),
            _ => None,
        };
        let method = match &message {
            Message::Request(r) => r.method.clone(),
            Message::Notification(n) => n.method.clone(),
            Message::Response(_) => String::new(),
        };
        match catch_unwind(AssertUnwindSafe(|| self.dispatch(message))) {
            Ok(flow) => flow,
            Err(_) => {
                let text = format!("dal-audit: internal error while handling `{method}`");
                if let Some(id) = request_id {
                    self.respond_error(id, ErrorCode::InternalError, text.clone());
                }
                self.show_message(MessageType::ERROR, text);
                Flow::Continue
            }
        }
    }

    fn dispatch(&mut self, message: Message) -> Flow {
        match message {
            Message::Request(request) => self.on_request(request),
            Message::Notification(notification) => {
                if notification.method == lsp_types::notification::Exit::METHOD {
                    return Flow::Exit;
                }
                self.on_notification(notification);
            }
            // Answers to our own requests (capability registration): nothing to do.
            Message::Response(_) => {}
        }
        Flow::Continue
    }

    fn on_request(&mut self, request: Request) {
        if self.shutdown {
            let text = "the server is shutting down".to_string();
            return self.respond_error(request.id, ErrorCode::InvalidRequest, text);
        }
        match request.method.as_str() {
            Shutdown::METHOD => {
                self.shutdown = true;
                self.respond(Response::new_ok(request.id, ()));
            }
            CodeActionRequest::METHOD => {
                match serde_json::from_value::<CodeActionParams>(request.params) {
                    Ok(params) => self.on_code_action(request.id, params),
                    Err(e) => {
                        self.respond_error(request.id, ErrorCode::InvalidParams, e.to_string())
                    }
                }
            }
            other => {
                let text = format!("dal-audit does not handle `{other}`");
                self.respond_error(request.id, ErrorCode::MethodNotFound, text);
            }
        }
    }

    fn on_notification(&mut self, notification: Notification) {
        let method = notification.method.clone();
        let params = notification.params;
        let result = match method.as_str() {
            DidOpenTextDocument::METHOD => serde_json::from_value(params).map(|p| self.on_open(p)),
            DidChangeTextDocument::METHOD => {
                serde_json::from_value(params).map(|p| self.on_change(p))
            }
            DidSaveTextDocument::METHOD => serde_json::from_value(params).map(|p| self.on_save(p)),
            DidCloseTextDocument::METHOD => {
                serde_json::from_value(params).map(|p| self.on_close(p))
            }
            DidChangeWatchedFiles::METHOD => {
                serde_json::from_value(params).map(|p| self.on_watched_files(p))
            }
            // `initialized`, `$/cancelRequest`, `$/setTrace`, settings: nothing to do.
            _ => Ok(()),
        };
        if let Err(error) = result {
            self.log(
                MessageType::ERROR,
                format!("bad `{method}` parameters: {error}"),
            );
        }
    }

    fn on_open(&mut self, params: lsp_types::DidOpenTextDocumentParams) {
        let item = params.text_document;
        let doc = Document::new(
            item.uri.clone(),
            &item.language_id,
            item.version,
            item.text,
            self.client.encoding,
        );
        let kind = doc.kind;
        self.documents.insert(item.uri.clone(), doc);
        match kind {
            Kind::Sql => self.lint_now(item.uri),
            Kind::Config => self.check_config_document(&item.uri),
            Kind::Other => {}
        }
    }

    fn on_change(&mut self, params: lsp_types::DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(doc) = self.documents.get_mut(&uri) else {
            return;
        };
        doc.change(params.text_document.version, params.content_changes);
        if doc.kind == Kind::Sql {
            self.due.insert(uri, Instant::now() + self.options.debounce);
        }
    }

    fn on_save(&mut self, params: lsp_types::DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        let kind = self.documents.get(&uri).map(|doc| doc.kind);
        let is_config = uri.to_file_path().is_ok_and(|path| is_config_file(&path));
        match kind {
            Some(Kind::Sql) => self.lint_now(uri),
            _ if is_config => self.config_changed(),
            _ => {}
        }
    }

    fn on_close(&mut self, params: lsp_types::DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.due.remove(&uri);
        if let Some(doc) = self.documents.remove(&uri)
            && doc.kind == Kind::Sql
        {
            self.publish(uri.clone(), Vec::new(), None);
        }
        self.answer_waiting_actions(&uri);
    }

    fn on_watched_files(&mut self, params: lsp_types::DidChangeWatchedFilesParams) {
        let config_changed = params
            .changes
            .iter()
            .any(|change| change.uri.to_file_path().is_ok_and(|p| is_config_file(&p)));
        if config_changed {
            self.config_changed();
        }
    }

    /// A configuration file changed: read the configuration again, report
    /// what is still wrong with it, and lint every open document again.
    fn config_changed(&mut self) {
        self.workspace.forget();
        self.shown_errors.clear();
        for uri in std::mem::take(&mut self.config_problems) {
            self.publish(uri, Vec::new(), None);
        }
        let open: Vec<(Url, Kind)> = self
            .documents
            .values()
            .map(|doc| (doc.uri.clone(), doc.kind))
            .collect();
        for (uri, kind) in open {
            match kind {
                Kind::Sql => self.lint_now(uri),
                Kind::Config => self.check_config_document(&uri),
                Kind::Other => {}
            }
        }
    }

    /// An open configuration file: reports whether it can be read.
    fn check_config_document(&mut self, uri: &Url) {
        let Some(path) = self.documents.get(uri).and_then(|doc| doc.path.clone()) else {
            return;
        };
        let folder = self.workspace.folder_of(Some(&path));
        self.settings_for(&folder);
    }

    fn lint_now(&mut self, uri: Url) {
        self.due.insert(uri, Instant::now());
    }

    /// The settings for a folder; a configuration error is reported the
    /// first time it is met.
    fn settings_for(&mut self, folder: &Path) -> std::sync::Arc<crate::server::lint::Settings> {
        let loaded = self.workspace.settings_for(folder);
        if let Some(error) = &loaded.error {
            self.report_config_error(error, folder);
        }
        loaded.settings
    }

    /// Shows a configuration error once, and puts it on the configuration
    /// file as a diagnostic when it names a position.
    fn report_config_error(&mut self, error: &str, folder: &Path) {
        let location = error_location(error, folder);
        let key = match &location {
            Some(l) => format!(
                "{}:{}:{}: {}",
                l.file.display(),
                l.line,
                l.column,
                l.message
            ),
            None => error.to_string(),
        };
        if !self.shown_errors.insert(key.clone()) {
            return;
        }
        self.show_message(
            MessageType::ERROR,
            format!("dal-audit: {key} (linting with the default settings until it is fixed)"),
        );
        let Some(location) = location else {
            return;
        };
        let Ok(uri) = Url::from_file_path(&location.file) else {
            return;
        };
        // The position is in the file as saved, which is what was read.
        let text = std::fs::read_to_string(&location.file).unwrap_or_default();
        let lines = Lines::new(&text, self.client.encoding);
        let line_start = lines.offset(&text, Position::new(location.line as u32 - 1, 0));
        let (_, line_end) = lines.line_around(line_start);
        let start = text[line_start..line_end]
            .char_indices()
            .nth(location.column.saturating_sub(1))
            .map_or(line_end, |(i, _)| line_start + i);
        let diagnostic = lsp_types::Diagnostic {
            range: lines.range(&text, &(start..line_end.max(start))),
            severity: Some(DiagnosticSeverity::ERROR),
            source: Some("dal-audit".into()),
            message: location.message,
            ..lsp_types::Diagnostic::default()
        };
        self.config_problems.insert(uri.clone());
        self.publish(uri, vec![diagnostic], None);
    }

    /// Hands every document whose time has come to the worker, unless its
    /// previous version is still there (it goes when that one comes back).
    fn start_due_lints(&mut self) {
        let now = Instant::now();
        let ready: Vec<Url> = self
            .due
            .iter()
            .filter(|(uri, at)| **at <= now && !self.in_flight.contains(*uri))
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in ready {
            self.due.remove(&uri);
            self.start_lint(uri);
        }
    }

    fn start_lint(&mut self, uri: Url) {
        let Some(doc) = self.documents.get(&uri) else {
            return;
        };
        let (path, version, text) = (doc.path.clone(), doc.version, doc.text.clone());
        let display_path = doc.display_path();
        let folder = self.workspace.folder_of(path.as_deref());
        let settings = self.settings_for(&folder);
        let excluded = path
            .as_deref()
            .is_some_and(|path| !settings.config.selects(path, &folder));
        if excluded {
            // `check` would not lint it either.
            return self.on_outcome(Outcome {
                uri,
                version,
                result: Ok(Linted::nothing(version)),
            });
        }
        let job = Job {
            uri: uri.clone(),
            version,
            path: display_path,
            text,
            settings,
            encoding: self.client.encoding,
        };
        if self.jobs.send(job).is_ok() {
            self.in_flight.insert(uri);
        } else {
            self.show_message(
                MessageType::ERROR,
                "dal-audit: the lint thread stopped".into(),
            );
        }
    }

    fn on_outcome(&mut self, outcome: Outcome) {
        self.in_flight.remove(&outcome.uri);
        let Some(doc) = self.documents.get(&outcome.uri) else {
            return;
        };
        if doc.version != outcome.version {
            // Stale: the document changed meanwhile and its new version is due.
            return;
        }
        let linted = match outcome.result {
            Ok(linted) => linted,
            Err(panic) => {
                let text = format!(
                    "dal-audit could not lint this file: internal error ({panic}). The server goes on; please report this with the file."
                );
                let logged = format!("{}: {text}", doc.display_path());
                self.log(MessageType::ERROR, logged.clone());
                self.show_message(MessageType::ERROR, logged);
                Linted::failure(outcome.version, text)
            }
        };
        let published = linted.published.clone();
        if let Some(doc) = self.documents.get_mut(&outcome.uri) {
            doc.linted = Some(linted);
        }
        self.publish(outcome.uri.clone(), published, Some(outcome.version));
        self.answer_waiting_actions(&outcome.uri);
    }

    fn on_code_action(&mut self, id: RequestId, params: CodeActionParams) {
        let uri = params.text_document.uri.clone();
        let Some(doc) = self.documents.get(&uri) else {
            return self.respond(Response::new_ok(id, Vec::<()>::new()));
        };
        let wanted = wants(&params, &CodeActionKind::QUICKFIX) || wants_fix_all(&params);
        if doc.kind != Kind::Sql || !wanted {
            return self.respond(Response::new_ok(id, Vec::<()>::new()));
        }
        if doc.current_lint().is_some() {
            let actions = self.actions_for(&params);
            return self.respond(Response::new_ok(id, actions));
        }
        // Its findings are not known yet: answer when they are, and lint now
        // unless this version is at the worker already.
        self.waiting_actions.push((id, params));
        if self.due.contains_key(&uri) || !self.in_flight.contains(&uri) {
            self.lint_now(uri);
        }
    }

    fn actions_for(&self, params: &CodeActionParams) -> Vec<lsp_types::CodeActionOrCommand> {
        let doc = self.documents.get(&params.text_document.uri);
        let current = doc.and_then(|doc| Some((doc, doc.current_lint()?)));
        match current {
            Some((doc, linted)) => {
                let style = self.client.edit_style;
                let mut actions = Vec::new();
                if wants(params, &CodeActionKind::QUICKFIX) {
                    actions = code_actions(doc, linted, params.range, style);
                }
                if wants_fix_all(params) {
                    actions.extend(fix_all(doc, linted, style));
                }
                actions
            }
            None => Vec::new(),
        }
    }

    fn answer_waiting_actions(&mut self, uri: &Url) {
        let (ready, waiting): (Vec<_>, Vec<_>) = std::mem::take(&mut self.waiting_actions)
            .into_iter()
            .partition(|(_, params)| params.text_document.uri == *uri);
        self.waiting_actions = waiting;
        for (id, params) in ready {
            let actions = self.actions_for(&params);
            self.respond(Response::new_ok(id, actions));
        }
    }

    fn publish(&self, uri: Url, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.notify(PublishDiagnostics::METHOD, params);
    }

    fn show_message(&self, typ: MessageType, message: String) {
        self.notify(ShowMessage::METHOD, ShowMessageParams { typ, message });
    }

    fn log(&self, typ: MessageType, message: String) {
        self.notify(LogMessage::METHOD, LogMessageParams { typ, message });
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        let notification = Notification::new(method.to_string(), params);
        // A client that went away is noticed by the loop, which then ends.
        let _ = self.out.send(notification.into());
    }

    fn respond(&self, response: Response) {
        let _ = self.out.send(response.into());
    }

    fn respond_error(&self, id: RequestId, code: ErrorCode, message: String) {
        self.respond(Response::new_err(id, code as i32, message));
    }
}

/// Whether the request asks for actions of `kind`: it names no kinds, or
/// `kind` or a kind containing it (`quickfix`; `source` and
/// `source.fixAll` contain `source.fixAll.dal-audit`).
fn wants(params: &CodeActionParams, kind: &CodeActionKind) -> bool {
    params.context.only.as_ref().is_none_or(|only| {
        only.iter().any(|asked| {
            let asked = asked.as_str();
            kind.as_str() == asked
                || kind.as_str().starts_with(asked) && kind.as_str()[asked.len()..].starts_with('.')
        })
    })
}

/// "Fix all" is offered only when asked for by kind (on save, or from a
/// "Source Action" menu), not among the quick fixes under the cursor.
fn wants_fix_all(params: &CodeActionParams) -> bool {
    params.context.only.is_some() && wants(params, &fix_all_kind())
}
