//! SQLite's `a IS [NOT] b` with a value operand: its null-safe equality.
//! `IS NULL`, `IS TRUE`, `IS FALSE` and `IS [NOT] DISTINCT FROM` are other
//! nodes. The AST has it as `BinaryOp` `Is`/`IsNot` (SQLite's dialect); the
//! operand's tokens come from the builder, widened over the parentheses
//! sqlparser's span of `(b)` leaves out. Without an AST, the tokens after
//! each `IS [NOT]` say what is compared.

use std::ops::Range;

use sqlparser::keywords::Keyword;

use super::locate;
use super::token_shapes::single_operand_at;
use super::words::{IS_LABEL_STATEMENTS, IS_PREDICATE_WORDS, IS_TEST_WORDS};
use crate::syntax::statement::StatementTokens;

/// One `IS [NOT] value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IsComparison {
    /// `IS` or `IS NOT`.
    pub operator: Range<usize>,
    pub negated: bool,
    /// The right operand, with any parentheses around it.
    pub operand: Range<usize>,
    /// The operand is a bare word PostgreSQL reads as its own test after
    /// `IS` (`IS UNKNOWN`, `IS JSON`, `IS NFC NORMALIZED`): there the
    /// statement means something else, it is no syntax error.
    pub predicate_word: bool,
}

/// The comparison whose right operand is `operand` (token indices, as the
/// AST builder located it); `None` when `IS [NOT]` is not right before it.
pub(super) fn from_operand(
    view: &StatementTokens,
    negated: bool,
    operand: Range<usize>,
) -> Option<IsComparison> {
    let operand = locate::with_wrapping_parens(view, operand);
    let last = operand.start.checked_sub(1)?;
    let first = if negated {
        let is = last.checked_sub(1)?;
        (view.keyword(last) == Some(Keyword::NOT)).then_some(is)?
    } else {
        last
    };
    (view.keyword(first) == Some(Keyword::IS)).then(|| comparison(view, first..last + 1, operand))
}

/// Every `IS [NOT] value` the tokens spell (not in `COMMENT ON … IS 'text'`).
pub(super) fn scan(view: &StatementTokens) -> Vec<IsComparison> {
    if IS_LABEL_STATEMENTS.iter().any(|w| view.is_word(0, w)) {
        return Vec::new();
    }
    let closers = view.paren_partners();
    (1..view.tokens.len())
        .filter(|&i| view.is_word(i, "IS"))
        .filter_map(|i| {
            let after = if view.is_word(i + 1, "NOT") {
                i + 2
            } else {
                i + 1
            };
            let operand = single_operand_at(view, after, &closers);
            let is_test = IS_TEST_WORDS.iter().any(|w| view.is_word(after, w));
            (!operand.is_empty() && !is_test).then(|| comparison(view, i..after, operand))
        })
        .collect()
}

fn comparison(
    view: &StatementTokens,
    operator: Range<usize>,
    operand: Range<usize>,
) -> IsComparison {
    IsComparison {
        negated: operator.len() == 2,
        predicate_word: IS_PREDICATE_WORDS
            .iter()
            .any(|w| view.is_word(operand.start, w)),
        operator: locate::bytes(view, &operator),
        operand: locate::bytes(view, &operand),
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax::model::Model;
    use crate::testing::both_models;

    /// (operator, operand, negated, predicate word) from the AST and from the tokens.
    fn both(sql: &str) -> [Vec<(String, String, bool, bool)>; 2] {
        both_models(sql, |m: &Model| {
            m.is_comparisons
                .iter()
                .map(|c| {
                    (
                        sql[c.operator.clone()].to_string(),
                        sql[c.operand.clone()].to_string(),
                        c.negated,
                        c.predicate_word,
                    )
                })
                .collect()
        })
    }

    fn row(operator: &str, operand: &str, negated: bool) -> (String, String, bool, bool) {
        (operator.to_string(), operand.to_string(), negated, false)
    }

    #[test]
    fn values_after_is_and_is_not() {
        let sql = "SELECT * FROM t WHERE a IS b AND c IS NOT 1 AND d IS NULL \
                   AND e IS NOT TRUE AND f IS DISTINCT FROM g AND h IS NOT DISTINCT FROM i";
        let expected = vec![row("IS", "b", false), row("IS NOT", "1", true)];
        assert_eq!(both(sql), [expected.clone(), expected]);
    }

    #[test]
    fn a_parenthesised_operand_keeps_its_parentheses() {
        let expected = vec![row("IS", "(b)", false), row("IS NOT", "((c.d))", true)];
        let sql = "SELECT * FROM t WHERE a IS (b) OR x IS NOT ((c.d))";
        assert_eq!(both(sql), [expected.clone(), expected]);
    }

    #[test]
    fn the_tree_knows_where_the_operand_ends() {
        let [ast, _] = both("SELECT a IS b + 1 AND c, x IS -2 FROM t");
        assert_eq!(ast, [row("IS", "b + 1", false), row("IS", "-2", false)]);
    }

    #[test]
    fn postgres_words_after_is_are_marked() {
        let [ast, tokens] = both("SELECT * FROM t WHERE a IS unknown");
        let expected = vec![("IS".to_string(), "unknown".to_string(), false, true)];
        assert_eq!([ast, tokens], [expected.clone(), expected]);
    }

    #[test]
    fn a_comment_is_no_comparison() {
        assert_eq!(both("COMMENT ON COLUMN t.a IS 'text'"), [vec![], vec![]]);
    }

    #[test]
    fn comparisons_in_a_trigger_body() {
        let sql = "CREATE TRIGGER tr AFTER UPDATE ON t WHEN new.a IS NOT old.a \
                   BEGIN UPDATE u SET b = 1 WHERE c IS new.c; END";
        let expected = vec![row("IS NOT", "old.a", true), row("IS", "new.c", false)];
        assert_eq!(both(sql), [expected.clone(), expected]);
    }
}
