//! `CREATE [OR REPLACE] FUNCTION|PROCEDURE`, `ALTER`/`DROP FUNCTION`, `CALL`:
//! PostgreSQL's server-side code. SQLite has no stored functions or
//! procedures (an application registers its functions on the connection).
//! The `$$` body is one token and is never linted.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "stored-function",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`CREATE/ALTER/DROP FUNCTION|PROCEDURE`, `CALL`: SQLite has no stored functions",
    check,
    triggers: &[Keyword::CALL, Keyword::FUNCTION, Keyword::PROCEDURE],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let end = if ctx.is_word(0, "CALL") {
        0
    } else {
        let Some(kind) = ctx.ddl_object_kind() else {
            return;
        };
        if !(ctx.is_word(kind, "FUNCTION") || ctx.is_word(kind, "PROCEDURE")) {
            return;
        }
        name_end(ctx, kind + 1)
    };
    out.report(
        ctx.token_span(0, end),
        format!("`{}`: SQLite has no stored functions or procedures", ctx.text(&ctx.token_span(0, end))),
        "move the function's logic into the storage code (Rust), where one implementation serves both engines; a function SQLite must call in SQL is registered on its connection",
    );
}

/// The last token of `[IF EXISTS] name` starting at `i`.
fn name_end(ctx: &StatementCtx, mut i: usize) -> usize {
    if ctx.words_at(i, &["IF", "EXISTS"]) {
        i += 2;
    }
    while ctx.tokens.get(i + 1).is_some_and(|t| t.kind == SqlToken::Period) {
        i += 2;
    }
    i.min(ctx.tokens.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_definitions_drops_and_calls() {
        assert_eq!(
            flagged(
                &RULE,
                "create or replace function public.f() returns trigger as $func$ begin update t set a = 1; return new; end; $func$ language plpgsql;\n\
                 DROP FUNCTION IF EXISTS f(int); CALL p(1);"
            ),
            ["create or replace function public.f", "DROP FUNCTION IF EXISTS f", "CALL"]
        );
    }

    #[test]
    fn the_dollar_body_is_not_linted_and_other_statements_are_silent() {
        // The body holds `CREATE FUNCTION` text: it is one token.
        assert_eq!(flagged(&RULE, "CREATE FUNCTION f() RETURNS int AS $$ CREATE FUNCTION g() $$ LANGUAGE sql").len(), 1);
        assert!(flagged(&RULE, "SELECT 'CREATE FUNCTION f()'; CREATE TABLE function (a int)").is_empty());
    }
}
