//! SQLite's constraint conflict clauses: `UNIQUE ON CONFLICT REPLACE`,
//! `PRIMARY KEY ON CONFLICT IGNORE`, on a column or a table constraint.
//! An upsert's `ON CONFLICT (…) DO …` is no such clause: a resolution word
//! never follows its `CONFLICT`. The tree has them as column options
//! (`ColumnOption::OnConflict`, no span); they are located in the tokens and
//! kept when the tree holds as many. (A table constraint's clause parses in
//! no dialect: such a statement's model comes from the tokens.)

use std::ops::Range;

use sqlparser::ast::{AlterTableOperation, ColumnDef, ColumnOption, Statement};

use super::words::CONFLICT_RESOLUTIONS;
use crate::syntax::statement::StatementTokens;

/// One `ON CONFLICT resolution` of a constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictClause {
    /// `ON CONFLICT` through the resolution.
    pub span: Range<usize>,
    /// The resolution, upper-cased (`REPLACE`, `IGNORE`, `ABORT`…).
    pub resolution: &'static str,
    /// The clause and the space before it: removing it leaves the constraint.
    pub removal: Range<usize>,
}

/// Every `ON CONFLICT resolution` the tokens spell.
pub(super) fn scan(view: &StatementTokens) -> Vec<ConflictClause> {
    (1..view.tokens.len().saturating_sub(2))
        .filter(|&i| view.words_at(i, &["ON", "CONFLICT"]))
        .filter_map(|i| {
            let resolution = CONFLICT_RESOLUTIONS
                .into_iter()
                .find(|r| view.is_word(i + 2, r))?;
            let span = view.token_span(i, i + 2);
            Some(ConflictClause {
                removal: view.tokens[i - 1].span.end..span.end,
                span,
                resolution,
            })
        })
        .collect()
}

/// Located in the tokens, kept when the tree holds as many.
pub(super) fn from_ast(view: &StatementTokens, ast: &Statement) -> Vec<ConflictClause> {
    super::locate::when_tree_agrees(scan(view), count(ast))
}

/// How many conflict clauses the statement's tree holds.
fn count(ast: &Statement) -> usize {
    match ast {
        Statement::CreateTable(table) => in_columns(&table.columns),
        Statement::AlterTable(alter) => alter
            .operations
            .iter()
            .map(|operation| match operation {
                AlterTableOperation::AddColumn { column_def, .. } => {
                    in_columns(std::slice::from_ref(column_def))
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
        .filter(|o| matches!(o.option, ColumnOption::OnConflict(_)))
        .count()
}

#[cfg(test)]
mod tests {
    use crate::syntax::model::Model;
    use crate::testing::with_statement;

    /// (clause, resolution, removed text) from the AST and from the tokens.
    fn both(sql: &str) -> [Vec<(String, &'static str, String)>; 2] {
        with_statement(sql, |ctx| {
            let seen = |m: &Model| {
                m.conflict_clauses
                    .iter()
                    .map(|c| {
                        let text = |r: &std::ops::Range<usize>| sql[r.clone()].to_string();
                        (text(&c.span), c.resolution, text(&c.removal))
                    })
                    .collect()
            };
            [
                seen(ctx.model()),
                seen(&Model::from_tokens(ctx.tokens_view())),
            ]
        })
    }

    #[test]
    fn column_clauses_not_upserts() {
        let sql = "CREATE TABLE t (a INT UNIQUE ON CONFLICT REPLACE, \
                   b INT PRIMARY KEY on conflict abort, c INT NOT NULL ON CONFLICT IGNORE)";
        let expected = vec![
            (
                "ON CONFLICT REPLACE".to_string(),
                "REPLACE",
                " ON CONFLICT REPLACE".to_string(),
            ),
            (
                "on conflict abort".to_string(),
                "ABORT",
                " on conflict abort".to_string(),
            ),
            (
                "ON CONFLICT IGNORE".to_string(),
                "IGNORE",
                " ON CONFLICT IGNORE".to_string(),
            ),
        ];
        assert_eq!(both(sql), [expected.clone(), expected]);
        let upsert = "INSERT INTO t VALUES (1) ON CONFLICT (a) DO NOTHING";
        assert_eq!(both(upsert), [vec![], vec![]]);
    }

    #[test]
    fn a_table_constraint_clause_comes_from_the_tokens() {
        let sql = "CREATE TABLE t (a INT, UNIQUE (a) ON CONFLICT FAIL)";
        let [ast, tokens] = both(sql);
        assert_eq!(ast, tokens);
        assert_eq!(ast.len(), 1);
    }
}
