//! `CURRENT_TIMESTAMP` / `CURRENT_TIME` used as text: SQLite's value is the
//! text `YYYY-MM-DD HH:MM:SS` (UTC); PostgreSQL's is a `timestamptz` (`timetz`)
//! that becomes text as `YYYY-MM-DD HH:MM:SS.ffffff+00`. Stored in a TEXT
//! column, concatenated or compared with a string, the two differ.
//! (`DEFAULT CURRENT_TIMESTAMP` on a TIMESTAMP column is the portable form
//! and is not flagged, nor is `CURRENT_DATE`, whose text is the same on both.)
//!
//! Reads the model: a column's `DEFAULT` constraint, the operands of `||`
//! and of comparisons, the operand of a cast, each with its parentheses.

use std::ops::Range;

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::token_scan::targets_both_engines;
use crate::rules::{Rule, Sink};
use crate::syntax::model::{Arity, ConstraintKind, LiteralKind};

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
    "TEXT",
    "VARCHAR",
    "CHAR",
    "CHARACTER",
    "CLOB",
    "STRING",
    "NVARCHAR",
    "NCHAR",
    "NTEXT",
];

const COMPARISONS: &[&str] = &["=", "==", "<>", "!=", "<", ">", "<=", ">="];

const HELP: &str = "store it in a `TIMESTAMP WITH TIME ZONE` column (`DEFAULT CURRENT_TIMESTAMP` there is portable), or have the storage code format the time and bind it";

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !targets_both_engines(ctx) {
        return;
    }
    let mut flagged = text_column_defaults(ctx);
    flagged.extend(used_as_text(ctx));
    flagged.sort_unstable_by_key(|span| span.start);
    flagged.dedup();
    for span in flagged {
        let name = ctx.text(&span).to_string();
        out.report(
            span,
            format!(
                "`{name}` used as text: SQLite gives `2024-05-01 12:00:00`, PostgreSQL `2024-05-01 12:00:00.123456+00`"
            ),
            HELP,
        );
    }
}

/// The bytes of `span` without the whitespace and parentheses around them.
fn unparenthesized(ctx: &StatementCtx, span: &Range<usize>) -> Range<usize> {
    let text = ctx.text(span);
    let (mut start, mut end) = (0, text.len());
    loop {
        let inner = &text[start..end];
        let trimmed = inner.trim_start();
        start += inner.len() - trimmed.len();
        end = start + trimmed.trim_end().len();
        let inner = &text[start..end];
        if inner.len() >= 2 && inner.starts_with('(') && inner.ends_with(')') {
            start += 1;
            end -= 1;
        } else {
            break;
        }
    }
    span.start + start..span.start + end
}

/// `CURRENT_TIMESTAMP` or `CURRENT_TIME` alone in `span` (within parentheses).
fn now_in(ctx: &StatementCtx, span: &Range<usize>) -> Option<Range<usize>> {
    let inner = unparenthesized(ctx, span);
    let text = ctx.text(&inner);
    (text.eq_ignore_ascii_case("current_timestamp") || text.eq_ignore_ascii_case("current_time"))
        .then_some(inner)
}

/// Whether `span` is a string literal (within parentheses).
fn is_string(ctx: &StatementCtx, span: &Range<usize>) -> bool {
    let inner = unparenthesized(ctx, span);
    ctx.model()
        .literals
        .iter()
        .any(|l| l.span == inner && matches!(l.kind, LiteralKind::String(_)))
}

/// `DEFAULT CURRENT_TIMESTAMP` (or `DEFAULT (CURRENT_TIMESTAMP)`) on a text column.
fn text_column_defaults(ctx: &StatementCtx) -> Vec<Range<usize>> {
    ctx.column_definitions()
        .iter()
        .filter(|column| {
            column
                .column_type
                .as_ref()
                .and_then(|t| t.name.as_deref())
                .is_some_and(|name| TEXT_TYPES.contains(&name))
        })
        .flat_map(|column| &column.constraint_list)
        .filter(|constraint| constraint.kind == ConstraintKind::Default)
        .filter_map(|constraint| {
            // The value after the word `DEFAULT`.
            let text = ctx.text(&constraint.span);
            let word = text.find(|c: char| !c.is_ascii_alphabetic())?;
            now_in(ctx, &(constraint.span.start + word..constraint.span.end))
        })
        .collect()
}

/// Concatenated, compared with a string literal, or cast to a text type.
fn used_as_text(ctx: &StatementCtx) -> Vec<Range<usize>> {
    let model = ctx.model();
    let mut found = Vec::new();
    for operator in &model.operators {
        if operator.arity != Arity::Binary || operator.operands.len() != 2 {
            continue;
        }
        let concat = operator.spelling == "||";
        let compared = COMPARISONS.contains(&operator.spelling.as_str());
        for (this, other) in [(0, 1), (1, 0)] {
            let Some(now) = now_in(ctx, &operator.operands[this]) else {
                continue;
            };
            if concat || (compared && is_string(ctx, &operator.operands[other])) {
                found.push(now);
            }
        }
    }
    for cast in &model.casts {
        let text_type = cast
            .data_type
            .split(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .is_some_and(|name| TEXT_TYPES.contains(&name.to_ascii_uppercase().as_str()));
        if let Some(now) = now_in(ctx, &cast.operand).filter(|_| text_type) {
            found.push(now);
        }
    }
    found
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
            [
                "CURRENT_TIMESTAMP",
                "CURRENT_TIMESTAMP",
                "CURRENT_TIMESTAMP"
            ]
        );
    }

    #[test]
    fn sees_through_parentheses() {
        // The token scan read only the neighbouring tokens: `(` hid each.
        assert_eq!(
            flagged_text(
                &RULE,
                "SELECT 'at ' || (CURRENT_TIMESTAMP), CAST((current_timestamp) AS VARCHAR(40)) FROM t WHERE (CURRENT_TIME) > ('12:00:00')"
            ),
            ["CURRENT_TIMESTAMP", "current_timestamp", "CURRENT_TIME"]
        );
        // No dialect parses the statement: the model comes from the tokens.
        assert_eq!(
            flagged_text(
                &RULE,
                "SELECT 'at ' || (CURRENT_TIMESTAMP), CAST((current_timestamp) AS TEXT) FROM t WHERE CURRENT_TIME > '12:00' AND x ==="
            ),
            ["CURRENT_TIMESTAMP", "current_timestamp", "CURRENT_TIME"]
        );
        assert_eq!(
            flagged_text(
                &RULE,
                "CREATE TABLE t (a TEXT DEFAULT (CURRENT_TIMESTAMP), b TIMESTAMP DEFAULT CURRENT_TIMESTAMP, ==="
            ),
            ["CURRENT_TIMESTAMP"]
        );
    }

    #[test]
    fn reads_the_operands_not_the_neighbours() {
        // `'x' < CURRENT_TIMESTAMP + 1`: the `<` compares a sum, not the time.
        for sql in [
            "SELECT 1 FROM t WHERE '2024' < CURRENT_TIMESTAMP + interval '1 day'",
            "SELECT CAST(CURRENT_TIMESTAMP AS TIMESTAMP) = '2024-01-01'",
            "SELECT lower('x') || CURRENT_DATE",
        ] {
            assert!(flagged_text(&RULE, sql).is_empty(), "{sql}");
        }
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
