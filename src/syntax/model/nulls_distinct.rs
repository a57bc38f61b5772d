//! `NULLS NOT DISTINCT` (PostgreSQL 15): of a `UNIQUE` column or table
//! constraint, or of a unique index.

use std::ops::Range;

use sqlparser::ast::{
    AlterTableOperation, ColumnDef, ColumnOption, NullsDistinctOption, Statement, TableConstraint,
};

use crate::syntax::statement::StatementTokens;

/// The spans of each `NULLS NOT DISTINCT`, from the tokens.
pub(super) fn from_tokens(view: &StatementTokens) -> Vec<Range<usize>> {
    (0..view.tokens.len())
        .filter(|&i| view.words_at(i, &["NULLS", "NOT", "DISTINCT"]))
        .map(|i| view.token_span(i, i + 2))
        .collect()
}

/// Located in the tokens, kept when the tree holds as many.
pub(super) fn from_ast(view: &StatementTokens, ast: &Statement) -> Vec<Range<usize>> {
    super::locate::when_tree_agrees(from_tokens(view), count(ast))
}

/// How many `NULLS NOT DISTINCT` the statement's tree holds.
fn count(ast: &Statement) -> usize {
    match ast {
        Statement::CreateIndex(index) => usize::from(index.nulls_distinct == Some(false)),
        Statement::CreateTable(table) => {
            in_columns(&table.columns)
                + table.constraints.iter().filter(|c| not_distinct(c)).count()
        }
        Statement::AlterTable(alter) => alter
            .operations
            .iter()
            .map(|operation| match operation {
                AlterTableOperation::AddColumn { column_def, .. } => {
                    in_columns(std::slice::from_ref(column_def))
                }
                AlterTableOperation::AddConstraint { constraint, .. } => {
                    usize::from(not_distinct(constraint))
                }
                _ => 0,
            })
            .sum(),
        _ => 0,
    }
}

fn in_columns(columns: &[ColumnDef]) -> usize {
    let options = columns.iter().flat_map(|c| &c.options);
    options
        .filter(|o| {
            matches!(&o.option, ColumnOption::Unique(unique)
                if unique.nulls_distinct == NullsDistinctOption::NotDistinct)
        })
        .count()
}

fn not_distinct(constraint: &TableConstraint) -> bool {
    matches!(constraint, TableConstraint::Unique(unique)
        if unique.nulls_distinct == NullsDistinctOption::NotDistinct)
}
