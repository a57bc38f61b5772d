//! PostgreSQL's cast operator `x::type`, as written: the `::`, the operand
//! right before it and the type right after it. The tree folds `::` and
//! `CAST(x AS t)` into one node and keeps neither the operand's nor the
//! type's exact text, so both builders read the tokens (a rewrite must keep
//! them byte for byte).

use std::ops::Range;

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::{Token as SqlToken, Word};

use super::words::{CAST_TYPE_CONTINUATION, GROUP_OWNERS, NOT_A_FUNCTION_NAME};
use crate::syntax::statement::StatementTokens;

/// One `::`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CastOperator {
    /// The operand through the type; as much of it as could be read.
    pub span: Range<usize>,
    /// The operand: a literal, a (qualified) name, a call or a
    /// parenthesised group; `None` when it is more (`CASE … END`, `EXISTS (…)`).
    pub operand: Option<Range<usize>>,
    /// The type (`character varying(255)`); `None` for arrays and anything unusual.
    pub data_type: Option<Range<usize>>,
    /// Whether another `::` comes right before the operand or after the type.
    pub chained: bool,
}

/// Every `::` of the statement.
pub(super) fn scan(view: &StatementTokens) -> Vec<CastOperator> {
    (0..view.tokens.len())
        .filter(|&i| view.tokens[i].kind == SqlToken::DoubleColon)
        .map(|i| cast_at(view, i))
        .collect()
}

fn cast_at(view: &StatementTokens, colons: usize) -> CastOperator {
    let operand = operand_start(view, colons);
    let type_end = type_end(view, colons + 1);
    let first = operand.unwrap_or(colons);
    let last = type_end.unwrap_or(colons).min(view.tokens.len() - 1);
    let is_colons = |j: usize| {
        view.tokens
            .get(j)
            .is_some_and(|t| t.kind == SqlToken::DoubleColon)
    };
    let chained = type_end.is_some_and(|end| is_colons(end + 1))
        || operand.is_some_and(|start| start > 0 && is_colons(start - 1));
    CastOperator {
        span: view.token_span(first, last),
        operand: operand.map(|start| view.token_span(start, colons - 1)),
        data_type: type_end.map(|end| view.token_span(colons + 1, end)),
        chained,
    }
}

/// First token of the operand ending right before the `::` at `colons`:
/// a literal, a (qualified) name, a call `f(…)` or a parenthesised group.
fn operand_start(view: &StatementTokens, colons: usize) -> Option<usize> {
    let last = colons.checked_sub(1)?;
    let before = |i: usize| i.checked_sub(1).map(|p| &view.tokens[p].kind);
    match &view.tokens[last].kind {
        SqlToken::RParen => {
            let open = view.opening_paren(last)?;
            match before(open) {
                Some(SqlToken::Word(w)) if is_function_name(w) => Some(name_start(view, open - 1)),
                // `EXISTS (…)::int`, `IN (…)::int`: the group belongs to the keyword.
                Some(SqlToken::Word(w))
                    if w.quote_style.is_none() && GROUP_OWNERS.contains(&w.keyword) =>
                {
                    None
                }
                _ => Some(open),
            }
        }
        // `CASE … END::int`: the operand is the whole CASE.
        SqlToken::Word(w) if w.quote_style.is_none() && w.keyword == Keyword::END => None,
        SqlToken::Word(_) => Some(name_start(view, last)),
        // `interval '1 day'::text`: the string is part of a typed literal.
        SqlToken::SingleQuotedString(_) if matches!(before(last), Some(SqlToken::Word(w)) if is_function_name(w)) => {
            None
        }
        SqlToken::SingleQuotedString(_) | SqlToken::Number(..) | SqlToken::Placeholder(_) => {
            Some(last)
        }
        _ => None,
    }
}

