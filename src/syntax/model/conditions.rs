//! Conditions: the expressions the grammar reads as true or false. From the
//! AST: `WHERE`, `HAVING`, `JOIN … ON`, a searched `CASE`'s `WHEN`, a
//! trigger's `WHEN`, and the operands of `AND`, `OR` and `NOT`. The tokens
//! say where a condition starts (after one of those words) but can end it
//! only at its own level, at the next word that ends one: the fallback's
//! `a = 1 AND b` gives `a = 1` and `b`, not the whole of it as well.

use std::ops::Range;

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use super::words::{CONDITION_END, CONDITION_START};
use crate::syntax::statement::StatementTokens;

/// Each condition's tokens, from the word that opens one to the next
/// word that ends one at its level.
pub(super) fn scan(view: &StatementTokens) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for i in 0..view.tokens.len() {
        if opens_condition(view, i) {
            let end = condition_end(view, i + 1);
            if end > i + 1 {
                found.push(view.token_span(i + 1, end - 1));
            }
        }
    }
    found
}

fn opens_condition(view: &StatementTokens, i: usize) -> bool {
    match view.keyword(i) {
        Some(Keyword::AND) => !ends_between(view, i),
        Some(Keyword::WHEN) => is_searched_case(view, i),
        // `ON` of a join; not of `CREATE INDEX … ON t` or `ON CONFLICT`.
        Some(Keyword::ON) => (0..i).any(|j| view.keyword(j) == Some(Keyword::JOIN)),
        Some(k) => CONDITION_START.contains(&k),
        None => false,
    }
}

/// Whether the `AND` at `and` is the one of `x BETWEEN a AND b`.
fn ends_between(view: &StatementTokens, and: usize) -> bool {
    let mut depth = 0usize;
    for p in (0..and).rev() {
        match view.tokens[p].kind {
            SqlToken::RParen => depth += 1,
            SqlToken::LParen if depth == 0 => return false,
            SqlToken::LParen => depth -= 1,
            _ if depth == 0 => match view.keyword(p) {
                Some(Keyword::BETWEEN) => return true,
                Some(k) if CONDITION_START.contains(&k) => return false,
                _ => {}
            },
            _ => {}
        }
    }
    false
}

/// Whether the `WHEN` at `when` belongs to `CASE WHEN cond …`, not to
/// `CASE x WHEN value …`.
fn is_searched_case(view: &StatementTokens, when: usize) -> bool {
    let mut depth = 0usize;
    for p in (0..when).rev() {
        match view.tokens[p].kind {
            SqlToken::RParen => depth += 1,
            SqlToken::LParen if depth == 0 => return false,
            SqlToken::LParen => depth -= 1,
            _ if depth == 0 && view.keyword(p) == Some(Keyword::CASE) => {
                return view.keyword(p + 1) == Some(Keyword::WHEN);
            }
            _ => {}
        }
    }
    // A trigger's `WHEN cond BEGIN`: a condition too.
    true
}

/// The token after the condition that starts at `start`.
fn condition_end(view: &StatementTokens, start: usize) -> usize {
    let mut depth = 0usize;
    // `x BETWEEN a AND b`: that AND ends no condition.
    let mut between = false;
    let mut i = start;
    while i < view.tokens.len() {
        match view.tokens[i].kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen if depth == 0 => break,
            SqlToken::RParen => depth -= 1,
            SqlToken::SemiColon => break,
            _ if depth > 0 => {}
            _ => match view.keyword(i) {
                Some(Keyword::BETWEEN) => between = true,
                Some(Keyword::AND) if between => between = false,
                Some(k) if CONDITION_END.contains(&k) => break,
                _ => {}
            },
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use crate::testing::both_models;

    fn conditions(sql: &str) -> [Vec<String>; 2] {
        both_models(sql, |m| {
            m.conditions
                .iter()
                .map(|c| sql[c.clone()].to_string())
                .collect()
        })
    }

    #[test]
    fn single_terms_are_conditions_both_ways() {
        let sql = "SELECT CASE WHEN 1 THEN 2 END FROM t JOIN u ON 1 WHERE a AND 0 OR NOT b";
        let [from_ast, from_tokens] = conditions(sql);
        for expected in ["1", "a", "0", "NOT b", "b"] {
            assert!(from_ast.contains(&expected.to_string()), "{from_ast:?}");
            assert!(
                from_tokens.contains(&expected.to_string()),
                "{from_tokens:?}"
            );
        }
        assert_eq!(from_tokens, ["1", "1", "a", "0", "NOT b", "b"]);
    }

    #[test]
    fn values_compared_or_ranged_are_not_conditions() {
        let sql = "SELECT CASE s WHEN 1 THEN 'a' END FROM t WHERE b BETWEEN 0 AND 1";
        let expected = vec!["b BETWEEN 0 AND 1".to_string()];
        assert_eq!(conditions(sql), [expected.clone(), expected]);
    }

    #[test]
    fn the_tree_also_knows_whole_conditions() {
        let sql = "DELETE FROM t WHERE a = 1 AND b";
        let [from_ast, from_tokens] = conditions(sql);
        assert_eq!(from_ast, ["a = 1 AND b", "a = 1", "b"]);
        assert_eq!(from_tokens, ["a = 1", "b"]);
    }
}
