//! The SQL standard's keyword-argument functions: `EXTRACT(f FROM x)`,
//! `SUBSTRING(x FROM a FOR b)`, `POSITION(a IN b)`, `TRIM(BOTH c FROM x)`,
//! `OVERLAY(x PLACING y FROM a)`. The tree says which calls are one
//! (`Expr::Extract`, `Substring`, `Position`, `Trim`, `Overlay`, no span of
//! their own: an operand's span says which parentheses); the tokens say
//! where the name, the parentheses and the separating keywords are.
//! Without an AST, a call of one of those names is one.

use std::ops::{ControlFlow, Range};

use sqlparser::ast::{Expr as SqlExpr, Spanned, Statement, Visit, Visitor};
use sqlparser::tokenizer::Token as SqlToken;

use super::words::{KEYWORD_ARGUMENT_SEPARATORS, STANDARD_FUNCTIONS};
use crate::syntax::statement::StatementTokens;

/// One call of a standard function, with or without keyword arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandardCall {
    /// The function, upper-cased (`SUBSTRING`).
    pub function: &'static str,
    pub name: Range<usize>,
    /// From the name through `)`.
    pub span: Range<usize>,
    /// The `FROM`/`IN`/`FOR`/`PLACING` directly inside the parentheses.
    pub separators: Vec<Separator>,
    /// `SUBSTRING(x FROM a [FOR b])`: whether `a` and `b` are positions
    /// (`None` when they may be a pattern, or the call has another shape).
    pub substring_positions: Option<Certainty>,
}

/// A keyword between two arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Separator {
    pub span: Range<usize>,
    /// Where the argument before it ends.
    pub after: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Certainty {
    /// Numbers and arithmetic on them.
    Certain,
    /// A column, a parameter or a call: positions when they are numbers.
    Possible,
}

/// The calls the tree has, located in the tokens.
pub(super) fn from_ast(view: &StatementTokens, ast: &Statement) -> Vec<StandardCall> {
    let written = scan(view);
    // The tree only confirms calls the tokens located: without one, no walk.
    if written.is_empty() {
        return written;
    }
    let mut finder = Finder {
        view,
        inside: Vec::new(),
    };
    let _ = ast.visit(&mut finder);
    let inside = finder.inside;
    written
        .into_iter()
        .filter(|call| {
            inside
                .iter()
                .any(|(function, at)| *function == call.function && call.span.contains(at))
        })
        .collect()
}

struct Finder<'v, 'a> {
    view: &'v StatementTokens<'a>,
    /// Each standard call of the tree: its function and a byte inside its parentheses.
    inside: Vec<(&'static str, usize)>,
}

impl Visitor for Finder<'_, '_> {
    type Break = ();

    fn pre_visit_expr(&mut self, expr: &SqlExpr) -> ControlFlow<()> {
        let (function, operand) = match expr {
            SqlExpr::Extract { expr, .. } => ("EXTRACT", expr),
            SqlExpr::Substring { expr, .. } => ("SUBSTRING", expr),
            SqlExpr::Position { expr, .. } => ("POSITION", expr),
            SqlExpr::Trim { expr, .. } => ("TRIM", expr),
            SqlExpr::Overlay { expr, .. } => ("OVERLAY", expr),
            _ => return ControlFlow::Continue(()),
        };
        if let Some(bytes) = self.view.file.range(operand.span()) {
            self.inside.push((function, bytes.start));
        }
        ControlFlow::Continue(())
    }
}

/// Every call of a standard function the tokens spell.
pub(super) fn scan(view: &StatementTokens) -> Vec<StandardCall> {
    (0..view.tokens.len())
        .filter_map(|i| call_at(view, i))
        .collect()
}

/// The call whose name is token `i`.
fn call_at(view: &StatementTokens, i: usize) -> Option<StandardCall> {
    let function = STANDARD_FUNCTIONS
        .into_iter()
        .find(|n| view.is_word(i, n))?;
    if view.tokens.get(i + 1)?.kind != SqlToken::LParen {
        return None;
    }
    let close = view.matching_paren(i + 1)?;
    let separators = top_level_separators(view, i + 2..close);
    let substring_positions = (function == "SUBSTRING")
        .then(|| substring_positions(view, &separators, close))
        .flatten();
    Some(StandardCall {
        function,
        name: view.tokens[i].span.clone(),
        span: view.token_span(i, close),
        separators: separators
            .iter()
            .map(|&s| Separator {
                span: view.tokens[s].span.clone(),
                after: view.tokens[s - 1].span.end,
            })
            .collect(),
        substring_positions,
    })
}

/// Indices of `FROM`/`IN`/`FOR`/`PLACING` directly inside the call's parentheses.
fn top_level_separators(view: &StatementTokens, range: Range<usize>) -> Vec<usize> {
    let mut depth = 0usize;
    let mut found = Vec::new();
    for i in range {
        match view.tokens[i].kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen => depth = depth.saturating_sub(1),
            _ if depth == 0
                && KEYWORD_ARGUMENT_SEPARATORS
                    .iter()
                    .any(|s| view.is_word(i, s)) =>
            {
                found.push(i)
            }
            _ => {}
        }
    }
    found
}

