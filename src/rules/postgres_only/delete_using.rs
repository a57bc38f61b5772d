//! `DELETE FROM t USING u WHERE …`: PostgreSQL's join in a DELETE. SQLite
//! rejects `USING`; a subquery says the same on both engines.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::clauses::{ClauseKind, clauses_of};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "delete-using",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`DELETE … USING`: SQLite has no joins in DELETE",
    check,
    triggers: &[Keyword::DELETE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for clause in clauses_of(ctx.model(), ClauseKind::DeleteUsing) {
        out.report(
            clause.span.clone(),
        "`DELETE … USING` is PostgreSQL-only; SQLite rejects `USING`",
            "select the rows with a subquery: `DELETE FROM t WHERE id IN (SELECT t.id FROM t JOIN u ON …)` or `WHERE EXISTS (…)`",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_using_in_delete() {
        assert_eq!(
            flagged(
                &RULE,
                "DELETE FROM person_aggregates AS a USING (SELECT 1) b WHERE a.id = b.id"
            ),
            ["USING"]
        );
        assert!(
            flagged(
                &RULE,
                "DELETE FROM t WHERE id IN (SELECT id FROM u JOIN v USING (id))"
            )
            .is_empty()
        );
    }
}
