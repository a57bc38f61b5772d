//! `0`/`1` inserted into a `BOOLEAN` column, even one an earlier migration
//! created: SQLite's booleans are integers; PostgreSQL refuses an integer
//! there without a cast (`column "on_sale" is of type boolean but
//! expression is of type integer`).

use sqlparser::ast::{Expr, Value};

use crate::diagnostic::{Engine, Severity};
use crate::rules::set_context::SchemaCtx;
use crate::rules::{Rule, RuleKind, SetSink};

pub static RULE: Rule = Rule {
    id: "integer-into-boolean",
    group: "schema",
    kind: RuleKind::History,
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`0`/`1` inserted into a `BOOLEAN` column: SQLite stores it, PostgreSQL refuses an integer there",
    check_schema: Some(check_schema),
    ..Rule::DEFAULT
};

fn check_schema(ctx: &SchemaCtx, out: &mut SetSink) {
    for (column, value) in ctx.inserted_values() {
        if !column.is_boolean() {
            continue;
        }
        let Expr::Value(literal) = value else {
            continue;
        };
        let Value::Number(text, _) = &literal.value else {
            continue;
        };
        let Some(span) = ctx.span_of(literal.span) else {
            continue;
        };
        out.report(
            &ctx.file.path,
            span,
            format!(
                "`{text}` into the BOOLEAN column `{}`: SQLite stores the integer, PostgreSQL refuses it (column is of type boolean but expression is of type integer)",
                column.name.written()
            ),
            "write `TRUE` or `FALSE`, which both engines accept",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{flagged_in_sqlx_set, pairs};

    fn flagged(files: &[(&str, &str)]) -> Vec<(String, String)> {
        flagged_in_sqlx_set(&RULE, files)
    }

    #[test]
    fn flags_integers_into_a_boolean_column_of_an_earlier_file() {
        let found = flagged(&[
            (
                "1_a.sql",
                "CREATE TABLE p (id BIGINT, on_sale BOOLEAN NOT NULL DEFAULT FALSE, n INTEGER);",
            ),
            (
                "2_b.sql",
                "INSERT INTO p (id, on_sale, n) VALUES (1, 1, 1), (2, TRUE, 0), (3, 0, 0);",
            ),
        ]);
        assert_eq!(found, pairs(&[("2_b.sql", "1"), ("2_b.sql", "0")]));
    }
}
