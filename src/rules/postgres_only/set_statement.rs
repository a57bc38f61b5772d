//! `SET search_path = …`, `SET LOCAL …`, `RESET …`, `SET TIME ZONE`:
//! PostgreSQL session settings. SQLite has no SET statement (its settings are
//! PRAGMAs on the connection).

use crate::diagnostic::{Engine, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{Rule, Sink};
use crate::syntax::model::head::Verb;
use sqlparser::keywords::Keyword;

pub static RULE: Rule = Rule {
    id: "set-statement",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "`SET`/`RESET` session settings: SQLite has no SET statement",
    check,
    triggers: &[Keyword::SET, Keyword::RESET],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    if !ctx
        .model()
        .head
        .as_ref()
        .is_some_and(|h| matches!(h.verb, Verb::Set | Verb::Reset))
    {
        return;
    }
    out.report(
        ctx.span.clone(),
        "`SET`/`RESET` changes a PostgreSQL session setting; SQLite has no SET statement",
        "configure the session where the storage code opens its connections (for sqlx, `PgConnectOptions::options`), not in a migration",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_session_settings_only() {
        assert_eq!(
            flagged(
                &RULE,
                "SET search_path = app, public; UPDATE t SET a = 1; RESET ALL"
            ),
            ["SET search_path = app, public", "RESET ALL"]
        );
    }
}
