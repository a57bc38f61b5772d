//! The schema model: what a migration set has built so far, table by table,
//! kept by one sequential pass over the set's history in runner order
//! (`check`). Each statement is first shown to the schema rules (the
//! `RuleKind::History` rules with a `check_schema`) with the schema as it
//! stands before it, then applied. Built from sqlparser's AST; a statement
//! no dialect parses changes nothing, and a table created from a query
//! (`CREATE TABLE … AS SELECT`) has unknown columns: rules say nothing about
//! what the model does not know.

pub use crate::history::project_schemas::ProjectSchemas;
pub use crate::history::tables::{Column, Name, Schema, Table, last_ident};

use crate::rules::set_context::{RawStatementView, SchemaCtx, SetCtx};
use crate::rules::{Rule, SetSink};

/// The schema pass of one set: every statement of its history, in order,
/// shown to each schema rule before it is applied.
pub fn check(
    ctx: &SetCtx,
    rules: &[&'static Rule],
    out: &mut Vec<(std::path::PathBuf, crate::Diagnostic)>,
) -> Schema {
    // The statement filter reads the schema while the walk changes it, one
    // after the other for each statement.
    let schema = std::cell::RefCell::new(Schema::default());
    for file in ctx.set.history() {
        let wanted = |statement: &RawStatementView| schema.borrow().may_concern(statement.tokens);
        ctx.for_each_parsed_statement(file, wanted, |statement| {
            let Some(ast) = statement.ast else {
                return;
            };
            let before = schema.borrow();
            let schema_ctx = SchemaCtx {
                file,
                statement,
                ast,
                schema: &before,
            };
            for rule in rules {
                if let Some(check) = rule.check_schema {
                    check(&schema_ctx, &mut SetSink::new(rule, out));
                }
            }
            drop(before);
            schema.borrow_mut().apply(ast);
        });
    }
    schema.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::with_statement;

    fn build(sql: &[&str]) -> Schema {
        let mut schema = Schema::default();
        for statement in sql {
            with_statement(statement, |ctx| schema.apply(ctx.ast.expect("parses")));
        }
        schema
    }

    fn table<'a>(schema: &'a Schema, name: &str) -> &'a Table {
        schema
            .table_named(&Name {
                text: name.into(),
                quoted: false,
            })
            .unwrap_or_else(|| panic!("no table {name}: {schema:?}"))
    }

    #[test]
    fn only_statements_that_change_the_schema_or_name_its_tables_concern_it() {
        let schema = build(&["CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)"]);
        let concerns = |sql: &str| with_statement(sql, |ctx| schema.may_concern(ctx.tokens));
        assert!(concerns("CREATE INDEX i ON other (x)"));
        assert!(concerns("ALTER TABLE other ADD COLUMN x INT"));
        assert!(concerns("DROP TABLE other"));
        assert!(concerns("INSERT INTO users (name) VALUES ('a')"));
        assert!(concerns("SELECT * FROM \"Users\" WHERE name = \"bob\""));
        assert!(concerns("UPDATE main.USERS SET name = 'b'"));
        assert!(!concerns("INSERT INTO other (name) VALUES ('users')"));
        assert!(!concerns("SELECT users_id FROM other"));
        assert!(!concerns("PRAGMA foreign_keys = ON"));
    }

    fn column_names(table: &Table) -> Vec<String> {
        table.columns.iter().map(|c| c.name.written()).collect()
    }

    #[test]
    fn tracks_tables_columns_keys_and_rowid_aliases() {
        let schema = build(&[
            "CREATE TABLE \"Users\" (id INTEGER PRIMARY KEY, email VARCHAR(40) NOT NULL, on_sale BOOLEAN DEFAULT FALSE)",
            "CREATE TABLE pairs (a INTEGER, b INT, PRIMARY KEY (a))",
            "CREATE TABLE k (id INT PRIMARY KEY, n SMALLINT)",
        ]);
        let users = table(&schema, "users");
        assert_eq!(
            users.name,
            Name {
                text: "Users".into(),
                quoted: true
            }
        );
        let id = &users.columns[0];
        assert!(id.primary_key && id.rowid_alias && id.not_null);
        let email = &users.columns[1];
        assert_eq!((email.length(), email.not_null), (Some(40), true));
        assert!(users.columns[2].is_boolean() && users.columns[2].has_default);
        assert!(
            table(&schema, "pairs").columns[0].rowid_alias,
            "PRIMARY KEY (a) on an INTEGER"
        );
        let k = table(&schema, "k");
        assert!(
            k.columns[0].primary_key && !k.columns[0].rowid_alias,
            "INT is no alias"
        );
        assert_eq!(
            k.columns[1].integer_range(),
            Some(("smallint", -32768, 32767))
        );
    }

    #[test]
    fn follows_renames_added_and_dropped_columns_and_dropped_tables() {
        let schema = build(&[
            "CREATE TABLE a (id BIGINT PRIMARY KEY, old TEXT, gone TEXT)",
            "ALTER TABLE a RENAME COLUMN old TO fresh",
            "ALTER TABLE a DROP COLUMN gone",
            "ALTER TABLE a ADD COLUMN added INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE a RENAME TO b",
            "CREATE TABLE c (id BIGINT)",
            "DROP TABLE c",
        ]);
        assert_eq!(column_names(table(&schema, "b")), ["id", "fresh", "added"]);
        let unknown = |name: &str| {
            schema
                .table_named(&Name {
                    text: name.into(),
                    quoted: false,
                })
                .is_none()
        };
        assert!(unknown("a") && unknown("c"));
    }

    #[test]
    fn no_rowid_alias_without_rowid_or_with_desc() {
        let schema = build(&["CREATE TABLE w (id INTEGER PRIMARY KEY, v TEXT) WITHOUT ROWID"]);
        assert!(!table(&schema, "w").columns[0].rowid_alias);
        let mut desc = Schema::default();
        with_statement("CREATE TABLE d (id INTEGER PRIMARY KEY DESC)", |ctx| {
            if let Some(ast) = ctx.ast {
                desc.apply(ast);
            }
        });
        if let Some(d) = desc.table_named(&Name {
            text: "d".into(),
            quoted: false,
        }) {
            assert!(!d.columns[0].rowid_alias, "{d:?}");
        }
    }

    #[test]
    fn a_table_made_from_a_query_has_unknown_columns() {
        let schema = build(&["CREATE TABLE t AS SELECT 1 AS x"]);
        assert!(!table(&schema, "t").columns_known);
    }
}
