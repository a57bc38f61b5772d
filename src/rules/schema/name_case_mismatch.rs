//! A table or column named with another case than it was created with,
//! where the quoting makes PostgreSQL see another name: `CREATE TABLE
//! "Users"` then `FROM Users` (PostgreSQL looks for `users`), or `CREATE
//! TABLE Accounts` then `"Accounts"` (the table is `accounts` there). SQLite
//! matches names case-insensitively, quoted or not, so it runs both.

use std::ops::ControlFlow;

use sqlparser::ast::{Ident, Statement, visit_relations};

use crate::diagnostic::{Engine, Severity};
use crate::history::tables::{Name, last_ident};
use crate::rules::set_context::SchemaCtx;
use crate::rules::{Rule, RuleKind, SetSink};

pub static RULE: Rule = Rule {
    id: "name-case-mismatch",
    group: "schema",
    kind: RuleKind::History,
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "a table or column referred to with another case and quoting than it was created with: one name on SQLite, two on PostgreSQL",
    check_schema: Some(check_schema),
    ..Rule::DEFAULT
};

fn check_schema(ctx: &SchemaCtx, out: &mut SetSink) {
    let created = match ctx.ast {
        Statement::CreateTable(create) => Some(&create.name),
        _ => None,
    };
    let mut tables: Vec<Ident> = Vec::new();
    let _ = visit_relations(ctx.ast, |name| {
        if created.is_none_or(|c| !std::ptr::eq(c, name))
            && let Some(ident) = last_ident(name)
        {
            tables.push(ident.clone());
        }
        ControlFlow::<()>::Continue(())
    });
    for ident in &tables {
        let Some(table) = ctx.schema.table_named(&Name::of(ident)) else {
            continue;
        };
        report(ctx, out, ident, &table.name, "table");
    }
    if let Statement::Insert(insert) = ctx.ast
        && let sqlparser::ast::TableObject::TableName(name) = &insert.table
        && let Some(table) = ctx.schema.table(name)
    {
        for column in &insert.columns {
            let Some(ident) = last_ident(column) else {
                continue;
            };
            if let Some(found) = table.column(&Name::of(ident)) {
                report(ctx, out, ident, &found.name, "column");
            }
        }
    }
}

fn report(ctx: &SchemaCtx, out: &mut SetSink, ident: &Ident, created: &Name, what: &str) {
    let used = Name::of(ident);
    if ident.quote_style.is_some_and(|q| q != '"') || used.on_postgres() == created.on_postgres() {
        return;
    }
    let Some(span) = ctx.span_of(ident.span) else {
        return;
    };
    out.report(
        &ctx.file.path,
        span,
        format!(
            "`{}` finds the {what} created as `{}` on SQLite, which ignores case; PostgreSQL looks for `{}` and the {what} there is `{}`",
            used.written(),
            created.written(),
            used.on_postgres(),
            created.on_postgres()
        ),
        format!(
            "write `{}` as it was created, or give the {what} a lower-case name without quotes",
            created.written()
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{flagged_in_sqlx_set, pairs};

    fn flagged(files: &[(&str, &str)]) -> Vec<(String, String)> {
        flagged_in_sqlx_set(&RULE, files)
    }

    #[test]
    fn flags_names_postgres_reads_as_another_table_or_column() {
        let found = flagged(&[
            (
                "1_a.sql",
                "CREATE TABLE \"Users\" (id BIGINT PRIMARY KEY, `createdAt` TEXT); CREATE TABLE Accounts (id BIGINT);",
            ),
            (
                "2_b.sql",
                "INSERT INTO Users (id, createdAt) VALUES (1, 'x'); SELECT * FROM \"Accounts\"; \
                 SELECT * FROM \"Users\" JOIN accounts ON 1 = 1; ALTER TABLE USERS ADD COLUMN n TEXT;",
            ),
        ]);
        assert_eq!(
            found,
            pairs(&[
                ("2_b.sql", "Users"),
                ("2_b.sql", "createdAt"),
                ("2_b.sql", "\"Accounts\""),
                ("2_b.sql", "USERS")
            ])
        );
    }

    #[test]
    fn same_name_on_both_engines_is_fine() {
        let found = flagged(&[
            (
                "1_a.sql",
                "CREATE TABLE \"users\" (id BIGINT); CREATE TABLE Accounts (id BIGINT);",
            ),
            (
                "2_b.sql",
                "INSERT INTO users (id) VALUES (1); SELECT * FROM ACCOUNTS; SELECT * FROM \"accounts\"; SELECT * FROM unknown_table;",
            ),
        ]);
        assert!(found.is_empty(), "{found:?}");
    }
}
