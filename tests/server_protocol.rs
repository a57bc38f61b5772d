//! The language server driven in-process over an in-memory connection, as an
//! editor drives it: initialize (each position encoding), open, change,
//! save, code actions, configuration changes, a panicking lint, shutdown.

use std::path::Path;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use dal_audit::lint::{FileOptions, FileReport};
use dal_audit::server::{ServerOptions, lint::lint_document, run};
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};

/// How long a test waits for a message before it fails.
const PATIENCE: Duration = Duration::from_secs(20);

struct Client {
    connection: Connection,
    server: JoinHandle<Result<bool, String>>,
    next_id: i32,
    /// Notifications received while waiting for something else.
    pending: Vec<Notification>,
}

impl Client {
    /// Starts a server and initializes it with these client capabilities.
    fn start(capabilities: Value, root: &Path, options: ServerOptions) -> (Client, Value) {
        let (client_side, server_side) = Connection::memory();
        let server = std::thread::spawn(move || run(server_side, options));
        let mut client = Client {
            connection: client_side,
            server,
            next_id: 0,
            pending: Vec::new(),
        };
        let root_uri = uri(root);
        let result = client.request(
            "initialize",
            json!({ "capabilities": capabilities, "rootUri": root_uri, "processId": null }),
        );
        client.notify("initialized", json!({}));
        (client, result.response_result.expect("initialize succeeds"))
    }

    fn notify(&self, method: &str, params: Value) {
        let notification = Notification::new(method.into(), params);
        self.connection.sender.send(notification.into()).unwrap();
    }

    fn send_request(&mut self, method: &str, params: Value) -> RequestId {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let request = Request::new(id.clone(), method.into(), params);
        self.connection.sender.send(request.into()).unwrap();
        id
    }

    /// Sends a request and waits for its response.
    fn request(&mut self, method: &str, params: Value) -> Response {
        let id = self.send_request(method, params);
        self.response(id)
    }

    fn response(&mut self, id: RequestId) -> Response {
        loop {
            match self.receive() {
                Message::Response(response) if response.id == id => return response,
                Message::Response(other) => panic!("unexpected response {other:?}"),
                Message::Notification(n) => self.pending.push(n),
                Message::Request(request) => self.answer_server_request(request),
            }
        }
    }

    fn receive(&mut self) -> Message {
        self.connection
            .receiver
            .recv_timeout(PATIENCE)
            .expect("the server answers in time")
    }

    /// The server asks to watch the configuration files: accept.
    fn answer_server_request(&self, request: Request) {
        assert_eq!(request.method, "client/registerCapability");
        let response = Response::new_ok(request.id, Value::Null);
        self.connection.sender.send(response.into()).unwrap();
    }

    /// The next notification with this method (and, for diagnostics, this document).
    fn next(&mut self, method: &str, uri: Option<&str>) -> Value {
        let matches =
            |n: &Notification| n.method == method && uri.is_none_or(|uri| n.params["uri"] == uri);
        if let Some(i) = self.pending.iter().position(matches) {
            return self.pending.remove(i).params;
        }
        loop {
            match self.receive() {
                Message::Notification(n) if matches(&n) => return n.params,
                Message::Notification(n) => self.pending.push(n),
                Message::Request(request) => self.answer_server_request(request),
                Message::Response(other) => panic!("unexpected response {other:?}"),
            }
        }
    }

    fn diagnostics(&mut self, uri: &str) -> Value {
        self.next("textDocument/publishDiagnostics", Some(uri))
    }

    fn open(&self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "sql", "version": 1, "text": text } }),
        );
    }

    fn change(&self, uri: &str, version: i32, range: [[u32; 2]; 2], text: &str) {
        let [[l1, c1], [l2, c2]] = range;
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{
                    "range": { "start": { "line": l1, "character": c1 }, "end": { "line": l2, "character": c2 } },
                    "text": text
                }]
            }),
        );
    }

    /// `shutdown` then `exit`; the server's own verdict on how it ended.
    fn shut_down(mut self) -> Result<bool, String> {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response.response_result.ok(), Some(Value::Null));
        self.notify("exit", Value::Null);
        self.server.join().unwrap()
    }
}

fn uri(path: &Path) -> String {
    lsp_types::Url::from_file_path(path).unwrap().to_string()
}

