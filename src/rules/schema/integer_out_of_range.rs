//! An integer literal outside the range of the `INTEGER`/`SMALLINT` column
//! it is inserted into: SQLite stores every integer in up to 64 bits
//! whatever the declared type; PostgreSQL's `integer` is 32-bit and
//! `smallint` 16-bit, and refuses the row (`integer out of range`).

use sqlparser::ast::{Expr, UnaryOperator, Value};

use crate::diagnostic::{Engine, Severity};
use crate::rules::set_context::SchemaCtx;
use crate::rules::{Rule, RuleKind, SetSink};

pub static RULE: Rule = Rule {
    id: "integer-out-of-range",
    group: "schema",
    kind: RuleKind::History,
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "an integer beyond 32 bits (16 for `SMALLINT`) into a narrow integer column: SQLite stores it, PostgreSQL refuses it",
    check_schema: Some(check_schema),
    ..Rule::DEFAULT
};

fn check_schema(ctx: &SchemaCtx, out: &mut SetSink) {
    for (column, value) in ctx.inserted_values() {
        let Some((type_name, min, max)) = column.integer_range() else {
            continue;
        };
        let Some(number) = integer_literal(value) else {
            continue;
        };
        if (i128::from(min)..=i128::from(max)).contains(&number) {
            continue;
        }
        let Some(span) = ctx.span_of_expr(value) else {
            continue;
        };
        out.report(
            &ctx.file.path,
            span,
            format!(
                "{number} does not fit `{}`, a PostgreSQL {type_name} ({min} to {max}): SQLite stores it, PostgreSQL refuses the row ({type_name} out of range)",
                column.name.written()
            ),
            "declare the column `BIGINT`, which is 64-bit on both engines",
        );
    }
}

/// `3000000000`, `-40000`: an integer literal's value.
fn integer_literal(expr: &Expr) -> Option<i128> {
    match expr {
        Expr::Value(literal) => match &literal.value {
            Value::Number(text, _) => text.parse().ok(),
            _ => None,
        },
        Expr::UnaryOp {
            op: UnaryOperator::Minus,
            expr,
        } => integer_literal(expr).map(|n| -n),
        Expr::Nested(inner) => integer_literal(inner),
        _ => None,
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
    fn flags_values_beyond_the_columns_bits() {
        let found = flagged(&[
            (
                "1_a.sql",
                "CREATE TABLE t (a INTEGER, b SMALLINT, c BIGINT);",
            ),
            (
                "2_b.sql",
                "INSERT INTO t (a, b, c) VALUES (3000000000, 40000, 3000000000), (2147483647, -32768, 1), (-2147483649, 1, 1);",
            ),
        ]);
        assert_eq!(
            found,
            pairs(&[
                ("2_b.sql", "3000000000"),
                ("2_b.sql", "40000"),
                ("2_b.sql", "2147483649")
            ])
        );
    }
}
