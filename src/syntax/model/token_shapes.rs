//! Token shapes the fallback builder and the model's parts share: where an
//! operand starts and ends, what a run of tokens holds as an expression,
//! whether a statement creates a table. A leaf: it reads the token view and
//! the word lists, never a part of the model, so parts and builders can both
//! call it without an import circle.

use std::ops::Range;

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use super::words::{BEFORE_AN_OPERAND, ENDS_AN_OPERAND, NOT_A_CALL};
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
            word @ SqlToken::Word(_) => lone_word(word),
            SqlToken::Placeholder(_) => ExprKind::Placeholder,
            SqlToken::Number(..) => ExprKind::Number,
            _ => ExprKind::Other,
        },
        [SqlToken::Minus | SqlToken::Plus, SqlToken::Number(..)] => ExprKind::Number,
        [
            SqlToken::Word(array),
            SqlToken::LBracket,
            ..,
            SqlToken::RBracket,
        ] if array.keyword == Keyword::ARRAY => ExprKind::Array,
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

/// A word alone: `NULL`, `TRUE` and `FALSE` are values, as the tree says;
/// any other word a name.
fn lone_word(word: &SqlToken) -> ExprKind {
    match word {
        SqlToken::Word(w)
            if w.quote_style.is_none()
                && matches!(w.keyword, Keyword::NULL | Keyword::TRUE | Keyword::FALSE) =>
        {
            ExprKind::Other
        }
        _ => ExprKind::Name,
    }
}

/// The arguments of the call whose `(` is token `open` and `)` token
/// `close`, each with its shape read from its top-level tokens: a
/// parenthesized group is skipped whole (`closers`, from `paren_partners`),
/// so that a call among the arguments keeps its name, not its arguments,
/// and nested calls cost linear time.
pub fn call_arguments(
    view: &StatementTokens,
    open: usize,
    close: usize,
    closers: &[Option<usize>],
) -> Vec<Expr> {
    split_top_level_skipping(view, open + 1..close, closers, |t| *t == SqlToken::Comma)
        .into_iter()
        .filter(|piece| !piece.is_empty())
        .map(|piece| shallow_expr(view, piece, closers))
        .collect()
}

/// `range` split at its top-level tokens that `at` picks, parenthesized
/// groups skipped whole.
fn split_top_level_skipping(
    view: &StatementTokens,
    range: Range<usize>,
    closers: &[Option<usize>],
    at: impl Fn(&SqlToken) -> bool,
) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = range.start;
    let mut i = range.start;
    while i < range.end {
        let kind = &view.tokens[i].kind;
        if *kind == SqlToken::LParen {
            i = closers[i].unwrap_or(range.end);
        } else if at(kind) {
            pieces.push(start..i);
            start = i + 1;
        }
        i += 1;
    }
    pieces.push(start..range.end);
    pieces
}

/// What `expr` says of tokens `range`, without reading inside parentheses:
/// a call keeps its name only.
fn shallow_expr(view: &StatementTokens, range: Range<usize>, closers: &[Option<usize>]) -> Expr {
    let span = view.token_span(range.start, range.end - 1);
    let parts = split_top_level_skipping(view, range.clone(), closers, |t| {
        *t == SqlToken::StringConcat
    });
    if parts.len() > 1 {
        let parts = parts
            .into_iter()
            .filter(|part| !part.is_empty())
            .map(|part| shallow_expr(view, part, closers))
            .collect();
        return Expr {
            span,
            kind: ExprKind::Concat(parts),
        };
    }
    let called = match &view.tokens[range.start].kind {
        SqlToken::Word(name)
            if name.quote_style.is_none()
                && range.len() > 2
                && view.tokens[range.start + 1].kind == SqlToken::LParen
                && closers[range.start + 1] == Some(range.end - 1) =>
        {
            Some(name)
        }
        _ => None,
    };
    let kind = match called {
        Some(name) if NOT_A_CALL.contains(&name.keyword) => ExprKind::Other,
        Some(name) => ExprKind::Call(name.value.to_ascii_lowercase(), Vec::new()),
        // No parenthesis to read into, or an `ARRAY[…]` whatever it holds.
        None if !has_paren(view, &range) || view.keyword(range.start) == Some(Keyword::ARRAY) => {
            single_operand(view, range)
        }
        None => ExprKind::Other,
    };
    Expr { span, kind }
}

fn has_paren(view: &StatementTokens, range: &Range<usize>) -> bool {
    view.tokens[range.clone()]
        .iter()
        .any(|t| t.kind == SqlToken::LParen)
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