/// A workspace folder with files, for one test.
fn workspace(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn start(root: &Path) -> Client {
    Client::start(json!({}), root, ServerOptions::default()).0
}

/// Each diagnostic's rule and range as `[line, character, line, character]`.
fn ranges(published: &Value) -> Vec<(String, [u64; 4])> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let r = &d["range"];
            let n = |v: &Value| v.as_u64().unwrap();
            (
                d["code"].as_str().unwrap_or("").to_string(),
                [
                    n(&r["start"]["line"]),
                    n(&r["start"]["character"]),
                    n(&r["end"]["line"]),
                    n(&r["end"]["character"]),
                ],
            )
        })
        .collect()
}

fn codes(published: &Value) -> Vec<String> {
    ranges(published)
        .into_iter()
        .map(|(code, _)| code)
        .collect()
}

// `é` is 2 bytes and 1 UTF-16 unit, `🦀` 4 bytes and 2 units: the backticked
// name starts at UTF-16 column 14 and byte 17 of its line.
const NON_ASCII: &str = "SELECT 1;\nSELECT 'é🦀', `x` FROM t;\n";

#[test]
fn utf16_by_default_and_exact_ranges_on_open() {
    let dir = workspace(&[]);
    let (mut client, result) = Client::start(json!({}), dir.path(), ServerOptions::default());
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(result["serverInfo"]["name"], "dal-audit");
    let doc = uri(&dir.path().join("1_init.sql"));
    client.open(&doc, NON_ASCII);
    let published = client.diagnostics(&doc);
    assert_eq!(published["version"], 1);
    assert_eq!(
        ranges(&published),
        [("backtick-identifier".to_string(), [1, 14, 1, 17])]
    );
    let diagnostic = &published["diagnostics"][0];
    assert_eq!(diagnostic["severity"], 1);
    assert_eq!(diagnostic["source"], "dal-audit");
    assert!(
        diagnostic["message"]
            .as_str()
            .unwrap()
            .contains("\nhelp: write \"x\""),
        "{diagnostic}"
    );
    assert!(
        diagnostic["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("/rules/backtick-identifier.md")
    );
    assert_eq!(client.shut_down(), Ok(true));
}

#[test]
fn utf8_when_the_client_offers_it() {
    let dir = workspace(&[]);
    let capabilities = json!({ "general": { "positionEncodings": ["utf-16", "utf-8"] } });
    let (mut client, result) = Client::start(capabilities, dir.path(), ServerOptions::default());
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    let doc = uri(&dir.path().join("1_init.sql"));
    client.open(&doc, NON_ASCII);
    assert_eq!(
        ranges(&client.diagnostics(&doc)),
        [("backtick-identifier".to_string(), [1, 17, 1, 20])]
    );
    // An edit in UTF-8 columns: the backticked name becomes a quoted one.
    client.change(&doc, 2, [[1, 17], [1, 20]], "\"x\"");
    let published = client.diagnostics(&doc);
    assert_eq!(published["version"], 2);
    assert_eq!(codes(&published), Vec::<String>::new());
    assert_eq!(client.shut_down(), Ok(true));
}

#[test]
fn changes_are_linted_once_typing_pauses_and_saves_at_once() {
    let dir = workspace(&[]);
    // Long enough that a busy machine never pauses that long between two keystrokes.
    let debounce = Duration::from_secs(1);
    let options = ServerOptions {
        debounce,
        ..ServerOptions::default()
    };
    let (mut client, _) = Client::start(json!({}), dir.path(), options);
    let doc = uri(&dir.path().join("1_init.sql"));
    client.open(&doc, "SELECT 1;\n");
    assert_eq!(codes(&client.diagnostics(&doc)), Vec::<String>::new());

    // Typing `PRAGMA x;` in three keystrokes (UTF-16 columns, as the client offered nothing).
    client.change(&doc, 2, [[1, 0], [1, 0]], "PRAGMA");
    client.change(&doc, 3, [[1, 6], [1, 6]], " x");
    let last_change = Instant::now();
    client.change(&doc, 4, [[1, 8], [1, 8]], ";");
    let published = client.diagnostics(&doc);
    assert!(last_change.elapsed() >= debounce, "linted before the pause");
    // One lint, of the last version: none for versions 2 and 3.
    assert_eq!(published["version"], 4);
    assert_eq!(ranges(&published), [("pragma".to_string(), [1, 0, 1, 8])]);

    // A save lints at once, whatever the debounce.
    let (mut client, _) = Client::start(
        json!({}),
        dir.path(),
        ServerOptions {
            debounce: Duration::from_secs(3600),
            ..ServerOptions::default()
        },
    );
    client.open(&doc, "SELECT 1;\n");
    client.diagnostics(&doc);
    client.change(&doc, 2, [[0, 0], [0, 9]], "PRAGMA x;");
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": doc } }),
    );
    let published = client.diagnostics(&doc);
    assert_eq!(published["version"], 2);
    assert_eq!(codes(&published), ["pragma"]);
    assert_eq!(client.shut_down(), Ok(true));
}

