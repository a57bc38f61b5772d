//! `ON CONFLICT ON CONSTRAINT name`: PostgreSQL names the violated
//! constraint. SQLite's upsert takes only a column list.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::clauses::{ClauseKind, clauses_of};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "on-conflict-on-constraint",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`ON CONFLICT ON CONSTRAINT name`: SQLite's upsert takes only a column list",
    check,
    triggers: &[Keyword::CONFLICT],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for clause in clauses_of(ctx.model(), ClauseKind::OnConflictOnConstraint) {
        out.report(
            clause.span.clone(),
            "`ON CONFLICT ON CONSTRAINT` is PostgreSQL-only; SQLite's upsert names the conflicting columns",
            "name the columns of the unique constraint instead: `ON CONFLICT (a, b) DO …`, which both engines accept",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_named_conflict_targets() {
        assert_eq!(
            flagged(
                &RULE,
                "INSERT INTO t (id) VALUES (1) ON CONFLICT ON CONSTRAINT t_pkey DO NOTHING"
            ),
            ["ON CONFLICT ON CONSTRAINT t_pkey"]
        );
        assert!(
            flagged(
                &RULE,
                "INSERT INTO t (id) VALUES (1) ON CONFLICT (id) DO NOTHING"
            )
            .is_empty()
        );
    }
}
