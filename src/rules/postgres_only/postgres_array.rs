//! `ARRAY[1, 2]`, `ARRAY(SELECT …)`, `x = ANY(…)`, `x <> ALL(…)`:
//! PostgreSQL's arrays. SQLite has no array values and rejects them.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "postgres-array",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`ARRAY[…]` values and `= ANY(…)`: SQLite has no arrays",
    check,
    triggers: &[Keyword::ARRAY, Keyword::ANY, Keyword::SOME, Keyword::ALL],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for array in &ctx.model().arrays {
        match &array.operator {
            None => out.report(
                array.span.clone(),
                "`ARRAY` values are PostgreSQL-only; SQLite has no arrays",
                "store the elements as rows of a child table (or as a JSON text both engines can read), and bind lists as separate parameters",
            ),
            Some(operator) => out.report(
                array.span.clone(),
                format!(
                    "`{} (…)` compares with an array or subquery the PostgreSQL way; SQLite rejects it",
                    ctx.text(operator)
                ),
                "write `x IN (a, b, …)` or `x IN (SELECT …)` (`<> ALL` becomes `NOT IN`), which both engines run",
            ),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_array_values_and_any() {
        assert_eq!(
            flagged(
                &RULE,
                "SELECT ARRAY[id] AS b FROM t WHERE id = ANY($1) AND x <> ALL (SELECT 1)"
            ),
            ["ARRAY[id]", "= ANY($1)", "<> ALL (SELECT 1)"]
        );
        assert!(flagged(&RULE, "SELECT 1 UNION ALL (SELECT 2); SELECT 'ARRAY[1]'").is_empty());
    }
}
