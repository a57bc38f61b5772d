//! `x IN ()`: SQLite accepts an empty list (always false); PostgreSQL rejects it.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::clauses::{ClauseKind, clauses_of};

pub static RULE: Rule = Rule {
    id: "empty-in-list",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`x IN ()` with an empty list: PostgreSQL rejects it",
    check,
    triggers: &[Keyword::IN],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for clause in clauses_of(ctx.model(), ClauseKind::EmptyInList) {
        out.report(
            clause.span.clone(),
            "`IN ()` with an empty list: SQLite reads it as false, PostgreSQL rejects it as a syntax error",
            "write `FALSE` (or `NOT IN ()` as `TRUE`), or have the storage code skip the query when the list is empty",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_empty_lists_only() {
        assert_eq!(
            flagged(&super::RULE, "DELETE FROM t WHERE a IN () OR b IN (1);"),
            ["IN ()"]
        );
        assert!(flagged(&super::RULE, "SELECT 'IN ()' FROM t WHERE a IN (SELECT 1);").is_empty());
    }
}
