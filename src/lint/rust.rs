//! A Rust file: each SQL literal of a database call is linted as SQL (a
//! statement, or a `QueryBuilder` fragment with token rules only) for the
//! engine its function's executor types name, its findings mapped back into
//! the literal; then the boundary rules, then `// dal-audit:` suppressions.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Engine, Fix};
use crate::lint::stack::on_lint_stack;
use crate::lint::{
    FileOptions, FileReport, LintOptions, Parse, finish, lint_bytes, lint_statements_as,
};
use crate::rules::boundary::{concrete_pool_type, database_access_outside_storage};
use crate::rules::input::rust_syntax_error;
use crate::sources::file::SourceFile;
use crate::sources::input;
use crate::sources::rust::fields::{self, DatabaseFields};
use crate::sources::rust::literal::ByteMap;
use crate::sources::rust::scan::SqlLiteral;
use crate::sources::rust::{apis, scan};
use crate::syntax::stream::StreamEnd;

pub fn is_rust(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("rs"))
}

/// Lints a Rust file's bytes. A file without any database marker is not parsed.
pub fn lint_rust(path: &str, bytes: &[u8], options: &FileOptions) -> FileReport {
    if input::binary_evidence(bytes).is_some() {
        return lint_bytes(path, bytes, &options.lint);
    }
    if !apis::may_touch_database(bytes) && !options.database_fields.named_in(bytes) {
        return empty_report(path);
    }
    let text = input::decode(bytes).text;
    on_lint_stack(|| lint_text(path, text, options))
}

/// The fields the project's Rust files among `paths` declare with a
/// database type (`AppState::pool: SqlitePool`), read in parallel from the
/// files that name a database word: each file's boundary check then knows
/// `state.pool` for what it is, wherever `AppState` is declared.
pub fn project_database_fields(paths: &[std::path::PathBuf]) -> DatabaseFields {
    use rayon::prelude::*;
    let facts: Vec<_> = paths
        .par_iter()
        .filter(|path| is_rust(path))
        .flat_map_iter(|path| {
            let bytes = std::fs::read(path).unwrap_or_default();
            if !apis::may_declare_database_field(&bytes) || input::binary_evidence(&bytes).is_some()
            {
                return Vec::new();
            }
            let text = input::decode(&bytes).text;
            on_lint_stack(|| fields::field_facts_of(&text))
        })
        .collect();
    DatabaseFields::from_facts(facts)
}

fn empty_report(path: &str) -> FileReport {
    FileReport {
        file: SourceFile::new(path, ""),
        diagnostics: Vec::new(),
        statements: 0,
        statement_spans: Vec::new(),
        unparsed: 0,
        part: None,
        unchecked: 0,
    }
}

fn unreadable_rust(
    path: &str,
    text: String,
    error: scan::RustSyntaxError,
    options: &LintOptions,
) -> FileReport {
    let mut report = empty_report(path);
    if options.enabled(&rust_syntax_error::RULE) {
        let span = clamp_to_char(&text, error.span);
        report
            .diagnostics
            .push(rust_syntax_error::diagnostic(span, &error.message));
    }
    report.file = SourceFile::new(path, text);
    report
}

/// `span` inside `text` on character boundaries, never empty where the
/// file has a character to point at (an editor shows an empty range poorly).
fn clamp_to_char(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let floor = |mut at: usize| {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let start = floor(span.start);
    let end = floor(span.end.max(span.start));
    match text[start..].chars().next() {
        Some(c) if start == end => start..start + c.len_utf8(),
        _ => start..end,
    }
}

/// The options each literal is linted with: the file's, or one engine's
/// when its function's executor types name one and no override set targets.
struct PerEngine {
    file: LintOptions,
    sqlite: LintOptions,
    postgres: LintOptions,
}

impl PerEngine {
    fn new(options: &FileOptions) -> PerEngine {
        let only = |engine| LintOptions {
            targets: options.lint.targets.only(engine),
            narrowed_targets: true,
            ..options.lint.clone()
        };
        PerEngine {
            file: options.lint.clone(),
            sqlite: only(Engine::Sqlite),
            postgres: only(Engine::Postgres),
        }
    }

    fn for_literal(&self, literal: &SqlLiteral, options: &FileOptions) -> &LintOptions {
        match literal.engine {
            _ if options.targets_from_override => &self.file,
            Some(Engine::Sqlite) => &self.sqlite,
            Some(Engine::Postgres) => &self.postgres,
            None => &self.file,
        }
    }
}

fn lint_text(path: &str, text: String, options: &FileOptions) -> FileReport {
    let scan = match scan::scan(&text, &options.database_fields) {
        Ok(scan) => scan,
        // Not Rust that syn reads: its calls cannot be told apart, so its SQL
        // is not guessed at; the file says it was not checked.
        Err(error) => return unreadable_rust(path, text, error, &options.lint),
    };
    let per_engine = PerEngine::new(options);
    let mut diagnostics = Vec::new();
    let mut statement_spans = Vec::new();
    let mut unparsed = 0;
    for literal in &scan.literals {
        let lint = per_engine.for_literal(literal, options);
        let report = lint_literal(path, literal, lint);
        let map = &literal.sql.map;
        unparsed += report.unparsed;
        statement_spans.extend(
            report
                .statement_spans
                .iter()
                .map(|s| map.file_range(s.clone())),
        );
        diagnostics.extend(report.diagnostics.into_iter().map(|d| into_file(d, map)));
    }
    let mut unchecked = scan.unchecked;
    for query_file in &scan.query_files {
        let lint = match query_file.engine {
            _ if options.targets_from_override => &per_engine.file,
            Some(Engine::Sqlite) => &per_engine.sqlite,
            Some(Engine::Postgres) => &per_engine.postgres,
            None => &per_engine.file,
        };
        match lint_query_file(path, query_file, lint) {
            Some(found) => diagnostics.extend(found),
            None => unchecked += 1,
        }
    }
    if options.storage == Some(false) {
        boundary_findings(&scan, &options.lint, &mut diagnostics);
    }
    let file = SourceFile::new(path, text);
    crate::lint::suppress::apply(
        &file,
        &scan.comments,
        &scan.statements,
        &options.lint,
        None,
        &mut diagnostics,
    );
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    });
    statement_spans.sort_by_key(|s| s.start);
    FileReport {
        file,
        diagnostics,
        statements: statement_spans.len(),
        statement_spans,
        unparsed,
        part: None,
        unchecked,
    }
}

