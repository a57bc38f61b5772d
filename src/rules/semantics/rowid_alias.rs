//! `id INTEGER PRIMARY KEY`: on SQLite the column becomes an alias of the
//! table's rowid, so SQLite fills in an id whenever an INSERT leaves it out.
//! PostgreSQL has no rowid: the same INSERT fails with a NOT NULL violation.

use std::ops::Range;

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::token_scan::targets_both_engines;
use crate::rules::{Rule, Sink};
use crate::syntax::model::{ColumnConstraint, ColumnDef, ConstraintKind, Model, TableOptionKind};

pub static RULE: Rule = Rule {
    id: "rowid-alias",
    group: "semantics",
    severity: Severity::Warning,
    targets: &[Engine::Postgres],
    summary: "`INTEGER PRIMARY KEY` gets ids assigned by SQLite only; PostgreSQL assigns none",
    check,
    triggers: &[Keyword::TABLE],
    ..Rule::DEFAULT
};

const HELP: &str = "let the storage code assign ids (a UUID in a `TEXT PRIMARY KEY`, say), or give each engine its own id column (`BIGINT GENERATED ALWAYS AS IDENTITY` on PostgreSQL)";

/// A rowid alias column and the words that make it one.
pub struct RowidAlias {
    pub column: ColumnDef,
    pub span: Range<usize>,
}

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !targets_both_engines(ctx) {
        return;
    }
    // A key that references another table (`user_id INTEGER PRIMARY KEY
    // REFERENCES users`) is always written: it must name a parent row, so
    // SQLite never gets to assign it.
    let references = |column: &ColumnDef| {
        column
            .constraint_list
            .iter()
            .any(|c| c.kind == ConstraintKind::References)
    };
    for alias in rowid_aliases(ctx)
        .into_iter()
        .filter(|a| !references(&a.column))
    {
        let name = ctx.text(&alias.column.ident.span);
        out.report(
            alias.span,
            format!(
                "`{name} INTEGER PRIMARY KEY` is SQLite's rowid: SQLite assigns an id when an INSERT leaves `{name}` out or NULL; PostgreSQL rejects that INSERT (NOT NULL violation)"
            ),
            HELP,
        );
    }
}

/// The columns of a `CREATE TABLE` that alias the rowid: `INTEGER PRIMARY KEY`
/// or a table-level `PRIMARY KEY (c)` on one `INTEGER` column. A column with
/// `AUTOINCREMENT` is left out: PostgreSQL rejects that keyword, and its own
/// rule says so. A `WITHOUT ROWID` table has none.
pub fn rowid_aliases(ctx: &StatementCtx) -> Vec<RowidAlias> {
    let model = ctx.model();
    let without_rowid = model
        .table_options
        .iter()
        .any(|o| o.kind == TableOptionKind::WithoutRowid);
    // `ALTER TABLE … ADD` cannot add a key: only `CREATE TABLE` makes an alias.
    if without_rowid || model.alter_table.is_some() {
        return Vec::new();
    }
    let mut aliases: Vec<RowidAlias> = model
        .columns
        .iter()
        .filter(|column| !column.added && is_integer(column))
        .filter(|column| constraint(column, ConstraintKind::Autoincrement).is_none())
        .filter_map(|column| {
            let key = constraint(column, ConstraintKind::PrimaryKey)?;
            Some(RowidAlias {
                column: column.clone(),
                span: column.ident.span.start..key.keyword.end,
            })
        })
        .collect();
    aliases.extend(table_level_keys(model));
    aliases
}

/// The column's first constraint of this kind.
fn constraint(column: &ColumnDef, kind: ConstraintKind) -> Option<&ColumnConstraint> {
    column.constraint_list.iter().find(|c| c.kind == kind)
}

/// `PRIMARY KEY (id)` naming a single `INTEGER` column.
fn table_level_keys(model: &Model) -> Vec<RowidAlias> {
    model
        .table_constraints
        .iter()
        .filter(|key| key.kind == ConstraintKind::PrimaryKey)
        .filter_map(|key| {
            let [only] = key.columns.as_slice() else {
                return None;
            };
            let name = only.name.as_ref().filter(|_| only.alone)?;
            let column = model
                .columns
                .iter()
                .find(|c| c.ident.value.eq_ignore_ascii_case(&name.value))?;
            let list = key.column_list.as_ref()?;
            is_integer(column).then(|| RowidAlias {
                column: column.clone(),
                span: key.keyword.start..list.end,
            })
        })
        .collect()
}

/// Only the exact type name `INTEGER` makes a rowid alias (`INT` and `BIGINT` do not).
fn is_integer(column: &ColumnDef) -> bool {
    column
        .column_type
        .as_ref()
        .is_some_and(|t| t.bare && t.name.as_deref() == Some("INTEGER"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{findings_with_targets, flagged_text};

    #[test]
    fn flags_integer_primary_keys_column_or_table_level() {
        assert_eq!(
            flagged_text(&RULE, "CREATE TABLE t (id integer PRIMARY KEY, name TEXT)"),
            ["id integer PRIMARY KEY"]
        );
        assert_eq!(
            flagged_text(
                &RULE,
                "CREATE TABLE t (id INTEGER NOT NULL, name TEXT, PRIMARY KEY (id))"
            ),
            ["PRIMARY KEY (id)"]
        );
    }

    #[test]
    fn ignores_keys_that_are_no_rowid_alias() {
        for sql in [
            "CREATE TABLE t (id BIGINT PRIMARY KEY)",
            "CREATE TABLE t (id INT PRIMARY KEY)",
            "CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER)",
            "CREATE TABLE t (a INTEGER, b INTEGER, PRIMARY KEY (a, b))",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT) WITHOUT ROWID",
            "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT)",
            "CREATE TABLE t (note TEXT DEFAULT 'id INTEGER PRIMARY KEY') -- id INTEGER PRIMARY KEY",
            "SELECT 'INTEGER PRIMARY KEY'",
        ] {
            assert!(flagged_text(&RULE, sql).is_empty(), "{sql}");
        }
    }

    #[test]
    fn a_key_that_references_a_parent_row_is_always_written() {
        // One-to-one tables: the id is the parent's, never left to SQLite.
        let sql = "CREATE TABLE pokes (user_id INTEGER PRIMARY KEY NOT NULL REFERENCES users (id), n INTEGER)";
        assert!(flagged_text(&RULE, sql).is_empty(), "{sql}");
        assert_eq!(
            flagged_text(
                &RULE,
                "CREATE TABLE t (id INTEGER PRIMARY KEY NOT NULL, u INTEGER REFERENCES users (id))"
            ),
            ["id INTEGER PRIMARY KEY"]
        );
    }

    #[test]
    fn needs_both_engines_targeted() {
        let sql = "CREATE TABLE t (id INTEGER PRIMARY KEY)";
        assert!(findings_with_targets(&RULE, sql, &["sqlite>=3.35"]).is_empty());
        assert!(findings_with_targets(&RULE, sql, &["postgres>=14"]).is_empty());
        assert_eq!(
            findings_with_targets(&RULE, sql, &["sqlite", "postgres"]).len(),
            1
        );
    }
}
