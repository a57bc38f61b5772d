//! `CAST(x AS INTEGER)`: SQLite truncates a fraction toward zero (3.9 → 3),
//! PostgreSQL rounds (3.9 → 4); text with a fraction (`'3.9'`) becomes 3 on
//! SQLite and an error on PostgreSQL.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::token_scan::{targets_both_engines, word};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "integer-cast",
    group: "semantics",
    severity: Severity::Warning,
    targets: &[Engine::Sqlite, Engine::Postgres],
    summary: "`CAST(x AS INTEGER)` truncates on SQLite but rounds on PostgreSQL",
    check,
    ..Rule::DEFAULT
};

const INTEGER_TYPES: &[&str] = &[
    "INT", "INTEGER", "BIGINT", "SMALLINT", "INT2", "INT4", "INT8", "MEDIUMINT", "TINYINT",
];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !targets_both_engines(ctx) {
        return;
    }
    for cast in 0..ctx.tokens.len() {
        if !word(ctx, cast).is_some_and(|w| w.eq_ignore_ascii_case("cast"))
            || ctx.tokens.get(cast + 1).map(|t| &t.kind) != Some(&SqlToken::LParen)
        {
            continue;
        }
        let Some(close) = ctx.matching_paren(cast + 1) else {
            continue;
        };
        let Some(as_index) = top_level_as(ctx, cast + 2, close) else {
            continue;
        };
        let target = word(ctx, as_index + 1).map(str::to_ascii_uppercase);
        if !target.is_some_and(|t| INTEGER_TYPES.contains(&t.as_str()))
            || is_whole_number(ctx, cast + 2, as_index)
        {
            continue;
        }
        out.report(
            ctx.token_span(cast, close),
            "casting a value with a fraction to an integer truncates on SQLite (3.9 → 3) but rounds on PostgreSQL (3.9 → 4); text like '3.9' fails there",
            "say which you mean: `CAST(round(x) AS BIGINT)` rounds on both engines; for truncation, compute the value in the storage code",
        );
    }
}

/// The `AS` of `CAST(… AS type)` at the cast's own level.
fn top_level_as(ctx: &StatementCtx, from: usize, close: usize) -> Option<usize> {
    let mut depth = 0usize;
    for i in from..close {
        match ctx.tokens[i].kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen => depth = depth.saturating_sub(1),
            _ if depth == 0 && ctx.keyword(i) == Some(Keyword::AS) => return Some(i),
            _ => {}
        }
    }
    None
}

/// A lone integer literal or placeholder casts the same on both engines,
/// and so does a value already rounded with `round(…)`.
fn is_whole_number(ctx: &StatementCtx, first: usize, end: usize) -> bool {
    if end == first + 1 {
        return match &ctx.tokens[first].kind {
            SqlToken::Number(n, _) => !n.contains(['.', 'e', 'E']),
            SqlToken::Placeholder(_) => true,
            _ => false,
        };
    }
    word(ctx, first).is_some_and(|w| w.eq_ignore_ascii_case("round"))
        && ctx.matching_paren(first + 1) == Some(end - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged_text;

    #[test]
    fn flags_casts_of_values_that_may_have_a_fraction() {
        assert_eq!(
            flagged_text(
                &RULE,
                "SELECT CAST(price * 1.1 AS INTEGER), cast(x as bigint), CAST(t.v AS TEXT) FROM t"
            ),
            ["CAST(price * 1.1 AS INTEGER)", "cast(x as bigint)"]
        );
        assert_eq!(flagged_text(&RULE, "SELECT CAST(3.9 AS INT)"), ["CAST(3.9 AS INT)"]);
    }

    #[test]
    fn ignores_whole_numbers_rounded_values_and_other_types() {
        for sql in [
            "SELECT CAST(3 AS INTEGER), CAST($1 AS BIGINT), CAST(round(x * 1.1) AS BIGINT) FROM t",
            "SELECT CAST(x AS REAL), CAST(x AS TEXT) FROM t",
            "SELECT 'CAST(x AS INTEGER)' FROM t",
        ] {
            assert!(flagged_text(&RULE, sql).is_empty(), "{sql}");
        }
    }
}
