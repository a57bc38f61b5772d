//! `CREATE [OR REPLACE] FUNCTION|PROCEDURE`, `ALTER`/`DROP FUNCTION`, `CALL`:
//! PostgreSQL's server-side code. SQLite has no stored functions or
//! procedures (an application registers its functions on the connection).
//! The `$$` body is one token and is never linted.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::{ObjectKind, Verb};

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
    let Some(head) = ctx.model().head.as_ref() else {
        return;
    };
    let span = if head.verb == Verb::Call {
        head.verb_span.clone()
    } else if matches!(
        head.ddl_object(),
        Some(ObjectKind::Function | ObjectKind::Procedure)
    ) {
        head.through_name()
    } else {
        return;
    };
    out.report(
        span.clone(),
        format!("`{}`: SQLite has no stored functions or procedures", ctx.text(&span)),
        "move the function's logic into the storage code (Rust), where one implementation serves both engines; a function SQLite must call in SQL is registered on its connection",
    );
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
            [
                "create or replace function public.f",
                "DROP FUNCTION IF EXISTS f",
                "CALL"
            ]
        );
    }

    #[test]
    fn the_dollar_body_is_not_linted_and_other_statements_are_silent() {
        // The body holds `CREATE FUNCTION` text: it is one token.
        assert_eq!(
            flagged(
                &RULE,
                "CREATE FUNCTION f() RETURNS int AS $$ CREATE FUNCTION g() $$ LANGUAGE sql"
            )
            .len(),
            1
        );
        assert!(
            flagged(
                &RULE,
                "SELECT 'CREATE FUNCTION f()'; CREATE TABLE function (a int)"
            )
            .is_empty()
        );
    }
}
