//! `UPDATE t SET … FROM other`: SQLite accepts it from 3.33 on.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::project::targets::Version;
use crate::rules::context::StatementCtx;
use crate::rules::version_gate::report_if_too_old;
use crate::rules::{Rule, Sink};
use crate::syntax::model::clauses::{ClauseKind, clauses_of};

pub static RULE: Rule = Rule {
    id: "update-from",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`UPDATE … FROM` needs SQLite 3.33",
    requires: &[(Engine::Sqlite, Version::new(3, 33))],
    check,
    triggers: &[Keyword::UPDATE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for clause in clauses_of(ctx.model(), ClauseKind::UpdateFrom) {
        report_if_too_old(
            ctx,
            out,
            clause.span.clone(),
            "`UPDATE … FROM`",
            "raise the SQLite target to 3.33, or use a correlated subquery: `SET c = (SELECT … WHERE other.id = t.id)`",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{findings_with_targets, flagged_with_targets};

    fn flagged(sql: &str) -> Vec<String> {
        flagged_with_targets(&RULE, sql, &["sqlite>=3.30"])
    }

    #[test]
    fn flags_the_from_of_an_update() {
        assert_eq!(
            flagged("UPDATE t SET a = s.a FROM s WHERE s.id = t.id"),
            ["FROM"]
        );
        let sql = "UPDATE t SET a = s.a FROM s";
        assert!(findings_with_targets(&RULE, sql, &["sqlite>=3.33"]).is_empty());
    }

    #[test]
    fn ignores_subqueries_and_other_statements() {
        for sql in [
            "UPDATE t SET a = (SELECT max(b) FROM s) WHERE id IN (SELECT id FROM u)",
            "DELETE FROM t WHERE a = 1",
            "CREATE TRIGGER tr AFTER UPDATE ON t BEGIN SELECT 1 FROM t; END",
        ] {
            assert!(flagged(sql).is_empty(), "{sql}");
        }
    }
}
