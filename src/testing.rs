//! Helpers for unit tests of rules and shared code.

use crate::project::targets::Targets;
use crate::rules::context::StatementCtx;
use crate::sources::file::SourceFile;
use crate::syntax::dialect::lint_dialect;
use crate::syntax::lexer::lex;
use crate::syntax::parse::parse_statement;
use crate::syntax::splitter::{split, statement_breaks};

/// Runs `f` on the first statement of `sql`, parsed as the pipeline parses it.
pub fn with_statement<T>(sql: &str, f: impl FnOnce(&StatementCtx) -> T) -> T {
    let file = SourceFile::new("test.sql", sql);
    let lexed = lex(&file, 0..sql.len(), lint_dialect());
    let statement = split(&lexed.tokens, &statement_breaks(&lexed))
        .into_iter()
        .next()
        .expect("one statement");
    let tokens = &lexed.tokens[statement.tokens.clone()];
    let parsed = parse_statement(&file, tokens, statement.span.clone());
    let targets = Targets::default();
    let parsed = parsed.as_ref().ok().map(|(ast, dialect)| (ast, *dialect));
    let ctx = StatementCtx::new(&file, tokens, statement.span, parsed, &targets);
    f(&ctx)
}

/// What `seen` reads of the first statement of `sql`'s model, built from its
/// AST and from its tokens alone: the two builders, side by side. The
/// statement must parse.
pub fn both_models<T>(sql: &str, seen: impl Fn(&crate::syntax::model::Model) -> T) -> [T; 2] {
    with_statement(sql, |ctx| {
        assert!(ctx.ast.is_some(), "{sql} parses");
        let from_tokens = crate::syntax::model::Model::from_tokens(ctx.tokens_view());
        [seen(ctx.model()), seen(&from_tokens)]
    })
}

/// The source text under each finding of `rule` in `sql`, linted through the
/// whole pipeline (splitting, parsing) with only that rule enabled.
pub fn flagged(rule: &'static crate::rules::Rule, sql: &str) -> Vec<String> {
    let report = lint_rule(rule, sql);
    report
        .diagnostics
        .iter()
        .map(|d| report.file.text[d.span.clone()].to_string())
        .collect()
}

/// `sql` with the fixes of every finding of `rule` applied (edits never overlap).
pub fn fixed(rule: &'static crate::rules::Rule, sql: &str) -> String {
    let report = lint_rule(rule, sql);
    let mut edits: Vec<_> = report
        .diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| f.edits.iter().cloned())
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut text = sql.to_string();
    for edit in edits {
        text.replace_range(edit.span, &edit.replacement);
    }
    text
}

/// `sql` linted through the whole pipeline with only `rule` enabled.
pub fn lint_rule(rule: &'static crate::rules::Rule, sql: &str) -> crate::lint::FileReport {
    let options = crate::lint::LintOptions {
        rules: vec![rule],
        targets: Targets::default(),
        ..Default::default()
    };
    crate::lint::lint_source(SourceFile::new("test.sql", sql), &options)
}

/// The findings of `rule` on every statement of `sql`, linted for `targets`
/// (e.g. `&["sqlite>=3.24", "postgres>=13"]`), as the pipeline reports them.
pub fn findings_with_targets(
    rule: &'static crate::rules::Rule,
    sql: &str,
    targets: &[&str],
) -> Vec<crate::Diagnostic> {
    let options = crate::lint::LintOptions {
        rules: vec![rule],
        targets: Targets::parse(targets).expect("valid test targets"),
        ..Default::default()
    };
    crate::lint::lint_source(SourceFile::new("test.sql", sql), &options).diagnostics
}

/// The findings of `rule` on `sql` with the default targets.
pub fn findings(rule: &'static crate::rules::Rule, sql: &str) -> Vec<crate::Diagnostic> {
    findings_with_targets(rule, sql, &["sqlite>=3.35", "postgres>=14"])
}

/// The source text each finding of `rule` on `sql` points at.
/// The source text under each finding of `rule` in `sql`, linted for `targets`.
pub fn flagged_with_targets(
    rule: &'static crate::rules::Rule,
    sql: &str,
    targets: &[&str],
) -> Vec<String> {
    findings_with_targets(rule, sql, targets)
        .iter()
        .map(|d| sql[d.span.clone()].to_string())
        .collect()
}

pub fn flagged_text(rule: &'static crate::rules::Rule, sql: &str) -> Vec<String> {
    findings(rule, sql)
        .iter()
        .map(|d| sql[d.span.clone()].to_string())
        .collect()
}

/// A migration set of `files` (name, text) in the given order, run by `runner`
/// found as `detection`.
pub fn migration_set(
    runner: crate::history::Runner,
    detection: crate::history::Detection,
    files: &[(&str, &str)],
) -> crate::history::MigrationSet {
    let files = files
        .iter()
        .map(|(name, text)| crate::history::MigrationFile {
            path: std::path::PathBuf::from(format!("migrations/{name}")),
            name: name.to_string(),
            naming: runner.naming(name),
            bytes: text.as_bytes().to_vec(),
        })
        .collect();
    crate::history::MigrationSet {
        dir: std::path::PathBuf::from("migrations"),
        runner: Some(runner),
        detection,
        files,
    }
}

/// A history rule's findings on `set` as (file name, flagged text, message),
/// with `sqlite` as configured.
pub fn set_findings(
    rule: &'static crate::rules::Rule,
    set: &crate::history::MigrationSet,
    sqlite: crate::project::sqlite_facts::SqliteFacts,
) -> Vec<(String, String, String)> {
    let found = crate::history::check::check_sets(
        std::slice::from_ref(set),
        &[rule],
        &Targets::default(),
        None,
        sqlite,
        false,
        &|_| None,
    )
    .expect("no applied ref, no git");
    found
        .findings
        .into_iter()
        .map(|(path, d)| {
            let file = set
                .files
                .iter()
                .find(|f| f.path == path)
                .expect("a file of the set");
            let text = String::from_utf8_lossy(&file.bytes[d.span.clone()]).into_owned();
            (file.name.clone(), text, d.message.into_owned())
        })
        .collect()
}

/// (file, flagged text) of a history rule's findings on a sqlx set of `files`.
pub fn flagged_in_sqlx_set(
    rule: &'static crate::rules::Rule,
    files: &[(&str, &str)],
) -> Vec<(String, String)> {
    let set = migration_set(
        crate::history::runner::Runner::Sqlx,
        crate::history::set::Detection::Layout,
        files,
    );
    set_findings(
        rule,
        &set,
        crate::project::sqlite_facts::SqliteFacts::default(),
    )
    .into_iter()
    .map(|(file, text, _)| (file, text))
    .collect()
}

/// Owned `(file, text)` pairs, to compare with `flagged_in_sqlx_set`.
pub fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(f, t)| (f.to_string(), t.to_string()))
        .collect()
}
