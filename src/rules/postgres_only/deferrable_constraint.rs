//! `PRIMARY KEY (…) DEFERRABLE`, `UNIQUE (…) DEFERRABLE INITIALLY DEFERRED`:
//! PostgreSQL defers checking these table constraints to the commit. SQLite
//! defers only foreign keys and rejects DEFERRABLE on other table
//! constraints.

use sqlparser::keywords::Keyword;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "deferrable-constraint",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`DEFERRABLE` on a PRIMARY KEY, UNIQUE or CHECK table constraint: SQLite defers only foreign keys",
    check,
    triggers: &[Keyword::DEFERRABLE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let Some(kind) = ctx.ddl_object_kind() else {
        return;
    };
    let in_table = ctx.is_word(kind, "TABLE") && (ctx.is_word(0, "CREATE") || ctx.is_word(0, "ALTER"));
    if !in_table {
        return;
    }
    let Some(open) = (kind..ctx.tokens.len()).find(|&i| ctx.tokens[i].kind == sqlparser::tokenizer::Token::LParen) else {
        return;
    };
    let close = ctx.matching_paren(open).unwrap_or(ctx.tokens.len());
    for element in ctx.split_top_level(open + 1..close) {
        if element.is_empty() {
            continue;
        }
        let mut first = element.start;
        if ctx.is_word(first, "CONSTRAINT") {
            first += 2;
        }
        if !["PRIMARY", "UNIQUE", "CHECK", "EXCLUDE"].iter().any(|w| ctx.is_word(first, w)) {
            continue;
        }
        let Some(deferrable) = (first..element.end).find(|&i| ctx.is_word(i, "DEFERRABLE") && !ctx.is_word(i - 1, "NOT")) else {
            continue;
        };
        let mut end = deferrable;
        if ctx.words_at(end + 1, &["INITIALLY", "DEFERRED"]) || ctx.words_at(end + 1, &["INITIALLY", "IMMEDIATE"]) {
            end += 2;
        }
        out.report(
            ctx.token_span(deferrable, end),
            "`DEFERRABLE` on a key or check constraint is PostgreSQL-only; SQLite defers only foreign keys",
            "drop `DEFERRABLE` and order the statements so the constraint holds after each one",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_deferrable_keys_not_foreign_keys() {
        assert_eq!(
            flagged(&RULE, "CREATE TABLE x (a int, b int, UNIQUE (a) DEFERRABLE INITIALLY DEFERRED, CONSTRAINT f FOREIGN KEY (b) REFERENCES t (id) DEFERRABLE INITIALLY DEFERRED)"),
            ["DEFERRABLE INITIALLY DEFERRED"]
        );
        assert!(flagged(&RULE, "CREATE TABLE x (a int, PRIMARY KEY (a) NOT DEFERRABLE)").is_empty());
    }
}
