//! `COLLATE "C"`, `COLLATE "en_US"`, `COLLATE "und-x-icu"`: PostgreSQL
//! collations. SQLite knows only BINARY, NOCASE and RTRIM and rejects any
//! other name (`no such collation sequence`).

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "postgres-collation",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`COLLATE \"C\"` and other PostgreSQL collations: SQLite knows only BINARY, NOCASE and RTRIM",
    check,
    triggers: &[Keyword::COLLATE],
    ..Rule::DEFAULT
};

const SQLITE_COLLATIONS: [&str; 3] = ["binary", "nocase", "rtrim"];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for i in 0..ctx.tokens.len() {
        if !ctx.is_word(i, "COLLATE") {
            continue;
        }
        let Some(name) = ctx.tokens.get(i + 1) else {
            continue;
        };
        let value = match &name.kind {
            SqlToken::Word(w) => w.value.as_str(),
            SqlToken::SingleQuotedString(s) | SqlToken::DoubleQuotedString(s) => s.as_str(),
            _ => continue,
        };
        if SQLITE_COLLATIONS.iter().any(|c| c.eq_ignore_ascii_case(value)) {
            continue;
        }
        let mut end = i + 1;
        while ctx.tokens.get(end + 1).is_some_and(|t| t.kind == SqlToken::Period) {
            end += 2;
        }
        let span = ctx.token_span(i, end.min(ctx.tokens.len() - 1));
        out.report(
            span.clone(),
            format!("`{}`: SQLite has no such collation (it knows BINARY, NOCASE and RTRIM)", ctx.text(&span)),
            "leave the collation out (both engines then compare bytes for `\"C\"`-like ordering on SQLite and the database default on PostgreSQL), or compare `lower(x)` for case-insensitive matching",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_unknown_collations() {
        assert_eq!(
            flagged(&RULE, "CREATE INDEX i ON t (object_id collate \"C\", b COLLATE pg_catalog.\"default\", c COLLATE NOCASE)"),
            ["collate \"C\"", "COLLATE pg_catalog.\"default\""]
        );
    }
}