/// The findings of the SQL file a `query_file!` names (relative to the
/// crate's folder, as sqlx reads it), reported at the path literal with the
/// file's line; `None` when the file cannot be read (counted as not checked).
fn lint_query_file(
    rust_path: &str,
    query_file: &scan::QueryFile,
    options: &LintOptions,
) -> Option<Vec<Diagnostic>> {
    let crate_dir = Path::new(rust_path)
        .ancestors()
        .skip(1)
        .find(|dir| dir.join("Cargo.toml").is_file())?;
    let sql_path = crate_dir.join(&query_file.path);
    let bytes = std::fs::read(&sql_path).ok()?;
    let report = lint_bytes(&sql_path.to_string_lossy(), &bytes, options);
    let found = report.diagnostics.into_iter().map(|mut d| {
        let (line, column) = report.file.position(d.span.start);
        d.message = format!("{}:{line}:{column}: {}", query_file.path, d.message).into();
        d.span = query_file.span.clone();
        d.labels.clear();
        d.fix = None;
        d
    });
    Some(found.collect())
}

/// Lints a literal's value as an SQL file of its own (its SQL comments are
/// suppressions too); spans index the value.
fn lint_literal(path: &str, literal: &SqlLiteral, options: &LintOptions) -> FileReport {
    let file = SourceFile::new(path, literal.sql.value.as_str());
    let parse = if literal.fragment {
        Parse::TokensOnly
    } else {
        Parse::Statements
    };
    let mut diagnostics = Vec::new();
    let range = 0..file.text.len();
    let linted = lint_statements_as(
        &file,
        range,
        StreamEnd::File,
        parse,
        options,
        &mut diagnostics,
    );
    finish(file, diagnostics, &linted, options, None)
}

/// A literal's finding with file spans. Its fix is kept only when every
/// edit lands on bytes written as themselves and its text can be written
/// into the literal as it is.
fn into_file(mut diagnostic: Diagnostic, map: &ByteMap) -> Diagnostic {
    diagnostic.span = map.file_range(diagnostic.span);
    for label in &mut diagnostic.labels {
        label.span = map.file_range(label.span.clone());
    }
    diagnostic.fix = diagnostic.fix.take().and_then(|fix| fix_in_file(fix, map));
    diagnostic
}

fn fix_in_file(mut fix: Fix, map: &ByteMap) -> Option<Fix> {
    for edit in &mut fix.edits {
        if !map.accepts(&edit.replacement) {
            return None;
        }
        edit.span = map.exact_range(edit.span.clone())?;
    }
    Some(fix)
}

/// Database calls and engine-specific types in a file outside storage.
fn boundary_findings(scan: &scan::Scan, options: &LintOptions, out: &mut Vec<Diagnostic>) {
    if options.enabled(&database_access_outside_storage::RULE) {
        for access in &scan.accesses {
            out.push(database_access_outside_storage::diagnostic(access));
        }
        for reached in &scan.field_accesses {
            out.push(database_access_outside_storage::field_diagnostic(reached));
        }
    }
    if options.enabled(&concrete_pool_type::RULE) {
        for named in &scan.engine_types {
            out.push(concrete_pool_type::diagnostic(named));
        }
    }
}

#[cfg(test)]
mod tests;