/// The code actions at a position, by title, with their edits applied to `text`.
fn actions_at(client: &mut Client, doc: &str, text: &str, at: [u32; 2]) -> Vec<(String, Value)> {
    let position = json!({ "line": at[0], "character": at[1] });
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": doc },
            "range": { "start": position, "end": position },
            "context": { "diagnostics": [] }
        }),
    );
    let actions = response.response_result.expect("code actions");
    actions
        .as_array()
        .unwrap()
        .iter()
        .map(|action| {
            assert_eq!(action["kind"], "quickfix");
            let edits = action["edit"]["changes"][doc].as_array().unwrap();
            let fixed = apply(text, edits);
            let mut summary = action.clone();
            summary["fixed"] = fixed.into();
            (action["title"].as_str().unwrap().to_string(), summary)
        })
        .collect()
}

/// Applies LSP text edits (UTF-16 columns, `\n` lines) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |position: &Value| {
        let line = position["line"].as_u64().unwrap() as usize;
        let character = position["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= character {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            let range = &e["range"];
            (
                offset(&range["start"]),
                offset(&range["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|(start, _, _)| std::cmp::Reverse(*start));
    let mut out = text.to_string();
    for (start, end, new_text) in spans {
        out.replace_range(start..end, new_text);
    }
    out
}

#[test]
fn code_actions_fix_and_allow_and_wait_for_the_current_lint() {
    let dir = workspace(&[]);
    let mut client = start(dir.path());
    let doc = uri(&dir.path().join("1_init.sql"));
    let text = "CREATE TABLE `é🦀` (b BLOB);\n";
    client.open(&doc, text);
    // Asked before the first lint is back: answered once it is.
    let actions = actions_at(&mut client, &doc, text, [0, 14]);
    let titles: Vec<&str> = actions.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Fix backtick-identifier: quote the names with double quotes",
            "Allow backtick-identifier here (then write the reason)",
            "Allow backtick-identifier in this file (then write the reason)",
        ]
    );
    let fix = &actions[0].1;
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["code"], "backtick-identifier");
    assert_eq!(fix["fixed"], "CREATE TABLE \"é🦀\" (b BLOB);\n");
    let allow = &actions[1].1;
    assert_eq!(allow["isPreferred"], false);
    assert_eq!(
        allow["fixed"],
        "CREATE TABLE `é🦀` (b BLOB); -- dal-audit: allow(backtick-identifier)\n"
    );

    // The unsafe fix is labelled and not preferred; `BLOB` is at UTF-16 column 22.
    client.diagnostics(&doc);
    let actions = actions_at(&mut client, &doc, text, [0, 22]);
    let (title, unsafe_fix) = &actions[0];
    assert_eq!(title, "Fix sqlite-type-name (unsafe): write `BYTEA`");
    assert_eq!(unsafe_fix["isPreferred"], false);
    assert_eq!(unsafe_fix["fixed"], "CREATE TABLE `é🦀` (b BYTEA);\n");

    // Applying the allow: the finding goes, and the missing reason is the one left.
    let allowed = allow["fixed"].as_str().unwrap();
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": doc, "version": 2 }, "contentChanges": [{ "text": allowed }] }),
    );
    let published = client.diagnostics(&doc);
    assert_eq!(
        codes(&published),
        ["sqlite-type-name", "suppression-without-reason"]
    );
    assert_eq!(client.shut_down(), Ok(true));
}

