//! `EXCLUDE USING gist (room WITH =, during WITH &&)`: PostgreSQL's
//! exclusion constraints. SQLite has none.

use sqlparser::keywords::Keyword;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "exclusion-constraint",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`EXCLUDE USING …` exclusion constraints: SQLite has none",
    check,
    triggers: &[Keyword::EXCLUDE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !(ctx.is_word(0, "CREATE") || ctx.is_word(0, "ALTER")) {
        return;
    }
    for i in 1..ctx.tokens.len() {
        let opens_constraint = matches!(ctx.tokens[i - 1].kind, sqlparser::tokenizer::Token::Comma | sqlparser::tokenizer::Token::LParen)
            || ctx.is_word(i - 1, "ADD")
            || i >= 2 && ctx.is_word(i - 2, "CONSTRAINT");
        // `EXCLUDE USING …` or `EXCLUDE (…)`; a column named exclude has a type next.
        let constraint_follows = ctx.is_word(i + 1, "USING")
            || ctx.tokens.get(i + 1).is_some_and(|t| t.kind == sqlparser::tokenizer::Token::LParen);
        if !(ctx.is_word(i, "EXCLUDE") && opens_constraint && constraint_follows) {
            continue;
        }
        let end = if ctx.is_word(i + 1, "USING") { i + 2 } else { i };
        out.report(
            ctx.token_span(i, end.min(ctx.tokens.len() - 1)),
            "exclusion constraints are PostgreSQL-only; SQLite rejects `EXCLUDE`",
            "check for overlaps in the storage code, inside the transaction that writes the row",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_exclude_constraints() {
        assert_eq!(
            flagged(&RULE, "CREATE TABLE b (room int, during tsrange, EXCLUDE USING gist (room WITH =, during WITH &&))"),
            ["EXCLUDE USING gist"]
        );
        assert!(flagged(&RULE, "CREATE TABLE b (exclude int); SELECT 'EXCLUDE'").is_empty());
    }
}