/// `SUBSTRING(x FROM a [FOR b])`: PostgreSQL reads `a` as a position when it
/// is a number and as a regular expression when it is text (`FROM a FOR b`:
/// a SQL regular expression with escape `b`). Numbers and arithmetic on
/// them: certain; a string at the top of an operand: a pattern (`None`);
/// anything else (a column, a parameter, a call): possible.
fn substring_positions(
    view: &StatementTokens,
    separators: &[usize],
    close: usize,
) -> Option<Certainty> {
    let shape = match separators {
        [from] => view.is_word(*from, "FROM"),
        [from, r#for] => view.is_word(*from, "FROM") && view.is_word(*r#for, "FOR"),
        _ => false,
    };
    if !shape {
        return None;
    }
    let mut certainty = Certainty::Certain;
    for (k, &s) in separators.iter().enumerate() {
        let end = separators.get(k + 1).copied().unwrap_or(close);
        let mut depth = 0usize;
        for i in s + 1..end {
            match &view.tokens[i].kind {
                SqlToken::LParen => depth += 1,
                SqlToken::RParen => depth = depth.saturating_sub(1),
                SqlToken::Number(..)
                | SqlToken::Plus
                | SqlToken::Minus
                | SqlToken::Mul
                | SqlToken::Div => {}
                SqlToken::SingleQuotedString(_)
                | SqlToken::EscapedStringLiteral(_)
                | SqlToken::NationalStringLiteral(_)
                | SqlToken::DollarQuotedString(_)
                | SqlToken::StringConcat
                    if depth == 0 =>
                {
                    return None;
                }
                _ => certainty = Certainty::Possible,
            }
        }
    }
    Some(certainty)
}

#[cfg(test)]
mod tests {
    use super::Certainty;
    use crate::syntax::model::Model;
    use crate::testing::both_models;

    /// (text, separator count, substring positions) from the AST and from the tokens.
    fn both(sql: &str) -> [Vec<(String, usize, Option<Certainty>)>; 2] {
        both_models(sql, |m: &Model| {
            m.standard_calls
                .iter()
                .map(|c| {
                    (
                        sql[c.span.clone()].to_string(),
                        c.separators.len(),
                        c.substring_positions,
                    )
                })
                .collect()
        })
    }

    #[test]
    fn keyword_and_comma_arguments() {
        let sql = "SELECT SUBSTRING(p FROM POSITION('/' IN p) + 1), extract(epoch from t), \
                   substring(a, 1, 2), trim(a), substring(n from 2 for 3) FROM t";
        let expected = vec![
            (
                "SUBSTRING(p FROM POSITION('/' IN p) + 1)".to_string(),
                1,
                Some(Certainty::Possible),
            ),
            ("POSITION('/' IN p)".to_string(), 1, None),
            ("extract(epoch from t)".to_string(), 1, None),
            ("substring(a, 1, 2)".to_string(), 0, None),
            ("trim(a)".to_string(), 0, None),
            (
                "substring(n from 2 for 3)".to_string(),
                2,
                Some(Certainty::Certain),
            ),
        ];
        assert_eq!(both(sql), [expected.clone(), expected]);
    }

    #[test]
    fn a_column_named_like_a_function_is_no_call() {
        assert_eq!(
            both("SELECT 'EXTRACT(x FROM y)', position FROM t"),
            [vec![], vec![]]
        );
    }
}
