//! `CREATE TABLE t [(a, b)] … AS query`: the `AS` that makes a table from a
//! query (the list before it, if any, names columns without types). The
//! first `AS` outside parentheses after `CREATE … TABLE` says where; from
//! the AST, only when the tree holds a query.

use std::ops::Range;

use sqlparser::ast::Statement;
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::syntax::statement::StatementTokens;

/// The `AS` word of a `CREATE TABLE … AS query`.
pub(super) fn from_tokens(view: &StatementTokens) -> Option<Range<usize>> {
    let kind = view.creates("TABLE")?;
    let mut depth = 0usize;
    for i in kind + 1..view.tokens.len() {
        match view.tokens[i].kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen => depth = depth.saturating_sub(1),
            _ if depth == 0 && view.keyword(i) == Some(Keyword::AS) => {
                return Some(view.tokens[i].span.clone());
            }
            _ => {}
        }
    }
    None
}

/// The tokens' `AS`, when the tree's `CREATE TABLE` holds a query.
pub(super) fn from_ast(view: &StatementTokens, ast: &Statement) -> Option<Range<usize>> {
    match ast {
        Statement::CreateTable(table) if table.query.is_some() => from_tokens(view),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax::model::Model;
    use crate::testing::both_models;

    /// The `AS` word's text and position, from the AST and from the tokens.
    fn both(sql: &str) -> [Option<(String, usize)>; 2] {
        both_models(sql, |m: &Model| {
            m.create_table_as
                .clone()
                .map(|at| (sql[at.clone()].to_string(), at.start))
        })
    }

    #[test]
    fn with_and_without_a_column_list() {
        let expected = Some(("AS".to_string(), 22));
        assert_eq!(
            both("CREATE TABLE f (a, b) AS SELECT 1, 2"),
            [expected.clone(), expected]
        );
        let expected = Some(("as".to_string(), 15));
        assert_eq!(
            both("CREATE TABLE f as SELECT (1) AS x"),
            [expected.clone(), expected]
        );
    }

    #[test]
    fn a_generated_column_or_a_select_is_none() {
        let sql = "CREATE TABLE t (a INT, b INT GENERATED ALWAYS AS (a * 2) STORED)";
        assert_eq!(both(sql), [None, None]);
        assert_eq!(both("SELECT 1 AS a"), [None, None]);
    }
}
