//! Generated columns, `c … GENERATED ALWAYS AS (expr) [STORED]` or SQLite's
//! short `c … AS (expr)`: SQLite accepts them from 3.31 on, PostgreSQL from
//! 12 on. (`GENERATED … AS IDENTITY` is an identity column, not this.)

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::project::targets::Version;
use crate::rules::context::StatementCtx;
use crate::rules::version_gate::report_if_too_old;
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "generated-column",
    group: "versions",
    severity: Severity::Error,
    targets: &[Engine::Sqlite, Engine::Postgres],
    summary: "generated columns need SQLite 3.31 and PostgreSQL 12",
    requires: &[
        (Engine::Sqlite, Version::new(3, 31)),
        (Engine::Postgres, Version::new(12, 0)),
    ],
    check,
    // Column definitions exist only in `CREATE TABLE` / `ALTER TABLE`.
    triggers: &[Keyword::TABLE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for column in ctx.column_definitions() {
        let Some(generated) = &column.generated else {
            continue;
        };
        let end = generated.close.as_ref().unwrap_or(&generated.open).end;
        report_if_too_old(
            ctx,
            out,
            generated.start.start..end,
            "a generated column",
            "raise the targets (SQLite 3.31, PostgreSQL 12), or compute the value in the storage code when the row is written",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::findings_with_targets;

    fn flagged(sql: &str, targets: &[&str]) -> Vec<String> {
        findings_with_targets(&RULE, sql, targets)
            .iter()
            .map(|d| format!("{}: {}", d.targets[0], &sql[d.span.clone()]))
            .collect()
    }

    #[test]
    fn flags_generated_columns_for_old_targets_of_either_engine() {
        let sql = "CREATE TABLE t (a BIGINT, b BIGINT GENERATED ALWAYS AS (a * 2) STORED, c BIGINT AS (a + 1))";
        assert_eq!(
            flagged(sql, &["sqlite>=3.30", "postgres>=11"]),
            [
                "sqlite: GENERATED ALWAYS AS (a * 2)",
                "postgres: GENERATED ALWAYS AS (a * 2)",
                "sqlite: AS (a + 1)",
                "postgres: AS (a + 1)"
            ]
        );
        assert!(flagged(sql, &["sqlite>=3.31", "postgres>=12"]).is_empty());
    }

    #[test]
    fn ignores_identity_columns_and_create_table_as() {
        for sql in [
            "CREATE TABLE t (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY)",
            "CREATE TABLE t AS (SELECT 1 AS a)",
        ] {
            assert!(
                flagged(sql, &["sqlite>=3.0", "postgres>=9.6"]).is_empty(),
                "{sql}"
            );
        }
    }
}
