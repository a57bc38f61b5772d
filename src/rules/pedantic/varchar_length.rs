//! `VARCHAR(n)` / `CHAR(n)`: SQLite ignores the length (every string is
//! TEXT); PostgreSQL enforces it, trims trailing blanks to fit, and pads
//! `CHAR(n)` with blanks.

use std::ops::Range;

use sqlparser::tokenizer::Token as SqlToken;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::token_scan::{targets_both_engines, word};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "varchar-length",
    group: "pedantic",
    opt_in: true,
    severity: Severity::Warning,
    targets: &[Engine::Postgres],
    summary: "SQLite ignores the length of `VARCHAR(n)`/`CHAR(n)`; PostgreSQL enforces it",
    check,
    ..Rule::DEFAULT
};

/// Type names whose `(n)` is a length PostgreSQL enforces.
const LENGTH_TYPES: &[&str] = &[
    "VARCHAR",
    "CHAR",
    "CHARACTER",
    "NVARCHAR",
    "NCHAR",
    "BPCHAR",
];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !targets_both_engines(ctx) {
        return;
    }
    for span in column_types(ctx).into_iter().chain(cast_types(ctx)) {
        let text = ctx.text(&span);
        out.report(
            span.clone(),
            format!(
                "SQLite ignores the length of `{text}` and stores longer strings; PostgreSQL rejects them (and trims trailing blanks to fit)"
            ),
            "declare `TEXT` and, where the length matters, add `CHECK (length(column) <= n)`, which both engines enforce",
        );
    }
}

/// Column types with a length: `name VARCHAR(40)`, `code CHARACTER VARYING(3)`.
fn column_types(ctx: &StatementCtx) -> Vec<Range<usize>> {
    ctx.column_definitions()
        .iter()
        .filter(|column| !column.data_type.is_empty())
        .filter_map(|column| length_type_at(ctx, column.data_type.start, column.data_type.end))
        .collect()
}

/// Types of `CAST(x AS VARCHAR(n))` and `x::varchar(n)`: PostgreSQL truncates there.
fn cast_types(ctx: &StatementCtx) -> Vec<Range<usize>> {
    let is_cast = |i: usize| {
        matches!(ctx.tokens[i].kind, SqlToken::DoubleColon)
            || (ctx.keyword(i) == Some(sqlparser::keywords::Keyword::AS) && is_inside_cast(ctx, i))
    };
    (0..ctx.tokens.len())
        .filter(|&i| is_cast(i))
        .filter_map(|i| length_type_at(ctx, i + 1, ctx.tokens.len()))
        .collect()
}

/// Whether the `AS` at `i` sits directly inside `CAST(`.
fn is_inside_cast(ctx: &StatementCtx, i: usize) -> bool {
    let mut depth = 0usize;
    for j in (0..i).rev() {
        match ctx.tokens[j].kind {
            SqlToken::RParen => depth += 1,
            SqlToken::LParen if depth == 0 => {
                return j > 0
                    && word(ctx, j - 1).is_some_and(|w| {
                        w.eq_ignore_ascii_case("cast") || w.eq_ignore_ascii_case("try_cast")
                    });
            }
            SqlToken::LParen => depth -= 1,
            _ => {}
        }
    }
    false
}

/// The span of a length type starting at token `start` (`VARCHAR ( 40 )`,
/// `CHARACTER VARYING ( 3 )`), when there is one before `end`.
fn length_type_at(ctx: &StatementCtx, start: usize, end: usize) -> Option<Range<usize>> {
    let name = word(ctx, start)?.to_ascii_uppercase();
    if !LENGTH_TYPES.contains(&name.as_str()) {
        return None;
    }
    let mut open = start + 1;
    if word(ctx, open).is_some_and(|w| w.eq_ignore_ascii_case("varying")) {
        open += 1;
    }
    if open >= end || ctx.tokens[open].kind != SqlToken::LParen {
        return None;
    }
    let close = ctx.matching_paren(open)?;
    Some(ctx.token_span(start, close))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged_text;

    #[test]
    fn flags_lengths_of_columns_and_casts() {
        assert_eq!(
            flagged_text(
                &RULE,
                "CREATE TABLE t (a VARCHAR(40) NOT NULL, b character varying (3), c CHAR(2), d TEXT, e VARCHAR)"
            ),
            ["VARCHAR(40)", "character varying (3)", "CHAR(2)"]
        );
        assert_eq!(
            flagged_text(&RULE, "ALTER TABLE t ADD COLUMN code NCHAR(3)"),
            ["NCHAR(3)"]
        );
        assert_eq!(
            flagged_text(
                &RULE,
                "SELECT CAST(name AS VARCHAR(2)), name::varchar(3) FROM t"
            ),
            ["VARCHAR(2)", "varchar(3)"]
        );
    }

    #[test]
    fn ignores_functions_strings_and_unsized_types() {
        for sql in [
            "SELECT char(65), 'VARCHAR(3)' FROM t",
            "CREATE TABLE t (a TEXT CHECK (length(a) <= 3)) -- VARCHAR(3)",
            "SELECT CAST(x AS TEXT), count(*) AS varchar FROM t",
        ] {
            assert!(flagged_text(&RULE, sql).is_empty(), "{sql}");
        }
    }
}
