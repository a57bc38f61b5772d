//! `CURRENT_TIMESTAMP` / `CURRENT_TIME` used as text: SQLite's value is the
//! text `YYYY-MM-DD HH:MM:SS` (UTC); PostgreSQL's is a `timestamptz` (`timetz`)
//! that becomes text as `YYYY-MM-DD HH:MM:SS.ffffff+00`. Stored in a TEXT
//! column, concatenated or compared with a string, the two differ.
//! (`DEFAULT CURRENT_TIMESTAMP` on a TIMESTAMP column is the portable form
//! and is not flagged, nor is `CURRENT_DATE`, whose text is the same on both.)

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::token_scan::{targets_both_engines, type_name, word};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "current-timestamp-text",
    group: "semantics",
    severity: Severity::Warning,
    targets: &[Engine::Postgres],
    summary: "`CURRENT_TIMESTAMP` as text is `YYYY-MM-DD HH:MM:SS` on SQLite but has microseconds and a zone on PostgreSQL",
    check,
    triggers: &[Keyword::CURRENT_TIMESTAMP, Keyword::CURRENT_TIME],
    ..Rule::DEFAULT
};

/// Declared types that keep a value as text on both engines.
const TEXT_TYPES: &[&str] = &[
    "TEXT", "VARCHAR", "CHAR", "CHARACTER", "CLOB", "STRING", "NVARCHAR", "NCHAR", "NTEXT",
];

const HELP: &str = "store it in a `TIMESTAMP WITH TIME ZONE` column (`DEFAULT CURRENT_TIMESTAMP` there is portable), or have the storage code format the time and bind it";

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !targets_both_engines(ctx) {
        return;
    }
    let mut flagged: Vec<usize> = text_column_defaults(ctx);
    flagged.extend((0..ctx.tokens.len()).filter(|&i| is_now(ctx, i) && used_as_text(ctx, i)));
    flagged.sort_unstable();
    flagged.dedup();
    for i in flagged {
        let name = ctx.text(&ctx.tokens[i].span).to_string();
        out.report(
            ctx.tokens[i].span.clone(),
            format!(
                "`{name}` used as text: SQLite gives `2024-05-01 12:00:00`, PostgreSQL `2024-05-01 12:00:00.123456+00`"
            ),
            HELP,
        );
    }
}

fn is_now(ctx: &StatementCtx, i: usize) -> bool {
    matches!(
        ctx.keyword(i),
        Some(Keyword::CURRENT_TIMESTAMP | Keyword::CURRENT_TIME)
    )
}

/// `DEFAULT CURRENT_TIMESTAMP` (or `DEFAULT (CURRENT_TIMESTAMP)`) on a text column.
fn text_column_defaults(ctx: &StatementCtx) -> Vec<usize> {
    ctx.column_definitions()
        .iter()
        .filter(|column| {
            type_name(ctx, column).is_some_and(|name| TEXT_TYPES.contains(&name.as_str()))
        })
        .filter_map(|column| {
            let default = column
                .constraints
                .clone()
                .find(|&i| ctx.keyword(i) == Some(Keyword::DEFAULT))?;
            let mut value = default + 1;
            while ctx.tokens.get(value).is_some_and(|t| t.kind == SqlToken::LParen) {
                value += 1;
            }
            (value < column.constraints.end && is_now(ctx, value)).then_some(value)
        })
        .collect()
}

/// Concatenated, compared with a string literal, or cast to a text type.
fn used_as_text(ctx: &StatementCtx, i: usize) -> bool {
    let kind = |j: Option<usize>| j.and_then(|j| ctx.tokens.get(j)).map(|t| &t.kind);
    let before = |n: usize| i.checked_sub(n);
    let after = |n: usize| Some(i + n);
    let concatenated = matches!(kind(before(1)), Some(SqlToken::StringConcat))
        || matches!(kind(after(1)), Some(SqlToken::StringConcat));
    let compared = (is_comparison(kind(after(1))) && is_string(kind(after(2))))
        || (is_comparison(kind(before(1))) && is_string(kind(before(2))));
    let cast = ctx.keyword(i + 1) == Some(Keyword::AS)
        && before(2).and_then(|j| word(ctx, j)).is_some_and(|w| w.eq_ignore_ascii_case("cast"))
        && word(ctx, i + 2)
            .is_some_and(|w| TEXT_TYPES.contains(&w.to_ascii_uppercase().as_str()));
    concatenated || compared || cast
}

fn is_comparison(kind: Option<&SqlToken>) -> bool {
    matches!(
        kind,
        Some(
            SqlToken::Eq
                | SqlToken::DoubleEq
                | SqlToken::Neq
                | SqlToken::Lt
                | SqlToken::Gt
                | SqlToken::LtEq
                | SqlToken::GtEq
        )
    )
}

fn is_string(kind: Option<&SqlToken>) -> bool {
    matches!(kind, Some(SqlToken::SingleQuotedString(_)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged_text;

    #[test]
    fn flags_text_uses() {
        assert_eq!(
            flagged_text(
                &RULE,
                "CREATE TABLE t (a TEXT DEFAULT CURRENT_TIMESTAMP, b VARCHAR(30) NOT NULL DEFAULT (current_time), c TIMESTAMP DEFAULT CURRENT_TIMESTAMP)"
            ),
            ["CURRENT_TIMESTAMP", "current_time"]
        );
        assert_eq!(
            flagged_text(
                &RULE,
                "SELECT 'at ' || CURRENT_TIMESTAMP, CAST(CURRENT_TIMESTAMP AS TEXT) FROM t WHERE CURRENT_TIMESTAMP < '2024-01-01T00:00:00'"
            ),
            ["CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]
        );
    }

    #[test]
    fn leaves_the_portable_uses_alone() {
        for sql in [
            "CREATE TABLE t (id TEXT PRIMARY KEY, created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)",
            "CREATE TABLE t (day TEXT DEFAULT CURRENT_DATE)",
            "UPDATE t SET updated_at = CURRENT_TIMESTAMP WHERE created_at < CURRENT_TIMESTAMP",
            "SELECT 'CURRENT_TIMESTAMP' || x FROM t",
        ] {
            assert!(flagged_text(&RULE, sql).is_empty(), "{sql}");
        }
    }
}
