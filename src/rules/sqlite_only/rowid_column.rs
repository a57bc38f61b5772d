//! `WHERE rowid = 1`, `SELECT _rowid_`: SQLite's hidden row id column.
//! PostgreSQL tables have no such column.

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "rowid-column",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "SQLite's hidden `rowid` column does not exist in PostgreSQL",
    check,
    ..Rule::DEFAULT
};

const ROWID_NAMES: [&str; 2] = ["rowid", "_rowid_"];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    // A table that declares its own `rowid` column has one on both engines.
    let declared = ctx.column_definitions().iter().any(|c| ROWID_NAMES.iter().any(|n| ctx.is_word(c.name, n)));
    if declared {
        return;
    }
    for i in 0..ctx.tokens.len() {
        if !ROWID_NAMES.iter().any(|n| ctx.is_word(i, n)) || (i > 0 && ctx.is_word(i - 1, "WITHOUT")) {
            continue;
        }
        out.report(
            ctx.tokens[i].span.clone(),
            format!("`{}` is SQLite's hidden row id; PostgreSQL fails with `column \"rowid\" does not exist`", ctx.text(&ctx.tokens[i].span)),
            "refer to the table's primary key instead (an `INTEGER PRIMARY KEY` column is the rowid on SQLite)",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_rowid_references() {
        assert_eq!(flagged(&super::RULE, "DELETE FROM t WHERE rowid NOT IN (SELECT min(_rowid_) FROM t GROUP BY a);"), ["rowid", "_rowid_"]);
        assert!(flagged(&super::RULE, "CREATE TABLE kv (k TEXT PRIMARY KEY) WITHOUT ROWID;").is_empty());
        assert!(flagged(&super::RULE, "CREATE TABLE r (rowid INTEGER, x TEXT) -- rowid\n;").is_empty());
    }
}
