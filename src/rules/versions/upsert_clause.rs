//! `INSERT … ON CONFLICT … DO NOTHING | DO UPDATE` (upsert): SQLite accepts
//! it from 3.24 on. A column or table constraint's `ON CONFLICT REPLACE` is
//! an older, different SQLite clause and is not an upsert.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::project::targets::Version;
use crate::rules::context::StatementCtx;
use crate::rules::version_gate::report_if_too_old;
use crate::rules::{Rule, Sink};
use crate::syntax::model::clauses::{ClauseKind, clauses_of};

pub static RULE: Rule = Rule {
    id: "upsert-clause",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`INSERT … ON CONFLICT … DO` (upsert) needs SQLite 3.24",
    requires: &[(Engine::Sqlite, Version::new(3, 24))],
    check,
    triggers: &[Keyword::CONFLICT],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for clause in clauses_of(ctx.model(), ClauseKind::Upsert) {
        report_if_too_old(
            ctx,
            out,
            clause.span.clone(),
            "`ON CONFLICT … DO` (upsert)",
            "raise the SQLite target to 3.24",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged_with_targets;

    fn flagged(sql: &str, target: &str) -> Vec<String> {
        flagged_with_targets(&RULE, sql, &[target])
    }

    #[test]
    fn flags_upserts_for_old_sqlite_targets_only() {
        let sql = "INSERT INTO t (k, v) VALUES (1, 2) ON CONFLICT (k) DO UPDATE SET v = excluded.v";
        assert_eq!(flagged(sql, "sqlite>=3.20"), ["ON CONFLICT (k) DO UPDATE"]);
        assert!(flagged(sql, "sqlite>=3.24").is_empty());
        assert!(flagged(sql, "postgres>=9.5").is_empty());
        assert_eq!(
            flagged(
                "INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING",
                "sqlite>=3.8"
            ),
            ["ON CONFLICT DO NOTHING"]
        );
    }

    #[test]
    fn ignores_constraint_conflict_clauses() {
        assert!(
            flagged(
                "CREATE TABLE t (k TEXT UNIQUE ON CONFLICT REPLACE)",
                "sqlite>=3.8"
            )
            .is_empty()
        );
        assert!(
            flagged(
                "INSERT INTO t VALUES ('ON CONFLICT DO NOTHING')",
                "sqlite>=3.8"
            )
            .is_empty()
        );
    }
}
