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
