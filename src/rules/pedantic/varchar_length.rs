//! `VARCHAR(n)` / `CHAR(n)`: SQLite ignores the length (every string is
//! TEXT); PostgreSQL enforces it, trims trailing blanks to fit, and pads
//! `CHAR(n)` with blanks.

use std::ops::Range;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::token_scan::targets_both_engines;
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
        .filter_map(|column| {
            let span = ctx.token_span(column.data_type.start, column.data_type.end - 1);
            length_type(ctx, span)
        })
        .collect()
}

/// Types of `CAST(x AS VARCHAR(n))` and `x::varchar(n)`: PostgreSQL truncates there.
fn cast_types(ctx: &StatementCtx) -> Vec<Range<usize>> {
    ctx.model()
        .casts
        .iter()
        .filter_map(|cast| length_type(ctx, cast.data_type_span.clone()))
        .collect()
}

/// The span of a length type written at `span` (`VARCHAR ( 40 )`,
/// `CHARACTER VARYING ( 3 )`), up to the length's `)`.
fn length_type(ctx: &StatementCtx, span: Range<usize>) -> Option<Range<usize>> {
    let text = ctx.text(&span);
    let open = text.find('(')?;
    let close = open + text[open..].find(')')?;
    let words: Vec<String> = text[..open]
        .split_whitespace()
        .map(str::to_ascii_uppercase)
        .collect();
    let named = match words.as_slice() {
        [name] => LENGTH_TYPES.contains(&name.as_str()),
        [name, varying] => LENGTH_TYPES.contains(&name.as_str()) && varying == "VARYING",
        _ => false,
    };
    named.then(|| span.start..span.start + close + 1)
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
