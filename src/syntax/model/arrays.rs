//! PostgreSQL's arrays: `ARRAY[1, 2]`, `ARRAY(SELECT …)` and the array
//! comparisons `x = ANY(…)`, `x <> ALL(…)`. SQLite's tokenizer reads `[1, 2]`
//! as one bracket-quoted name, so its dialect sees `ARRAY [1, 2]` as a column
//! `ARRAY` with an alias; PostgreSQL's sees `Expr::Array`. The tree says
//! where an `ARRAY` stands as an expression and which comparisons take ANY
//! or ALL; the tokens after the word say how far it reaches.

use std::ops::{ControlFlow, Range};

use sqlparser::ast::{Expr as SqlExpr, Spanned, Statement, Visit, Visitor};
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use super::locate;
use crate::syntax::statement::StatementTokens;

/// An array value or an array comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrayUse {
    pub kind: ArrayUseKind,
    /// `ARRAY[…]` / `ARRAY(…)`; `= ANY (…)` from the comparison operator to `)`.
    pub span: Range<usize>,
    /// A comparison's operator and quantifier (`= ANY`, `<> ALL`).
    pub operator: Option<Range<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrayUseKind {
    /// `ARRAY[…]`, `ARRAY(SELECT …)`.
    Value,
    /// `x op ANY|SOME|ALL (…)`.
    Comparison,
}

/// The tree's arrays, located from their words.
/// The words one of its nodes is always written with: a statement without
/// any holds no an `ARRAY` value or an `ANY`/`SOME`/`ALL` comparison, and its tree is not walked (`from_ast::build`).
pub(super) const WRITTEN_WITH: &[Keyword] =
    &[Keyword::ARRAY, Keyword::ANY, Keyword::SOME, Keyword::ALL];

pub(super) fn from_ast(view: &StatementTokens, ast: &Statement) -> Vec<ArrayUse> {
    let mut finder = Finder {
        view,
        found: Vec::new(),
    };
    let _ = ast.visit(&mut finder);
    finder.found.sort_by_key(|a| a.span.start);
    finder.found.dedup();
    finder.found
}

struct Finder<'v, 'a> {
    view: &'v StatementTokens<'a>,
    found: Vec<ArrayUse>,
}

impl Visitor for Finder<'_, '_> {
    type Break = ();

    fn pre_visit_expr(&mut self, expr: &SqlExpr) -> ControlFlow<()> {
        let view = self.view;
        let first = |expr: &SqlExpr| {
            view.file
                .range(expr.span())
                .map(|b| view.token_from(b.start))
        };
        let found = match expr {
            // Its span is its elements': the word stands before them.
            SqlExpr::Array(array) if array.named => view
                .file
                .range(expr.span())
                .and_then(|elements| value_around(view, elements.start)),
            SqlExpr::Function(_) | SqlExpr::Identifier(_) => {
                first(expr).and_then(|i| value_at(view, i))
            }
            SqlExpr::AnyOp { right, .. } | SqlExpr::AllOp { right, .. } => {
                locate::tokens_of(view, right.span())
                    .map(|tokens| locate::with_wrapping_parens(view, tokens))
                    .and_then(|tokens| comparison_before(view, tokens.start))
            }
            _ => None,
        };
        self.found.extend(found);
        ControlFlow::Continue(())
    }
}

/// `ARRAY` at token `i`, followed by `[`, a bracket-quoted name or `(`.
fn value_at(view: &StatementTokens, i: usize) -> Option<ArrayUse> {
    if !view.is_word(i, "ARRAY") {
        return None;
    }
    let end = match &view.tokens.get(i + 1)?.kind {
        SqlToken::LParen => view.matching_paren(i + 1).unwrap_or(i + 1),
        SqlToken::LBracket => (i + 1..view.tokens.len())
            .find(|&j| view.tokens[j].kind == SqlToken::RBracket)
            .unwrap_or(i + 1),
        // SQLite's tokenizer reads `[1, 2]` as one bracket-quoted name.
        SqlToken::Word(w) if w.quote_style == Some('[') => i + 1,
        _ => return None,
    };
    Some(ArrayUse {
        kind: ArrayUseKind::Value,
        span: view.token_span(i, end),
        operator: None,
    })
}

