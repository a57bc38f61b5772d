//! `WITH x AS (INSERT|UPDATE|DELETE … RETURNING …) …`: PostgreSQL's
//! data-modifying common table expressions. SQLite's WITH takes only SELECT.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "data-modifying-cte",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`WITH x AS (INSERT/UPDATE/DELETE …)`: SQLite's WITH takes only SELECT",
    check,
    triggers: &[Keyword::WITH],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !ctx.is_word(0, "WITH") {
        return;
    }
    for i in 1..ctx.tokens.len() {
        let opens_cte = ctx.is_word(i, "AS")
            && ctx.tokens.get(i + 1).is_some_and(|t| t.kind == SqlToken::LParen)
            || ctx.words_at(i, &["AS", "MATERIALIZED"])
            || ctx.words_at(i, &["AS", "NOT", "MATERIALIZED"]);
        if !opens_cte {
            continue;
        }
        let Some(open) = (i + 1..ctx.tokens.len()).find(|&j| ctx.tokens[j].kind == SqlToken::LParen) else {
            continue;
        };
        let verb = open + 1;
        if !["INSERT", "UPDATE", "DELETE"].iter().any(|w| ctx.is_word(verb, w)) {
            continue;
        }
        let close = ctx.matching_paren(open).unwrap_or(verb);
        out.report(
            ctx.token_span(verb, close.saturating_sub(1).max(verb)),
            format!("`{}` inside WITH: SQLite's common table expressions take only SELECT", ctx.text(&ctx.tokens[verb].span)),
            "run the INSERT/UPDATE/DELETE as its own statement (in the same transaction) and use its RETURNING rows from the storage code",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_modifying_ctes() {
        assert_eq!(
            flagged(&RULE, "WITH x AS ( INSERT INTO p (n) SELECT 'a' RETURNING id ), y AS (SELECT 1) SELECT * FROM x"),
            ["INSERT INTO p (n) SELECT 'a' RETURNING id"]
        );
        assert!(flagged(&RULE, "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x").is_empty());
    }
}
