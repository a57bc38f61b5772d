//! `JOIN LATERAL (…)` / `, LATERAL (…)`: PostgreSQL's correlated subquery in
//! FROM. SQLite rejects `LATERAL`.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::clauses::{ClauseKind, clauses_of};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "lateral",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`LATERAL` subqueries: SQLite rejects them",
    check,
    triggers: &[Keyword::LATERAL],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for clause in clauses_of(ctx.model(), ClauseKind::Lateral) {
        out.report(
            clause.span.clone(),
            "`LATERAL` is PostgreSQL-only; SQLite rejects it",
            "write a correlated subquery in the SELECT list, or a plain join on a grouped subquery",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_lateral() {
        assert_eq!(
            flagged(
                &RULE,
                "SELECT * FROM t, LATERAL (SELECT 1) x; SELECT 'LATERAL'"
            ),
            ["LATERAL"]
        );
    }

    #[test]
    fn a_column_named_lateral_is_no_subquery() {
        // SQLite accepts `lateral` as a column name; the statement parses.
        assert!(flagged(&RULE, "SELECT lateral FROM t").is_empty());
    }
}
