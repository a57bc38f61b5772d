//! Token shapes the fallback builder and the model's parts share: where an
//! operand starts and ends, what a run of tokens holds as an expression,
//! whether a statement creates a table. A leaf: it reads the token view and
//! the word lists, never a part of the model, so parts and builders can both
//! call it without an import circle.

use std::ops::Range;

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use super::words::{BEFORE_AN_OPERAND, ENDS_AN_OPERAND};
use super::{Expr, ExprKind};
use crate::syntax::statement::StatementTokens;

/// Whether the statement is a `CREATE [TEMP] TABLE` with a column list to read.
pub fn is_create_table(view: &StatementTokens) -> bool {
    // `CREATE VIRTUAL TABLE t USING fts5(…)` lists module arguments, not columns.
    view.keyword(0) == Some(Keyword::CREATE)
        && view.keyword(1) != Some(Keyword::VIRTUAL)
        && (1..view.tokens.len().min(4)).any(|i| view.keyword(i) == Some(Keyword::TABLE))
}

/// What the tokens `range` hold, as an operand: a literal, a call, a name,
/// a `||` chain of those, or something else.
pub fn expr(view: &StatementTokens, range: Range<usize>) -> Expr {
    let span = if range.is_empty() {
        let at = view
            .tokens
            .get(range.start)
            .map_or(view.span.end, |t| t.span.start);
        at..at
    } else {
        view.token_span(range.start, range.end - 1)
    };
    let parts = split_at_concat(view, range.clone());
    let kind = if parts.len() > 1 {
        ExprKind::Concat(parts.into_iter().map(|part| expr(view, part)).collect())
    } else {
        single_operand(view, range)
    };
    Expr { span, kind }
}

fn single_operand(view: &StatementTokens, range: Range<usize>) -> ExprKind {
    let kinds: Vec<&SqlToken> = view.tokens[range.clone()].iter().map(|t| &t.kind).collect();
    match kinds.as_slice() {
        [one] => match one {
            SqlToken::SingleQuotedString(s)
            | SqlToken::EscapedStringLiteral(s)
            | SqlToken::NationalStringLiteral(s) => ExprKind::String(s.clone()),
            SqlToken::Word(_) => ExprKind::Name,
            SqlToken::Placeholder(_) => ExprKind::Placeholder,
            _ => ExprKind::Other,
        },
        // `E'…'` / `N'…'`, which the SQLite tokenizer reads as a word and a string.
        [_, SqlToken::SingleQuotedString(s)]
            if view.adjacent(range.start)
                && view
                    .bare_word(range.start)
                    .is_some_and(|w| matches!(w, "E" | "e" | "N" | "n")) =>
        {
            ExprKind::String(s.clone())
        }
        [SqlToken::Word(name), SqlToken::LParen, .., SqlToken::RParen]
            if name.quote_style.is_none()
                && view.matching_paren(range.start + 1) == Some(range.end - 1) =>
        {
            let arguments = view
                .split_top_level(range.start + 2..range.end - 1)
                .into_iter()
                .filter(|a| !a.is_empty())
                .map(|a| expr(view, a))
                .collect();
            ExprKind::Call(name.value.to_ascii_lowercase(), arguments)
        }
        [SqlToken::Word(_), SqlToken::Period, SqlToken::Word(_)] => ExprKind::Name,
        _ => ExprKind::Other,
    }
}

fn split_at_concat(view: &StatementTokens, range: Range<usize>) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let mut start = range.start;
    let mut depth = 0usize;
    for i in range.clone() {
        match view.tokens[i].kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen => depth = depth.saturating_sub(1),
            SqlToken::StringConcat if depth == 0 => {
                parts.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(start..range.end);
    parts
}

/// The operand that starts at token `start`: up to the first top-level
/// word or token that ends an operand (`AND`, `,`, `)`…).
pub fn operand_after(view: &StatementTokens, start: usize) -> Range<usize> {
    let mut depth = 0usize;
    let mut end = start;
    while end < view.tokens.len() {
        match &view.tokens[end].kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen if depth == 0 => break,
            SqlToken::RParen => depth -= 1,
            SqlToken::Comma | SqlToken::SemiColon if depth == 0 => break,
            _ if depth == 0
                && view
                    .keyword(end)
                    .is_some_and(|k| ENDS_AN_OPERAND.contains(&k))
                && end > start =>
            {
                break;
            }
            _ => {}
        }
        end += 1;
    }
    start..end
}

/// The operand that starts at token `start`: one (qualified) name or
/// value, a call, or a parenthesized group; `closers` from `paren_partners`
/// (one scan for all: per-operator scans would be quadratic on a long chain).
pub fn single_operand_at(
    view: &StatementTokens,
    start: usize,
    closers: &[Option<usize>],
) -> Range<usize> {
    let Some(token) = view.tokens.get(start) else {
        return start..start;
    };
    let through = |open: usize| closers[open].map_or(view.tokens.len(), |close| close + 1);
    match &token.kind {
        SqlToken::LParen => start..through(start),
        SqlToken::Word(_)
            if view
                .tokens
                .get(start + 1)
                .is_some_and(|t| t.kind == SqlToken::LParen) =>
        {
            start..through(start + 1)
        }
        SqlToken::Comma | SqlToken::RParen | SqlToken::SemiColon => start..start,
        _ => {
            let mut end = start + 1;
            while view
                .tokens
                .get(end)
                .is_some_and(|t| t.kind == SqlToken::Period)
                && end + 1 < view.tokens.len()
            {
                end += 2;
            }
            start..end
        }
    }
}

/// The operand that ends at token `last`: one token, a parenthesized
/// group, or a call.
pub fn operand_before(view: &StatementTokens, last: usize) -> Range<usize> {
    if view.tokens[last].kind != SqlToken::RParen {
        // `a.b`
        let mut first = last;
        while first >= 2 && view.tokens[first - 1].kind == SqlToken::Period {
            first -= 2;
        }
        return first..last + 1;
    }
    match view.opening_paren(last) {
        Some(open)
            if open > 0
                && matches!(view.tokens[open - 1].kind, SqlToken::Word(ref w) if w.quote_style.is_none() && !BEFORE_AN_OPERAND.contains(&w.keyword)) =>
        {
            open - 1..last + 1
        }
        Some(open) => open..last + 1,
        None => last..last + 1,
    }
}

/// Whether a token can end the left operand of a binary operator.
pub fn ends_operand(view: &StatementTokens, i: usize) -> bool {
    match &view.tokens[i].kind {
        SqlToken::Word(w) => w.quote_style.is_some() || !BEFORE_AN_OPERAND.contains(&w.keyword),
        SqlToken::Number(..)
        | SqlToken::SingleQuotedString(_)
        | SqlToken::RParen
        | SqlToken::RBracket
        | SqlToken::Placeholder(_) => true,
        _ => false,
    }
}
