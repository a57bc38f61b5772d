//! `INTEGER`/`INT`/`SMALLINT` keys and the columns that reference them:
//! SQLite stores every integer in up to 64 bits whatever the declared type
//! (a rowid, and so a key filled from it, grows past 2^31 on a busy table);
//! PostgreSQL's `integer` is 32-bit and `smallint` 16-bit, so larger values
//! fail there. Only keys (primary key or foreign key) are flagged by
//! default: they are where 32 bits run out. Other narrow columns are
//! `narrow-integer`'s (pedantic), and a literal out of range in the set's
//! inserts is `integer-out-of-range`'s (an error).

use std::ops::Range;

use sqlparser::ast::{
    AlterTableOperation, ColumnOption, Ident, ObjectName, Statement, TableConstraint,
};
use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::semantics::rowid_alias::rowid_aliases;
use crate::rules::token_scan::targets_both_engines;
use crate::rules::{Rule, Sink};
use crate::syntax::model::{ColumnDef, ConstraintKind, Model};

pub static RULE: Rule = Rule {
    id: "integer-width",
    group: "semantics",
    severity: Severity::Warning,
    targets: &[Engine::Postgres],
    summary: "an `INTEGER` key or foreign key is 64-bit on SQLite but 32-bit on PostgreSQL",
    check,
    // Column definitions exist only in `CREATE TABLE` / `ALTER TABLE`.
    triggers: &[Keyword::TABLE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !targets_both_engines(ctx) {
        return;
    }
    for narrow in narrow_integer_columns(ctx).into_iter().filter(|c| c.key) {
        out.report(
            narrow.type_span.clone(),
            format!(
                "the key `{}` is `{}`: 64-bit on SQLite, {}-bit on PostgreSQL (at most {}), so ids past that fail there",
                narrow.name,
                ctx.text(&narrow.type_span),
                narrow.bits,
                narrow.max
            ),
            "declare `BIGINT` for keys and the columns that reference them: 64-bit on both engines",
        );
    }
}

/// A column declared with a narrow integer type.
pub struct NarrowInteger {
    pub name: String,
    pub type_span: Range<usize>,
    pub bits: u32,
    pub max: &'static str,
    /// A primary key, part of one, or a foreign key.
    pub key: bool,
}

/// The statement's `INTEGER`/`INT`/`INT4`/`SMALLINT`/`INT2` columns, rowid
/// aliases (`rowid-alias`'s) and AUTOINCREMENT columns (`autoincrement`'s) left out.
pub fn narrow_integer_columns(ctx: &StatementCtx) -> Vec<NarrowInteger> {
    let aliases: Vec<usize> = rowid_aliases(ctx)
        .iter()
        .map(|a| a.column.ident.span.start)
        .collect();
    let model = ctx.model();
    let table_keys = table_key_columns(model);
    let mut found = Vec::new();
    for column in &model.columns {
        let Some(data_type) = &column.column_type else {
            continue;
        };
        let (bits, max) = match data_type.name.as_deref() {
            Some("INTEGER" | "INT" | "INT4") => (32, "2147483647"),
            Some("SMALLINT" | "INT2") => (16, "32767"),
            _ => continue,
        };
        let autoincrement = column
            .constraint_list
            .iter()
            .any(|c| c.kind == ConstraintKind::Autoincrement);
        if !data_type.bare || aliases.contains(&column.ident.span.start) || autoincrement {
            continue;
        }
        let name = column.ident.value.clone();
        let key = (is_key_column(column)
            || table_keys.iter().any(|k| k.eq_ignore_ascii_case(&name)))
            && !references_a_narrow_key(ctx, &name);
        found.push(NarrowInteger {
            type_span: data_type.name_span.clone(),
            name,
            bits,
            max,
            key,
        });
    }
    found
}

/// Whether the column is a foreign key to a key the project's migrations
/// declare 32 bits wide on PostgreSQL too (`INT`, `SERIAL`, not a SQLite
/// rowid): its values come from that key, whose width is the one root
/// cause (reported there by this rule or by `serial-type`).
fn references_a_narrow_key(ctx: &StatementCtx, column: &str) -> bool {
    let (Some(schemas), Some(ast)) = (ctx.schemas, ctx.ast) else {
        return false;
    };
    foreign_keys(ast)
        .into_iter()
        .filter(|(local, _, _)| local.value.eq_ignore_ascii_case(column))
        .any(|(_, table, referred)| {
            let keys = schemas.referenced(table, referred);
            !keys.is_empty()
                && keys
                    .iter()
                    .all(|k| k.narrow_on_postgres() && !k.rowid_alias)
        })
}

/// Each foreign key of a `CREATE TABLE` or `ALTER TABLE … ADD COLUMN`:
/// (local column, referenced table, referenced column if named).
fn foreign_keys(ast: &Statement) -> Vec<(&Ident, &ObjectName, Option<&Ident>)> {
    let mut found = Vec::new();
    let columns: Vec<&sqlparser::ast::ColumnDef> = match ast {
        Statement::CreateTable(create) => {
            for constraint in &create.constraints {
                if let TableConstraint::ForeignKey(fk) = constraint {
                    for (i, local) in fk.columns.iter().enumerate() {
                        found.push((local, &fk.foreign_table, fk.referred_columns.get(i)));
                    }
                }
            }
            create.columns.iter().collect()
        }
        Statement::AlterTable(alter) => alter
            .operations
            .iter()
            .filter_map(|operation| match operation {
                AlterTableOperation::AddColumn { column_def, .. } => Some(column_def),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    for def in columns {
        for option in &def.options {
            if let ColumnOption::ForeignKey(fk) = &option.option {
                found.push((&def.name, &fk.foreign_table, fk.referred_columns.first()));
            }
        }
    }
    found
}

/// `PRIMARY KEY` or `REFERENCES` among the column's own constraints.
fn is_key_column(column: &ColumnDef) -> bool {
    column.constraint_list.iter().any(|c| {
        matches!(
            c.kind,
            ConstraintKind::PrimaryKey | ConstraintKind::References
        )
    })
}

/// The columns named by table constraints `PRIMARY KEY (…)` and `FOREIGN KEY (…)`.
fn table_key_columns(model: &Model) -> Vec<&str> {
    model
        .table_constraints
        .iter()
        .filter(|c| {
            matches!(
                c.kind,
                ConstraintKind::PrimaryKey | ConstraintKind::ForeignKey
            )
        })
        .flat_map(|c| &c.columns)
        .filter_map(|k| k.name.as_ref())
        .map(|name| name.value.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged_text;

    #[test]
    fn flags_narrow_keys_and_the_columns_that_reference_them() {
        assert_eq!(
            flagged_text(
                &RULE,
                "CREATE TABLE t (a INT PRIMARY KEY, b INTEGER REFERENCES u (id), c SMALLINT, d INTEGER, e BIGINT REFERENCES u (id))"
            ),
            ["INT", "INTEGER"]
        );
        assert_eq!(
            flagged_text(
                &RULE,
                "CREATE TABLE t (a INTEGER NOT NULL, b int, n INTEGER, PRIMARY KEY (a, b), FOREIGN KEY (n) REFERENCES u (id))"
            ),
            ["INTEGER", "int", "INTEGER"]
        );
        assert_eq!(
            flagged_text(
                &RULE,
                "ALTER TABLE t ADD COLUMN user_id INTEGER REFERENCES users (id)"
            ),
            ["INTEGER"]
        );
        let message =
            &crate::testing::findings(&RULE, "CREATE TABLE t (c SMALLINT PRIMARY KEY)")[0].message;
        assert!(
            message.contains("16-bit on PostgreSQL (at most 32767)"),
            "{message}"
        );
    }

    #[test]
    fn leaves_plain_columns_rowid_aliases_autoincrement_and_text_alone() {
        for sql in [
            "CREATE TABLE t (id INTEGER PRIMARY KEY, v BIGINT, n INTEGER NOT NULL DEFAULT 0)",
            "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT)",
            "CREATE TABLE t (note TEXT DEFAULT 'INTEGER')",
            "ALTER TABLE t ADD COLUMN n INTEGER DEFAULT 0",
            "SELECT CAST(x AS INTEGER) FROM t",
        ] {
            assert!(flagged_text(&RULE, sql).is_empty(), "{sql}");
        }
    }
}
