//! The per-file pipeline: load → lex → split → parse each statement → rules
//! → suppressions. Large files are linted in parts (`parts`), every lint runs
//! on a deep stack (`stack`).

mod options;
pub mod parts;
pub mod rust;
pub mod stack;
pub mod suppress;

pub use options::LintOptions;

use crate::diagnostic::Diagnostic;
use crate::lint::stack::on_lint_stack;
use crate::lint::suppress::FileAllows;
use crate::rules::context::StatementCtx;
use crate::rules::input::{
    binary_file, byte_order_mark, invalid_utf8, nul_byte, parse_error, statement_too_large,
    unparsed_statement, unterminated_comment,
};
use crate::rules::{RuleKind, Sink};
use crate::sources::file::SourceFile;
use crate::sources::input;
use crate::syntax::dialect::lint_dialect;
use crate::syntax::gate::KeywordSet;
use crate::syntax::lexer::{Comment, Token};
use crate::syntax::parse::{DialectError, parse_statement_lending};
use crate::syntax::splitter::RawStatement;
use crate::syntax::sqlite_grammar::{self, SqliteVerdict};
use crate::syntax::stream::{StreamEnd, for_each_statement};

/// One file's findings, sorted by position.
#[derive(Debug)]
pub struct FileReport {
    pub file: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
    pub statements: usize,
    /// Each statement's byte span, in file order (for fingerprints that survive line shifts).
    pub statement_spans: Vec<std::ops::Range<usize>>,
    /// Statements sqlparser did not parse: only the token rules checked them.
    pub unparsed: usize,
    /// For a large file linted in parts (`parts.rs`), this report's part,
    /// counted from 0, in file order.
    pub part: Option<usize>,
    /// Database calls of a Rust file whose SQL is built at run time
    /// (`format!`, a variable): not checked, counted in the summary.
    pub unchecked: usize,
}

/// Statements with more tokens are not parsed (`statement-too-large`): this
/// bounds sqlparser's AST depth (one level per term of a flat `OR` chain, so
/// at most half this many) to what `stack::LINT_STACK_SIZE` holds, and its
/// memory to tens of megabytes per statement. Real migrations stay far below:
/// a 1,000-row, 10-column INSERT is about 22,000 tokens.
pub const MAX_PARSED_TOKENS: usize = 100_000;

impl FileReport {
    /// Whether this report is a later part of the previous report's file
    /// (which the summary counts once).
    pub fn continues_file(&self) -> bool {
        self.part.is_some_and(|part| part > 0)
    }

    /// Lets go of the file's text when no diagnostic needs it for a snippet
    /// or a line number, so a large run holds only the text it reports on.
    pub fn release_unneeded_text(&mut self) {
        if self.diagnostics.is_empty() {
            self.file = SourceFile::new(std::mem::take(&mut self.file.path), "");
        }
        self.diagnostics.shrink_to_fit();
    }
}

/// Lints one file's text, on a thread with room for sqlparser's deepest
/// recursion (see `stack.rs`), so any caller's thread is safe.
pub fn lint_source(file: SourceFile, options: &LintOptions) -> FileReport {
    on_lint_stack(|| lint_text(file, options, Vec::new()))
}

/// Lints raw bytes: what is not UTF-8 is reported and read as `_`, byte for
/// byte, so the rest is still linted and every span indexes the original bytes.
pub fn lint_bytes(path: &str, bytes: &[u8], options: &LintOptions) -> FileReport {
    let decoded = input::decode(bytes);
    let binary = input::binary_evidence(bytes);
    let mut found = Vec::new();
    if let Some(evidence) = binary {
        found.push(binary_file::diagnostic(evidence, &decoded.text));
    } else {
        found.extend(invalid_utf8::diagnostic(bytes, &decoded.invalid));
    }
    let file = SourceFile::new(path, decoded.text);
    if binary.is_some() {
        found.extend_from_slice(options.set_findings.for_file(&file.path));
        let nothing = LintedStatements {
            spans: Vec::new(),
            comments: Vec::new(),
            cut: None,
            unparsed: 0,
        };
        return finish(file, found, &nothing, options, None);
    }
    on_lint_stack(|| lint_text(file, options, found))
}

/// The pipeline, one statement at a time; `found` holds what was already
/// found in the file's bytes.
fn lint_text(file: SourceFile, options: &LintOptions, found: Vec<Diagnostic>) -> FileReport {
    let mut diagnostics = found;
    diagnostics.extend_from_slice(options.set_findings.for_file(&file.path));
    diagnostics.extend(nul_byte::diagnostic(&file.text));
    let body_start = file_start_findings(&file.text, &mut diagnostics);
    let linted = lint_statements(
        &file,
        body_start..file.text.len(),
        StreamEnd::File,
        options,
        &mut diagnostics,
    );
    finish(file, diagnostics, &linted, options, None)
}