#[test]
fn versioned_edits_when_the_client_supports_them() {
    let dir = workspace(&[]);
    let capabilities = json!({ "workspace": { "workspaceEdit": { "documentChanges": true } } });
    let (mut client, _) = Client::start(capabilities, dir.path(), ServerOptions::default());
    let doc = uri(&dir.path().join("1_init.sql"));
    client.open(&doc, "PRAGMA x;\n");
    client.diagnostics(&doc);
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": doc },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
            "context": { "diagnostics": [] }
        }),
    );
    let action = &response.response_result.unwrap()[0];
    let change = &action["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"], json!({ "uri": doc, "version": 1 }));
    assert_eq!(
        change["edits"][0]["newText"],
        " -- dal-audit: allow(pragma)"
    );
    assert_eq!(client.shut_down(), Ok(true));
}

#[test]
fn the_workspace_configuration_applies_and_its_changes_relint() {
    let dir = workspace(&[(
        "dal-audit.toml",
        "[rules]\npragma = \"off\"\nbacktick-identifier = \"warning\"\n",
    )]);
    let mut client = start(dir.path());
    let doc = uri(&dir.path().join("db/migrations/1_init.sql"));
    std::fs::create_dir_all(dir.path().join("db/migrations")).unwrap();
    let text = "PRAGMA x;\nSELECT `a` FROM t;\n";
    client.open(&doc, text);
    let published = client.diagnostics(&doc);
    assert_eq!(codes(&published), ["backtick-identifier"]);
    assert_eq!(published["diagnostics"][0]["severity"], 2);

    // The file changes on disk: every open document is linted again.
    let config = dir.path().join("dal-audit.toml");
    std::fs::write(&config, "[rules]\nbacktick-identifier = \"off\"\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&config), "type": 2 }] }),
    );
    assert_eq!(codes(&client.diagnostics(&doc)), ["pragma"]);

    // A broken configuration: said once, put on the file, the defaults meanwhile.
    std::fs::write(&config, "[rules]\nbacktick-identifer = \"off\"\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": uri(&config) } }),
    );
    let shown = client.next("window/showMessage", None);
    assert_eq!(shown["type"], 1);
    let message = shown["message"].as_str().unwrap();
    assert!(
        message.contains("unknown rule `backtick-identifer`")
            && message.contains("linting with the default settings"),
        "{message}"
    );
    let on_config = client.diagnostics(&uri(&config));
    assert_eq!(
        on_config["diagnostics"][0]["range"],
        json!({ "start": { "line": 1, "character": 0 }, "end": { "line": 1, "character": 26 } })
    );
    assert!(
        on_config["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with(
                "unknown rule `backtick-identifer` in [rules] (did you mean `backtick-identifier`?)"
            )
    );
    assert_eq!(
        codes(&client.diagnostics(&doc)),
        ["pragma", "backtick-identifier"]
    );

    // Mended: the configuration's diagnostic is cleared.
    std::fs::write(&config, "exclude = [\"*.down.sql\"]\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": uri(&config) } }),
    );
    let cleared = client.diagnostics(&uri(&config));
    assert_eq!(cleared["diagnostics"], json!([]));
    assert_eq!(
        codes(&client.diagnostics(&doc)),
        ["pragma", "backtick-identifier"]
    );
    // An excluded file is not linted, as `check` would not lint it.
    let down = uri(&dir.path().join("db/migrations/1_init.down.sql"));
    client.open(&down, text);
    assert_eq!(client.diagnostics(&down)["diagnostics"], json!([]));
    assert_eq!(client.shut_down(), Ok(true));
}

#[test]
fn rust_files_get_diagnostics_with_their_overrides_and_storage_globs() {
    let dir = workspace(&[(
        "dal-audit.toml",
        "storage = [\"src/storage/**\"]\n[[overrides]]\nfiles = [\"src/storage/pg.rs\"]\ntargets = [\"postgres>=14\"]\n",
    )]);
    let mut client = start(dir.path());
    let handler = uri(&dir.path().join("src/api.rs"));
    let text = "use sqlx::PgPool;\nfn f() { sqlx::query(\"SELECT ?1\"); }\n";
    client.open(&handler, text);
    let published = client.diagnostics(&handler);
    assert_eq!(
        codes(&published),
        [
            "concrete-pool-type",
            "database-access-outside-storage",
            "numbered-placeholder"
        ]
    );
    // The exact bytes of `?1` inside the literal.
    let ranges = ranges(&published);
    assert_eq!(ranges[2].1, [1, 29, 1, 31], "{ranges:?}");
    // In storage, with PostgreSQL targets: `::` is fine, the boundary holds.
    let storage = uri(&dir.path().join("src/storage/pg.rs"));
    client.open(
        &storage,
        "use sqlx::PgPool;\nfn f() { sqlx::query(\"SELECT a::int FROM t\"); }\n",
    );
    assert_eq!(codes(&client.diagnostics(&storage)), Vec::<String>::new());
    assert_eq!(client.shut_down(), Ok(true));
}

