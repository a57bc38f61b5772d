//! `DO $$ … $$`: an anonymous PL/pgSQL block. SQLite has no procedural
//! language; the body is opaque to dal-audit and never linted.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::Verb;
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "do-block",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`DO $$ … $$` anonymous PL/pgSQL blocks: SQLite has no procedural language",
    check,
    triggers: &[Keyword::DO],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !ctx
        .model()
        .head
        .as_ref()
        .is_some_and(|h| h.verb == Verb::Do)
    {
        return;
    }
    out.report(
        ctx.span.clone(),
        "`DO` runs an anonymous PL/pgSQL block; SQLite has no procedural language and rejects it",
        "write the block's statements as plain SQL, or do the conditional logic in the storage code (a Rust migration step)",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_the_whole_block_once() {
        let sql = "DO $body$ BEGIN IF NOT EXISTS (SELECT 1) THEN CREATE TYPE x AS ENUM ('a'); END IF; END $body$;\nSELECT 1;";
        assert_eq!(
            flagged(&RULE, sql),
            [sql.split(";\nSELECT").next().unwrap().trim_end_matches(';')]
        );
        assert!(flagged(&RULE, "SELECT 'do'; UPDATE t SET do_it = 1").is_empty());
    }
}
