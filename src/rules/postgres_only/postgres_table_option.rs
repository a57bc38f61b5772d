//! PostgreSQL-only table kinds and options: `CREATE UNLOGGED TABLE`,
//! `PARTITION BY`, `PARTITION OF`, `INHERITS (…)`, `TABLESPACE`, storage
//! parameters `WITH (fillfactor = …)`, `ON COMMIT`. SQLite rejects them.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::TableOptionKind;

pub static RULE: Rule = Rule {
    id: "postgres-table-option",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "UNLOGGED, partitioned and inherited tables, TABLESPACE, `WITH (…)` storage options: SQLite rejects them",
    check,
    triggers: &[Keyword::TABLE],
    ..Rule::DEFAULT
};

const HELP: &str = "create a plain table; partitioning, inheritance and storage tuning belong in a PostgreSQL-only migration";

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for option in &ctx.model().table_options {
        let span = option.span.clone();
        match option.kind {
            TableOptionKind::Strict | TableOptionKind::WithoutRowid => {}
            TableOptionKind::Unlogged => {
                out.report(
                    span,
                    "`UNLOGGED` tables are PostgreSQL-only; SQLite rejects the word",
                    HELP,
                );
            }
            _ => {
                out.report(
                    span.clone(),
                    format!(
                        "`{}` is a PostgreSQL-only table option; SQLite rejects it",
                        ctx.text(&span)
                    ),
                    HELP,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_table_kinds_and_options() {
        assert_eq!(
            flagged(
                &RULE,
                "CREATE UNLOGGED TABLE l (a int); CREATE TABLE p (a int) PARTITION BY RANGE (a); CREATE TABLE c PARTITION OF p FOR VALUES FROM (1) TO (2); CREATE TABLE i (b int) INHERITS (p) WITH (fillfactor = 70)"
            ),
            [
                "UNLOGGED",
                "PARTITION BY",
                "PARTITION OF",
                "INHERITS",
                "WITH"
            ]
        );
    }

    #[test]
    fn sqlite_options_and_column_names_stay_silent() {
        assert!(flagged(&RULE, "CREATE TABLE t (partition int, inherits text, tablespace int) WITHOUT ROWID, STRICT").is_empty());
        assert!(
            flagged(
                &RULE,
                "CREATE TABLE t AS WITH x AS (SELECT 1) SELECT * FROM x"
            )
            .is_empty()
        );
    }
}
