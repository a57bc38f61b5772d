//! SQLite's database-file statements: `ATTACH`, `DETACH`, `VACUUM INTO`,
//! `VACUUM main`, `ANALYZE main`, `REINDEX [name]`, `BEGIN DEFERRED|IMMEDIATE|EXCLUSIVE`.
//! PostgreSQL rejects each of them as written.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "sqlite-statement",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "SQLite-only statements: `ATTACH`, `DETACH`, `VACUUM INTO`, `REINDEX name`, `BEGIN IMMEDIATE`",
    check,
    triggers: &[Keyword::ATTACH, Keyword::DETACH, Keyword::VACUUM, Keyword::ANALYZE, Keyword::REINDEX, Keyword::BEGIN],
    ..Rule::DEFAULT
};

/// PostgreSQL's `REINDEX` needs one of these before the name.
const PG_REINDEX_KINDS: [&str; 5] = ["INDEX", "TABLE", "SCHEMA", "DATABASE", "SYSTEM"];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(first) = ctx.bare_word(0).map(|w| w.to_ascii_uppercase()) else {
        return;
    };
    let (last, message, help) = match first.as_str() {
        "ATTACH" | "DETACH" => (
            0,
            format!("`{first}` opens or closes another SQLite database file; PostgreSQL has no such statement"),
            "keep one database per connection: PostgreSQL reaches other data through schemas, \
             which the storage code sets up, not a migration",
        ),
        "VACUUM" if ctx.is_word(1, "INTO") => (
            1,
            "`VACUUM INTO` copies a SQLite database file; PostgreSQL rejects it".into(),
            "take backups outside the migrations (`sqlite3 .backup`, `pg_dump`)",
        ),
        "VACUUM" if ctx.is_word(1, "MAIN") || ctx.is_word(1, "TEMP") => (
            1,
            "`VACUUM main` names a SQLite schema; PostgreSQL reads it as a table that does not exist".into(),
            "drop the schema name, and run VACUUM outside the migration's transaction: neither engine vacuums inside one",
        ),
        "ANALYZE" if ctx.tokens.len() == 2 && (ctx.is_word(1, "MAIN") || ctx.is_word(1, "TEMP")) => (
            1,
            "`ANALYZE main` names a SQLite schema; PostgreSQL reads it as a table that does not exist".into(),
            "write `ANALYZE;` (both engines)",
        ),
        "REINDEX" if !PG_REINDEX_KINDS.iter().any(|k| ctx.is_word(1, k)) && ctx.tokens.get(1).is_none_or(|t| t.kind != SqlToken::LParen) => (
            ctx.tokens.len().min(2) - 1,
            "SQLite's `REINDEX [name]`: PostgreSQL needs `REINDEX INDEX|TABLE name`, which SQLite in turn rejects".into(),
            "rebuild indexes outside the shared migrations, or drop and re-create the index, which both engines run",
        ),
        "BEGIN" if ["DEFERRED", "IMMEDIATE", "EXCLUSIVE"].iter().any(|m| ctx.is_word(1, m)) => (
            1,
            "`BEGIN DEFERRED/IMMEDIATE/EXCLUSIVE` is SQLite's locking mode; PostgreSQL rejects it as a syntax error".into(),
            "write `BEGIN;` (both engines), or let the migration tool open the transaction",
        ),
        _ => return,
    };
    out.report(ctx.token_span(0, last), message, help);
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_sqlite_forms_only() {
        assert_eq!(flagged(&super::RULE, "ATTACH DATABASE 'x.db' AS x;"), ["ATTACH"]);
        assert_eq!(flagged(&super::RULE, "VACUUM INTO '/tmp/b.db';"), ["VACUUM INTO"]);
        assert_eq!(flagged(&super::RULE, "REINDEX;"), ["REINDEX"]);
        assert_eq!(flagged(&super::RULE, "REINDEX idx_a;"), ["REINDEX idx_a"]);
        assert_eq!(flagged(&super::RULE, "BEGIN IMMEDIATE;"), ["BEGIN IMMEDIATE"]);
        assert_eq!(flagged(&super::RULE, "ANALYZE main;"), ["ANALYZE main"]);
        for fine in ["VACUUM;", "REINDEX INDEX idx_a;", "BEGIN;", "ANALYZE;"] {
            assert!(flagged(&super::RULE, fine).is_empty(), "{fine}");
        }
    }
}
