//! `LIKE 'a\b'` without `ESCAPE`: PostgreSQL treats a backslash in a LIKE
//! pattern as the escape character by default; SQLite has no default escape
//! character and matches the backslash itself.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::token_scan::targets_both_engines;
use crate::rules::{Rule, Sink};

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
    for like in 0..ctx.tokens.len() {
        if ctx.keyword(like) != Some(Keyword::LIKE) {
            continue;
        }
        // `E'…'` reaches us as the word `E` and then the string.
        let pattern = match ctx.tokens.get(like + 1).map(|t| &t.kind) {
            Some(SqlToken::Word(w)) if w.value.eq_ignore_ascii_case("e") => like + 2,
            _ => like + 1,
        };
        let Some(SqlToken::SingleQuotedString(_) | SqlToken::EscapedStringLiteral(_)) =
            ctx.tokens.get(pattern).map(|t| &t.kind)
        else {
            continue;
        };
        // The source text: the lexer may hand `E'…'` over already unescaped.
        let written = ctx.text(&ctx.tokens[pattern].span);
        if !written.contains('\\') || ctx.keyword(pattern + 1) == Some(Keyword::ESCAPE) {
            continue;
        }
        out.report(
            ctx.token_span(like, pattern),
            "a backslash in a `LIKE` pattern escapes the next character on PostgreSQL but matches a backslash on SQLite",
            "name the escape character on both engines: `LIKE 'a\\\\b' ESCAPE '\\'` (or pick another, `ESCAPE '!'`)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged_text;

    #[test]
    fn flags_backslashes_without_an_escape_clause() {
        assert_eq!(
            flagged_text(&RULE, r"SELECT * FROM t WHERE p LIKE '%\docs\%' OR p NOT LIKE 'a\_b'"),
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
