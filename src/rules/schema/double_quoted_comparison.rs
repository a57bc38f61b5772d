//! `WHERE status = "open"` where no table of the statement has a column
//! `open`: SQLite takes a double-quoted word that names no column as a
//! string, PostgreSQL always as a name (`column "open" does not exist`).
//! The schema model says which columns the statement's tables have; when a
//! table is unknown to it (made elsewhere, a view, a CTE), nothing is said.
//! Operands no column could be named like (`"%a%"`, `""`) are
//! `double-quoted-string`'s.

use std::ops::ControlFlow;

use sqlparser::ast::{BinaryOperator, Expr, Ident, visit_expressions, visit_relations};

use crate::diagnostic::{Engine, Severity};
use crate::history::tables::{Name, Table};
use crate::rules::set_context::SchemaCtx;
use crate::rules::{Rule, RuleKind, SetSink};

pub static RULE: Rule = Rule {
    id: "double-quoted-comparison",
    group: "schema",
    kind: RuleKind::History,
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`x = \"word\"` naming no column of the statement's tables: a string on SQLite, a missing column on PostgreSQL",
    check_schema: Some(check_schema),
    ..Rule::DEFAULT
};

fn check_schema(ctx: &SchemaCtx, out: &mut SetSink) {
    let Some(tables) = tables_in_scope(ctx) else {
        return;
    };
    for ident in compared_quoted_words(ctx) {
        let name = Name::of(&ident);
        if tables.iter().any(|t| t.column(&name).is_some()) {
            continue;
        }
        let Some(span) = ctx.span_of(ident.span) else {
            continue;
        };
        out.report(
            &ctx.file.path,
            span,
            format!(
                "`\"{0}\"` names no column of this statement's tables: SQLite reads it as the string '{0}', PostgreSQL as a column and fails (column \"{0}\" does not exist)",
                ident.value
            ),
            format!("write the string in single quotes: '{}'", ident.value),
        );
    }
}

/// Every table the statement reads or writes, when the schema knows all of
/// them and their columns.
fn tables_in_scope<'a>(ctx: &SchemaCtx<'a>) -> Option<Vec<&'a Table>> {
    let mut tables = Vec::new();
    let mut known = true;
    let _ = visit_relations(ctx.ast, |name| {
        match ctx.schema.table(name).filter(|t| t.columns_known) {
            Some(table) => tables.push(table),
            None => known = false,
        }
        ControlFlow::<()>::Continue(())
    });
    (known && !tables.is_empty()).then_some(tables)
}

/// Double-quoted words compared with something (`=`, `<>`, `<`…), that a
/// column could be named like.
fn compared_quoted_words(ctx: &SchemaCtx) -> Vec<Ident> {
    let mut found = Vec::new();
    let _ = visit_expressions(ctx.ast, |expr| {
        if let Expr::BinaryOp { left, op, right } = expr
            && is_comparison(op)
        {
            for side in [left, right] {
                if let Expr::Identifier(ident) = side.as_ref()
                    && ident.quote_style == Some('"')
                    && is_word(&ident.value)
                {
                    found.push(ident.clone());
                }
            }
        }
        ControlFlow::<()>::Continue(())
    });
    found
}

fn is_comparison(op: &BinaryOperator) -> bool {
    use BinaryOperator::*;
    matches!(op, Eq | NotEq | Lt | LtEq | Gt | GtEq)
}

fn is_word(text: &str) -> bool {
    text.starts_with(|c: char| c.is_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged_in_sqlx_set;

    /// The flagged texts, whatever the file.
    fn flagged(files: &[(&str, &str)]) -> Vec<String> {
        flagged_in_sqlx_set(&RULE, files)
            .into_iter()
            .map(|(_, text)| text)
            .collect()
    }

    #[test]
    fn flags_quoted_words_that_name_no_column() {
        let found = flagged(&[
            (
                "1_a.sql",
                "CREATE TABLE tasks (id BIGINT, status TEXT, \"Done\" BOOLEAN);",
            ),
            (
                "2_b.sql",
                "UPDATE tasks SET status = 'closed' WHERE status = \"open\"; \
                 SELECT id FROM tasks WHERE \"status\" <> \"closed\" AND \"done\" = TRUE;",
            ),
        ]);
        assert_eq!(found, ["\"open\"", "\"closed\""]);
    }

    #[test]
    fn says_nothing_where_the_tables_are_not_all_known() {
        let found = flagged(&[
            ("1_a.sql", "CREATE TABLE tasks (id BIGINT, status TEXT);"),
            (
                "2_b.sql",
                "SELECT * FROM tasks JOIN elsewhere ON 1 = 1 WHERE status = \"open\"; \
                 SELECT * FROM tasks WHERE status = \"%open%\";",
            ),
        ]);
        assert!(found.is_empty(), "{found:?}");
    }
}
