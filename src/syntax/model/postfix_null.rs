//! SQLite's postfix null test `x NOT NULL` (PostgreSQL knows `x IS NOT
//! NULL` and `x NOTNULL`). SQLite's dialect reads it as `Expr::IsNotNull`,
//! as it reads `x IS NOT NULL`: the words right after the operand tell them
//! apart. A column's `NOT NULL` constraint is no expression in the tree.
//! Without an AST, a `NOT NULL` after an operand in an expression is one.

use std::ops::{ControlFlow, Range};

use sqlparser::ast::{Expr as SqlExpr, Spanned, Statement, Visit, Visitor};
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use super::locate;
use super::token_shapes::is_create_table;
use super::words::{
    EXPRESSION_GROUP_WORDS, EXPRESSION_OBJECTS, NOT_AN_OPERAND_END, POSTFIX_NULL_STATEMENTS,
};
use crate::syntax::statement::StatementTokens;

/// The spans of each postfix `NOT NULL`, from the tree.
/// The words one of its nodes is always written with: a statement without
/// any holds no a postfix `NOT NULL`, and its tree is not walked (`from_ast::build`).
pub(super) const WRITTEN_WITH: &[Keyword] = &[Keyword::NULL];

pub(super) fn from_ast(view: &StatementTokens, ast: &Statement) -> Vec<Range<usize>> {
    let mut finder = Finder {
        view,
        found: Vec::new(),
    };
    let _ = ast.visit(&mut finder);
    finder.found.sort_by_key(|s| s.start);
    finder.found.dedup();
    finder.found
}

struct Finder<'v, 'a> {
    view: &'v StatementTokens<'a>,
    found: Vec<Range<usize>>,
}

impl Visitor for Finder<'_, '_> {
    type Break = ();

    fn pre_visit_expr(&mut self, expr: &SqlExpr) -> ControlFlow<()> {
        if let SqlExpr::IsNotNull(operand) = expr
            && let Some(tokens) = locate::tokens_of(self.view, operand.span())
        {
            // The operand's own parentheses, which its span may leave out.
            let end = locate::with_wrapping_parens(self.view, tokens).end;
            if self.view.words_at(end, &["NOT", "NULL"]) {
                self.found.push(self.view.token_span(end, end + 1));
            }
        }
        ControlFlow::Continue(())
    }
}

/// Each `NOT NULL` after an operand, in the statement's expressions.
pub(super) fn scan(view: &StatementTokens) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for region in expression_regions(view) {
        for i in region.start.max(1)..region.end.saturating_sub(1) {
            if view.words_at(i, &["NOT", "NULL"]) && ends_operand(view, i - 1) {
                found.push(view.token_span(i, i + 1));
            }
        }
    }
    found
}

/// Whether token `i` can end an operand: a name, a literal or a `)`.
fn ends_operand(view: &StatementTokens, i: usize) -> bool {
    match &view.tokens[i].kind {
        SqlToken::Word(w) => {
            w.quote_style.is_some()
                || !NOT_AN_OPERAND_END
                    .iter()
                    .any(|k| w.value.eq_ignore_ascii_case(k))
        }
        SqlToken::Number(..) | SqlToken::SingleQuotedString(_) | SqlToken::RParen => true,
        _ => false,
    }
}

/// Token ranges holding expressions: the whole statement for queries, DML,
/// views, indexes and triggers; only the CHECK, DEFAULT and generated-column
/// parentheses of a table definition, where `NOT NULL` is otherwise a constraint.
fn expression_regions(view: &StatementTokens) -> Vec<Range<usize>> {
    let Some(first) = view.bare_word(0) else {
        return Vec::new();
    };
    let first = first.to_ascii_uppercase();
    let has_select = (0..view.tokens.len()).any(|i| view.is_word(i, "SELECT"));
    if (is_create_table(view) && !has_select) || first == "ALTER" {
        return (0..view.tokens.len())
            .filter(|&i| {
                EXPRESSION_GROUP_WORDS.iter().any(|k| view.is_word(i, k))
                    && view
                        .tokens
                        .get(i + 1)
                        .is_some_and(|t| t.kind == SqlToken::LParen)
            })
            .filter_map(|i| view.matching_paren(i + 1).map(|close| i + 2..close))
            .collect();
    }
    if !POSTFIX_NULL_STATEMENTS.contains(&first.as_str()) {
        return Vec::new();
    }
    let creates_an_expression_object =
        (1..4).any(|i| EXPRESSION_OBJECTS.iter().any(|k| view.is_word(i, k)));
    if first == "CREATE" && !creates_an_expression_object {
        return Vec::new();
    }
    #[allow(clippy::single_range_in_vec_init)] // one region: the whole statement
    let whole = vec![0..view.tokens.len()];
    whole
}

#[cfg(test)]
mod tests {
    use crate::syntax::model::Model;
    use crate::testing::both_models;

    /// The postfix tests' text from the AST and from the tokens.
    fn both(sql: &str) -> [Vec<String>; 2] {
        both_models(sql, |m: &Model| {
            m.postfix_null_tests
                .iter()
                .map(|s| sql[s.clone()].to_string())
                .collect()
        })
    }

    #[test]
    fn postfix_tests_not_is_not_null() {
        let sql = "SELECT * FROM t WHERE a NOT NULL AND (b) NOT NULL AND f(c) NOT NULL \
                   AND d IS NOT NULL AND e NOTNULL";
        let three = vec!["NOT NULL".to_string(); 3];
        assert_eq!(both(sql), [three.clone(), three]);
    }

    #[test]
    fn column_constraints_are_no_tests() {
        let sql = "CREATE TABLE t (a INT DEFAULT 0 NOT NULL, b INT NOT NULL, CHECK (b NOT NULL))";
        let one = vec!["NOT NULL".to_string()];
        assert_eq!(both(sql), [one.clone(), one]);
    }
}
