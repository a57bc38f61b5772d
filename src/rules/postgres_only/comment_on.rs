//! `COMMENT ON TABLE|COLUMN …`: PostgreSQL's catalog comments. SQLite has no
//! such statement.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::Verb;
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "comment-on",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`COMMENT ON`: SQLite has no catalog comments",
    check,
    triggers: &[Keyword::COMMENT],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !ctx
        .model()
        .head
        .as_ref()
        .is_some_and(|h| h.verb == Verb::Comment)
    {
        return;
    }
    out.report(
        ctx.span.clone(),
        "`COMMENT ON` is PostgreSQL-only; SQLite rejects it",
        "write the note as a SQL comment (`-- …`) next to the column's definition",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_the_statement_not_sql_comments() {
        assert_eq!(
            flagged(
                &RULE,
                "-- COMMENT ON TABLE t IS 'x';\nCOMMENT ON COLUMN t.a IS 'the a';"
            ),
            ["COMMENT ON COLUMN t.a IS 'the a'"]
        );
        assert!(flagged(&RULE, "CREATE TABLE comment (on_it int)").is_empty());
    }
}