/// Lints like the server does, except that a document saying `PANIC` panics.
fn lint_or_panic(path: &str, text: &str, options: &FileOptions) -> FileReport {
    assert!(!text.contains("PANIC"), "a lint bug, on purpose");
    lint_document(path, text, options)
}

#[test]
fn a_panic_in_a_lint_is_reported_and_the_server_lives_on() {
    let dir = workspace(&[]);
    let options = ServerOptions {
        lint: lint_or_panic,
        ..ServerOptions::default()
    };
    let (mut client, _) = Client::start(json!({}), dir.path(), options);
    let doc = uri(&dir.path().join("1_init.sql"));
    client.open(&doc, "SELECT 'PANIC';\n");
    let published = client.diagnostics(&doc);
    let message = published["diagnostics"][0]["message"].as_str().unwrap();
    assert!(
        message.starts_with(
            "dal-audit could not lint this file: internal error (a lint bug, on purpose)"
        ),
        "{message}"
    );
    let shown = client.next("window/showMessage", None);
    assert_eq!(shown["type"], 1);

    // The same document, mended, and another one: linted as usual.
    client.change(&doc, 2, [[0, 8], [0, 13]], "calm");
    assert_eq!(codes(&client.diagnostics(&doc)), Vec::<String>::new());
    let other = uri(&dir.path().join("2_more.sql"));
    client.open(&other, "PRAGMA x;\n");
    assert_eq!(codes(&client.diagnostics(&other)), ["pragma"]);
    assert_eq!(client.shut_down(), Ok(true));
}

/// Lints like the server does, but slowly for a document saying `SLOW`.
fn slow_lint(path: &str, text: &str, options: &FileOptions) -> FileReport {
    if text.contains("SLOW") {
        std::thread::sleep(Duration::from_millis(500));
    }
    lint_document(path, text, options)
}

#[test]
fn a_result_for_an_older_version_is_dropped() {
    let dir = workspace(&[]);
    let options = ServerOptions {
        lint: slow_lint,
        debounce: Duration::from_millis(10),
    };
    let (mut client, _) = Client::start(json!({}), dir.path(), options);
    let doc = uri(&dir.path().join("1_init.sql"));
    // Version 1 is at the worker for half a second; version 2 arrives meanwhile.
    client.open(&doc, "PRAGMA a; -- SLOW\n");
    client.change(&doc, 2, [[0, 0], [0, 9]], "SELECT 1;");
    let published = client.diagnostics(&doc);
    assert_eq!(published["version"], 2);
    assert_eq!(codes(&published), Vec::<String>::new());
    assert_eq!(client.shut_down(), Ok(true));
}

#[test]
fn closing_clears_and_bad_requests_are_answered_not_fatal() {
    let dir = workspace(&[]);
    let mut client = start(dir.path());
    let doc = uri(&dir.path().join("1_init.sql"));
    client.open(&doc, "PRAGMA x;\n");
    assert_eq!(codes(&client.diagnostics(&doc)), ["pragma"]);
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": doc } }),
    );
    assert_eq!(client.diagnostics(&doc)["diagnostics"], json!([]));

    let unknown = client.request("textDocument/hover", json!({}));
    assert_eq!(unknown.response_result.unwrap_err().code, -32601);
    let malformed = client.request("textDocument/codeAction", json!({ "range": 3 }));
    assert_eq!(malformed.response_result.unwrap_err().code, -32602);
    client.notify("textDocument/didOpen", json!({ "textDocument": 42 }));
    let logged = client.next("window/logMessage", None);
    assert!(
        logged["message"]
            .as_str()
            .unwrap()
            .contains("bad `textDocument/didOpen` parameters")
    );
    // A document of another kind is left alone; an SQL one is still linted.
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri(&dir.path().join("README.md")), "languageId": "markdown", "version": 1, "text": "PRAGMA x;" } }),
    );
    client.open(&doc, "PRAGMA y;\n");
    assert_eq!(codes(&client.diagnostics(&doc)), ["pragma"]);
    assert_eq!(client.shut_down(), Ok(true));
}

