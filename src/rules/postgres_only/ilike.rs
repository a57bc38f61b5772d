//! `ILIKE` and `~~*`: PostgreSQL's case-insensitive LIKE. SQLite rejects it
//! (its own LIKE is already case-insensitive for ASCII, PostgreSQL's is not).

use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "ilike",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`ILIKE`: SQLite rejects it; compare `lower(x) LIKE lower(pattern)`",
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for (i, token) in ctx.tokens.iter().enumerate() {
        let operator = ctx.is_word(i, "ILIKE")
            || matches!(
                token.kind,
                SqlToken::DoubleTildeAsterisk | SqlToken::ExclamationMarkDoubleTildeAsterisk
            );
        if !operator {
            continue;
        }
        out.report(
            token.span.clone(),
            format!("`{}` is PostgreSQL's case-insensitive LIKE; SQLite rejects it", ctx.text(&token.span)),
            "write `lower(x) LIKE lower(pattern)`, which means the same on both engines",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_ilike_outside_strings() {
        assert_eq!(flagged(&RULE, "SELECT * FROM t WHERE a ILIKE 'x%' AND b NOT ilike 'ILIKE'"), ["ILIKE", "ilike"]);
        assert!(flagged(&RULE, "SELECT ilike_count FROM t -- ILIKE").is_empty());
    }
}
