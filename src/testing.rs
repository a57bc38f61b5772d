//! Helpers for unit tests of rules and shared code.

use crate::context::StatementCtx;
use crate::dialect::lint_dialect;
use crate::lexer::lex;
use crate::parse::parse_statement;
use crate::source::SourceFile;
use crate::splitter::split;
use crate::targets::Targets;

/// Runs `f` on the first statement of `sql`, parsed as the pipeline parses it.
pub fn with_statement<T>(sql: &str, f: impl FnOnce(&StatementCtx) -> T) -> T {
    let file = SourceFile::new("test.sql", sql);
    let lexed = lex(&file, 0..sql.len(), lint_dialect());
    let statement = split(&lexed.tokens, &lexed.error_offsets())
        .into_iter()
        .next()
        .expect("one statement");
    let tokens = &lexed.tokens[statement.tokens.clone()];
    let parsed = parse_statement(&file, tokens, statement.span.clone());
    let targets = Targets::default();
    let ctx = StatementCtx {
        file: &file,
        tokens,
        span: statement.span,
        ast: parsed.as_ref().ok().map(|(ast, _)| ast),
        targets: &targets,
    };
    f(&ctx)
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
    };
    crate::lint::lint_source(SourceFile::new("test.sql", sql), &options).diagnostics
}

/// The findings of `rule` on `sql` with the default targets.
pub fn findings(rule: &'static crate::rules::Rule, sql: &str) -> Vec<crate::Diagnostic> {
    findings_with_targets(rule, sql, &["sqlite>=3.35", "postgres>=14"])
}

/// The source text each finding of `rule` on `sql` points at.
pub fn flagged_text(rule: &'static crate::rules::Rule, sql: &str) -> Vec<String> {
    findings(rule, sql)
        .iter()
        .map(|d| sql[d.span.clone()].to_string())
        .collect()
}
