//! Byte spans for AST nodes: sqlparser's line/column spans mapped to file
//! offsets and snapped to whole tokens. sqlparser's spans stop short in
//! places (a call's span ends before its `)`, a nested expression's leaves
//! out its parentheses), so a located range is widened over unbalanced
//! parentheses.

use std::ops::Range;

use sqlparser::tokenizer::{Span, Token as SqlToken};

use crate::syntax::statement::StatementTokens;

/// The token indices `first..last + 1` covering `span`, when it has a location.
pub fn tokens_of(view: &StatementTokens, span: Span) -> Option<Range<usize>> {
    if span == Span::empty() {
        return None;
    }
    let bytes = view.file.range(span)?;
    let first = view.token_from(bytes.start);
    let last = view.token_until(bytes.end.max(bytes.start + 1))?;
    (first <= last && last < view.tokens.len()).then(|| balanced(view, first..last + 1))
}

/// `tokens` widened so that every parenthesis inside it is matched.
pub fn balanced(view: &StatementTokens, tokens: Range<usize>) -> Range<usize> {
    let (mut first, mut last) = (tokens.start, tokens.end - 1);
    let mut depth = 0isize;
    let mut lowest = 0isize;
    for token in &view.tokens[first..=last] {
        match token.kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen => {
                depth -= 1;
                lowest = lowest.min(depth);
            }
            _ => {}
        }
    }
    // Unmatched `)` inside: the range started after their `(`.
    for _ in 0..-lowest {
        match first
            .checked_sub(1)
            .and_then(|before| view.opening_paren_before(before))
        {
            Some(open) => first = open,
            None => break,
        }
    }
    // Unmatched `(` inside: the range ends before their `)`.
    let unclosed = depth - lowest;
    for _ in 0..unclosed {
        match view.closing_paren_after(last + 1) {
            Some(close) => last = close,
            None => break,
        }
    }
    first..last + 1
}

/// Byte span of token indices `tokens` (not empty).
pub fn bytes(view: &StatementTokens, tokens: &Range<usize>) -> Range<usize> {
    view.token_span(tokens.start, tokens.end - 1)
}

/// `tokens` widened over parentheses that wrap it exactly: `((SELECT 1))`.
pub fn with_wrapping_parens(view: &StatementTokens, tokens: Range<usize>) -> Range<usize> {
    let (mut first, mut end) = (tokens.start, tokens.end);
    while first > 0
        && view.tokens[first - 1].kind == SqlToken::LParen
        && view
            .tokens
            .get(end)
            .is_some_and(|t| t.kind == SqlToken::RParen)
        && view.matching_paren(first - 1) == Some(end)
    {
        first -= 1;
        end += 1;
    }
    first..end
}

/// What the tokens located, kept only when the tree holds as many: where
/// sqlparser keeps no span, the tree says what is there and the tokens say
/// where; when they disagree on how many, nothing is claimed.
pub(super) fn when_tree_agrees<T>(located: Vec<T>, in_tree: usize) -> Vec<T> {
    if located.len() == in_tree {
        located
    } else {
        Vec::new()
    }
}
