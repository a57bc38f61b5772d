//! `LIKE 'a\b'` without `ESCAPE`: PostgreSQL treats a backslash in a LIKE
//! pattern as the escape character by default; SQLite has no default escape
//! character and matches the backslash itself.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::token_scan::targets_both_engines;
use crate::rules::{Rule, Sink};
use crate::syntax::model::{Expr, ExprKind, MatchKind};

pub static RULE: Rule = Rule {
    id: "like-backslash",
    group: "semantics",
    severity: Severity::Warning,
    targets: &[Engine::Sqlite, Engine::Postgres],
    summary: "a backslash in a `LIKE` pattern escapes on PostgreSQL but is a plain character on SQLite",
    check,
    triggers: &[Keyword::LIKE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !targets_both_engines(ctx) {
        return;
    }
    let likes = ctx
        .model()
        .matches
        .iter()
        .filter(|m| m.kind == MatchKind::Like && !m.escape);
    for like in likes {
        let written =
            |e: &Expr| matches!(e.kind, ExprKind::String(_)) && ctx.text(&e.span).contains('\\');
        let backslash = match &like.pattern.kind {
            ExprKind::String(_) => written(&like.pattern),
            ExprKind::Concat(parts) => parts.iter().any(written),
            _ => false,
        };
        if backslash {
            out.report(
                like.keyword.start..like.pattern.span.end,
                "a backslash in a `LIKE` pattern escapes the next character on PostgreSQL but matches a backslash on SQLite",
                "name the escape character on both engines: `LIKE 'a\\\\b' ESCAPE '\\'` (or pick another, `ESCAPE '!'`)",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged_text;

    #[test]
    fn flags_backslashes_without_an_escape_clause() {
        assert_eq!(
            flagged_text(
                &RULE,
                r"SELECT * FROM t WHERE p LIKE '%\docs\%' OR p NOT LIKE 'a\_b'"
            ),
            [r"LIKE '%\docs\%'", r"LIKE 'a\_b'"]
        );
    }

    #[test]
    fn ignores_explicit_escapes_and_plain_patterns() {
        for sql in [
            r"SELECT * FROM t WHERE p LIKE 'a\\b' ESCAPE '\'",
            r"SELECT * FROM t WHERE p LIKE 'a!%' ESCAPE '!'",
            "SELECT * FROM t WHERE p LIKE 'a/b%'",
            r"SELECT 'LIKE \x' FROM t",
        ] {
            assert!(flagged_text(&RULE, sql).is_empty(), "{sql}");
        }
    }
}