/// The `ARRAY[…]` whose brackets hold byte `offset`.
fn value_around(view: &StatementTokens, offset: usize) -> Option<ArrayUse> {
    let last = view.token_until(offset + 1).unwrap_or(0);
    (last.saturating_sub(2)..=last)
        .rev()
        .filter_map(|i| value_at(view, i))
        .find(|value| value.span.contains(&offset))
}

/// The comparison whose `(` is token `open`: `op ANY|SOME|ALL (…)`.
fn comparison_before(view: &StatementTokens, open: usize) -> Option<ArrayUse> {
    let quantifier = open.checked_sub(1)?;
    let operator = quantifier.checked_sub(1)?;
    let quantified = matches!(
        view.keyword(quantifier),
        Some(Keyword::ANY | Keyword::SOME | Keyword::ALL)
    );
    if !(quantified
        && view.tokens[open].kind == SqlToken::LParen
        && is_comparison(&view.tokens[operator].kind))
    {
        return None;
    }
    let close = view.matching_paren(open).unwrap_or(open);
    Some(ArrayUse {
        kind: ArrayUseKind::Comparison,
        span: view.token_span(operator, close),
        operator: Some(view.token_span(operator, quantifier)),
    })
}

/// Every array the tokens spell.
pub(super) fn scan(view: &StatementTokens) -> Vec<ArrayUse> {
    (0..view.tokens.len())
        .filter_map(|i| {
            value_at(view, i).or_else(|| {
                let follows_quantifier = i >= 2 && view.tokens[i].kind == SqlToken::LParen;
                follows_quantifier
                    .then(|| comparison_before(view, i))
                    .flatten()
            })
        })
        .collect()
}

fn is_comparison(kind: &SqlToken) -> bool {
    matches!(
        kind,
        SqlToken::Eq
            | SqlToken::Neq
            | SqlToken::Lt
            | SqlToken::Gt
            | SqlToken::LtEq
            | SqlToken::GtEq
            | SqlToken::DoubleEq
    )
}

#[cfg(test)]
mod tests {
    use super::ArrayUseKind;
    use crate::syntax::model::Model;
    use crate::testing::with_statement;

    /// (kind, text, operator text) from the AST and from the tokens.
    fn both(sql: &str) -> [Vec<(ArrayUseKind, String, Option<String>)>; 2] {
        with_statement(sql, |ctx| {
            assert!(ctx.ast.is_some(), "{sql} parses");
            let text = |r: &std::ops::Range<usize>| sql[r.clone()].to_string();
            let seen = |m: &Model| {
                m.arrays
                    .iter()
                    .map(|a| (a.kind, text(&a.span), a.operator.as_ref().map(text)))
                    .collect()
            };
            [
                seen(ctx.model()),
                seen(&Model::from_tokens(ctx.tokens_view())),
            ]
        })
    }

    #[test]
    fn array_values_and_comparisons() {
        let sql = "SELECT ARRAY[id] AS b, ARRAY(SELECT 1) FROM t \
                   WHERE id = ANY($1) AND x <> ALL (SELECT 1)";
        let expected = vec![
            (ArrayUseKind::Value, "ARRAY[id]".to_string(), None),
            (ArrayUseKind::Value, "ARRAY(SELECT 1)".to_string(), None),
            (
                ArrayUseKind::Comparison,
                "= ANY($1)".to_string(),
                Some("= ANY".to_string()),
            ),
            (
                ArrayUseKind::Comparison,
                "<> ALL (SELECT 1)".to_string(),
                Some("<> ALL".to_string()),
            ),
        ];
        assert_eq!(both(sql), [expected.clone(), expected]);
    }

    #[test]
    fn union_all_and_strings_are_no_arrays() {
        let sql = "SELECT 1 UNION ALL (SELECT 2)";
        assert_eq!(both(sql), [vec![], vec![]]);
        assert_eq!(both("SELECT 'ARRAY[1]'"), [vec![], vec![]]);
    }
}
