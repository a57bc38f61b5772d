//! PostgreSQL server statements no other rule covers: `CREATE STATISTICS`,
//! `PUBLICATION`, `AGGREGATE`, `OPERATOR`, `COLLATION`, `TEXT SEARCH`,
//! `RULE`, `EVENT TRIGGER`, `FOREIGN TABLE`, `SERVER`, `CAST`,
//! `TABLESPACE`, `DATABASE`, `LANGUAGE`; `CLUSTER`, `COPY`, `NOTIFY`,
//! `LISTEN`, `DISCARD`, `ANALYZE` with columns, `VACUUM` with options,
//! `ALTER TRIGGER`. SQLite rejects them all.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::{ClauseKind, ObjectKind, Verb};

pub static RULE: Rule = Rule {
    id: "postgres-statement",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "PostgreSQL-only server statements (STATISTICS, PUBLICATION, AGGREGATE, COPY, CLUSTER, NOTIFY…)",
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(head) = ctx.model().head.as_ref() else {
        return;
    };
    let span = match head.verb {
        Verb::Cluster
        | Verb::Copy
        | Verb::Notify
        | Verb::Listen
        | Verb::Unlisten
        | Verb::Discard
        | Verb::Checkpoint
        | Verb::Import
        | Verb::Prepare
        | Verb::Execute => head.verb_span.clone(),
        // `ANALYZE t (col)`, `ANALYZE a, b`, `ANALYZE VERBOSE`: SQLite takes one name.
        Verb::Analyze
            if head.names.len() > 1
                || head.has(ClauseKind::ColumnList)
                || head.has(ClauseKind::Options) =>
        {
            head.verb_span.clone()
        }
        // `VACUUM FULL`, `VACUUM (…)`: SQLite's VACUUM takes at most a schema name (and `INTO 'file'`).
        Verb::Vacuum if head.has(ClauseKind::Options) => head.verb_span.clone(),
        // CREATE/DROP TRIGGER are the `trigger` rule's; ALTER TRIGGER is PostgreSQL's alone.
        Verb::Alter if head.object == Some(ObjectKind::Trigger) => head.span.clone(),
        _ if head.ddl_object() == Some(ObjectKind::Server) => head.through_name(),
        _ => return,
    };
    out.report(
        span.clone(),
        format!("`{}` is a PostgreSQL-only statement; SQLite rejects it", ctx.text(&span)),
        "keep server administration and PostgreSQL-specific objects out of the portable migrations (a deployment script run only on PostgreSQL)",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_server_statements() {
        assert_eq!(
            flagged(
                &RULE,
                "CREATE STATISTICS s ON a, b FROM t; ANALYZE post (url); ANALYZE t; COPY t FROM stdin; ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO x; ALTER TRIGGER t ON p RENAME TO u; VACUUM FULL; VACUUM"
            ),
            [
                "CREATE STATISTICS s",
                "ANALYZE",
                "COPY",
                "ALTER DEFAULT PRIVILEGES",
                "ALTER TRIGGER",
                "VACUUM"
            ]
        );
        assert!(
            flagged(
                &RULE,
                "CREATE TABLE cast (a int); SELECT CAST(a AS int) FROM t"
            )
            .is_empty()
        );
    }

    #[test]
    fn reports_through_the_name_after_a_guard() {
        assert_eq!(
            flagged(
                &RULE,
                "CREATE DATABASE IF NOT EXISTS foo; CREATE CAST (int AS text) WITH INOUT"
            ),
            ["CREATE DATABASE IF NOT EXISTS foo", "CREATE CAST"]
        );
    }
}
