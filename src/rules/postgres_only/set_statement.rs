//! `SET search_path = …`, `SET LOCAL …`, `RESET …`, `SET TIME ZONE`:
//! PostgreSQL session settings. SQLite has no SET statement (its settings are
//! PRAGMAs on the connection).

use sqlparser::keywords::Keyword;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

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
    if !(ctx.is_word(0, "SET") || ctx.is_word(0, "RESET")) {
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
            flagged(&RULE, "SET search_path = app, public; UPDATE t SET a = 1; RESET ALL"),
            ["SET search_path = app, public", "RESET ALL"]
        );
    }
}
