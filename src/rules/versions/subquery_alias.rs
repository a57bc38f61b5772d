//! `FROM (SELECT …)` without an alias: PostgreSQL accepts it from 16 on;
//! SQLite always has.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::project::targets::Version;
use crate::rules::context::StatementCtx;
use crate::rules::version_gate::report_if_too_old;
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "subquery-alias",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "a subquery in `FROM` without an alias needs PostgreSQL 16",
    requires: &[(Engine::Postgres, Version::new(16, 0))],
    check,
    triggers: &[Keyword::SELECT, Keyword::WITH, Keyword::VALUES],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for table in ctx
        .model()
        .derived_tables
        .iter()
        .filter(|t| t.alias.is_none())
    {
        report_if_too_old(
            ctx,
            out,
            table.span.clone(),
            "a subquery in `FROM` without an alias",
            "name the subquery: `FROM (SELECT …) AS sub`, which every version of both engines accepts",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{findings_with_targets, flagged_with_targets};

    fn flagged(sql: &str) -> Vec<String> {
        flagged_with_targets(&RULE, sql, &["postgres>=15"])
    }

    #[test]
    fn flags_unaliased_derived_tables() {
        assert_eq!(flagged("SELECT count(*) FROM (SELECT 1)"), ["(SELECT 1)"]);
        assert_eq!(
            flagged("SELECT * FROM a, (SELECT id FROM b) WHERE true"),
            ["(SELECT id FROM b)"]
        );
        assert_eq!(
            flagged("INSERT INTO t SELECT x FROM (SELECT max(v) AS x FROM u GROUP BY k)"),
            ["(SELECT max(v) AS x FROM u GROUP BY k)"]
        );
        // Extra parentheses wrap the same unaliased subquery.
        assert_eq!(
            flagged("SELECT * FROM ((SELECT 1 AS a))"),
            ["((SELECT 1 AS a))"]
        );
    }

    #[test]
    fn ignores_aliased_subqueries_and_other_parentheses() {
        for sql in [
            "SELECT * FROM (SELECT 1) AS s",
            "SELECT * FROM (SELECT 1) s WHERE true",
            "SELECT * FROM t WHERE id IN (SELECT id FROM u)",
            "SELECT (SELECT 1), count(*) FROM t",
            "SELECT * FROM t JOIN (SELECT 1 AS id) u ON u.id = t.id",
        ] {
            assert!(flagged(sql).is_empty(), "{sql}");
        }
        assert!(
            findings_with_targets(&RULE, "SELECT * FROM (SELECT 1)", &["postgres>=16"]).is_empty()
        );
    }
}
