//! PostgreSQL server statements no other rule covers: `CREATE STATISTICS`,
//! `PUBLICATION`, `AGGREGATE`, `OPERATOR`, `COLLATION`, `TEXT SEARCH`,
//! `RULE`, `EVENT TRIGGER`, `FOREIGN TABLE`, `SERVER`, `CAST`,
//! `TABLESPACE`, `DATABASE`, `LANGUAGE`; `CLUSTER`, `COPY`, `NOTIFY`,
//! `LISTEN`, `DISCARD`, `ANALYZE` with columns, `VACUUM` with options,
//! `ALTER TRIGGER`. SQLite rejects them all.

use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "postgres-statement",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "PostgreSQL-only server statements (STATISTICS, PUBLICATION, AGGREGATE, COPY, CLUSTER, NOTIFY…)",
    check,
    ..Rule::DEFAULT
};

/// Object kinds after CREATE/ALTER/DROP that only PostgreSQL has (and that no
/// other rule of this group owns).
const OBJECTS: [&str; 20] = [
    "STATISTICS", "PUBLICATION", "SUBSCRIPTION", "AGGREGATE", "OPERATOR", "COLLATION", "TEXT", "RULE",
    "EVENT", "FOREIGN", "SERVER", "CAST", "TABLESPACE", "DATABASE", "LANGUAGE", "CONVERSION", "ACCESS",
    "TRANSFORM", "DEFAULT", "ROUTINE",
];

/// Statements that only PostgreSQL has.
const STATEMENTS: [&str; 10] = [
    "CLUSTER", "COPY", "NOTIFY", "LISTEN", "UNLISTEN", "DISCARD", "CHECKPOINT", "IMPORT", "PREPARE", "EXECUTE",
];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let end = if STATEMENTS.iter().any(|w| ctx.is_word(0, w))
        || ctx.is_word(0, "ANALYZE") && has_column_list_or_several_tables(ctx)
        || ctx.is_word(0, "VACUUM") && has_vacuum_options(ctx)
    {
        0
    } else if ctx.words_at(0, &["ALTER", "TRIGGER"]) {
        // CREATE/DROP TRIGGER are the `trigger` rule's; ALTER TRIGGER is PostgreSQL's alone.
        1
    } else if let Some(kind) = ctx.ddl_object_kind()
        && OBJECTS.iter().any(|w| ctx.is_word(kind, w))
        // `ALTER DEFAULT PRIVILEGES`, `CREATE FOREIGN TABLE`, `CREATE TEXT SEARCH …`.
        && !ctx.words_at(kind, &["DEFAULT", "VALUES"])
    {
        (kind + 1).min(ctx.tokens.len() - 1)
    } else {
        return;
    };
    out.report(
        ctx.token_span(0, end),
        format!("`{}` is a PostgreSQL-only statement; SQLite rejects it", ctx.text(&ctx.token_span(0, end))),
        "keep server administration and PostgreSQL-specific objects out of the portable migrations (a deployment script run only on PostgreSQL)",
    );
}

/// `VACUUM FULL`, `VACUUM ANALYZE t`, `VACUUM (…)`: SQLite's VACUUM takes
/// at most a schema name (and `INTO 'file'`).
fn has_vacuum_options(ctx: &StatementCtx) -> bool {
    ["FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE"].iter().any(|w| ctx.is_word(1, w))
        || ctx.tokens.get(1).is_some_and(|t| t.kind == SqlToken::LParen)
}

/// `ANALYZE t (col)` or `ANALYZE a, b` or `ANALYZE VERBOSE`: SQLite takes one name.
fn has_column_list_or_several_tables(ctx: &StatementCtx) -> bool {
    ctx.is_word(1, "VERBOSE")
        || ctx.tokens.iter().any(|t| matches!(t.kind, SqlToken::LParen | SqlToken::Comma))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_server_statements() {
        assert_eq!(
            flagged(&RULE, "CREATE STATISTICS s ON a, b FROM t; ANALYZE post (url); ANALYZE t; COPY t FROM stdin; ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO x; ALTER TRIGGER t ON p RENAME TO u; VACUUM FULL; VACUUM"),
            ["CREATE STATISTICS s", "ANALYZE", "COPY", "ALTER DEFAULT PRIVILEGES", "ALTER TRIGGER", "VACUUM"]
        );
        assert!(flagged(&RULE, "CREATE TABLE cast (a int); SELECT CAST(a AS int) FROM t").is_empty());
    }
}
