//! `x GLOB 'a*'`: SQLite's case-sensitive Unix-style pattern match.
//! PostgreSQL has no GLOB operator.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "glob-operator",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "the `GLOB` operator is SQLite-only",
    check,
    triggers: &[Keyword::GLOB],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    for i in 1..ctx.tokens.len() {
        // An operator between two operands, not a column named `glob`.
        let infix = ctx.is_word(i, "GLOB")
            && !matches!(ctx.tokens[i - 1].kind, SqlToken::Comma | SqlToken::LParen)
            && !ctx.is_word(i - 1, "SELECT")
            && ctx.tokens.get(i + 1).is_some_and(|t| {
                !matches!(t.kind, SqlToken::Comma | SqlToken::RParen | SqlToken::SemiColon)
            })
            && !ctx.is_word(i + 1, "FROM");
        if !infix {
            continue;
        }
        // `x NOT GLOB p` is one operator.
        let start = if ctx.is_word(i - 1, "NOT") { i - 1 } else { i };
        out.report(
            ctx.token_span(start, i),
            "`GLOB` is a SQLite operator; PostgreSQL rejects it as a syntax error",
            "for a prefix or suffix test write `substr(x, 1, 4) = 'abc/'` (case-sensitive on both engines); `LIKE` \
             runs on both but ignores ASCII case on SQLite and not on PostgreSQL, and spells `*`/`?` as `%`/`_`",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::flagged;

    #[test]
    fn flags_glob_and_not_glob() {
        let sql = "DELETE FROM a WHERE p GLOB '*x*' OR q NOT GLOB 'y?';";
        assert_eq!(flagged(&super::RULE, sql), ["GLOB", "NOT GLOB"]);
        assert!(flagged(&super::RULE, "SELECT 'a GLOB b' FROM t;").is_empty());
        assert!(flagged(&super::RULE, "SELECT glob, x FROM t;").is_empty());
    }
}