#[test]
fn requests_after_shutdown_are_refused_and_exit_without_shutdown_says_so() {
    let dir = workspace(&[]);
    let mut client = start(dir.path());
    let response = client.request("shutdown", Value::Null);
    assert_eq!(response.response_result.ok(), Some(Value::Null));
    let refused = client.request("textDocument/codeAction", json!({}));
    assert_eq!(refused.response_result.unwrap_err().code, -32600);
    client.notify("exit", Value::Null);
    assert_eq!(client.server.join().unwrap(), Ok(true));

    let client = start(dir.path());
    client.notify("exit", Value::Null);
    assert_eq!(client.server.join().unwrap(), Ok(false));
}

#[test]
fn an_unusual_client_still_gets_served_and_unsaved_buffers_use_the_workspace_configuration() {
    let dir = workspace(&[("dal-audit.toml", "[rules]\npragma = \"off\"\n")]);
    // Values lsp-types would refuse as a whole `InitializeParams`.
    let capabilities = json!({
        "textDocument": { "hover": { "contentFormat": ["asciidoc"] } },
        "general": { "positionEncodings": "utf-8" }
    });
    let (mut client, result) = Client::start(capabilities, dir.path(), ServerOptions::default());
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    let unsaved = "untitled:Untitled-1";
    client.open(unsaved, "PRAGMA x;\nSELECT `a` FROM t;\n");
    assert_eq!(codes(&client.diagnostics(unsaved)), ["backtick-identifier"]);
    assert_eq!(client.shut_down(), Ok(true));
}

/// The code actions of `kinds` for the whole document.
fn source_actions(client: &mut Client, doc: &str, kinds: &[&str]) -> Vec<Value> {
    let zero = json!({ "line": 0, "character": 0 });
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": doc },
            "range": { "start": zero, "end": zero },
            "context": { "diagnostics": [], "only": kinds }
        }),
    );
    let actions = response.response_result.expect("code actions");
    actions.as_array().unwrap().clone()
}

#[test]
fn fix_all_applies_every_safe_fix_when_asked_for_by_kind() {
    let dir = workspace(&[]);
    let mut client = start(dir.path());
    let doc = uri(&dir.path().join("1_init.sql"));
    // Two safe fixes (backticks, `DEFAULT now()`), one unsafe (`?1`), one with none.
    let text =
        "CREATE TABLE `t` (a TIMESTAMP DEFAULT now());\nSELECT * FROM t WHERE a = ?1;\nPRAGMA x;\n";
    client.open(&doc, text);
    client.diagnostics(&doc);
    for kinds in [
        &["source.fixAll"][..],
        &["source"],
        &["source.fixAll.dal-audit"],
    ] {
        let actions = source_actions(&mut client, &doc, kinds);
        assert_eq!(actions.len(), 1, "{kinds:?}: {actions:?}");
        let action = &actions[0];
        assert_eq!(action["kind"], "source.fixAll.dal-audit");
        assert_eq!(action["title"], "Fix 2 dal-audit findings (safe fixes)");
        let edits = action["edit"]["changes"][&doc].as_array().unwrap();
        assert_eq!(
            apply(text, edits),
            "CREATE TABLE \"t\" (a TIMESTAMP DEFAULT CURRENT_TIMESTAMP);\nSELECT * FROM t WHERE a = ?1;\nPRAGMA x;\n"
        );
    }
    // Not among the quick fixes, nor for other kinds.
    assert!(
        source_actions(&mut client, &doc, &["quickfix"])
            .iter()
            .all(|a| a["kind"] == "quickfix")
    );
    assert!(source_actions(&mut client, &doc, &["source.organizeImports"]).is_empty());
    let untouched = actions_at(&mut client, &doc, text, [0, 14]);
    assert!(
        untouched
            .iter()
            .all(|(title, _)| !title.contains("safe fixes"))
    );

    // Nothing safe left to fix: no action.
    let fixed = "CREATE TABLE \"t\" (a TIMESTAMP DEFAULT CURRENT_TIMESTAMP);\nPRAGMA x;\n";
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": doc, "version": 2 }, "contentChanges": [{ "text": fixed }] }),
    );
    client.diagnostics(&doc);
    assert!(source_actions(&mut client, &doc, &["source.fixAll"]).is_empty());
    assert_eq!(client.shut_down(), Ok(true));
}
