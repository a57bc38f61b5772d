//! `NUMERIC` / `DECIMAL` columns: PostgreSQL stores exact decimals; SQLite has
//! no decimal type and keeps such values as 64-bit integers or 8-byte floats,
//! so sums of cents round differently and integer values divide as integers.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::token_scan::targets_both_engines;
use crate::rules::{Rule, Sink};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "inexact-decimal",
    group: "semantics",
    severity: Severity::Warning,
    targets: &[Engine::Sqlite],
    summary: "`NUMERIC`/`DECIMAL` is exact on PostgreSQL but a float or integer on SQLite",
    check,
    // Column definitions exist only in `CREATE TABLE` / `ALTER TABLE`.
    triggers: &[Keyword::TABLE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !targets_both_engines(ctx) {
        return;
    }
    for column in ctx.column_definitions() {
        let Some(data_type) = &column.column_type else {
            continue;
        };
        if !matches!(
            data_type.name.as_deref(),
            Some("NUMERIC" | "DECIMAL" | "DEC")
        ) {
            continue;
        }
        let span = data_type.span.clone();
        out.report(
            span.clone(),
            format!(
                "`{}` is an exact decimal on PostgreSQL, but SQLite stores the value as an integer or an 8-byte float: sums round differently and `7 / 2` gives 3",
                ctx.text(&span)
            ),
            "store amounts as integers of the smallest unit (`BIGINT` cents), which both engines compute exactly",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged_text;

    #[test]
    fn flags_decimal_columns() {
        assert_eq!(
            flagged_text(
                &RULE,
                "CREATE TABLE t (price DECIMAL(10, 2) NOT NULL, rate numeric, n BIGINT, r REAL)"
            ),
            ["DECIMAL(10, 2)", "numeric"]
        );
    }

    #[test]
    fn ignores_casts_strings_and_other_types() {
        for sql in [
            "SELECT CAST(x AS NUMERIC) FROM t",
            "CREATE TABLE t (note TEXT DEFAULT 'NUMERIC', cents BIGINT)",
        ] {
            assert!(flagged_text(&RULE, sql).is_empty(), "{sql}");
        }
    }
}
