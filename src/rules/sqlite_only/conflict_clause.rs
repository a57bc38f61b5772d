//! `UNIQUE ON CONFLICT REPLACE`, `PRIMARY KEY ON CONFLICT IGNORE`: SQLite's
//! constraint conflict clauses. PostgreSQL rejects them.

use crate::diagnostic::{Applicability, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "conflict-clause",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`ON CONFLICT REPLACE/IGNORE/…` on a constraint is SQLite-only",
    fix: FixAvailability::Safe,
    check,
    triggers: &[Keyword::CONFLICT],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for clause in &ctx.model().conflict_clauses {
        let diagnostic = out.report(
            clause.span.clone(),
            format!(
                "`ON CONFLICT {}` on a constraint is SQLite-only; PostgreSQL rejects it as a syntax error",
                clause.resolution
            ),
            "drop the clause and handle conflicts in the statements that write: `INSERT … ON CONFLICT (key) DO NOTHING` \
             or `DO UPDATE` (both engines)",
        );
        if clause.resolution == "ABORT" {
            diagnostic.with_fix(Fix::removal(
                // ABORT is what both engines do anyway.
                Applicability::Safe,
                "remove `ON CONFLICT ABORT`",
                clause.removal.clone(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{fixed, flagged};

    #[test]
    fn flags_constraint_clauses_not_upserts() {
        let sql = "CREATE TABLE t (a INT UNIQUE ON CONFLICT REPLACE, b INT PRIMARY KEY ON CONFLICT ABORT);";
        assert_eq!(
            flagged(&super::RULE, sql),
            ["ON CONFLICT REPLACE", "ON CONFLICT ABORT"]
        );
        assert_eq!(
            fixed(&super::RULE, sql),
            "CREATE TABLE t (a INT UNIQUE ON CONFLICT REPLACE, b INT PRIMARY KEY);"
        );
        assert!(
            flagged(
                &super::RULE,
                "INSERT INTO t VALUES (1) ON CONFLICT (a) DO NOTHING;"
            )
            .is_empty()
        );
    }
}
