//! SQL value keywords used as values: `CURRENT_USER`, `LOCALTIMESTAMP`,
//! `CURRENT_TIMESTAMP` and the precision of `CURRENT_TIMESTAMP(3)`.
//! PostgreSQL evaluates them all; SQLite knows only the three current date
//! and time words, without a precision, and reads the others as names.
//! From the AST, a value keyword is an expression: sqlparser reads it as a
//! call without an argument list (or with the precision's), or, where the
//! dialect does not know the word, as a bare name; a column or alias named
//! so is none. Without a tree, the tokens: the word not qualified, not
//! qualifying, not after `AS` and not naming a column definition.

use std::ops::Range;

use sqlparser::ast::{Expr as SqlExpr, FunctionArguments, Ident};
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use super::words::{PRECISION_VALUE_KEYWORDS, VALUE_KEYWORDS};
use crate::syntax::statement::StatementTokens;

/// One value keyword standing as a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueKeyword {
    /// The word.
    pub span: Range<usize>,
    /// The word, upper-cased (`CURRENT_USER`).
    pub word: String,
    /// The `( … )` of a precision right after the word.
    pub precision: Option<Range<usize>>,
}

/// The value keyword `expr` is, when it is one.
pub(super) fn from_expr(view: &StatementTokens, expr: &SqlExpr) -> Option<ValueKeyword> {
    match expr {
        SqlExpr::Identifier(ident) => at(view, ident, false),
        SqlExpr::Function(function) => {
            let [part] = function.name.0.as_slice() else {
                return None;
            };
            let with_list = match &function.args {
                FunctionArguments::None => false,
                FunctionArguments::List(_) => true,
                FunctionArguments::Subquery(_) => return None,
            };
            at(view, part.as_ident()?, with_list)
        }
        _ => None,
    }
}

/// The value keyword `ident` names; `with_list`: an argument list follows,
/// the precision of a word that takes one, else a call.
fn at(view: &StatementTokens, ident: &Ident, with_list: bool) -> Option<ValueKeyword> {
    if ident.quote_style.is_some() {
        return None;
    }
    let word = value_word(&ident.value)?;
    let name = view.token_at(view.file.range(ident.span)?.start)?;
    let keyword = keyword_at(view, name, word)?;
    (keyword.precision.is_some() == with_list).then_some(keyword)
}

/// The value keyword `word` (of `VALUE_KEYWORDS`) at token `name`, with the
/// precision after it; `None` when parentheses follow a word that takes none.
fn keyword_at(view: &StatementTokens, name: usize, word: &str) -> Option<ValueKeyword> {
    let opens = view
        .tokens
        .get(name + 1)
        .is_some_and(|t| t.kind == SqlToken::LParen);
    if opens && !PRECISION_VALUE_KEYWORDS.contains(&word) {
        return None; // `current_schema()`: a call
    }
    let precision = opens.then(|| {
        let close = view.matching_paren(name + 1).unwrap_or(name + 1);
        view.token_span(name + 1, close)
    });
    Some(ValueKeyword {
        span: view.tokens[name].span.clone(),
        word: word.to_string(),
        precision,
    })
}

fn value_word(text: &str) -> Option<&'static str> {
    VALUE_KEYWORDS
        .into_iter()
        .find(|w| w.eq_ignore_ascii_case(text))
}

/// The value keywords the tokens spell; `column_names`: the tokens naming
/// column definitions.
pub(super) fn scan(view: &StatementTokens, column_names: &[usize]) -> Vec<ValueKeyword> {
    let is_period = |i: usize| {
        view.tokens
            .get(i)
            .is_some_and(|t| t.kind == SqlToken::Period)
    };
    (0..view.tokens.len())
        .filter(|&i| {
            !(i > 0 && (is_period(i - 1) || view.keyword(i - 1) == Some(Keyword::AS)))
                && !is_period(i + 1)
                && !column_names.contains(&i)
        })
        .filter_map(|i| keyword_at(view, i, value_word(view.bare_word(i)?)?))
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::syntax::model::Model;
    use crate::testing::both_models;

    /// Each value keyword's (word as written, precision), from the AST and the tokens.
    fn both(sql: &str) -> [Vec<(String, Option<String>)>; 2] {
        both_models(sql, |m: &Model| {
            m.value_keywords
                .iter()
                .map(|k| {
                    let precision = k.precision.clone().map(|p| sql[p].to_string());
                    (sql[k.span.clone()].to_string(), precision)
                })
                .collect()
        })
    }

    fn expect(keywords: &[(&str, Option<&str>)]) -> [Vec<(String, Option<String>)>; 2] {
        let keywords: Vec<_> = keywords
            .iter()
            .map(|(w, p)| (w.to_string(), p.map(str::to_string)))
            .collect();
        [keywords.clone(), keywords]
    }

    #[test]
    fn values_and_precisions() {
        let sql = "SELECT LOCALTIMESTAMP, current_user, t.current_user, CURRENT_TIMESTAMP(3), \
                   CURRENT_TIMESTAMP, current_schema() FROM t";
        assert_eq!(
            both(sql),
            expect(&[
                ("LOCALTIMESTAMP", None),
                ("current_user", None),
                ("CURRENT_TIMESTAMP", Some("(3)")),
                ("CURRENT_TIMESTAMP", None),
            ])
        );
    }

    #[test]
    fn names_are_no_values() {
        let sql = "CREATE TABLE t (current_user text DEFAULT CURRENT_USER, \
                   b timestamp DEFAULT CURRENT_TIMESTAMP(6))";
        assert_eq!(
            both(sql),
            expect(&[("CURRENT_USER", None), ("CURRENT_TIMESTAMP", Some("(6)")),])
        );
        let sql = "SELECT a AS current_role, current_date FROM t";
        assert_eq!(both(sql), expect(&[("current_date", None)]));
    }
}
