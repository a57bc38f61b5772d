//! Linting documents off the message loop: one worker thread takes jobs,
//! lints through the library entry point `check` uses, turns the findings
//! into LSP diagnostics and hands them back. A panic in a lint is caught
//! here and comes back as an error: the server lives on.

use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use crossbeam_channel::{Receiver, Sender};
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Url,
};

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::{FileOptions, FileReport, LintOptions, stack};
use crate::project::config::Config;
use crate::rules;
use crate::server::position::{Encoding, Lines};

/// The library call that lints one document. The server always uses
/// `lint_document`; tests swap in one that panics, to prove the server
/// survives it.
pub type LintFn = fn(path: &str, text: &str, options: &FileOptions) -> FileReport;

/// What `check` does with a file's bytes (and with standard input): SQL, or
/// a Rust file's database calls.
pub fn lint_document(path: &str, text: &str, options: &FileOptions) -> FileReport {
    crate::lint::lint_file(path, text.as_bytes(), options)
}

/// What a document is linted with: its folder's configuration.
#[derive(Debug)]
pub struct Settings {
    pub config: Config,
    pub options: LintOptions,
}

impl Settings {
    pub fn new(config: Config) -> Settings {
        Settings {
            options: config.lint_options(),
            config,
        }
    }
}

/// One version of one document to lint.
pub struct Job {
    pub uri: Url,
    pub version: i32,
    /// The name the findings are reported under.
    pub path: String,
    pub text: Arc<str>,
    pub settings: Arc<Settings>,
    pub encoding: Encoding,
}

/// A version's findings: the library's (byte spans, fixes) and, in the same
/// order, the LSP diagnostics published for them.
#[derive(Debug)]
pub struct Linted {
    pub version: i32,
    pub findings: Vec<Diagnostic>,
    pub published: Vec<lsp_types::Diagnostic>,
    /// Each statement's byte span, in order (where an `allow` comment can go).
    pub statements: Vec<Range<usize>>,
}

impl Linted {
    /// A document that is not linted (the configuration excludes it).
    pub fn nothing(version: i32) -> Linted {
        Linted {
            version,
            findings: Vec::new(),
            published: Vec::new(),
            statements: Vec::new(),
        }
    }

    /// A lint that failed: one diagnostic at the top says so, rather than an
    /// empty list that would look like a clean file.
    pub fn failure(version: i32, message: String) -> Linted {
        let diagnostic = lsp_types::Diagnostic {
            severity: Some(DiagnosticSeverity::ERROR),
            source: Some("dal-audit".into()),
            message,
            ..lsp_types::Diagnostic::default()
        };
        Linted {
            published: vec![diagnostic],
            ..Linted::nothing(version)
        }
    }
}

pub struct Outcome {
    pub uri: Url,
    pub version: i32,
    /// The findings, or what the lint panicked with.
    pub result: Result<Linted, String>,
}

/// The lint thread: jobs in, outcomes out. It stops when the job sender is dropped.
pub fn spawn_worker(lint: LintFn) -> std::io::Result<(Sender<Job>, Receiver<Outcome>)> {
    let (job_sender, jobs) = crossbeam_channel::unbounded::<Job>();
    let (outcome_sender, outcomes) = crossbeam_channel::unbounded();
    std::thread::Builder::new()
        .name("dal-audit-server-lint".into())
        // sqlparser's deepest recursion needs this stack (see `lint::stack`).
        .stack_size(stack::LINT_STACK_SIZE)
        .spawn(move || {
            stack::mark_lint_stack();
            for job in jobs {
                let result = catch_unwind(AssertUnwindSafe(|| run(&job, lint)))
                    .map_err(|panic| panic_message(&*panic));
                let outcome = Outcome {
                    uri: job.uri,
                    version: job.version,
                    result,
                };
                if outcome_sender.send(outcome).is_err() {
                    break;
                }
            }
        })?;
    Ok((job_sender, outcomes))
}

pub(crate) fn run(job: &Job, lint: LintFn) -> Linted {
    let config = &job.settings.config;
    // The document's overrides, storage globs and severities, as `check`
    // would apply them.
    let path = std::path::Path::new(&job.path);
    let options = config.file_options(path, &config.root, &job.settings.options);
    let report = lint(&job.path, &job.text, &options);
    let lines = Lines::new(&job.text, job.encoding);
    let published = report
        .diagnostics
        .iter()
        .map(|d| to_lsp(&job.uri, &job.text, &lines, d))
        .collect();
    Linted {
        version: job.version,
        findings: report.diagnostics,
        published,
        statements: report.statement_spans,
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic without a message".into()
    }
}

/// A finding as the editor shows it: the message with its help under it,
/// the rule id linking to its page, secondary labels as related information.
pub fn to_lsp(uri: &Url, text: &str, lines: &Lines, d: &Diagnostic) -> lsp_types::Diagnostic {
    let message = if d.help.is_empty() {
        d.message.to_string()
    } else {
        format!("{}\nhelp: {}", d.message, d.help)
    };
    let code_description = rules::by_id(d.rule)
        .and_then(|rule| Url::parse(&rule.doc_url()).ok())
        .map(|href| CodeDescription { href });
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), lines.range(text, &label.span)),
            message: label.message.clone(),
        })
        .collect();
    lsp_types::Diagnostic {
        range: lines.range(text, &d.span),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.to_string())),
        code_description,
        source: Some("dal-audit".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}
