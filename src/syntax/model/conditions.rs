//! Conditions: the expressions the grammar reads as true or false (`WHERE`,
//! `HAVING`, `JOIN … ON`, a searched `CASE`'s `WHEN`, a trigger's `WHEN`,
//! the operands of `AND`, `OR` and `NOT`), each down to its terms: a
//! condition that is an `AND`, `OR` or `NOT` of others is not one itself,
//! its operands are. So `WHERE a = 1 AND NOT b` holds `a = 1` and `b`. That
//! is also what the tokens can say: where a condition starts (after one of
//! those words) and where it ends at its own level (the next such word).

use std::ops::Range;

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use super::token_shapes::ends_operand;
use super::words::{CONDITION_END, CONDITION_START};
use crate::syntax::statement::StatementTokens;

/// Each condition's tokens, from the word that opens one to the next
/// word that ends one at its level.
pub(super) fn scan(view: &StatementTokens) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for i in 0..view.tokens.len() {
        // `NOT x`: the term is `x`, which its `NOT` opens.
        if opens_condition(view, i) && view.keyword(i + 1) != Some(Keyword::NOT) {
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
        // A prefix `NOT`; not of `NOT NULL`, `IF NOT EXISTS`, `x NOT IN`.
        Some(Keyword::NOT) => {
            view.keyword(i + 1) != Some(Keyword::NULL) && (i == 0 || !ends_operand(view, i - 1))
        }
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
        for expected in ["1", "a", "0", "b"] {
            assert!(from_ast.contains(&expected.to_string()), "{from_ast:?}");
            assert!(
                from_tokens.contains(&expected.to_string()),
                "{from_tokens:?}"
            );
        }
        assert_eq!(from_tokens, ["1", "1", "a", "0", "b"]);
    }

    #[test]
    fn values_compared_or_ranged_are_not_conditions() {
        let sql = "SELECT CASE s WHEN 1 THEN 'a' END FROM t WHERE b BETWEEN 0 AND 1";
        let expected = vec!["b BETWEEN 0 AND 1".to_string()];
        assert_eq!(conditions(sql), [expected.clone(), expected]);
    }

    #[test]
    fn conditions_are_terms_not_their_and_or_not() {
        let sql = "DELETE FROM t WHERE a = 1 AND b";
        let expected = vec!["a = 1".to_string(), "b".to_string()];
        assert_eq!(conditions(sql), [expected.clone(), expected]);
        let sql = "SELECT a FROM t WHERE a NOT IN (1, 2) AND NOT a > 3";
        let expected = vec!["a NOT IN (1, 2)".to_string(), "a > 3".to_string()];
        assert_eq!(conditions(sql), [expected.clone(), expected]);
        let sql =
            "CREATE TABLE IF NOT EXISTS t (a int NOT NULL, b int REFERENCES u NOT DEFERRABLE)";
        assert_eq!(conditions(sql), [Vec::<String>::new(), Vec::new()]);
    }
}