/// A word before `(` that names a function rather than introducing a group
/// (`IN (…)`, `VALUES (…)`, `AND (…)`).
fn is_function_name(word: &Word) -> bool {
    word.quote_style.is_some() || !NOT_A_FUNCTION_NAME.contains(&word.keyword)
}

/// The first token of a dotted name ending at `last` (`s.t.c`).
fn name_start(view: &StatementTokens, mut last: usize) -> usize {
    while last >= 2
        && view.tokens[last - 1].kind == SqlToken::Period
        && matches!(view.tokens[last - 2].kind, SqlToken::Word(_))
    {
        last -= 2;
    }
    last
}

/// Last token of the type name starting at `start` (`character varying(255)`,
/// `timestamp with time zone`); `None` for array types and anything unusual.
fn type_end(view: &StatementTokens, start: usize) -> Option<usize> {
    let SqlToken::Word(_) = view.tokens.get(start)?.kind else {
        return None;
    };
    let mut end = start;
    while CAST_TYPE_CONTINUATION
        .iter()
        .any(|w| view.is_word(end + 1, w))
    {
        end += 1;
        if view.is_word(end, "WITH") || view.is_word(end, "WITHOUT") {
            if !view.words_at(end + 1, &["TIME", "ZONE"]) {
                return None;
            }
            end += 2;
        }
    }
    if view
        .tokens
        .get(end + 1)
        .is_some_and(|t| t.kind == SqlToken::LParen)
    {
        end = view.matching_paren(end + 1)?;
    }
    // `text[]`: SQLite's tokenizer reads `[]` as a bracket-quoted name.
    let array = view.tokens.get(end + 1).is_some_and(|t| {
        matches!(&t.kind, SqlToken::LBracket)
            || matches!(&t.kind, SqlToken::Word(w) if w.quote_style == Some('['))
    });
    (!array).then_some(end)
}

#[cfg(test)]
mod tests {
    use crate::syntax::model::Model;
    use crate::testing::with_statement;

    /// (span, operand, type, chained) text from the AST's and the tokens' model.
    type Seen = Vec<(String, Option<String>, Option<String>, bool)>;

    fn both(sql: &str) -> [Seen; 2] {
        with_statement(sql, |ctx| {
            assert!(ctx.ast.is_some(), "{sql} parses");
            let text = |r: &std::ops::Range<usize>| sql[r.clone()].to_string();
            let seen = |m: &Model| {
                m.cast_operators
                    .iter()
                    .map(|c| {
                        let operand = c.operand.as_ref().map(text);
                        (
                            text(&c.span),
                            operand,
                            c.data_type.as_ref().map(text),
                            c.chained,
                        )
                    })
                    .collect()
            };
            [
                seen(ctx.model()),
                seen(&Model::from_tokens(ctx.tokens_view())),
            ]
        })
    }

    fn some(text: &str) -> Option<String> {
        Some(text.to_string())
    }

    #[test]
    fn operands_and_types() {
        let sql = "SELECT f(x)::character varying(10), (a + 1)::bigint, a::text::int FROM t";
        let expected = vec![
            (
                "f(x)::character varying(10)".to_string(),
                some("f(x)"),
                some("character varying(10)"),
                false,
            ),
            (
                "(a + 1)::bigint".to_string(),
                some("(a + 1)"),
                some("bigint"),
                false,
            ),
            ("a::text".to_string(), some("a"), some("text"), true),
            ("text::int".to_string(), some("text"), some("int"), true),
        ];
        assert_eq!(both(sql), [expected.clone(), expected]);
    }

    #[test]
    fn a_case_operand_and_an_array_type_are_not_read() {
        let sql = "SELECT CASE WHEN a THEN 1 END::text, '{}'::text[] FROM t";
        let expected = vec![
            ("::text".to_string(), None, some("text"), false),
            ("'{}'::".to_string(), some("'{}'"), None, false),
        ];
        assert_eq!(both(sql), [expected.clone(), expected]);
    }
}
