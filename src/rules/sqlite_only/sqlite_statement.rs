//! SQLite's database-file statements: `ATTACH`, `DETACH`, `VACUUM INTO`,
//! `VACUUM main`, `ANALYZE main`, `REINDEX [name]`, `BEGIN DEFERRED|IMMEDIATE|EXCLUSIVE`.
//! PostgreSQL rejects each of them as written.

use std::ops::Range;

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::{ClauseKind, SQLITE_SCHEMAS, Verb};

pub static RULE: Rule = Rule {
    id: "sqlite-statement",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "SQLite-only statements: `ATTACH`, `DETACH`, `VACUUM INTO`, `REINDEX name`, `BEGIN IMMEDIATE`",
    check,
    triggers: &[
        Keyword::ATTACH,
        Keyword::DETACH,
        Keyword::VACUUM,
        Keyword::ANALYZE,
        Keyword::REINDEX,
        Keyword::BEGIN,
    ],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(head) = ctx.model().head.as_ref() else {
        return;
    };
    let names_a_schema = |name: &Range<usize>| {
        SQLITE_SCHEMAS
            .iter()
            .any(|s| ctx.text(name).eq_ignore_ascii_case(s))
    };
    let first_name = head.names.first();
    let (end, message, help) = match head.verb {
        Verb::Attach | Verb::Detach => (
            head.verb_span.end,
            format!(
                "`{}` opens or closes another SQLite database file; PostgreSQL has no such statement",
                ctx.text(&head.verb_span).to_ascii_uppercase()
            ),
            "keep one database per connection: PostgreSQL reaches other data through schemas, \
             which the storage code sets up, not a migration",
        ),
        Verb::Vacuum if let Some(into) = head.clause(ClauseKind::Into) => (
            into.end,
            "`VACUUM INTO` copies a SQLite database file; PostgreSQL rejects it".into(),
            "take backups outside the migrations (`sqlite3 .backup`, `pg_dump`)",
        ),
        Verb::Vacuum if head.clauses.is_empty() && let Some(name) = first_name.filter(|n| names_a_schema(n)) => (
            name.end,
            "`VACUUM main` names a SQLite schema; PostgreSQL reads it as a table that does not exist".into(),
            "drop the schema name, and run VACUUM outside the migration's transaction: neither engine vacuums inside one",
        ),
        Verb::Analyze
            if head.clauses.is_empty()
                && let [name] = head.names.as_slice()
                && names_a_schema(name)
                && name.end == ctx.span.end =>
        {
            (
                name.end,
                "`ANALYZE main` names a SQLite schema; PostgreSQL reads it as a table that does not exist".into(),
                "write `ANALYZE;` (both engines)",
            )
        }
        Verb::Reindex if head.object.is_none() && !head.has(ClauseKind::Options) => (
            first_name.map_or(head.verb_span.end, |name| name.end),
            "SQLite's `REINDEX [name]`: PostgreSQL needs `REINDEX INDEX|TABLE name`, which SQLite in turn rejects".into(),
            "rebuild indexes outside the shared migrations, or drop and re-create the index, which both engines run",
        ),
        Verb::Begin if let Some(mode) = head.clause(ClauseKind::TransactionMode) => (
            mode.end,
            "`BEGIN DEFERRED/IMMEDIATE/EXCLUSIVE` is SQLite's locking mode; PostgreSQL rejects it as a syntax error".into(),
            "write `BEGIN;` (both engines), or let the migration tool open the transaction",
        ),
        _ => return,
    };
    out.report(head.verb_span.start..end, message, help);
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_sqlite_forms_only() {
        assert_eq!(
            flagged(&super::RULE, "ATTACH DATABASE 'x.db' AS x;"),
            ["ATTACH"]
        );
        assert_eq!(
            flagged(&super::RULE, "VACUUM INTO '/tmp/b.db';"),
            ["VACUUM INTO"]
        );
        assert_eq!(flagged(&super::RULE, "REINDEX;"), ["REINDEX"]);
        assert_eq!(flagged(&super::RULE, "REINDEX idx_a;"), ["REINDEX idx_a"]);
        assert_eq!(
            flagged(&super::RULE, "BEGIN IMMEDIATE;"),
            ["BEGIN IMMEDIATE"]
        );
        assert_eq!(flagged(&super::RULE, "ANALYZE main;"), ["ANALYZE main"]);
        for fine in ["VACUUM;", "REINDEX INDEX idx_a;", "BEGIN;", "ANALYZE;"] {
            assert!(flagged(&super::RULE, fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn reports_the_whole_reindexed_name() {
        // SQLite: `unable to identify the object to be reindexed`; PostgreSQL: syntax error at `main`.
        assert_eq!(
            flagged(&super::RULE, "REINDEX main.idx;"),
            ["REINDEX main.idx"]
        );
    }
}
