//! `SELECT DISTINCT ON (a) …`: PostgreSQL's first-row-per-group. SQLite
//! rejects it.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::clauses::{ClauseKind, clauses_of};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "distinct-on",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`SELECT DISTINCT ON (…)`: SQLite rejects it",
    check,
    triggers: &[Keyword::DISTINCT],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for clause in clauses_of(ctx.model(), ClauseKind::DistinctOn) {
        out.report(
            clause.span.clone(),
            "`DISTINCT ON` is PostgreSQL-only; SQLite rejects it",
            "pick the first row per group with a window function: `SELECT … FROM (SELECT …, row_number() OVER (PARTITION BY a ORDER BY b) AS rn FROM t) AS x WHERE rn = 1`",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_distinct_on() {
        assert_eq!(
            flagged(
                &RULE,
                "SELECT DISTINCT ON(\"w\") \"w\", id FROM t ORDER BY \"w\""
            ),
            ["DISTINCT ON(\"w\")"]
        );
        assert!(flagged(&RULE, "SELECT DISTINCT a FROM t JOIN u ON a = b").is_empty());
    }
}