/// What only the start of a file can hold (a byte-order mark); returns where
/// its SQL starts.
pub(crate) fn file_start_findings(text: &str, diagnostics: &mut Vec<Diagnostic>) -> usize {
    diagnostics.extend(byte_order_mark::diagnostic(text));
    // SQLite skips the mark; reported once above, it is not lexed as a word.
    if text.starts_with(byte_order_mark::BOM) {
        byte_order_mark::BOM.len()
    } else {
        0
    }
}

/// The statements linted in a range, and what suppressions need of them.
pub(crate) struct LintedStatements {
    /// Each statement's span, in order.
    pub spans: Vec<std::ops::Range<usize>>,
    /// Every comment of the range (up to `cut`).
    pub comments: Vec<Comment>,
    /// With `StreamEnd::Open`: where the linted text ends (a line start), if
    /// anything could be linted.
    pub cut: Option<usize>,
    /// How many statements sqlparser did not parse.
    pub unparsed: usize,
}

/// Lints the statements of `range` (offsets into `file.text`) and appends
/// what they find to `diagnostics`. At the end of the file, the text after
/// the last statement is checked too (tokenizer errors, an unterminated comment).
pub(crate) fn lint_statements(
    file: &SourceFile,
    range: std::ops::Range<usize>,
    end: StreamEnd,
    options: &LintOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> LintedStatements {
    lint_statements_as(file, range, end, Parse::Statements, options, diagnostics)
}

/// Whether statements are parsed: a `QueryBuilder` fragment of a Rust file
/// is no whole statement, so only its token rules run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Parse {
    Statements,
    TokensOnly,
}

