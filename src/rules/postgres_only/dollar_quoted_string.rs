//! `$$text$$` / `$tag$text$tag$` used as a string outside a function body or
//! DO block (those statements are reported whole by `stored-function` and
//! `do-block`). SQLite has no dollar quoting: it reads `$name` as a
//! parameter, so it rejects the text or silently binds NULL.

use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "dollar-quoted-string",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`$$text$$` dollar-quoted strings: SQLite reads `$…` as a parameter",
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let is_routine = ctx.is_word(0, "DO")
        || ctx.ddl_object_kind().is_some_and(|k| ["FUNCTION", "PROCEDURE"].iter().any(|w| ctx.is_word(k, w)));
    if is_routine {
        return;
    }
    for token in ctx.tokens {
        if matches!(token.kind, SqlToken::DollarQuotedString(_)) {
            out.report(
                token.span.clone(),
                "dollar-quoted strings are PostgreSQL-only; SQLite reads `$…` as a parameter and rejects the text (or binds NULL)",
                "write a plain string (`'…'`, doubling any `'` inside), which both engines read",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_dollar_strings_outside_routines() {
        assert_eq!(
            flagged(&RULE, "INSERT INTO t (b) VALUES ($$it's$$); COMMENT ON TABLE t IS $x$a b$x$"),
            ["$$it's$$", "$x$a b$x$"]
        );
        assert!(flagged(&RULE, "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql; DO $$ BEGIN END $$; SELECT '$$'").is_empty());
    }
}
