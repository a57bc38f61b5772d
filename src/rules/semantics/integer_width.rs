//! `INTEGER`/`INT`/`SMALLINT` columns: SQLite stores every integer in up to
//! 64 bits whatever the declared type; PostgreSQL's `integer` is 32-bit and
//! `smallint` 16-bit, so large values overflow there (an error) or, with bit
//! operators, silently wrap around.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::semantics::rowid_alias::rowid_aliases;
use crate::rules::token_scan::{targets_both_engines, type_name};
use crate::rules::{Rule, Sink};
use crate::syntax::model::ConstraintKind;

pub static RULE: Rule = Rule {
    id: "integer-width",
    group: "semantics",
    severity: Severity::Warning,
    targets: &[Engine::Postgres],
    summary: "`INTEGER` is 64-bit on SQLite but 32-bit on PostgreSQL",
    check,
    // Column definitions exist only in `CREATE TABLE` / `ALTER TABLE`.
    triggers: &[Keyword::TABLE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !targets_both_engines(ctx) {
        return;
    }
    // A rowid alias has its own warning; AUTOINCREMENT its own error.
    let aliases: Vec<usize> = rowid_aliases(ctx).iter().map(|a| a.column.name).collect();
    for column in ctx.column_definitions() {
        let Some(name) = type_name(ctx, column) else {
            continue;
        };
        let (bits, max) = match name.as_str() {
            "INTEGER" | "INT" | "INT4" => (32, "2147483647"),
            "SMALLINT" | "INT2" => (16, "32767"),
            _ => continue,
        };
        let autoincrement = column
            .constraint_list
            .iter()
            .any(|c| c.kind == ConstraintKind::Autoincrement);
        if column.data_type.len() != 1 || aliases.contains(&column.name) || autoincrement {
            continue;
        }
        let type_span = ctx.token_span(column.data_type.start, column.data_type.start);
        out.report(
            type_span.clone(),
            format!(
                "`{}` holds 64-bit integers on SQLite but is {bits}-bit on PostgreSQL (at most {max}): larger values fail there",
                ctx.text(&type_span)
            ),
            "declare `BIGINT`, which is 64-bit on both engines",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged_text;

    #[test]
    fn flags_narrow_integer_columns() {
        assert_eq!(
            flagged_text(
                &RULE,
                "CREATE TABLE t (a INTEGER NOT NULL, b int, c SMALLINT, d BIGINT, e TEXT)"
            ),
            ["INTEGER", "int", "SMALLINT"]
        );
        assert_eq!(
            flagged_text(&RULE, "ALTER TABLE t ADD COLUMN n INTEGER DEFAULT 0"),
            ["INTEGER"]
        );
        let message = &crate::testing::findings(&RULE, "CREATE TABLE t (c SMALLINT)")[0].message;
        assert!(
            message.contains("16-bit on PostgreSQL (at most 32767)"),
            "{message}"
        );
    }

    #[test]
    fn leaves_rowid_aliases_autoincrement_and_text_alone() {
        for sql in [
            "CREATE TABLE t (id INTEGER PRIMARY KEY, v BIGINT)",
            "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT)",
            "CREATE TABLE t (note TEXT DEFAULT 'INTEGER')",
            "SELECT CAST(x AS INTEGER) FROM t",
        ] {
            assert!(flagged_text(&RULE, sql).is_empty(), "{sql}");
        }
    }
}