pub(crate) fn lint_statements_as(
    file: &SourceFile,
    range: std::ops::Range<usize>,
    end: StreamEnd,
    parse: Parse,
    options: &LintOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> LintedStatements {
    let mut spans = Vec::new();
    let mut comments = Vec::new();
    let mut unparsed = 0;
    let streamed = for_each_statement(
        file,
        range,
        lint_dialect(),
        end,
        |tokens, statement, statement_comments| {
            spans.push(statement.span.clone());
            comments.extend_from_slice(statement_comments);
            let tokens = &mut tokens[statement.tokens.clone()];
            if parse == Parse::TokensOnly {
                // A query builder's fragment is no statement: token rules only.
                let span = statement.span.clone();
                run_rules(file, tokens, span, None, options, diagnostics);
            } else {
                let parsed = lint_statement(
                    file,
                    tokens,
                    statement,
                    statement_comments,
                    options,
                    diagnostics,
                );
                unparsed += usize::from(!parsed);
            }
        },
    );
    if end == StreamEnd::File {
        comments.extend(streamed.trailing_comments);
        if options.enabled(&parse_error::RULE) && parse == Parse::Statements {
            let unreadable = streamed
                .errors
                .iter()
                .map(|error| parse_error::unreadable_text(error.span.clone(), &error.message));
            diagnostics.extend(unreadable);
        }
        diagnostics.extend(unterminated_comment::diagnostic(&file.text, &comments));
    }
    LintedStatements {
        spans,
        comments,
        cut: streamed.cut,
        unparsed,
    }
}

/// Parses one statement (unless it is too large) and runs the rules on it;
/// whether sqlparser parsed it.
fn lint_statement(
    file: &SourceFile,
    tokens: &mut [Token],
    statement: &RawStatement,
    comments: &[Comment],
    options: &LintOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let span = statement.span.clone();
    if tokens.len() > MAX_PARSED_TOKENS {
        run_rules(file, tokens, span, None, options, diagnostics);
        diagnostics.push(statement_too_large::diagnostic(
            tokens[0].span.clone(),
            tokens.len(),
            MAX_PARSED_TOKENS,
        ));
        return false;
    }
    let parsed = parse_statement_lending(file, tokens, comments, span.clone());
    let tokens = &*tokens;
    let ast = parsed.as_ref().ok().map(|(ast, dialect)| (ast, *dialect));
    run_rules(file, tokens, span.clone(), ast, options, diagnostics);
    if let Err(errors) = &parsed {
        judge_unparsed(file, tokens, span, errors, options, diagnostics);
    }
    parsed.is_ok()
}

/// A statement no sqlparser dialect parses is a `parse-error` when SQLite's
/// own parser rejects it too; when SQLite accepts it, sqlparser's limit is
/// no finding unless `unparsed-statement` is asked for.
fn judge_unparsed(
    file: &SourceFile,
    tokens: &[Token],
    span: std::ops::Range<usize>,
    errors: &[DialectError],
    options: &LintOptions,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let report_errors = options.enabled(&parse_error::RULE);
    let report_unparsed = options.enabled(&unparsed_statement::RULE);
    if !report_errors && !report_unparsed {
        return;
    }
    match sqlite_grammar::judge(&file.text[span.clone()]) {
        SqliteVerdict::Rejects(rejection) if report_errors => {
            diagnostics.push(parse_error::rejected_statement(
                &file.text[span.clone()],
                span,
                tokens,
                errors,
                &rejection,
            ))
        }
        SqliteVerdict::Accepts if report_unparsed => {
            diagnostics.push(unparsed_statement::diagnostic(span, tokens, errors));
        }
        _ => {}
    }
}

/// Runs every rule whose keywords the statement contains.
fn run_rules(
    file: &SourceFile,
    tokens: &[Token],
    span: std::ops::Range<usize>,
    ast: Option<(
        &sqlparser::ast::Statement,
        crate::syntax::dialect::ParseDialect,
    )>,
    options: &LintOptions,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // A migration's statements run against its own set's schema.
    let schemas = options.set_findings.schemas().for_file(&file.path);
    let ctx = StatementCtx::new(file, tokens, span, ast, &options.targets).with_schemas(&schemas);
    let keywords = KeywordSet::of(tokens);
    let statement_rules = options
        .rules
        .iter()
        .filter(|rule| rule.kind == RuleKind::Statement);
    for rule in statement_rules.filter(|rule| keywords.admits(rule.triggers)) {
        (rule.check)(&ctx, &mut Sink::new(rule, diagnostics));
    }
}

/// Drops findings of rules that are off and about engines not targeted.
pub fn keep_targeted(diagnostics: &mut Vec<Diagnostic>, options: &LintOptions) {
    // Rules that are turned off report nothing, file-level ones included.
    diagnostics.retain(|d| options.rules.iter().any(|r| r.id == d.rule));
    // A finding about an engine the project does not target is no finding,
    // unless it is the project's policy in a module narrowed to one engine.
    diagnostics.retain(|d| {
        d.targets.is_empty()
            || d.targets.iter().any(|e| options.targets.includes(*e))
            || (options.narrowed_targets
                && crate::rules::by_id(d.rule).is_some_and(|r| r.group == "policy"))
    });
}

/// Keeps what the options and the file's suppressions ask for, in file
/// order; the report's spans are file offsets (see `SourceFile::origin`).
/// `file_allows` are a large file's `allow-file` directives, found before
/// its parts were linted.
pub(crate) fn finish(
    file: SourceFile,
    mut diagnostics: Vec<Diagnostic>,
    linted: &LintedStatements,
    options: &LintOptions,
    file_allows: Option<&FileAllows>,
) -> FileReport {
    keep_targeted(&mut diagnostics, options);
    options.apply_severities(&mut diagnostics);
    let statements = &linted.spans;
    crate::lint::suppress::apply(
        &file,
        &linted.comments,
        statements,
        options,
        file_allows,
        &mut diagnostics,
    );
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    });
    let shift = file.origin.byte;
    if shift > 0 {
        diagnostics.iter_mut().for_each(|d| d.shift(shift));
    }
    FileReport {
        statements: statements.len(),
        statement_spans: statements
            .iter()
            .map(|s| s.start + shift..s.end + shift)
            .collect(),
        unparsed: linted.unparsed,
        file,
        diagnostics,
        part: None,
        unchecked: 0,
    }
}

/// What one file is linted with: the run's options after the configuration's
/// `[[overrides]]` for its path (`Config::file_options`), and whether it is
/// storage code.
#[derive(Debug, Clone, Default)]
pub struct FileOptions {
    pub lint: LintOptions,
    /// An override set the file's targets: a Rust function's executor types
    /// do not change them (overrides come first).
    pub targets_from_override: bool,
    /// `Some(inside)` when `storage` globs are configured: the boundary
    /// rules then report database access and engine types outside them.
    pub storage: Option<bool>,
    /// The fields the project's structs declare with a database type
    /// (`AppState::pool`): reaching one outside storage is database access.
    pub database_fields: crate::sources::rust::fields::DatabaseFields,
}

impl FileOptions {
    /// Options without overrides or storage globs.
    pub fn new(lint: LintOptions) -> FileOptions {
        FileOptions {
            lint,
            ..FileOptions::default()
        }
    }
}

/// The library's entry point for one file: a `.rs` file is read for the SQL
/// of its database calls and for the storage boundary (`rust.rs`); anything
/// else is SQL (`lint_bytes`).
pub fn lint_file(path: &str, bytes: &[u8], options: &FileOptions) -> FileReport {
    if rust::is_rust(std::path::Path::new(path)) {
        rust::lint_rust(path, bytes, options)
    } else {
        lint_bytes(path, bytes, &options.lint)
    }
}
