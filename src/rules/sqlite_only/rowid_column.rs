//! `WHERE rowid = 1`, `SELECT _rowid_`: SQLite's hidden row id column.
//! PostgreSQL tables have no such column.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::row_ids::is_row_id;

pub static RULE: Rule = Rule {
    id: "rowid-column",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "SQLite's hidden `rowid` column does not exist in PostgreSQL",
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    // A table that declares its own `rowid` column has one on both engines.
    let declared = ctx
        .column_definitions()
        .iter()
        .any(|c| c.ident.quote.is_none() && is_row_id(&c.ident.value));
    if declared {
        return;
    }
    for span in &ctx.model().row_ids {
        out.report(
            span.clone(),
            format!("`{}` is SQLite's hidden row id; PostgreSQL fails with `column \"rowid\" does not exist`", ctx.text(span)),
            "refer to the table's primary key instead (an `INTEGER PRIMARY KEY` column is the rowid on SQLite)",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_rowid_references() {
        assert_eq!(
            flagged(
                &super::RULE,
                "DELETE FROM t WHERE rowid NOT IN (SELECT min(_rowid_) FROM t GROUP BY a);"
            ),
            ["rowid", "_rowid_"]
        );
        assert!(
            flagged(
                &super::RULE,
                "CREATE TABLE kv (k TEXT PRIMARY KEY) WITHOUT ROWID;"
            )
            .is_empty()
        );
        assert!(
            flagged(
                &super::RULE,
                "CREATE TABLE r (rowid INTEGER, x TEXT) -- rowid\n;"
            )
            .is_empty()
        );
    }
}
