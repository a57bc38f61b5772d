//! `PRAGMA …`: SQLite's connection and schema settings. PostgreSQL has no
//! PRAGMA statement, and a setting made in a migration does not reach the
//! connections the application opens later anyway.

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::Verb;

pub static RULE: Rule = Rule {
    id: "pragma",
    group: "policy",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`PRAGMA` statements are SQLite-only and belong in the connection setup",
    check,
    triggers: &[Keyword::PRAGMA],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !ctx
        .model()
        .head
        .as_ref()
        .is_some_and(|h| h.verb == Verb::Pragma)
    {
        return;
    }
    out.report(
        ctx.span.clone(),
        "`PRAGMA` is SQLite-only; PostgreSQL rejects it as a syntax error",
        "set it where the storage code opens its SQLite connections (for sqlx, `SqliteConnectOptions::pragma` or `foreign_keys(true)`), not in a migration",
    );
}
