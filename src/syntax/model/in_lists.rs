//! `x [NOT] IN (a, b, …)`: the subject and each value of a list (not of a
//! subquery). From the AST's `InList`; from the tokens, an `IN (` whose
//! group does not open a query, with the operand before it.

use std::ops::Range;

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use super::locate;
use super::token_shapes::{ends_operand, operand_before};
use super::words::QUERY_STARTS;
use crate::syntax::statement::StatementTokens;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InList {
    /// What is looked for (`x`).
    pub subject: Range<usize>,
    /// Each value of the list.
    pub values: Vec<Range<usize>>,
    pub negated: bool,
}

pub(super) fn scan(view: &StatementTokens) -> Vec<InList> {
    (1..view.tokens.len())
        .filter(|&i| view.keyword(i) == Some(Keyword::IN))
        .filter_map(|i| in_list_at(view, i))
        .collect()
}

/// The list of the `IN` at token `in_`.
fn in_list_at(view: &StatementTokens, in_: usize) -> Option<InList> {
    let open = in_ + 1;
    if view.tokens.get(open)?.kind != SqlToken::LParen
        || view
            .keyword(open + 1)
            .is_some_and(|k| QUERY_STARTS.contains(&k))
    {
        return None;
    }
    let close = view.matching_paren(open)?;
    let negated = view.keyword(in_ - 1) == Some(Keyword::NOT);
    let subject_end = if negated {
        in_.checked_sub(2)?
    } else {
        in_ - 1
    };
    if !ends_operand(view, subject_end) {
        return None;
    }
    let values = view
        .split_top_level(open + 1..close)
        .into_iter()
        .filter(|value| !value.is_empty())
        .map(|value| locate::bytes(view, &value))
        .collect();
    Some(InList {
        subject: locate::bytes(view, &operand_before(view, subject_end)),
        values,
        negated,
    })
}

#[cfg(test)]
mod tests {
    use crate::testing::both_models;

    #[test]
    fn subjects_and_values_both_ways() {
        let sql = "SELECT * FROM t WHERE a IN (0, 1) AND t.b NOT IN ('x', lower(y)) AND c IN (SELECT d FROM u)";
        let lists = both_models(sql, |m| {
            m.in_lists
                .iter()
                .map(|l| {
                    let values: Vec<&str> = l.values.iter().map(|v| &sql[v.clone()]).collect();
                    (
                        sql[l.subject.clone()].to_string(),
                        values.join("|"),
                        l.negated,
                    )
                })
                .collect::<Vec<_>>()
        });
        let expected = vec![
            ("a".to_string(), "0|1".to_string(), false),
            ("t.b".into(), "'x'|lower(y)".into(), true),
        ];
        assert_eq!(lists, [expected.clone(), expected]);
    }
}
