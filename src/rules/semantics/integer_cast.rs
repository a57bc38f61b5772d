//! `CAST(x AS INTEGER)`: SQLite truncates a fraction toward zero (3.9 → 3),
//! PostgreSQL rounds (3.9 → 4); text with a fraction (`'3.9'`) becomes 3 on
//! SQLite and an error on PostgreSQL.

use std::ops::Range;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::token_scan::targets_both_engines;
use crate::rules::{Rule, Sink};
use crate::syntax::model::LiteralKind;

pub static RULE: Rule = Rule {
    id: "integer-cast",
    group: "semantics",
    severity: Severity::Warning,
    targets: &[Engine::Sqlite, Engine::Postgres],
    summary: "`CAST(x AS INTEGER)` truncates on SQLite but rounds on PostgreSQL",
    check,
    ..Rule::DEFAULT
};

const INTEGER_TYPES: &[&str] = &[
    "INT",
    "INTEGER",
    "BIGINT",
    "SMALLINT",
    "INT2",
    "INT4",
    "INT8",
    "MEDIUMINT",
    "TINYINT",
];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !targets_both_engines(ctx) {
        return;
    }
    let model = ctx.model();
    for cast in &model.casts {
        let text = ctx.text(&cast.span);
        // `CAST(…)` itself: `x::int` is PostgreSQL's alone, `TRY_CAST` neither engine's.
        let plain_cast = text
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case("cast"));
        let target = cast
            .data_type
            .split(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("");
        if cast.double_colon
            || !plain_cast
            || !INTEGER_TYPES.contains(&target)
            || is_whole_number(ctx, &cast.operand)
        {
            continue;
        }
        out.report(
            cast.span.clone(),
            "casting a value with a fraction to an integer truncates on SQLite (3.9 → 3) but rounds on PostgreSQL (3.9 → 4); text like '3.9' fails there",
            "say which you mean: `CAST(round(x) AS BIGINT)` rounds on both engines; for truncation, compute the value in the storage code",
        );
    }
}

/// A lone integer literal or placeholder casts the same on both engines,
/// and so does a value already rounded to a whole number with `round(x)`
/// (not `round(x, 2)`, which keeps a fraction).
fn is_whole_number(ctx: &StatementCtx, operand: &Range<usize>) -> bool {
    let model = ctx.model();
    let literal = model.literals.iter().find(|l| l.span == *operand);
    match literal.map(|l| &l.kind) {
        Some(LiteralKind::Number) => return !ctx.text(operand).contains(['.', 'e', 'E']),
        Some(LiteralKind::Placeholder) => return true,
        _ => {}
    }
    model.calls.iter().any(|call| {
        call.span == *operand && call.name == "round" && call.argument_count() == Some(1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged_text;

    #[test]
    fn flags_casts_of_values_that_may_have_a_fraction() {
        assert_eq!(
            flagged_text(
                &RULE,
                "SELECT CAST(price * 1.1 AS INTEGER), cast(x as bigint), CAST(t.v AS TEXT) FROM t"
            ),
            ["CAST(price * 1.1 AS INTEGER)", "cast(x as bigint)"]
        );
        assert_eq!(
            flagged_text(&RULE, "SELECT CAST(3.9 AS INT)"),
            ["CAST(3.9 AS INT)"]
        );
    }

    /// `round(x, 2)` keeps a fraction: `CAST(round(3.5, 2) AS INTEGER)` is 3
    /// on SQLite and 4 on PostgreSQL.
    #[test]
    fn flags_values_rounded_to_a_fraction() {
        assert_eq!(
            flagged_text(&RULE, "SELECT CAST(round(price, 2) AS INTEGER) FROM t"),
            ["CAST(round(price, 2) AS INTEGER)"]
        );
        // No dialect parses the statement: the model comes from the tokens.
        assert_eq!(
            flagged_text(
                &RULE,
                "SELECT CAST(round(price, 2) AS INTEGER), CAST(round(price) AS INT) FROM t WHERE x ==="
            ),
            ["CAST(round(price, 2) AS INTEGER)"]
        );
    }

    #[test]
    fn ignores_whole_numbers_rounded_values_and_other_types() {
        for sql in [
            "SELECT CAST(3 AS INTEGER), CAST($1 AS BIGINT), CAST(round(x * 1.1) AS BIGINT) FROM t",
            "SELECT CAST(ROUND((x + 1) * 1.1) AS INT), x::int FROM t",
            "SELECT CAST(x AS REAL), CAST(x AS TEXT) FROM t",
            "SELECT 'CAST(x AS INTEGER)' FROM t",
        ] {
            assert!(flagged_text(&RULE, sql).is_empty(), "{sql}");
        }
    }
}
