//! `LIKE`: SQLite matches ASCII letters case-insensitively, PostgreSQL
//! case-sensitively, so the same filter returns different rows.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::token_scan::{word, targets_both_engines};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "like-case",
    group: "semantics",
    severity: Severity::Warning,
    targets: &[Engine::Sqlite, Engine::Postgres],
    summary: "`LIKE` ignores case on SQLite but not on PostgreSQL",
    check,
    triggers: &[Keyword::LIKE],
    ..Rule::DEFAULT
};

/// What is known about the case of one side of a `LIKE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// Wrapped in `lower(…)` or `upper(…)`, or a literal whose letters all are.
    Lower,
    Upper,
    /// A literal without ASCII letters: case cannot matter.
    NoLetters,
    Unknown,
}

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !targets_both_engines(ctx) {
        return;
    }
    for like in 0..ctx.tokens.len() {
        if ctx.keyword(like) != Some(Keyword::LIKE) || is_table_like(ctx, like) {
            continue;
        }
        let negated = like > 0 && ctx.keyword(like - 1) == Some(Keyword::NOT);
        let left_end = if negated { like - 1 } else { like };
        let left = left_end.checked_sub(1).map_or(Case::Unknown, |end| operand_before(ctx, end));
        let (right, pattern_end) = operand_after(ctx, like + 1);
        if case_cannot_differ(left, right) {
            continue;
        }
        let start = if negated { like - 1 } else { like };
        out.report(
            ctx.token_span(start, pattern_end),
            "`LIKE` ignores the case of ASCII letters on SQLite but not on PostgreSQL, so the two engines match different rows",
            "compare one case on both sides: `lower(column) LIKE lower(pattern)` (or a pattern written in lower case)",
        );
    }
}

fn case_cannot_differ(left: Case, right: Case) -> bool {
    right == Case::NoLetters || (left != Case::Unknown && left == right)
}

/// `CREATE TABLE t (LIKE other)` is PostgreSQL's table copy, not a match.
fn is_table_like(ctx: &StatementCtx, like: usize) -> bool {
    like > 0 && matches!(ctx.tokens[like - 1].kind, SqlToken::LParen | SqlToken::Comma)
}

/// The case of the operand that ends at token `end`.
fn operand_before(ctx: &StatementCtx, end: usize) -> Case {
    if let Some(literal) = string_literal(ctx, end) {
        return literal_case(literal);
    }
    if ctx.tokens[end].kind != SqlToken::RParen {
        return Case::Unknown;
    }
    match ctx.opening_paren(end) {
        Some(open) if open > 0 => case_function(ctx, open - 1),
        _ => Case::Unknown,
    }
}

/// The case of the pattern starting at token `start`, and its last token.
fn operand_after(ctx: &StatementCtx, start: usize) -> (Case, usize) {
    let last = ctx.tokens.len() - 1;
    if start > last {
        return (Case::Unknown, last);
    }
    if let Some(literal) = string_literal(ctx, start) {
        return (literal_case(literal), start);
    }
    if let Some(literal) = prefixed_literal(ctx, start) {
        return (literal_case(literal), start + 1);
    }
    if ctx.tokens.get(start + 1).is_some_and(|t| t.kind == SqlToken::LParen) {
        let close = ctx.matching_paren(start + 1).unwrap_or(last);
        return (case_function(ctx, start), close);
    }
    (Case::Unknown, start)
}

fn case_function(ctx: &StatementCtx, name: usize) -> Case {
    match word(ctx, name).map(str::to_ascii_lowercase).as_deref() {
        Some("lower") => Case::Lower,
        Some("upper") => Case::Upper,
        _ => Case::Unknown,
    }
}

fn string_literal<'a>(ctx: &StatementCtx<'a>, i: usize) -> Option<&'a str> {
    match &ctx.tokens[i].kind {
        SqlToken::SingleQuotedString(s)
        | SqlToken::EscapedStringLiteral(s)
        | SqlToken::NationalStringLiteral(s) => Some(s.as_str()),
        _ => None,
    }
}

/// `E'…'` or `N'…'`, which the SQLite tokenizer reads as a word and a string.
fn prefixed_literal<'a>(ctx: &StatementCtx<'a>, i: usize) -> Option<&'a str> {
    let prefix = word(ctx, i)?;
    let next = ctx.tokens.get(i + 1)?;
    let adjacent = next.span.start == ctx.tokens[i].span.end;
    (adjacent && matches!(prefix, "E" | "e" | "N" | "n"))
        .then(|| string_literal(ctx, i + 1))
        .flatten()
}

fn literal_case(text: &str) -> Case {
    let upper = text.bytes().any(|b| b.is_ascii_uppercase());
    let lower = text.bytes().any(|b| b.is_ascii_lowercase());
    match (upper, lower) {
        (false, false) => Case::NoLetters,
        (false, true) => Case::Lower,
        (true, false) => Case::Upper,
        (true, true) => Case::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged_text;

    #[test]
    fn flags_matches_whose_case_can_differ() {
        assert_eq!(
            flagged_text(&RULE, "SELECT * FROM users WHERE email LIKE 'Ann%' OR name NOT LIKE $1"),
            ["LIKE 'Ann%'", "NOT LIKE $1"]
        );
        assert_eq!(
            flagged_text(&RULE, "SELECT * FROM users WHERE lower(email) LIKE 'Ann%'"),
            ["LIKE 'Ann%'"]
        );
        assert_eq!(
            flagged_text(&RULE, "SELECT * FROM t WHERE path LIKE E'%\\\\docs%'"),
            ["LIKE E'%\\\\docs%'"]
        );
        assert_eq!(
            flagged_text(&RULE, "SELECT * FROM t WHERE name LIKE concat('a', x)"),
            ["LIKE concat('a', x)"]
        );
    }

    #[test]
    fn ignores_matches_in_one_case_and_patterns_without_letters() {
        for sql in [
            "SELECT * FROM users WHERE lower(email) LIKE '%@example.com'",
            "SELECT * FROM users WHERE upper(code) LIKE 'AB_%'",
            "SELECT * FROM users WHERE lower(name) LIKE lower($1)",
            "SELECT * FROM t WHERE phone LIKE '+44%'",
            "SELECT * FROM t WHERE path LIKE E'%\\\\%'",
            "SELECT 'a LIKE b' FROM t -- x LIKE 'A%'",
            "CREATE TABLE t2 (LIKE t)",
        ] {
            assert!(flagged_text(&RULE, sql).is_empty(), "{sql}");
        }
    }
}
