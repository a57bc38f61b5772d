//! `CREATE|DROP|ALTER|REFRESH MATERIALIZED VIEW`: SQLite has only plain views.

use sqlparser::keywords::Keyword;
use crate::rules::context::StatementCtx;
use crate::diagnostic::{Engine, Severity};
use crate::rules::{Rule, Sink};

pub static RULE: Rule = Rule {
    id: "materialized-view",
    group: "postgres_only",
    severity: Severity::Error,
    targets: &[Engine::Sqlite],
    summary: "materialized views: SQLite has only plain views",
    check,
    triggers: &[Keyword::MATERIALIZED],
    ..Rule::DEFAULT
};

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let verb = ["CREATE", "DROP", "ALTER", "REFRESH"].iter().any(|v| ctx.is_word(0, v));
    let Some(at) = ctx.find_words(1..ctx.tokens.len().min(4), &["MATERIALIZED", "VIEW"]) else {
        return;
    };
    if !verb {
        return;
    }
    out.report(
        ctx.token_span(0, at + 1),
        "materialized views are PostgreSQL-only; SQLite rejects `MATERIALIZED VIEW`",
        "use a plain VIEW, or a summary table the storage code refreshes explicitly",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged;

    #[test]
    fn flags_every_verb() {
        assert_eq!(
            flagged(&RULE, "CREATE MATERIALIZED VIEW m AS SELECT 1; REFRESH MATERIALIZED VIEW CONCURRENTLY m; DROP MATERIALIZED VIEW m"),
            ["CREATE MATERIALIZED VIEW", "REFRESH MATERIALIZED VIEW", "DROP MATERIALIZED VIEW"]
        );
        assert!(flagged(&RULE, "CREATE VIEW materialized AS SELECT 1").is_empty());
    }
}
