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
    let statement = split(&lexed.tokens)
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

/// The findings of rule `rule` in `sql`, each with the text its span covers.
pub fn findings(sql: &str, rule: &str) -> Vec<(String, crate::Diagnostic)> {
    let report = crate::lint_source(SourceFile::new("test.sql", sql), &Default::default());
    report
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == rule)
        .map(|d| (sql[d.span.clone()].to_string(), d))
        .collect()
}

/// The texts flagged by rule `rule` in `sql`.
pub fn flagged(sql: &str, rule: &str) -> Vec<String> {
    findings(sql, rule)
        .into_iter()
        .map(|(text, _)| text)
        .collect()
}

/// `sql` with the fixes of rule `rule` applied.
pub fn fixed(sql: &str, rule: &str) -> String {
    let mut edits: Vec<_> = findings(sql, rule)
        .into_iter()
        .filter_map(|(_, d)| d.fix)
        .flat_map(|f| f.edits)
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut out = sql.to_string();
    for edit in edits {
        out.replace_range(edit.span, &edit.replacement);
    }
    out
}
