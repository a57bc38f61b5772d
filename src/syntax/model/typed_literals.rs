//! Date and time typed literals: `DATE '2024-01-01'`, `TIME '…'`,
//! `TIMESTAMP [WITH|WITHOUT TIME ZONE] '…'`, `TIMESTAMPTZ '…'`,
//! `TIMETZ '…'`, `INTERVAL '1 day'`. The AST says which strings are one
//! (`Expr::TypedString`, `Expr::Interval`); the type's words are the tokens
//! before the string. Without an AST, a string after a type word is one.

use std::ops::{ControlFlow, Range};

use sqlparser::ast::{Expr as SqlExpr, Spanned, Statement, Visit, Visitor};
use sqlparser::tokenizer::Token as SqlToken;

use super::words::TEMPORAL_LITERAL_TYPES;
use crate::syntax::statement::StatementTokens;

/// One typed literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedLiteral {
    /// The type's first word, upper-cased (`INTERVAL`, `TIMESTAMP`).
    pub type_word: String,
    /// From the type's first word through the string.
    pub span: Range<usize>,
}

impl TypedLiteral {
    /// Whether it is a duration (`INTERVAL '1 day'`), not a moment.
    pub fn is_interval(&self) -> bool {
        self.type_word == "INTERVAL"
    }
}

/// The tree's typed literals, their type words read before the string.
pub(super) fn from_ast(view: &StatementTokens, ast: &Statement) -> Vec<TypedLiteral> {
    let mut finder = Finder {
        view,
        found: Vec::new(),
    };
    let _ = ast.visit(&mut finder);
    finder.found.sort_by_key(|l| l.span.start);
    finder.found.dedup();
    finder.found
}

struct Finder<'v, 'a> {
    view: &'v StatementTokens<'a>,
    found: Vec<TypedLiteral>,
}

impl Visitor for Finder<'_, '_> {
    type Break = ();

    fn pre_visit_expr(&mut self, expr: &SqlExpr) -> ControlFlow<()> {
        let string = match expr {
            SqlExpr::TypedString(typed) => typed.value.span,
            SqlExpr::Interval(interval) => interval.value.span(),
            _ => return ControlFlow::Continue(()),
        };
        let at = self
            .view
            .file
            .range(string)
            .map(|b| self.view.token_from(b.start));
        self.found
            .extend(at.and_then(|i| literal_with_string_at(self.view, i)));
        ControlFlow::Continue(())
    }
}

/// Every string after a date or time type word, as the tokens spell them.
pub(super) fn scan(view: &StatementTokens) -> Vec<TypedLiteral> {
    (1..view.tokens.len())
        .filter_map(|i| literal_with_string_at(view, i))
        // `d DATE 'x'` after a name: a column's type, not a literal.
        .filter(|l| {
            let first = view.token_from(l.span.start);
            first == 0 || !names_something(view, first - 1)
        })
        .collect()
}

/// The typed literal whose string is token `string`.
fn literal_with_string_at(view: &StatementTokens, string: usize) -> Option<TypedLiteral> {
    if !matches!(
        view.tokens.get(string)?.kind,
        SqlToken::SingleQuotedString(_)
    ) {
        return None;
    }
    let mut word = string.checked_sub(1)?;
    // `TIMESTAMP WITH TIME ZONE '…'`.
    if string >= 4
        && (view.words_at(string - 3, &["WITH", "TIME", "ZONE"])
            || view.words_at(string - 3, &["WITHOUT", "TIME", "ZONE"]))
    {
        word = string - 4;
    }
    let type_word = TEMPORAL_LITERAL_TYPES
        .iter()
        .find(|t| view.is_word(word, t))?;
    Some(TypedLiteral {
        type_word: type_word.to_string(),
        span: view.token_span(word, string),
    })
}

/// Whether token `i` is a name (a quoted word or one no keyword spells).
fn names_something(view: &StatementTokens, i: usize) -> bool {
    matches!(&view.tokens[i].kind, SqlToken::Word(w)
        if w.quote_style.is_some() || w.keyword == sqlparser::keywords::Keyword::NoKeyword)
}

#[cfg(test)]
mod tests {
    use crate::syntax::model::Model;
    use crate::testing::both_models;

    /// (type word, text) from the AST and from the tokens.
    fn both(sql: &str) -> [Vec<(String, String)>; 2] {
        both_models(sql, |m: &Model| {
            m.typed_literals
                .iter()
                .map(|l| (l.type_word.clone(), sql[l.span.clone()].to_string()))
                .collect()
        })
    }

    fn rows(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        crate::testing::pairs(expected)
    }

    #[test]
    fn date_time_and_interval_literals() {
        let sql = "SELECT DATE '2024-01-01', interval '1 day', \
                   TIMESTAMP WITH TIME ZONE '2024-01-01 00:00:00+00' FROM t";
        let expected = rows(&[
            ("DATE", "DATE '2024-01-01'"),
            ("INTERVAL", "interval '1 day'"),
            (
                "TIMESTAMP",
                "TIMESTAMP WITH TIME ZONE '2024-01-01 00:00:00+00'",
            ),
        ]);
        assert_eq!(both(sql), [expected.clone(), expected]);
    }

    #[test]
    fn defaults_and_other_types_are_no_temporal_literals() {
        let sql = "CREATE TABLE t (d date DEFAULT '2020-01-01', e timestamp, j JSON DEFAULT '{}')";
        assert_eq!(both(sql), [vec![], vec![]]);
        let sql = "SELECT TEXT 'x', 'DATE ''x''', now() AT TIME ZONE 'UTC'";
        assert_eq!(both(sql), [vec![], vec![]]);
    }
}
