//! `LOCK [TABLE] t IN … MODE`: PostgreSQL's explicit table locks. SQLite
//! locks the whole database per transaction and has no LOCK statement.

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::Verb;
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "lock-table",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`LOCK TABLE`: SQLite has no table locks",
    check,
    triggers: &[Keyword::LOCK],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !ctx
        .model()
        .head
        .as_ref()
        .is_some_and(|h| h.verb == Verb::Lock)
    {
        return;
    }
    out.report(
        ctx.span.clone(),
        "`LOCK TABLE` is PostgreSQL-only; SQLite rejects it",
        "rely on the migration's transaction; where PostgreSQL needs the lock, take it in storage code that knows the engine",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_lock_statements() {
        assert_eq!(
            flagged(
                &RULE,
                "LOCK TABLE \"T\" IN ACCESS EXCLUSIVE MODE; SELECT lock FROM t"
            ),
            ["LOCK TABLE \"T\" IN ACCESS EXCLUSIVE MODE"]
        );
    }
}
